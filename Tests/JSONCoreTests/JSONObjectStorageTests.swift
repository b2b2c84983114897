import Testing

@testable import JSONCore

/// The object storage: insertion order, copy-on-write, the key index of large objects.
@Suite struct JSONObjectStorageTests {
  @Test func keepsInsertionOrderAndReplacesInPlace() {
    var o = JSONObject()
    o["b"] = 1
    o["a"] = 2
    o["c"] = 3
    o["a"] = 20
    #expect(Array(o.keys) == ["b", "a", "c"])
    #expect(o["a"] == 20)
    #expect(o.storage.index(forKey: "c") == 2)
    #expect(o.storage.index(forKey: "zz") == nil)
    #expect(o.values == [1, 20, 3])
  }

  @Test func copiesAreIndependent() {
    var a = JSONObject([("x", 1), ("y", 2)])
    let b = a
    a["x"] = 10
    a["z"] = 3
    a.storage.values[1] = 20
    #expect(b["x"] == 1 && b["y"] == 2 && b["z"] == nil && b.count == 2)
    #expect(a["x"] == 10 && a["y"] == 20 && a["z"] == 3 && a.count == 3)
  }

  @Test func removingKeepsTheOrderOfTheRest() {
    var o = JSONObject([("a", 1), ("b", 2), ("c", 3)])
    let copy = o
    #expect(o.removeValue(forKey: "b") == 2)
    #expect(o.removeValue(forKey: "b") == nil)
    #expect(Array(o.keys) == ["a", "c"])
    #expect(copy.count == 3)
    o["a"] = nil
    #expect(Array(o.keys) == ["c"])
  }

  @Test func largeObjectsKeepAnIndexThroughGrowthAndRemoval() {
    var o = JSONObject()
    for i in 0..<100 { o["k\(i)"] = .int(i) }
    #expect(o.count == 100)
    #expect(o.storage.buffer.header.index != nil)
    for i in stride(from: 0, to: 100, by: 7) { #expect(o["k\(i)"] == .int(i)) }
    let before = o
    for i in stride(from: 0, to: 100, by: 2) { o.removeValue(forKey: "k\(i)") }
    #expect(o.count == 50)
    #expect(o["k2"] == nil && o["k3"] == 3 && o["k99"] == 99)
    #expect(o.storage.index(forKey: "k3") == 1)
    #expect(before.count == 100 && before["k2"] == 2)
    while o.count > 3 { o.removeValue(forKey: o.keys[0]) }
    #expect(o.storage.buffer.header.index == nil)
    #expect(Array(o.keys) == ["k95", "k97", "k99"])
  }

  @Test func duplicatePairsKeepTheFirstPositionAndTheLastValue() {
    let o = JSONObject([("a", 1), ("b", 2), ("a", 3)])
    #expect(Array(o.keys) == ["a", "b"])
    #expect(o["a"] == 3)
  }

  @Test func equalityIgnoresOrderAndHashingAgrees() {
    let a = JSONObject([("x", 1), ("y", [true, nil])])
    let b = JSONObject([("y", [true, nil]), ("x", 1)])
    #expect(a == b)
    #expect(a.hashValue == b.hashValue)
    #expect(a != JSONObject([("x", 1)]))
  }

  @Test func parsedObjectsOfEverySizeRoundTrip() throws {
    for size in [0, 1, 16, 17, 40] {
      let members = (0..<size).map { "\"m\($0)\":\($0)" }.joined(separator: ",")
      let text = "{" + members + "}"
      let value = try JSONParser.parse(Array(text.utf8))
      #expect(value.compactString == text)
      guard case .object(let o) = value else {
        Issue.record("not an object")
        continue
      }
      #expect(o.count == size)
      if size > 0 { #expect(o["m\(size - 1)"] == .int(size - 1)) }
    }
  }

  @Test func membersAreReadInPlace() {
    let o = JSONObject([("a", 1), ("b", "two")])
    let keys = o.storage.withMembers { members in members.map(\.key) }
    #expect(keys == ["a", "b"])
    #expect(o.storage.element(at: 1).value == "two")
  }
}
