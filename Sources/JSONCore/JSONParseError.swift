/// A JSON syntax error with the position where it was found.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What was found and what was expected, e.g. "expected ',' or '}' after object member, found ']'".
  public var message: String
  public var position: SourcePosition

  public var description: String { "\(position): \(message)" }
}
