import JSONCore

/// A definition or template that could not be loaded: what went wrong and where.
///
/// Printed as `file:line:col: message` (or `file: message` when there is no position), which is
/// what `sfdbg` shows before exiting with status 2.
public struct LoadError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What was found and what was expected.
  public var message: String
  /// The file the problem is in (as given by the user or resolved relative to a template).
  public var file: String
  /// Where in `file`, when known.
  public var position: SourcePosition?
  /// The JSON pointer of the offending value, when known.
  public var pointer: JSONPointer?

  public init(
    _ message: String, file: String, position: SourcePosition? = nil, pointer: JSONPointer? = nil
  ) {
    self.message = message
    self.file = file
    self.position = position
    self.pointer = pointer
  }

  public var description: String {
    var text = SourcePosition.locate(file, position) + ": " + message
    if let pointer, !pointer.tokens.isEmpty { text += " (at \(pointer))" }
    return text
  }
}
