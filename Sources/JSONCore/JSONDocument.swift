/// A parsed JSON document that remembers where every value (and every object key) came from.
public struct JSONDocument: Sendable {
  public var value: JSONValue
  /// Start position of each value, by JSON pointer.
  public var valuePositions: [JSONPointer: SourcePosition]
  /// Position of each object member's key, by the member's JSON pointer.
  public var keyPositions: [JSONPointer: SourcePosition]

  public init(
    value: JSONValue, valuePositions: [JSONPointer: SourcePosition] = [:],
    keyPositions: [JSONPointer: SourcePosition] = [:]
  ) {
    self.value = value
    self.valuePositions = valuePositions
    self.keyPositions = keyPositions
  }

  /// The best known position for `pointer`: the value itself, else its key, else the nearest ancestor.
  public func position(of pointer: JSONPointer) -> SourcePosition? {
    var p: JSONPointer? = pointer
    while let cur = p {
      if let pos = valuePositions[cur] ?? keyPositions[cur] { return pos }
      p = cur.parent
    }
    return nil
  }
}
