import ASLLoading
import JSONCore

/// One call of a local Lambda function, as the edge runs it (`HandlerJob.function`): which
/// function, and the request id Lambda gives the invocation (`context.aws_request_id`).
public struct FunctionInvocation: Sendable, Equatable {
  public var function: LocalFunction
  public var requestID: String
  /// The ARN the caller used (`context.invoked_function_arn`), qualifier included.
  public var invokedARN: String
}

/// What a function invocation returned, as Lambda's Invoke API returns it: the payload text the
/// runtime wrote, and whether it is a function error (`X-Amz-Function-Error: Unhandled`), plus
/// what the function printed.
public struct FunctionResponse: Sendable, Equatable {
  /// The response payload as the runtime serialised it (JSON text).
  public var payload: String
  /// True when `payload` is an error document (`{"errorMessage", "errorType", ...}`).
  public var isFunctionError: Bool
  /// stdout and stderr, merged as CloudWatch Logs would show them; at most the last
  /// `FunctionLog.maxBytes`.
  public var logs: String
  /// How many bytes of output were dropped from the start of `logs`.
  public var droppedLogBytes: Int
  public var durationMilliseconds: Double

  public init(payload: String, isFunctionError: Bool, logs: String = "", droppedLogBytes: Int = 0, durationMilliseconds: Double = 0) {
    self.payload = payload
    self.isFunctionError = isFunctionError
    self.logs = logs
    self.droppedLogBytes = droppedLogBytes
    self.durationMilliseconds = durationMilliseconds
  }

  /// Lambda's timeout error (the payload of a function stopped at its Timeout), as the Lambda
  /// runtime API reports it: `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: ID Error:
  /// Task timed out after 3.00 seconds"}` (the shape LocalStack's Lambda runtime init reproduces).
  public static func timedOut(requestID: String, seconds: Double, logs: String = "", droppedLogBytes: Int = 0) -> FunctionResponse {
    let message = "RequestId: \(requestID) Error: Task timed out after \(formatSeconds(seconds)) seconds"
    return lambdaError(type: "Sandbox.Timedout", message: message, logs: logs, droppedLogBytes: droppedLogBytes, milliseconds: seconds * 1000)
  }

  /// The runtime process ended without a result (it crashed or exited): `Runtime.ExitError`.
  public static func exited(requestID: String, status: String, logs: String = "", droppedLogBytes: Int = 0, milliseconds: Double = 0) -> FunctionResponse {
    lambdaError(
      type: "Runtime.ExitError", message: "RequestId: \(requestID) Error: Runtime exited with error: \(status)",
      logs: logs, droppedLogBytes: droppedLogBytes, milliseconds: milliseconds)
  }

  /// An error Lambda itself reports (not the function's code): `{"errorType","errorMessage"}`.
  public static func lambdaError(type: String, message: String, logs: String = "", droppedLogBytes: Int = 0, milliseconds: Double = 0) -> FunctionResponse {
    let document: JSONValue = ["errorType": .string(type), "errorMessage": .string(message)]
    return FunctionResponse(
      payload: document.compactString, isFunctionError: true, logs: logs, droppedLogBytes: droppedLogBytes,
      durationMilliseconds: milliseconds)
  }

  /// `3.00`: Lambda prints the timeout with two decimals.
  static func formatSeconds(_ seconds: Double) -> String {
    let hundredths = Int((seconds * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
  }
}
