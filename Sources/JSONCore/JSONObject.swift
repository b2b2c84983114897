/// A JSON object: members in insertion (source) order, lookup by key.
///
/// Equality ignores member order (as JSON semantics and Step Functions comparisons do).
public struct JSONObject: Sendable {
  public var storage: JSONObjectStorage

  @inlinable public init() { storage = JSONObjectStorage() }
  @inlinable public init(minimumCapacity: Int) { storage = JSONObjectStorage(minimumCapacity: minimumCapacity) }
  /// Members from `pairs`; a repeated key keeps its first position and its last value.
  public init(_ pairs: [(String, JSONValue)]) { storage = JSONObjectStorage(pairs) }
  @inlinable public init(_ storage: JSONObjectStorage) { self.storage = storage }

  @inlinable
  public subscript(key: String) -> JSONValue? {
    get { storage[key] }
    set { storage[key] = newValue }
  }

  @inlinable public var keys: JSONObjectStorage.Keys { storage.keys }
  public var values: [JSONValue] { Array(storage.values) }
  @inlinable public var count: Int { storage.count }
  @inlinable public var isEmpty: Bool { storage.isEmpty }

  @discardableResult
  public mutating func removeValue(forKey key: String) -> JSONValue? { storage.removeValue(forKey: key) }
}

extension JSONObject: Sequence {
  public typealias Element = (key: String, value: JSONValue)
  @inlinable public func makeIterator() -> IndexingIterator<JSONObjectStorage> { storage.makeIterator() }
  @inlinable public var underestimatedCount: Int { storage.count }
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
