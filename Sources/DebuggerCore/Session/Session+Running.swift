import ASLInterpreter
import ASLRuntime
import JSONCore

extension Session {
  /// Upper bound on transitions in one `continue` (a runaway loop stops at the history limit
  /// long before this).
  static let maxStepsPerRun = 50_000_000

  // MARK: Task dispatch: mocks, the Step Functions integration, handlers, a person

  /// Gives every new task request to whoever resolves it.
  mutating func dispatchNewTasks() {
    var guardCount = 0
    while let (executionID, request) = runtime.undispatched.first, guardCount < 100_000 {
      guardCount += 1
      let e = runtime.executions[executionID]
      let names = machines.first { $0.name == e.machineName }?.aliases ?? [e.machineName]
      // 1. A mock (Step Functions Local MockConfigFile).
      if let mocks = configuration.mocks, let testCase = configuration.testCase {
        let key = "\(executionID)|\(request.stateName)"
        let attempt = mockAttempts[key, default: 0]
        if let response = mocks.response(machineNames: names, testCase: testCase, state: request.stateName, attempt: attempt) {
          mockAttempts[key] = attempt + 1
          let outcome: TaskOutcome
          switch response {
          case .return(let v): outcome = .succeeded(v)
          case .throw(let err, let cause): outcome = .failed(error: err, cause: cause)
          }
          try? runtime.resolveTask(executionID: executionID, requestID: request.id, with: outcome)
          notes.append("'\(request.stateName)' in \(e.label) answered by mock (test case \(testCase), attempt \(attempt)).")
          continue
        }
      }
      // 2. The Step Functions service integration itself.
      if Runtime.isNative(request) {
        let before = runtime.executions.count
        runtime.dispatchStartExecution(executionID: executionID, requestID: request.id)
        if runtime.executions.count > before {
          notes.append(Teaching.childStarted(parent: e, child: runtime.executions[before], pattern: request.pattern))
        }
        continue
      }
      // 3. A handler command.
      if let handler = configuration.handlers.first(where: {
        $0.matches(state: request.stateName, resource: request.resource, baseResource: request.baseResource)
      }) {
        let timeout = request.timeoutAt.map { Double($0.milliseconds - request.scheduledAt.milliseconds) / 1000 }
          ?? configuration.defaultHandlerTimeoutSeconds
        let result = handlerRunner.run(handler, ServiceResponses.handlerInput(request), request.taskToken, timeout)
        let outcome: TaskOutcome
        switch result {
        case .succeeded(let v):
          outcome = .succeeded(ServiceResponses.wrapsPayload(request)
            ? ServiceResponses.lambdaInvoke(payload: v, requestID: "handler-\(executionID + 1)-\(request.id)") : v)
        case .failed(let err, let cause): outcome = .failed(error: err, cause: cause)
        case .timedOut:
          outcome = .failed(error: "States.Timeout", cause: "The handler '\(handler.command)' did not answer within \(timeout) seconds and was stopped.")
        case .cancelled:
          // Stopped by the user: the task is theirs to answer.
          runtime.handToPerson(executionID: executionID, requestID: request.id)
          notes.append(
            "the handler '\(handler.command)' for '\(request.stateName)' in \(e.label) was stopped: "
              + "give its result with succeed/fail.")
          continue
        }
        try? runtime.resolveTask(executionID: executionID, requestID: request.id, with: outcome)
        notes.append("'\(request.stateName)' in \(e.label) answered by handler '\(handler.command)'.")
        continue
      }
      // 4. A person.
      runtime.handToPerson(executionID: executionID, requestID: request.id)
      if request.taskToken != nil {
        notes.append(Teaching.tokenCreated(execution: e, request: request))
      } else {
        notes.append("'\(request.stateName)' in \(e.label) has no mock or handler: give its result with succeed/fail.")
      }
    }
  }

  // MARK: Stepping

  /// `step`: one transition of the focused execution. When it waits on the clock, the clock
  /// advances; when it waits on a `.sync` child, the child steps.
  mutating func stepFocused(_ out: inout CommandOutcome) -> StopReason {
    dispatchNewTasks()
    let target = stepTarget(focus)
    switch target {
    case .execution(let id):
      let events = runtime.step(id) ?? []
      dispatchNewTasks()
      describe(events, of: id, &out)
      if id != focus { out.messages.append("(\(runtime.executions[focus].label) waits on \(runtime.executions[id].label); stepped the child)") }
      return .stepped
    case .clock:
      runtime.advanceClock()
      dispatchNewTasks()
      out.messages.append("waited: clock \(runtime.now.iso8601)")
      return .stepped
    case .person:
      out.messages.append("\(focusedExecution.label) waits for you: \(pendingLines.first ?? "see pending")")
      return .waitingOnPerson
    case .done:
      let s = focusedExecution.status.name
      out.messages.append("\(focusedExecution.label) has ended (\(s))")
      return .finished
    }
  }

  enum StepTarget { case execution(Int), clock, person, done }

  /// What stepping execution `id` means now.
  func stepTarget(_ id: Int) -> StepTarget {
    let e = runtime.executions[id]
    guard e.isRunning else { return .done }
    if e.execution.hasRunnableUnit { return .execution(id) }
    // Waiting on a .sync/.sync:2 child (or deeper): step the first descendant that can move.
    for child in runtime.children(of: id) where child.isRunning && child.startedBy?.pattern != .requestResponse {
      if case .execution(let c) = stepTarget(child.id) { return .execution(c) }
    }
    if let t = runtime.nextTimer, !timerNeedsPerson(t.kind) { return .clock }
    if !runtime.pending.isEmpty { return .person }
    if runtime.nextTimer != nil { return .clock }
    return .person
  }

  func timerNeedsPerson(_ kind: TimerKind) -> Bool {
    kind.isDeadline && !runtime.pending.isEmpty
  }

  /// `continue`: runs every execution round-robin until a breakpoint, a decision, or the end.
  mutating func runUntilStop(_ out: inout CommandOutcome, until reached: ((Session) -> Bool)? = nil) -> StopReason {
    var steps = 0
    while steps < Self.maxStepsPerRun {
      dispatchNewTasks()
      if let reached, reached(self) { return .reached }
      let runnable = runtime.runnableExecutions
      if !runnable.isEmpty {
        let id = runnable.first(where: { $0 >= roundRobin }) ?? runnable[0]
        roundRobin = id + 1
        let events = runtime.step(id) ?? []
        steps += 1
        if let stop = checkBreakpoints(events, executionID: id, &out) { return stop }
        continue
      }
      if let t = runtime.nextTimer {
        if timerNeedsPerson(t.kind) {
          out.messages.append(contentsOf: pendingLines)
          return .waitingOnPerson
        }
        let before = runtime.executions.map { $0.execution.history.count }
        runtime.advanceClock()
        for (id, count) in before.enumerated() {
          let h = runtime.executions[id].execution.history
          if h.count > count, let stop = checkBreakpoints(Array(h[count...]), executionID: id, &out) { return stop }
        }
        continue
      }
      if !runtime.pending.isEmpty {
        out.messages.append(contentsOf: pendingLines)
        return .waitingOnPerson
      }
      out.messages.append(contentsOf: summaryLines)
      return .finished
    }
    return .blocked("stopped after \(steps) transitions")
  }

  /// Stops on state and error breakpoints found in new events.
  mutating func checkBreakpoints(_ events: [HistoryEvent], executionID: Int, _ out: inout CommandOutcome) -> StopReason? {
    for ev in events {
      if case .stateEntered(let name, let input) = ev.details, breakpoints.shouldBreak(enteringState: name, input: input) {
        focus = executionID
        out.messages.append("breakpoint: \(runtime.executions[executionID].label) entered '\(name)'")
        return .breakpoint(executionID: executionID, state: name)
      }
      if let error = ev.errorName, breakpoints.shouldBreak(onError: error) {
        focus = executionID
        out.messages.append("error breakpoint: \(error) in \(runtime.executions[executionID].label) (\(ev.type))")
        return .error(executionID: executionID, error: error)
      }
    }
    return nil
  }

  /// `next`: like `step`, but a child execution started by this step runs to its end first:
  /// runs until the focused execution itself records a new state event.
  mutating func next(_ out: inout CommandOutcome) -> StopReason {
    let id = focus
    guard runtime.executions[id].isRunning else { return stepFocused(&out) }
    let start = runtime.executions[id].execution.history.count
    let stop = runUntilStop(&out) { s in
      let h = s.runtime.executions[id].execution.history
      return !s.runtime.executions[id].isRunning
        || h[start...].contains { $0.type.hasSuffix("StateExited") || $0.type.hasSuffix("StateEntered") }
    }
    let h = runtime.executions[id].execution.history
    if h.count > start { describe(Array(h[start...]), of: id, &out) }
    return stop
  }

  /// `into`: focus the child execution the current Task started (stepping until it starts).
  mutating func into(_ out: inout CommandOutcome) -> StopReason {
    let before = runtime.children(of: focus).map(\.id)
    if let child = runtime.children(of: focus).last(where: { $0.isRunning }), before.count > 0 {
      focus = child.id
      out.messages.append("into \(child.label) (\(child.startedBy!.patternName) from '\(child.startedBy!.stateName)')")
      return .stepped
    }
    let stop = stepFocused(&out)
    if let child = runtime.children(of: focus).first(where: { !before.contains($0.id) }) {
      focus = child.id
      out.messages.append("into \(child.label) (\(child.startedBy!.patternName) from '\(child.startedBy!.stateName)')")
    } else {
      out.messages.append("no child execution was started by this step")
    }
    return stop
  }

  /// `out`: run until the focused execution ends, then focus its parent.
  mutating func stepOut(_ out: inout CommandOutcome) -> StopReason {
    let id = focus
    guard let parent = runtime.executions[id].startedBy?.parent else {
      out.messages.append("\(focusedExecution.label) has no parent; running it to its end")
      return runUntilStop(&out) { !$0.runtime.executions[id].isRunning }
    }
    let stop = runUntilStop(&out) { !$0.runtime.executions[id].isRunning }
    if !runtime.executions[id].isRunning {
      focus = parent
      out.messages.append("out to \(runtime.executions[parent].label); \(runtime.executions[id].label) ended \(runtime.executions[id].status.name)")
    }
    return stop
  }

  func describe(_ events: [HistoryEvent], of id: Int, _ out: inout CommandOutcome) {
    for ev in events {
      out.messages.append("\(runtime.executions[id].label) \(ev.id) \(ev.type)" + (ev.stateName.map { " '\($0)'" } ?? ""))
    }
  }
}
