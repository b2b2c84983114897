import OrderedCollections

/// A JSON object: members in insertion (source) order, O(1) lookup by key.
///
/// Equality ignores member order (as JSON semantics and Step Functions comparisons do).
public struct JSONObject: Sendable {
  public var storage: OrderedDictionary<String, JSONValue>

  public init() { storage = [:] }
  public init(minimumCapacity: Int) { storage = OrderedDictionary(minimumCapacity: minimumCapacity) }
  public init(_ pairs: [(String, JSONValue)]) {
    storage = OrderedDictionary(pairs, uniquingKeysWith: { _, last in last })
  }
  public init(_ storage: OrderedDictionary<String, JSONValue>) { self.storage = storage }

  public subscript(key: String) -> JSONValue? {
    get { storage[key] }
    set { storage[key] = newValue }
  }

  public var keys: OrderedSet<String> { storage.keys }
  public var values: [JSONValue] { Array(storage.values) }
  public var count: Int { storage.count }
  public var isEmpty: Bool { storage.isEmpty }

  @discardableResult
  public mutating func removeValue(forKey key: String) -> JSONValue? { storage.removeValue(forKey: key) }
}

extension JSONObject: Sequence {
  public typealias Element = (key: String, value: JSONValue)
  public func makeIterator() -> AnyIterator<Element> {
    var it = storage.makeIterator()
    return AnyIterator { it.next().map { (key: $0.key, value: $0.value) } }
  }
}

extension JSONObject: Equatable {
  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    guard lhs.storage.count == rhs.storage.count else { return false }
    for (k, v) in lhs.storage {
      guard let w = rhs.storage[k], v == w else { return false }
    }
    return true
  }
}

extension JSONObject: Hashable {
  public func hash(into hasher: inout Hasher) {
    // Order-independent: combine member hashes commutatively.
    var acc = 0
    for (k, v) in storage {
      var h = Hasher()
      h.combine(k)
      h.combine(v)
      acc ^= h.finalize()
    }
    hasher.combine(storage.count)
    hasher.combine(acc)
  }
}
