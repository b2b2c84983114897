import ASLInterpreter
import ASLLoading
import ASLRuntime
import JSONCore

extension Session {
  /// Lambda's request payload limit for a synchronous invoke (6 MB).
  static let maxFunctionRequestBytes = 6_291_456
  /// Lambda's response payload limit: a longer response is `Function.ResponseSizeTooLarge`.
  static let maxFunctionResponseBytes = 6_291_556
  static let lambdaInvoke = "arn:aws:states:::lambda:invoke"

  /// The local function a task calls, if any: `lambda:invoke` (and `.waitForTaskToken`) with a
  /// `FunctionName` that names one (a name, ARN or partial ARN, with or without a qualifier), or
  /// a legacy Task whose `Resource` is the function's ARN.
  func functionInvocation(executionID: Int, request: TaskRequest) -> FunctionInvocation? {
    guard !configuration.functions.isEmpty else { return nil }
    let functionName: String
    var qualifier: String?
    if request.baseResource == Self.lambdaInvoke {
      guard case .string(let name)? = request.parameters["FunctionName"] else { return nil }
      functionName = name
      qualifier = request.parameters["Qualifier"]?.stringValue
    } else if request.pattern == .requestResponse, request.baseResource.hasPrefix("arn:aws:lambda:"),
      request.baseResource.contains(":function:")
    {
      functionName = request.baseResource
    } else {
      return nil
    }
    guard let function = configuration.functions.first(where: { $0.answers(to: functionName) }) else { return nil }
    // The ARN the function sees as invoked_function_arn keeps the caller's qualifier.
    let parts = functionName.split(separator: ":", omittingEmptySubsequences: false)
    if qualifier == nil {
      if parts.count == 8, parts[0] == "arn" { qualifier = String(parts[7]) }
      if parts.count == 4, parts[1] == "function" { qualifier = String(parts[3]) }
      if parts.count == 2 { qualifier = String(parts[1]) }
    }
    return FunctionInvocation(
      function: function,
      requestID: runtime.requestUUID(executionID: executionID, requestID: request.id),
      invokedARN: function.arn + (qualifier.map { ":" + $0 } ?? ""))
  }

  /// The job that runs `invocation` for `request`, or nil when Lambda refuses the call before
  /// running anything (the request is over 6 MB: the task fails at once).
  mutating func functionJob(_ invocation: FunctionInvocation, executionID: Int, request: TaskRequest) -> HandlerJob? {
    let event = ServiceResponses.handlerInput(request)
    let size = event.compactString.utf8.count
    if size > Self.maxFunctionRequestBytes {
      // The Invoke API's RequestTooLargeException, as an SDK integration names it.
      let cause = "Request must be smaller than \(Self.maxFunctionRequestBytes) bytes for the InvokeFunction "
        + "operation (Service: AWSLambda; Status Code: 413; Error Code: RequestTooLargeException; "
        + "Request ID: \(invocation.requestID); Proxy: null)"
      try? runtime.resolveTask(
        executionID: executionID, requestID: request.id,
        with: .failed(error: "Lambda.RequestTooLargeException", cause: cause))
      return nil
    }
    // The token is outstanding while the function runs: the function (or anyone) may return it.
    if request.taskToken != nil { runtime.handToPerson(executionID: executionID, requestID: request.id) }
    jobCount += 1
    return HandlerJob(
      id: JobID(jobCount), handler: TaskHandler(target: invocation.function.name, command: invocation.function.handler),
      input: event, taskToken: request.taskToken, timeoutSeconds: invocation.function.timeoutSeconds,
      function: invocation)
  }

  /// Applies what a function returned to its task, as Step Functions applies a Lambda response,
  /// and keeps its log.
  mutating func applyFunctionResponse(_ response: FunctionResponse, of pending: PendingJob, invocation: FunctionInvocation) {
    let (executionID, request) = (pending.executionID, pending.request)
    let label = runtime.executions[executionID].label
    let outcome = Self.taskOutcome(response, request: request, requestID: invocation.requestID)
    var result = "succeeded"
    if case .failed(let error, _) = outcome { result = error }
    keepLog(
      FunctionLog(
        executionID: executionID, stateName: request.stateName, functionName: invocation.function.name,
        requestID: invocation.requestID, output: response.logs, droppedBytes: response.droppedLogBytes,
        durationMilliseconds: response.durationMilliseconds, result: result))
    // `.waitForTaskToken`: the function's return value is not the result; the token is.
    if request.taskToken != nil, case .succeeded = outcome {
      notes.append("function \(invocation.function.name) for '\(request.stateName)' in \(label) returned; the task waits for its token.")
      return
    }
    try? runtime.resolveTask(executionID: executionID, requestID: request.id, with: outcome)
    notes.append("'\(request.stateName)' in \(label) answered by function \(invocation.function.name) (\(result)).")
  }

  /// Step Functions' reading of a Lambda response. A function error becomes Error = the
  /// document's `errorType` (`Lambda.Unknown` without one) and Cause = the document as the
  /// runtime wrote it; a payload is the result, wrapped in the Invoke response for the optimized
  /// `lambda:invoke` integration.
  static func taskOutcome(_ response: FunctionResponse, request: TaskRequest, requestID: String) -> TaskOutcome {
    if response.isFunctionError {
      let document = try? JSONParser.parse(response.payload)
      let error = document?["errorType"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? "Lambda.Unknown"
      return .failed(
        error: TaskFailureLimits.truncated(error, limit: TaskFailureLimits.errorLength),
        cause: TaskFailureLimits.truncated(response.payload, limit: TaskFailureLimits.causeLength))
    }
    if response.payload.utf8.count > maxFunctionResponseBytes {
      let document: JSONValue = [
        "errorMessage": .string("Response payload size exceeded maximum allowed payload size (\(maxFunctionResponseBytes) bytes)."),
        "errorType": "Function.ResponseSizeTooLarge",
      ]
      return .failed(error: "Function.ResponseSizeTooLarge", cause: document.compactString)
    }
    let payload: JSONValue
    do {
      payload = try JSONParser.parse(response.payload, options: .init(rejectDuplicateKeys: false))
    } catch {
      return .failed(error: "Lambda.Unknown", cause: "The function returned a payload that is not JSON: \(error.description)")
    }
    return .succeeded(ServiceResponses.wrapsPayload(request) ? ServiceResponses.lambdaInvoke(payload: payload, requestID: requestID) : payload)
  }

  mutating func keepLog(_ log: FunctionLog) {
    functionLogs.append(log)
    if functionLogs.count > FunctionLog.maxKept { functionLogs.removeFirst(functionLogs.count - FunctionLog.maxKept) }
  }

  /// The logs of the invocations for `stateName` in execution `executionID`, oldest first.
  public func functionLogs(executionID: Int, stateName: String) -> [FunctionLog] {
    functionLogs.filter { $0.executionID == executionID && $0.stateName == stateName }
  }
}
