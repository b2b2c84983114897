import ASLInterpreter
import ASLRuntime
import JSONCore

/// Step Functions' own API inside executions: `arn:aws:states:::aws-sdk:sfn:<operation>` Tasks
/// call the same operations a client does, with the SDK's PascalCase parameters and results,
/// and fail with `Sfn.<Exception>Exception` and the SDK's cause text (as AWS records them:
/// localstack `test_aws_sdk_task_service.snapshot.json`). Activity Tasks wait for a worker.
extension Session {
  static let sdkPrefix = "arn:aws:states:::aws-sdk:sfn:"

  /// Takes care of the task when it is Step Functions' own: an activity (waits for a worker) or
  /// an SDK call (answered now, or, for startSyncExecution, when the child ends). False: not ours.
  mutating func dispatchStepFunctionsAPI(executionID: Int, request: TaskRequest) -> Bool {
    let e = runtime.executions[executionID]
    let key = TaskKey(executionID: executionID, requestID: request.id)
    if Execution.isActivity(request.resource) {
      runtime.awaitActivityWorker(executionID: executionID, requestID: request.id)
      notes.append(
        "'\(request.stateName)' in \(e.label) is waiting for an activity worker (GetActivityTask on \(request.resource)); "
          + "you can answer it with succeed/fail.")
      return true
    }
    let operation: APIOperation
    if request.baseResource == "arn:aws:states:::states:startSyncExecution" {
      operation = .startSyncExecution
    } else if request.baseResource.hasPrefix(Self.sdkPrefix),
      let op = APIOperation(sdkName: String(request.baseResource.dropFirst(Self.sdkPrefix.count)))
    {
      operation = op
    } else {
      return false
    }
    let body = Self.requestBody(request.parameters)
    let caller = "\(e.label) '\(request.stateName)'"
    let outcome: TaskOutcome?
    switch operation {
    case .startExecution, .startSyncExecution:
      outcome = startChild(of: key, request: request, operation: operation, body: body)
    default:
      var out = CommandOutcome()
      let reply = perform(operation, APIRequest(operation: operation.rawValue, body: body, caller: caller), replyTo: nil, &out)
        ?? APIReply(status: 200, body: .object(JSONObject()))
      outcome = reply.status >= 400 ? sdkFailure(reply, key) : .succeeded(ServiceResponses.sdkResult(reply.body))
    }
    guard let outcome else { return true }
    if request.pattern == .waitForTaskToken, case .succeeded = outcome {
      // The call went out with the token; the task now waits for SendTaskSuccess/Failure.
      runtime.handToPerson(executionID: executionID, requestID: request.id)
      return true
    }
    try? runtime.resolveTask(executionID: executionID, requestID: request.id, with: outcome)
    return true
  }

  /// sfn:startExecution / startSyncExecution from a Task: the child is linked to its parent (the
  /// Executions tree shows it, `#TestCase` and mocks follow it). startSyncExecution answers when
  /// the child ends (nil now).
  private mutating func startChild(of key: TaskKey, request: TaskRequest, operation: APIOperation, body: JSONValue) -> TaskOutcome? {
    let parent = runtime.executions[key.executionID]
    let m: RegisteredMachine
    let testCase: String?
    let input: JSONValue
    let name: String?
    do throws(APIError) {
      let f = try APIRequestFields(body)
      (m, testCase) = try machineAndTestCase(try f.string("stateMachineArn"))
      if operation == .startSyncExecution, !m.isExpress { throw .typeNotSupported() }
      input = try executionInput(f)
      name = try f.optionalString("name")
      if let name, !Runtime.isValidExecutionName(name) { throw .invalidName(name) }
    } catch {
      return sdkFailure(error.reply, key)
    }
    let child: Int
    do throws(RuntimeError) {
      child = try runtime.startChild(of: key, request: request, machine: m, input: input, name: name)
    } catch {
      return sdkFailure(APIError(error).reply, key)
    }
    if let testCase { service.testCases[child] = testCase }
    if operation == .startSyncExecution {
      notes.append(
        "startSyncExecution: \(parent.label) started Express \(runtime.executions[child].label) and waits for it to end; "
          + "it receives {Status, Output or Error/Cause, BillingDetails…}: a FAILED child is a result, not an error.")
      runtime.awaitSyncChild(child, of: key)
      return nil
    }
    notes.append(Teaching.childStarted(parent: parent, child: runtime.executions[child], pattern: request.pattern))
    let c = runtime.executions[child]
    return .succeeded(ServiceResponses.sdkResult(["executionArn": .string(c.arn), "startDate": ServiceResponses.epochSeconds(c.startedAt)]))
  }

  /// An API error as the SDK integration raises it: `Sfn.<Name>Exception`, the SDK's cause.
  func sdkFailure(_ reply: APIReply, _ key: TaskKey) -> TaskOutcome {
    let type = reply.body["__type"]?.stringValue ?? "Unknown"
    let message = reply.body["message"]?.stringValue ?? ""
    let error = "Sfn." + type + (type.hasSuffix("Exception") ? "" : "Exception")
    let cause = "\(message) (Service: Sfn, Status Code: \(reply.status), Request ID: \(runtime.requestUUID(key))) (SDK Attempt Count: 1)"
    return .failed(error: error, cause: cause)
  }

  /// The SDK's PascalCase parameters as the API's camelCase request; JSON text members given as
  /// JSON (`"Input.$": "$"`) are sent as text, as the SDK would serialise them.
  static func requestBody(_ parameters: JSONValue) -> JSONValue {
    func camel(_ v: JSONValue) -> JSONValue {
      switch v {
      case .object(let o):
        var out = JSONObject(minimumCapacity: o.count)
        for (k, value) in o { out[k.prefix(1).lowercased() + k.dropFirst()] = camel(value) }
        return .object(out)
      case .array(let a): return .array(a.map(camel))
      default: return v
      }
    }
    guard case .object(var o) = camel(parameters) else { return parameters }
    for key in ["input", "output", "definition", "variables"] {
      if let v = o[key], v.stringValue == nil, !v.isNull { o[key] = .string(v.compactString) }
    }
    return .object(o)
  }
}
