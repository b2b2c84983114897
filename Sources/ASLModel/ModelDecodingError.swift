import JSONCore

/// A definition that cannot be turned into the typed model: where it went wrong and what was
/// expected there.
public struct ModelDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The JSON pointer of the offending value (or of the object missing a field).
  public var pointer: JSONPointer
  /// What was found and what was expected, e.g. "expected a string for 'Next', found number".
  public var message: String

  public var description: String {
    pointer.tokens.isEmpty ? message : "\(pointer): \(message)"
  }
}
