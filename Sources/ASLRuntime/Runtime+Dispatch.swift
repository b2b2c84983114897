import ASLInterpreter
import JSONCore

extension Runtime {
  /// Task requests no one has taken care of yet (the session decides: mock, handler, the Step
  /// Functions integration, or a person).
  public var undispatched: [(executionID: Int, request: TaskRequest)] {
    var out: [(Int, TaskRequest)] = []
    // By index: a loop over the values copied every execution on each step.
    for id in executions.indices where executions[id].isRunning {
      for r in executions[id].execution.pendingTasks where !dispatched.contains(TaskKey(executionID: id, requestID: r.id)) {
        out.append((id, r))
      }
    }
    return out
  }

  /// True when the runtime itself implements this resource (`states:startExecution[.sync|.sync:2|.waitForTaskToken]`).
  public static func isNative(_ request: TaskRequest) -> Bool {
    request.baseResource == "arn:aws:states:::states:startExecution"
  }

  /// Performs a `states:startExecution` task: starts the child, then per pattern completes the
  /// parent's task at once (call and continue), waits for the child (`.sync`, `.sync:2`), or
  /// waits for the token (`.waitForTaskToken`). Errors fail the parent's task like AWS.
  public mutating func dispatchStartExecution(executionID: Int, requestID: Int) {
    let key = TaskKey(executionID: executionID, requestID: requestID)
    guard let request = executions[executionID].execution.pendingTasks.first(where: { $0.id == requestID }) else { return }
    dispatched.insert(key)
    if let token = request.taskToken { tokens[token] = key }
    let params = request.parameters
    func fail(_ code: String, _ message: String) {
      let cause = "\(message) (Service: AWSStepFunctions; Status Code: 400; Error Code: \(code); Request ID: \(requestUUID(key)); Proxy: null)"
      try? executions[executionID].execution.completeTask(requestID, with: .failed(error: "StepFunctions.\(code)Exception", cause: cause))
      settle()
    }
    guard case .string(let arn)? = params["StateMachineArn"] else {
      fail("InvalidArn", "Invalid Arn: 'StateMachineArn is required'")
      return
    }
    guard let m = machine(arn) else {
      fail("StateMachineDoesNotExist", "State Machine Does Not Exist: '\(arn)'")
      return
    }
    var input: JSONValue = .object(JSONObject())
    switch params["Input"] {
    case nil, .null?: break
    case .string(let text)?:
      do {
        input = try JSONParser.parse(text, options: .init(rejectDuplicateKeys: false))
      } catch {
        fail("InvalidExecutionInput", "Invalid Execution Input: \(error.message)")
        return
      }
    case let v?: input = v
    }
    var name: String? = nil
    if let n = params["Name"] {
      guard case .string(let s) = n else {
        fail("InvalidName", "Invalid Name: the execution name must be a string")
        return
      }
      name = s
    }
    let child: Int
    do {
      child = try startChild(of: key, request: request, machine: m, input: input, name: name)
    } catch {
      fail(error.code, error.message)
      return
    }
    let started = ServiceResponses.startExecution(executions[child])
    switch request.pattern {
    case .requestResponse:
      try? executions[executionID].execution.completeTask(requestID, with: .succeeded(started))
    case .sync, .sync2:
      try? executions[executionID].execution.submitTask(requestID, output: started)
      syncWaits[child] = key
    case .waitForTaskToken:
      try? executions[executionID].execution.submitTask(requestID, output: started)
      if let token = request.taskToken { awaitPerson(key, kind: .token(token)) }
    }
    settle()
  }

  /// Starts the child execution a parent's task asks for (`states:startExecution`, the SDK's
  /// `sfn:startExecution`/`startSyncExecution`), within the session's limit of child executions.
  public mutating func startChild(
    of key: TaskKey, request: TaskRequest, machine m: RegisteredMachine, input: JSONValue, name: String?
  ) throws(RuntimeError) -> Int {
    guard childExecutionCount < maxChildExecutions else {
      throw RuntimeError(
        "ExecutionLimitExceeded",
        executionLimitMessage)
    }
    var link = ExecutionLink(parent: key.executionID, requestID: key.requestID, stateName: request.stateName, pattern: request.pattern)
    if !Runtime.isNative(request), let call = request.baseResource.split(separator: ":").last {
      link.apiCall = "sfn:" + call
    }
    let child = try createExecution(m, input: input, name: name, link: link)
    childOfTask[key] = child
    childExecutionCount += 1
    return child
  }

  /// Resolves a task with its outcome now (a mock, a handler, or a result given by hand).
  public mutating func resolveTask(executionID: Int, requestID: Int, with outcome: TaskOutcome) throws(RuntimeError) {
    let key = TaskKey(executionID: executionID, requestID: requestID)
    guard executionID < executions.count, executions[executionID].isRunning,
      executions[executionID].execution.pendingTasks.contains(where: { $0.id == requestID })
    else { throw RuntimeError("TaskDoesNotExist", "Task Does Not Exist: \(key) is not pending") }
    dispatched.insert(key)
    if let token = executions[executionID].execution.pendingTasks.first(where: { $0.id == requestID })?.taskToken {
      tokens[token] = key
    }
    executions[executionID].execution.advanceClock(to: now)
    do {
      try executions[executionID].execution.completeTask(requestID, with: outcome)
    } catch {
      throw RuntimeError("TaskDoesNotExist", "Task Does Not Exist: \(key) (\(error))")
    }
    settle()
  }

  /// Hands a task to a person: a `.waitForTaskToken` task becomes a pending token (its submission
  /// is recorded as `TaskSubmitted`), any other task a pending task resolved by hand.
  public mutating func handToPerson(executionID: Int, requestID: Int) {
    let key = TaskKey(executionID: executionID, requestID: requestID)
    guard let request = executions[executionID].execution.pendingTasks.first(where: { $0.id == requestID }) else { return }
    dispatched.insert(key)
    if let token = request.taskToken {
      tokens[token] = key
      try? executions[executionID].execution.submitTask(
        requestID, output: ServiceResponses.submissionAcknowledgement(request, id: requestUUID(key)))
      awaitPerson(key, kind: .token(token))
    } else {
      awaitPerson(key, kind: .task)
    }
  }

  mutating func awaitPerson(_ key: TaskKey, kind: PendingItem.Kind) {
    if personKinds[key] == nil { personQueue.append(key) }
    personKinds[key] = kind
  }

  /// Everything waiting on a person, oldest first: tokens and tasks resolved by hand.
  public var pending: [PendingItem] {
    var out: [PendingItem] = []
    for key in personQueue {
      guard key.executionID < executions.count, executions[key.executionID].isRunning,
        let request = executions[key.executionID].execution.pendingTasks.first(where: { $0.id == key.requestID }),
        let kind = personKinds[key]
      else { continue }
      out.append(PendingItem(kind: kind, executionID: key.executionID, request: request, childExecutionID: childOfTask[key]))
    }
    return out
  }

  /// The request id of task `requestID` of execution `executionID` (what Lambda calls the
  /// invocation's `aws_request_id`).
  public func requestUUID(executionID: Int, requestID: Int) -> String {
    requestUUID(TaskKey(executionID: executionID, requestID: requestID))
  }

  /// A deterministic request id (UUID-shaped) for service responses of a task.
  public func requestUUID(_ key: TaskKey) -> String {
    var x = seed ^ (UInt64(key.executionID) << 32) ^ UInt64(key.requestID) &* 0x9E37_79B9_7F4A_7C15
    x = (x ^ (x >> 31)) &* 0xBF58_476D_1CE4_E5B9
    let a = String(x, radix: 16)
    let padded = String(repeating: "0", count: max(0, 16 - a.count)) + a
    let b = String((x &* 0x94D0_49BB_1331_11EB), radix: 16)
    let padded2 = String(repeating: "0", count: max(0, 16 - b.count)) + b
    let s = Array(padded + padded2)
    return "\(String(s[0..<8]))-\(String(s[8..<12]))-4\(String(s[13..<16]))-a\(String(s[17..<20]))-\(String(s[20..<32]))"
  }
}
