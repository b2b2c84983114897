import JSONCore

/// One problem the validator found: where, which rule, and what was found versus expected.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
  /// How serious a finding is; only errors make a definition invalid.
  public enum Severity: String, Sendable {
    case error
    case warning
  }

  public var file: String
  /// Line and column in `file`, when known.
  public var position: SourcePosition?
  /// JSON pointer of the offending value, relative to the definition root.
  public var pointer: JSONPointer
  /// Rule identifier, e.g. `unknown-state`, `invalid-path`, `required-field`.
  public var rule: String
  /// What was found and what was expected.
  public var message: String
  public var severity: Severity = .error

  /// `file:line:col: error: message [rule] at /pointer`.
  public var description: String {
    SourcePosition.locate(file, position)
      + ": \(severity.rawValue): \(message) [\(rule)] at \(pointer.shownText)"
  }

  /// The diagnostic as a JSON object (for `sfdbg validate --json`).
  public var jsonValue: JSONValue {
    var o = JSONObject()
    o["file"] = .string(file)
    o["line"] = position.map { .int($0.line) } ?? .null
    o["column"] = position.map { .int($0.column) } ?? .null
    o["pointer"] = .string(pointer.description)
    o["rule"] = .string(rule)
    o["severity"] = .string(severity.rawValue)
    o["message"] = .string(message)
    return .object(o)
  }
}
