import ASLInterpreter
import ASLRuntime
import JSONCore

extension Session {
  /// Answers a Step Functions API request from a client (`InternalCommand.apiRequest`). A request
  /// that changes the session is an undo step, is logged as `api OPERATION JSON` (so `save`
  /// replays the session without its client) and, when the session serves
  /// (`SessionConfiguration.serving`), lets executions move as far as they can on their own.
  mutating func answer(_ request: APIRequest, id: RequestID) -> CommandOutcome {
    var out = CommandOutcome()
    guard let operation = APIOperation(rawValue: request.operation) else {
      out.effects = [.reply(id: id, reply: APIError.unknownOperation(request.operation).reply)]
      return out
    }
    // A run waiting on a handler goes on later with whatever this request changed.
    if inFlight != nil || !operation.changesSession {
      let reply = perform(operation, request, replyTo: id, &out)
      if let reply { out.effects.append(.reply(id: id, reply: reply)) }
      // A change made while a run waits on a handler is saved too (the run's own undo step covers it).
      if operation.changesSession, reply.map({ $0.status < 400 }) ?? true {
        log.append(.api(operation: request.operation, body: request.body))
      }
      out.effects += deliverWaitingReplies()
      return out
    }
    notes = []
    pushSnapshot()
    return apply(operation, request, replyTo: id, as: .api(operation: request.operation, body: request.body), out)
  }

  /// The `api OPERATION JSON` command: the same operation with no client (a replayed request, or
  /// one typed at the prompt); the reply is its output.
  mutating func answerCommand(_ operationName: String, _ body: JSONValue, _ out: inout CommandOutcome) -> [Work] {
    guard let operation = APIOperation(rawValue: operationName) else {
      fail(&out, "UnknownOperationException: Unknown operation \(operationName)")
      return []
    }
    let reply = perform(operation, APIRequest(operation: operationName, body: body, caller: "api command"), replyTo: nil, &out)
    show(reply ?? APIReply(status: 200, body: .object(JSONObject())), &out)
    return settleWork
  }

  /// Runs a changing operation for a client as the command `command`: replies at once (or
  /// registers the wait), then settles.
  private mutating func apply(
    _ operation: APIOperation, _ request: APIRequest, replyTo id: RequestID, as command: DebuggerCommand, _ out: CommandOutcome
  ) -> CommandOutcome {
    var out = out
    // Without serving nothing runs: the last stop stays what it was.
    if configuration.serving == nil { out.stop = lastStop }
    if let reply = perform(operation, request, replyTo: id, &out) {
      out.effects.append(.reply(id: id, reply: reply))
      if reply.status >= 400 { out.isError = true }
    }
    return proceed(command, out.isError ? [] : settleWork, out)
  }

  /// What follows a request: new tasks go to whoever resolves them; a serving session then runs
  /// every execution as far as it can without a person, worker or client.
  var settleWork: [Work] {
    guard let serving = configuration.serving else { return [.dispatch] }
    return [.dispatch, .run(.settled(realClock: serving.clock == .real), steps: 0)]
  }

  /// Shows an `api` command's reply: its body as output, or the error as the command's failure.
  private mutating func show(_ reply: APIReply, _ out: inout CommandOutcome) {
    if reply.status >= 400 {
      fail(&out, "\(reply.body["__type"]?.stringValue ?? "Error"): \(reply.body["message"]?.stringValue ?? "")")
    } else {
      out.output = .value(reply.body)
    }
  }

  /// Performs one operation; nil when the reply comes later (StartSyncExecution until its
  /// execution ends, GetActivityTask until a task waits or its long poll ends). With no client
  /// (`id` nil) nothing waits: GetActivityTask answers at once.
  mutating func perform(
    _ operation: APIOperation, _ request: APIRequest, replyTo id: RequestID?, _ out: inout CommandOutcome
  ) -> APIReply? {
    do throws(APIError) {
      let fields = try APIRequestFields(request.body)
      let body: JSONValue
      switch operation {
      case .createStateMachine: body = try createStateMachine(fields)
      case .describeStateMachine: body = try describeStateMachine(fields)
      case .listStateMachines: body = try listStateMachines(fields)
      case .updateStateMachine: body = try updateStateMachine(fields)
      case .deleteStateMachine: body = try deleteStateMachine(fields)
      case .describeStateMachineForExecution: body = try describeStateMachineForExecution(fields)
      case .startExecution: body = try startExecution(fields, caller: request.caller, &out)
      case .startSyncExecution:
        let executionID = try startSyncExecution(fields, caller: request.caller, &out)
        guard let id, runtime.executions[executionID].isRunning else {
          return APIReply(status: 200, body: ServiceResponses.startSyncExecution(runtime.executions[executionID], stopDate: runtime.now))
        }
        connections.waiting.append((id, .syncExecution(executionID: executionID)))
        return nil
      case .stopExecution: body = try stopExecution(fields)
      case .describeExecution: body = try describeExecution(fields)
      case .listExecutions: body = try listExecutions(fields)
      case .getExecutionHistory: body = try executionHistory(fields)
      case .sendTaskSuccess: body = try sendTaskSuccess(fields, caller: request.caller)
      case .sendTaskFailure: body = try sendTaskFailure(fields, caller: request.caller)
      case .sendTaskHeartbeat: body = try sendTaskHeartbeat(fields, caller: request.caller)
      case .createActivity: body = try createActivity(fields)
      case .describeActivity: body = try describeActivity(fields)
      case .listActivities: body = try listActivities(fields)
      case .deleteActivity: body = try deleteActivity(fields)
      case .getActivityTask:
        let (arn, worker) = try activityPoll(fields)
        if let task = takeActivityTask(arn, worker: worker, caller: request.caller) { return APIReply(status: 200, body: task) }
        guard let id else { return APIReply(status: 200, body: .object(JSONObject())) }
        connections.waiting.append(
          (id, .activityPoll(activityArn: arn, worker: worker, until: connections.wallSeconds + APIConnections.longPollSeconds)))
        return nil
      case .validateStateMachineDefinition: body = try validateStateMachineDefinition(fields)
      case .testState: body = try testState(fields)
      }
      return APIReply(status: 200, body: body)
    } catch {
      return error.reply
    }
  }

  /// Replies that can go out now: StartSyncExecution whose execution has ended, GetActivityTask
  /// polls that a task now waits for or whose long poll is over.
  mutating func deliverWaitingReplies() -> [SessionEffect] {
    var effects: [SessionEffect] = []
    var still: [(id: RequestID, what: APIConnections.Waiting)] = []
    for (id, what) in connections.waiting {
      switch what {
      case .syncExecution(let executionID):
        let e = runtime.executions[executionID]
        if e.isRunning {
          still.append((id, what))
        } else {
          effects.append(.reply(id: id, reply: APIReply(status: 200, body: ServiceResponses.startSyncExecution(e, stopDate: runtime.now))))
        }
      case .activityPoll(let arn, let worker, let until):
        if let task = takeActivityTask(arn, worker: worker, caller: worker) {
          effects.append(.reply(id: id, reply: APIReply(status: 200, body: task)))
        } else if connections.wallSeconds >= until {
          // AWS ends an empty long poll with a reply that has no taskToken.
          effects.append(.reply(id: id, reply: APIReply(status: 200, body: .object(JSONObject()))))
        } else {
          still.append((id, what))
        }
      }
    }
    connections.waiting = still
    return effects
  }

  /// Sets up the service's records for the machines the session was given and the activities
  /// their Task states name (as a template's `AWS::StepFunctions::Activity` resources).
  mutating func startService() {
    service = ServiceState()
    for m in runtime.machines {
      service.machineRecords[m.arn] = ServiceState.MachineRecord(
        creationDate: runtime.now, roleArn: ServiceResponses.roleArn(machineName: m.name))
      for arn in m.activities + m.machine.activityResources { service.addActivity(arn: arn, at: runtime.now) }
    }
    if configuration.serving != nil, connections.wallOrigin == nil { connections.wallOrigin = runtime.now }
  }
}
