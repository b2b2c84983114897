/// The members of a JSON object, in insertion order, in one copy-on-write buffer.
///
/// Keys and values sit side by side in a single allocation, so copying an object (which the
/// interpreter does for every payload it passes around) costs one retain, and building one (which
/// the parser does for every `{…}`) costs one allocation. Lookups scan the keys linearly up to
/// `indexThreshold` members; larger objects keep a key → position index.
public struct JSONObjectStorage: @unchecked Sendable {  // copy-on-write: a shared buffer is never mutated
  public typealias Element = (key: String, value: JSONValue)

  @usableFromInline
  struct Header {
    @usableFromInline var count: Int
    @usableFromInline var capacity: Int
    /// Key → position, for objects of more than `indexThreshold` members.
    @usableFromInline var index: [String: Int]?

    @usableFromInline init(count: Int, capacity: Int, index: [String: Int]?) {
      self.count = count
      self.capacity = capacity
      self.index = index
    }
  }

  @usableFromInline
  final class Buffer: ManagedBuffer<Header, Element> {
    deinit {
      _ = withUnsafeMutablePointers { header, elements in
        elements.deinitialize(count: header.pointee.count)
      }
    }
  }

  /// Objects up to this many members are searched by scanning their keys.
  @usableFromInline static let indexThreshold = 16

  @usableFromInline var buffer: Buffer

  @usableFromInline nonisolated(unsafe) static let emptyBuffer: Buffer = makeBuffer(capacity: 0)

  @inlinable
  static func makeBuffer(capacity: Int) -> Buffer {
    let made = Buffer.create(minimumCapacity: capacity) { _ in
      Header(count: 0, capacity: capacity, index: nil)
    }
    return unsafeDowncast(made, to: Buffer.self)
  }

  /// An empty object.
  @inlinable public init() { buffer = Self.emptyBuffer }

  /// An empty object with room for `minimumCapacity` members.
  @inlinable
  public init(minimumCapacity: Int) {
    buffer = minimumCapacity == 0 ? Self.emptyBuffer : Self.makeBuffer(capacity: minimumCapacity)
  }

  /// Members built in place: `body` initialises `count` elements (keys must be unique).
  @inlinable
  public init(
    uncheckedUniqueCount count: Int, initializingWith body: (UnsafeMutablePointer<Element>) -> Void
  ) {
    guard count > 0 else {
      buffer = Self.emptyBuffer
      return
    }
    buffer = Self.makeBuffer(capacity: count)
    buffer.withUnsafeMutablePointers { header, elements in
      body(elements)
      header.pointee.count = count
    }
    if count > Self.indexThreshold { rebuildIndex() }
  }

  /// Members from `pairs`; a repeated key keeps its first position and its last value.
  public init(_ pairs: some Sequence<(String, JSONValue)>) {
    self.init(minimumCapacity: pairs.underestimatedCount)
    for (key, value) in pairs { self[key] = value }
  }

  // MARK: Reading

  // The header is read through a pointer: `ManagedBuffer.header` is a class `var`, and each
  // access to it would be checked for exclusivity at run time.
  @inlinable public var count: Int { buffer.withUnsafeMutablePointerToHeader { $0.pointee.count } }
  @inlinable public var isEmpty: Bool { count == 0 }

  /// The position of `key`, if present.
  @inlinable
  public func index(forKey key: String) -> Int? {
    buffer.withUnsafeMutablePointers { header, elements in
      if let index = header.pointee.index { return index[key] }
      for i in 0..<header.pointee.count where elements[i].key == key { return i }
      return nil
    }
  }

  /// The value of `key`; setting nil removes the member, setting a new key appends it.
  @inlinable
  public subscript(key: String) -> JSONValue? {
    get { index(forKey: key).map(value(at:)) }
    set {
      if let newValue {
        updateValue(newValue, forKey: key)
      } else {
        removeValue(forKey: key)
      }
    }
  }

  /// The member at `position`.
  @inlinable
  public func element(at position: Int) -> Element {
    precondition(position >= 0 && position < count, "JSON object position out of range")
    return buffer.withUnsafeMutablePointers { _, elements in elements[position] }
  }

  /// The value at `position`.
  @inlinable
  public func value(at position: Int) -> JSONValue {
    precondition(position >= 0 && position < count, "JSON object position out of range")
    return buffer.withUnsafeMutablePointers { _, elements in elements[position].value }
  }

  /// Calls `body` with the members in place (no copies; `body` must not keep the pointer).
  @inlinable
  public func withMembers<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
    try buffer.withUnsafeMutablePointers { header, elements in
      try body(UnsafeBufferPointer(start: elements, count: header.pointee.count))
    }
  }

  // MARK: Writing

  /// Makes the buffer unique with room for `minimumCapacity` members.
  @inlinable
  mutating func makeUnique(minimumCapacity: Int) {
    let (count, capacity) = buffer.withUnsafeMutablePointerToHeader {
      ($0.pointee.count, $0.pointee.capacity)
    }
    let unique = isKnownUniquelyReferenced(&buffer)
    if unique, capacity >= minimumCapacity { return }
    let newCapacity = capacity >= minimumCapacity ? capacity : Swift.max(minimumCapacity, capacity * 2, 4)
    let fresh = Self.makeBuffer(capacity: newCapacity)
    fresh.withUnsafeMutablePointers { newHeader, newElements in
      buffer.withUnsafeMutablePointers { oldHeader, oldElements in
        if unique {
          newElements.moveInitialize(from: oldElements, count: count)
          oldHeader.pointee.count = 0
        } else {
          // Element by element: `initialize(from:count:)` copies tuples through generic witnesses.
          for i in 0..<count { (newElements + i).initialize(to: oldElements[i]) }
        }
        newHeader.pointee.count = count
        newHeader.pointee.index = oldHeader.pointee.index
      }
    }
    buffer = fresh
  }

  /// Replaces the value at `position`.
  @inlinable
  public mutating func setValue(_ value: JSONValue, at position: Int) {
    precondition(position >= 0 && position < count, "JSON object position out of range")
    makeUnique(minimumCapacity: 0)
    buffer.withUnsafeMutablePointers { _, elements in elements[position].value = value }
  }

  /// Sets `key` to `value` (appending a new key) and returns the previous value.
  @inlinable
  @discardableResult
  public mutating func updateValue(_ value: JSONValue, forKey key: String) -> JSONValue? {
    if let position = index(forKey: key) {
      makeUnique(minimumCapacity: 0)
      return buffer.withUnsafeMutablePointers { _, elements in
        let old = elements[position].value
        elements[position].value = value
        return old
      }
    }
    append(key: key, value: value)
    return nil
  }

  /// Appends a member whose key is known not to be present.
  @inlinable
  public mutating func append(key: String, value: JSONValue) {
    let count = self.count
    makeUnique(minimumCapacity: count + 1)
    buffer.withUnsafeMutablePointers { header, elements in
      (elements + count).initialize(to: (key: key, value: value))
      header.pointee.count = count + 1
      header.pointee.index?[key] = count
    }
    if count + 1 == Self.indexThreshold + 1 { rebuildIndex() }
  }

  /// Removes `key` and returns its value.
  @inlinable
  @discardableResult
  public mutating func removeValue(forKey key: String) -> JSONValue? {
    guard let position = index(forKey: key) else { return nil }
    makeUnique(minimumCapacity: 0)
    let removed = buffer.withUnsafeMutablePointers { header, elements -> JSONValue in
      let count = header.pointee.count
      let old = (elements + position).move()
      (elements + position).moveInitialize(from: elements + position + 1, count: count - position - 1)
      header.pointee.count = count - 1
      return old.value
    }
    if buffer.withUnsafeMutablePointerToHeader({ $0.pointee.index != nil }) { rebuildIndex() }
    return removed
  }

  @usableFromInline
  mutating func rebuildIndex() {
    buffer.withUnsafeMutablePointers { header, elements in
      let count = header.pointee.count
      guard count > Self.indexThreshold else {
        header.pointee.index = nil
        return
      }
      var index: [String: Int] = Dictionary(minimumCapacity: count)
      for i in 0..<count { index[elements[i].key] = i }
      header.pointee.index = index
    }
  }

  // MARK: Views

  /// The members in order (the storage itself is the collection).
  @inlinable public var elements: JSONObjectStorage { self }

  /// The keys in order.
  @inlinable public var keys: Keys { Keys(base: self) }

  /// The values in order; `values[i] = v` replaces a value in place.
  @inlinable
  public var values: Values {
    get { Values(base: self) }
    _modify {
      var view = Values(base: self)
      self = JSONObjectStorage()
      defer { self = view.base }
      yield &view
    }
  }

  /// The keys of an object, in order.
  public struct Keys: RandomAccessCollection, Sendable {
    @usableFromInline let base: JSONObjectStorage
    @inlinable init(base: JSONObjectStorage) { self.base = base }
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { base.count }
    @inlinable public subscript(position: Int) -> String { base.element(at: position).key }
  }

  /// The values of an object, in order.
  public struct Values: RandomAccessCollection, MutableCollection, Sendable {
    @usableFromInline var base: JSONObjectStorage
    @inlinable init(base: JSONObjectStorage) { self.base = base }
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { base.count }
    @inlinable
    public subscript(position: Int) -> JSONValue {
      get { base.value(at: position) }
      set { base.setValue(newValue, at: position) }
    }
  }
}

extension JSONObjectStorage: RandomAccessCollection {
  @inlinable public var startIndex: Int { 0 }
  @inlinable public var endIndex: Int { count }
  @inlinable public subscript(position: Int) -> Element { element(at: position) }
}
