/// A runtime error with AWS's error name and cause detail.
///
/// `cause` is the detail text AWS prints after the interpreter's
/// "An error occurred while executing the state 'X' (entered at the event id #N). " prefix.
public struct ASLRuntimeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The error name, e.g. `States.Runtime`, `States.IntrinsicFailure`.
  public var error: String
  /// The detail text.
  public var cause: String
  /// The field of the state whose evaluation failed (`Output/result`, `Items`, `Timestamp`), as
  /// AWS writes it in `EvaluationFailedEventDetails.location`; nil when the error names none.
  public var location: String?

  public init(error: String, cause: String, location: String? = nil) {
    self.error = error
    self.cause = cause
    self.location = location
  }

  /// `error: cause`.
  public var description: String { "\(error): \(cause)" }

  /// `States.Runtime` with the given cause.
  public static func runtime(_ cause: String) -> ASLRuntimeError {
    ASLRuntimeError(error: "States.Runtime", cause: cause)
  }

  /// `States.IntrinsicFailure` with the given cause.
  public static func intrinsicFailure(_ cause: String) -> ASLRuntimeError {
    ASLRuntimeError(error: "States.IntrinsicFailure", cause: cause)
  }
}
