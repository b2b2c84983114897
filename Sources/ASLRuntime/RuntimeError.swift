/// Errors of the runtime's service API, named like AWS Step Functions' API errors.
public struct RuntimeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// AWS's error code, e.g. `TaskDoesNotExist`, `InvalidToken`, `TaskTimedOut`, `InvalidOutput`,
  /// `StateMachineDoesNotExist`, `ExecutionAlreadyExists`, `ExecutionDoesNotExist`.
  public var code: String
  public var message: String

  public init(_ code: String, _ message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { "\(code): \(message)" }

  static func taskDoesNotExist(_ token: String) -> RuntimeError {
    RuntimeError("TaskDoesNotExist", "Task Does Not Exist: no pending task has the token '\(abbreviate(token))'")
  }
  static func taskTimedOut(_ token: String) -> RuntimeError {
    RuntimeError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore' (token '\(abbreviate(token))')")
  }
  static func invalidToken(_ token: String) -> RuntimeError {
    RuntimeError("InvalidToken", "Invalid Token: '\(abbreviate(token))' is not a task token")
  }

  public static func abbreviate(_ token: String) -> String {
    token.count > 24 ? String(token.prefix(12)) + "…" + String(token.suffix(6)) : token
  }
}
