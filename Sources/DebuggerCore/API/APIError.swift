import ASLRuntime

/// An AWS Step Functions API error: the exception name (`__type`), its message, and the HTTP
/// status AWS answers it with. Names and messages follow AWS's API reference and the messages
/// AWS records (localstack's snapshot files of real AWS runs, e.g. `test_sfn_api.snapshot.json`).
public struct APIError: Error, Sendable, Equatable {
  public var type: String
  public var message: String
  public var status: Int

  public init(_ type: String, _ message: String, status: Int = 400) {
    self.type = type
    self.message = message
    self.status = status
  }

  public var reply: APIReply { .error(type, message, status: status) }

  /// A runtime error carries AWS's exception name already; token errors get AWS's exact
  /// messages (the runtime's name the token, for the debugger's log).
  init(_ error: RuntimeError) {
    switch error.code {
    case "InvalidToken": self.init(error.code, "Invalid Token: 'Invalid token'")
    case "TaskTimedOut": self.init(error.code, "Task Timed Out: 'Provided task does not exist anymore'")
    default: self.init(error.code, error.message)
    }
  }

  static func unknownOperation(_ name: String) -> APIError {
    APIError("UnknownOperationException", "Unknown operation \(name)")
  }
  /// A required member left out: AWS's Coral validation message.
  static func missing(_ field: String) -> APIError {
    APIError(
      "ValidationException",
      "1 validation error detected: Value null at '\(field)' failed to satisfy constraint: Member must not be null")
  }
  static func validation(_ field: String, _ value: String, _ constraint: String) -> APIError {
    APIError(
      "ValidationException",
      "1 validation error detected: Value '\(value)' at '\(field)' failed to satisfy constraint: \(constraint)")
  }
  static func serialization(_ field: String, expected: String) -> APIError {
    APIError("SerializationException", "Start of structure or map found where not expected: '\(field)' must be \(expected)")
  }
  static func invalidArn(_ arn: String) -> APIError { APIError("InvalidArn", "Invalid Arn: '\(arn)'") }
  static func stateMachineDoesNotExist(_ arn: String) -> APIError {
    APIError("StateMachineDoesNotExist", "State Machine Does Not Exist: '\(arn)'")
  }
  static func executionDoesNotExist(_ arn: String) -> APIError {
    APIError("ExecutionDoesNotExist", "Execution Does Not Exist: '\(arn)'")
  }
  static func activityDoesNotExist(_ arn: String) -> APIError {
    APIError("ActivityDoesNotExist", "Activity Does Not Exist: '\(arn)'")
  }
  static func invalidName(_ name: String) -> APIError { APIError("InvalidName", "Invalid Name: '\(name)'") }
  static func typeNotSupported() -> APIError {
    APIError("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine")
  }
  /// DescribeExecution and friends on an Express execution ARN.
  static func expressNotInContext() -> APIError {
    APIError("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: express'")
  }
}
