import ASLExpressions
import ASLModel
import JSONCore

extension Execution {
  /// Starts a Task: `TaskScheduled`, `TaskStarted`, and a parked `TaskRequest`.
  mutating func runTask(_ language: QueryLanguage, _ unit: Int, _ s: TaskState)
    throws(ASLRuntimeError)
  {
    let visit = visit(of: unit)!
    let raw = visit.rawInput
    let e = s.common.expressions
    let (pattern, baseResource) = IntegrationPattern.parse(resource: s.resource)
    let token = pattern == .waitForTaskToken ? makeTaskToken() : nil
    let input = try language.effectiveInput(&self, unit, s.common, raw: raw)
    let effective = try language.arguments(
      &self, unit, parameters: e.parameters, arguments: s.arguments, input: input, taskToken: token)
    units[unit].visit?.effectiveInput = effective
    let timeout = try durationSeconds(unit, s.timeout, e.timeoutSecondsPath, "TimeoutSeconds", raw)
    let heartbeat = try durationSeconds(
      unit, s.heartbeat, e.heartbeatSecondsPath, "HeartbeatSeconds", raw)
    let (resourceType, resourceName) = Execution.describeResource(s.resource)
    if Execution.isActivity(s.resource) {
      // Activities have their own events; the worker is the outside (completeTask).
      emit(
        "ActivityScheduled", unit: unit,
        .activityScheduled(
          resource: s.resource, input: effective, timeoutInSeconds: timeout,
          heartbeatInSeconds: heartbeat))
      emit("ActivityStarted", unit: unit, .none)
    } else {
      emit(
        "TaskScheduled", unit: unit,
        .taskScheduled(
          resourceType: resourceType, resource: resourceName, region: options.region,
          parameters: effective, timeoutInSeconds: timeout, heartbeatInSeconds: heartbeat))
      emit(
        "TaskStarted", unit: unit, .taskStarted(resourceType: resourceType, resource: resourceName))
    }
    let id = nextRequestID
    nextRequestID += 1
    let timeoutAt = timeout.map { now.adding(seconds: Double($0)) }
    let heartbeatAt = heartbeat.map { now.adding(seconds: Double($0)) }
    pendingTasks.append(
      TaskRequest(
        id: id, executionArn: options.executionArn, unitID: unit, unitPath: units[unit].path,
        stateName: s.common.name, resource: s.resource, baseResource: baseResource,
        pattern: pattern, parameters: effective, taskToken: token, scheduledAt: now,
        timeoutAt: timeoutAt, heartbeatSeconds: heartbeat, heartbeatAt: heartbeatAt,
        attempt: visit.retryCount, submitted: false))
    units[unit].phase = .waitingTask(requestID: id)
    if let timeoutAt {
      addTimer(Timer(due: timeoutAt, sequence: 0, kind: .taskTimeout(requestID: id)))
    }
    if let heartbeatAt {
      addTimer(Timer(due: heartbeatAt, sequence: 0, kind: .taskHeartbeat(requestID: id)))
    }
  }

  /// Resolves `TimeoutSeconds`/`HeartbeatSeconds` (literal or `…Path`).
  mutating func durationSeconds(
    _ unit: Int, _ field: DurationField?, _ compiled: CompiledPath?,
    _ name: String, _ input: JSONValue
  ) throws(ASLRuntimeError) -> Int? {
    switch field {
    case nil: return nil
    case .seconds(let s)?: return s
    case .jsonata(let text)?:
      return try jsonataInteger(unit, text, field: name, input: input, minimum: 1)
    case .path(let text)?:
      guard let compiled else { return nil }
      let value = try pathValue(unit, compiled, field: name + "Path", input: input)
      guard case .number(let n) = value, let i = n.intValue, i > 0 else {
        throw ASLRuntimeError(
          error: "States.Runtime",
          cause: "The \(name)Path field refers to value \"\(value.textValue)\" which is not a "
            + "valid positive integer: \(text)")
      }
      return i
    }
  }

  /// True for `arn:aws:states:<region>:<account>:activity:<name>` resources.
  public static func isActivity(_ resource: String) -> Bool {
    let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
    return parts.count >= 7 && parts[2] == "states" && parts[5] == "activity"
  }

  /// `resourceType` and `resource` of task events, as AWS splits a Resource ARN.
  static func describeResource(_ resource: String) -> (String, String) {
    let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
    if parts.count >= 8, parts[2] == "states", parts[5] == "aws-sdk" {
      // arn:aws:states:::aws-sdk:sfn:sendTaskSuccess → "aws-sdk:sfn", "sendTaskSuccess" (as AWS
      // records them: localstack test_aws_sdk_task_service.snapshot.json)
      return ("aws-sdk:\(parts[6])", parts[7...].joined(separator: ":"))
    }
    if parts.count >= 6, parts[2] == "states", parts[3].isEmpty, parts[4].isEmpty {
      // arn:aws:states:::lambda:invoke(.waitForTaskToken)
      return (String(parts[5]), parts[6...].joined(separator: ":"))
    }
    if parts.count >= 3, parts[2] == "lambda" { return ("lambda", resource) }
    if parts.count >= 3 { return (String(parts[2]), resource) }
    return ("unknown", resource)
  }

  /// A long, real-looking task token, deterministic from the seed.
  mutating func makeTaskToken() -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    var token = "AQB"
    token.reserveCapacity(300)
    while token.count < 276 {
      var bits = random.next()
      for _ in 0..<10 {
        token.append(alphabet[Int(bits & 63)])
        bits >>= 6
      }
    }
    return String(token.prefix(276))
  }

  // MARK: Completing tasks from the outside

  /// Completes pending task `requestID` with `outcome`; the unit resumes at its next step.
  public mutating func completeTask(_ requestID: Int, with outcome: TaskOutcome)
    throws(TaskCompletionError)
  {
    guard status == .running else { throw .executionNotRunning }
    guard let index = pendingTasks.firstIndex(where: { $0.id == requestID }) else {
      throw .taskDoesNotExist(requestID)
    }
    let request = pendingTasks.remove(at: index)
    units[request.unitID].phase = .resuming(.taskCompleted(outcome))
    enqueue(request.unitID)
  }

  /// Completes the pending task that waits on `token` (SendTaskSuccess/Failure).
  public mutating func completeTask(token: String, with outcome: TaskOutcome)
    throws(TaskCompletionError)
  {
    guard let request = pendingTasks.first(where: { $0.taskToken == token }) else {
      throw .taskDoesNotExist(0)
    }
    try completeTask(request.id, with: outcome)
  }

  /// Records `TaskSubmitted` for a `.sync`/callback task (the submission call's response).
  public mutating func submitTask(_ requestID: Int, output: JSONValue) throws(TaskCompletionError) {
    guard status == .running else { throw .executionNotRunning }
    guard let index = pendingTasks.firstIndex(where: { $0.id == requestID }) else {
      throw .taskDoesNotExist(requestID)
    }
    let request = pendingTasks[index]
    let (resourceType, resourceName) = Execution.describeResource(request.resource)
    emit(
      "TaskSubmitted", unit: request.unitID,
      .taskOutput(resourceType: resourceType, resource: resourceName, output: output))
    pendingTasks[index].submitted = true
  }

  /// SendTaskHeartbeat: pushes the heartbeat deadline of `requestID` forward.
  public mutating func heartbeat(_ requestID: Int) throws(TaskCompletionError) {
    guard status == .running else { throw .executionNotRunning }
    guard let index = pendingTasks.firstIndex(where: { $0.id == requestID }) else {
      throw .taskDoesNotExist(requestID)
    }
    guard let seconds = pendingTasks[index].heartbeatSeconds else { return }
    let due = now.adding(seconds: Double(seconds))
    pendingTasks[index].heartbeatAt = due
    addTimer(Timer(due: due, sequence: 0, kind: .taskHeartbeat(requestID: requestID)))
  }

  /// The task finished: `TaskSucceeded` and the output pipeline, or the error path.
  mutating func finishTask(
    _ language: QueryLanguage, _ unit: Int, _ s: TaskState, _ outcome: TaskOutcome
  ) throws(ASLRuntimeError) {
    let (resourceType, resourceName) = Execution.describeResource(s.resource)
    let activity = Execution.isActivity(s.resource)
    switch outcome {
    case .succeeded(let result):
      if activity {
        emit("ActivitySucceeded", unit: unit, .activityOutput(output: result))
      } else {
        emit(
          "TaskSucceeded", unit: unit,
          .taskOutput(resourceType: resourceType, resource: resourceName, output: result))
      }
      try finishWithResult(
        language, unit, result: result, common: s.common, resultPath: s.resultPath)
    case .failed(let error, let cause):
      if activity {
        emit("ActivityFailed", unit: unit, .failure(error: error, cause: cause))
      } else {
        emit(
          "TaskFailed", unit: unit,
          .taskFailure(
            resourceType: resourceType, resource: resourceName, error: error, cause: cause))
      }
      stateFailed(
        unit, ASLRuntimeError(error: error, cause: cause ?? ""), prefixed: false,
        causeMissing: cause == nil)
    case .timedOut, .heartbeatTimedOut:
      let error = outcome.isHeartbeat ? "States.HeartbeatTimeout" : "States.Timeout"
      if activity {
        emit("ActivityTimedOut", unit: unit, .failure(error: error, cause: nil))
      } else {
        emit(
          "TaskTimedOut", unit: unit,
          .taskFailure(resourceType: resourceType, resource: resourceName, error: error, cause: nil)
        )
      }
      stateFailed(
        unit, ASLRuntimeError(error: error, cause: ""), prefixed: false, causeMissing: true)
    }
  }
}

extension TaskOutcome {
  var isHeartbeat: Bool {
    if case .heartbeatTimedOut = self { return true } else { return false }
  }
}
