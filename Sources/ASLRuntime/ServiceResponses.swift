import ASLInterpreter
import JSONCore

/// The shapes AWS's service integrations return, built deterministically.
public enum ServiceResponses {
  public static let region = "us-east-1"
  public static let accountID = "123456789012"
  /// AWS's limit on an error's cause (characters).
  public static let maxCauseLength = 32_768

  /// `states:startExecution` (call and continue) and the `TaskSubmitted` output of `.sync` and
  /// callback starts: `{"ExecutionArn": ..., "StartDate": <epoch millis>}`.
  public static func startExecution(_ e: RuntimeExecution) -> JSONValue {
    .object(["ExecutionArn": .string(e.arn), "StartDate": .number(JSONNumber(Int(e.startedAt.milliseconds)))])
  }

  /// The `DescribeExecution` shape that `.sync` (Input/Output as JSON strings) and `.sync:2`
  /// (Input/Output as JSON) return; failed children add Error and Cause.
  public static func describeExecution(_ e: RuntimeExecution, pattern: IntegrationPattern, stopDate: VirtualInstant) -> JSONValue {
    let asJSON = pattern == .sync2
    func payload(_ v: JSONValue) -> JSONValue { asJSON ? v : .string(v.compactString) }
    var o = JSONObject()
    o["ExecutionArn"] = .string(e.arn)
    o["Input"] = payload(e.input)
    o["InputDetails"] = ["Included": true]
    o["Name"] = .string(e.name)
    switch e.status {
    case .succeeded(let output):
      o["Output"] = payload(output)
      o["OutputDetails"] = ["Included": true]
    case .failed(let error, let cause), .timedOut(let error, let cause), .aborted(let error, let cause):
      if let error { o["Error"] = .string(error) }
      if let cause { o["Cause"] = .string(cause) }
    case .running:
      break
    }
    o["RedriveCount"] = 0
    o["RedriveStatus"] = "NOT_REDRIVABLE"
    o["StartDate"] = .number(JSONNumber(Int(e.startedAt.milliseconds)))
    o["StateMachineArn"] = .string(e.machineArn)
    o["Status"] = .string(e.status.name)
    o["StopDate"] = .number(JSONNumber(Int((e.stoppedAt ?? stopDate).milliseconds)))
    return .object(o)
  }

  /// The `lambda:invoke` response around a function's payload.
  public static func lambdaInvoke(payload: JSONValue, requestID: String) -> JSONValue {
    let headers: JSONValue = [
      "Connection": "keep-alive", "Content-Type": "application/json",
      "Date": "Wed, 01 Jan 2025 00:00:00 GMT", "X-Amz-Executed-Version": "$LATEST",
      "x-amzn-Remapped-Content-Length": "0", "x-amzn-RequestId": .string(requestID),
    ]
    return [
      "ExecutedVersion": "$LATEST",
      "Payload": payload,
      "SdkHttpMetadata": ["AllHttpHeaders": headers, "HttpHeaders": headers, "HttpStatusCode": 200],
      "SdkResponseMetadata": ["RequestId": .string(requestID)],
      "StatusCode": 200,
    ]
  }

  /// Whether a task's result, as a person or a handler gives it, is the function's payload that
  /// the integration wraps (the optimized `lambda:invoke`), rather than the whole response.
  public static func wrapsPayload(_ request: TaskRequest) -> Bool {
    request.pattern != .waitForTaskToken && request.baseResource == "arn:aws:states:::lambda:invoke"
  }

  /// What a handler command receives for a task: the function's event (`Payload`) for the
  /// optimized `lambda:invoke` integration, otherwise the task's parameters.
  public static func handlerInput(_ request: TaskRequest) -> JSONValue {
    if request.baseResource == "arn:aws:states:::lambda:invoke" {
      return request.parameters["Payload"] ?? .object(JSONObject())
    }
    return request.parameters
  }

  /// What the submission call returns for a `.waitForTaskToken` task resolved by hand
  /// (recorded as `TaskSubmitted`), by service.
  public static func submissionAcknowledgement(_ request: TaskRequest, id: String) -> JSONValue {
    let base = request.baseResource
    if base.hasPrefix("arn:aws:states:::lambda:invoke") {
      return lambdaInvoke(payload: .null, requestID: id)
    }
    if base.hasPrefix("arn:aws:states:::sqs:") { return ["MessageId": .string(id)] }
    if base.hasPrefix("arn:aws:states:::sns:") { return ["MessageId": .string(id)] }
    if base.hasPrefix("arn:aws:states:::events:") {
      return ["Entries": [["EventId": .string(id)]], "FailedEntryCount": 0]
    }
    return [:]
  }
}
