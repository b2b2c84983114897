import ASLInterpreter
import ASLRuntime
import JSONCore

extension Session {
  /// Upper bound on transitions in one `continue` (a runaway loop stops at the history limit
  /// long before this).
  static let maxStepsPerRun = 50_000_000
  /// Transitions per burst for a host that checks for input between bursts (the TUI).
  public static let defaultStepsPerBurst = 2_000

  // MARK: Work: what a stepping command does, resumable after a handler answers

  /// One piece of what a command does. A command is planned as a list of these; when a
  /// dispatch has to wait on a handler job, the rest of the list waits in `inFlight` and goes on
  /// when `.handlerFinished` arrives, so the result is the same as if the handler had answered
  /// at once.
  enum Work: Sendable, Equatable {
    /// Give new task requests to whoever resolves them (may wait on a handler).
    case dispatch
    /// One transition of the focused execution, or the clock, or say why not (`step`).
    case stepFocused
    /// Run every execution round-robin until a stop or `goal` (`continue`, `next`, `out`).
    case run(RunGoal, steps: Int)
    /// Fire the next timer (`advance`), or every timer due within a duration (`advance 5m`).
    case advanceClock(by: ClockDuration?)
    /// `next`: describe what the execution recorded since `historyStart`.
    case describe(execution: Int, historyStart: Int)
    /// `out`: focus the parent once the execution has ended.
    case focusParent(execution: Int, parent: Int)
    /// `into`: focus the child the step started (children before it are `before`).
    case focusNewChild(before: [Int])
    /// A teaching note that belongs after the dispatch's notes.
    case note(String)
    /// `step` waited for the clock: say where it stands.
    case waited
  }

  /// Where a run stops besides breakpoints, a decision, or the end.
  enum RunGoal: Sendable, Equatable {
    case none
    /// The execution ended or entered/left a state after history index `historyStart`.
    case stateEvent(execution: Int, historyStart: Int)
    /// The execution ended.
    case ended(execution: Int)
    /// Stepping the execution no longer means waiting for the clock (`step` on an execution
    /// whose timer is not due while others can move now: they move first, then time passes).
    case clockPassed(execution: Int)
    /// A serving session's settle: every execution as far as it can go without a person; with
    /// the real clock, timers wait for the wall clock (`tick`).
    case settled(realClock: Bool)

    /// The serving session's settle after a request (see `Session.settleWork`).
    var isSettling: Bool {
      if case .settled = self { return true }
      return false
    }
  }

  /// A command waiting on a handler job (or, with no job, paused between bursts of a run until
  /// `.resume`), with the work it has left and its output so far.
  struct InFlight: Sendable {
    var command: DebuggerCommand
    var waitingOn: PendingJob?
    var rest: [Work]
    var outcome: CommandOutcome
  }

  /// The handler jobs the session waits on (at most one: a command waits on each in turn).
  public var jobsInFlight: [HandlerJob] { inFlight?.waitingOn.map { [$0.job] } ?? [] }

  /// The work of a stepping command (`step`, `next`, `into`, `out`, `continue`, `advance`).
  mutating func plan(_ command: DebuggerCommand, _ out: inout CommandOutcome) -> [Work] {
    let step: [Work] = [.dispatch, .stepFocused, .dispatch]
    switch command {
    case .step:
      // Time passes only when nothing can move at the present moment, as on AWS, where the
      // others run meanwhile: they move first (breakpoints apply), then the clock.
      if case .clock = stepTarget(focus), runtime.runnableExecutions.contains(where: { $0 != focus }) {
        return [.dispatch, .run(.clockPassed(execution: focus), steps: 0), .waited, .dispatch]
      }
      return step
    case .continue: return [.run(.none, steps: 0)]
    case .advance: return [.dispatch, .advanceClock(by: nil), .dispatch]
    case .advanceBy(let duration): return [.dispatch, .advanceClock(by: duration), .dispatch]
    case .next:
      // Like step, but a child execution started by this step runs to its end first.
      let id = focus
      guard runtime.executions[id].isRunning else { return step }
      let start = runtime.executions[id].execution.history.count
      return [.run(.stateEvent(execution: id, historyStart: start), steps: 0), .describe(execution: id, historyStart: start)]
    case .into:
      let before = runtime.children(of: focus).map(\.id)
      if let child = runtime.children(of: focus).last(where: { $0.isRunning }), before.count > 0 {
        focus = child.id
        out.messages.append("into \(child.label) (\(child.startedBy!.patternName) from '\(child.startedBy!.stateName)')")
        out.stop = .stepped
        return []
      }
      return step + [.focusNewChild(before: before)]
    case .out:
      let id = focus
      guard let parent = runtime.executions[id].startedBy?.parent else {
        // As gdb refuses `finish` in the outermost frame: running the main execution to its end
        // is `continue`'s job, and `out` would skip every breakpoint on the way.
        fail(&out, "\(focusedExecution.label) is not a child execution: out has no parent to return to (continue runs it)")
        return []
      }
      return [.run(.ended(execution: id), steps: 0), .focusParent(execution: id, parent: parent)]
    default: return []
    }
  }

  /// Does `work` in order. When a dispatch must wait on a handler, returns the job and the work
  /// left (starting with what was interrupted); when a run pauses after a burst, no job.
  mutating func perform(_ work: [Work], _ out: inout CommandOutcome) -> (job: PendingJob?, rest: [Work])? {
    var index = 0
    while index < work.count {
      switch work[index] {
      case .dispatch:
        if let job = dispatchNewTasks() { return (job, Array(work[index...])) }
      case .stepFocused:
        out.stop = stepFocused(&out)
      case .run(let goal, let steps):
        switch runUntilStop(&out, goal: goal, steps: steps) {
        case .stopped(let stop): out.stop = stop
        case .waiting(let job, let steps): return (job, [.run(goal, steps: steps)] + work[(index + 1)...])
        case .paused(let steps): return (nil, [.run(goal, steps: steps)] + work[(index + 1)...])
        }
      case .advanceClock(let duration?):
        runtime.advanceClock(to: runtime.now.adding(seconds: duration.seconds))
        out.messages.append("clock advanced by \(duration) to \(clock)")
        out.stop = .stepped
      case .advanceClock(nil):
        if runtime.advanceClock() {
          out.messages.append("clock advanced to \(clock)")
          out.stop = .stepped
        } else {
          out.messages.append("no timer is pending")
          out.stop = .blocked("no timer is pending")
        }
      case .waited:
        if out.stop == .reached {
          out.messages.append("waited: clock \(clock) (executions that could move before it did)")
          out.stop = .stepped
        }
      case .describe(let id, let start):
        let h = runtime.executions[id].execution.history
        if h.count > start { describe(Array(h[start...]), of: id, &out) }
      case .focusParent(let id, let parent):
        if !runtime.executions[id].isRunning {
          focus = parent
          out.messages.append("out to \(runtime.executions[parent].label); \(runtime.executions[id].label) ended \(runtime.executions[id].status.name)")
        }
      case .focusNewChild(let before):
        if let child = runtime.children(of: focus).first(where: { !before.contains($0.id) }) {
          focus = child.id
          out.messages.append("into \(child.label) (\(child.startedBy!.patternName) from '\(child.startedBy!.stateName)')")
        } else {
          out.messages.append("no child execution was started by this step")
        }
      case .note(let note):
        notes.append(note)
      }
      index += 1
    }
    return nil
  }

  /// Performs `work` for `command`; when it has to wait on a handler (or pauses after a burst),
  /// keeps the rest in `inFlight` and returns only the effect that runs the handler (or
  /// `.resume`).
  mutating func proceed(_ command: DebuggerCommand, _ work: [Work], _ out: CommandOutcome) -> CommandOutcome {
    var out = out
    if let (pending, rest) = perform(work, &out) {
      inFlight = InFlight(command: command, waitingOn: pending, rest: rest, outcome: out)
      var waiting = CommandOutcome()
      // Replies go out now: a client does not wait on a handler the session runs meanwhile.
      waiting.effects = out.effects.filter(\.isReply) + [pending.map { .runHandler($0.job) } ?? .resume]
      inFlight?.outcome.effects.removeAll(where: \.isReply)
      return waiting
    }
    return finish(command, out)
  }

  /// Runs a command the host sends back with an effect's result.
  public mutating func execute(_ command: InternalCommand) -> CommandOutcome {
    switch command {
    case .handlerFinished(let id, let result):
      // A late answer (the job was already answered) changes nothing.
      guard let flight = inFlight, let pending = flight.waitingOn, pending.job.id == id else { return CommandOutcome() }
      inFlight = nil
      applyHandlerResult(result, of: pending)
      return proceed(flight.command, flight.rest, flight.outcome)
    case .resume:
      guard let flight = inFlight, flight.waitingOn == nil else { return CommandOutcome() }
      inFlight = nil
      return proceed(flight.command, flight.rest, flight.outcome)
    case .interrupt:
      guard let flight = inFlight, flight.waitingOn == nil else { return CommandOutcome() }
      inFlight = nil
      var out = flight.outcome
      let why = "interrupted (esc); c continues"
      out.messages.append(why)
      out.stop = .blocked(why)
      return finish(flight.command, out)
    case .apiRequest(let id, let request):
      return answer(request, id: id)
    case .tick(let wallSeconds):
      return tick(wallSeconds: wallSeconds)
    }
  }

  /// Resolves the task a handler job ran for with its result.
  mutating func applyHandlerResult(_ result: HandlerResult, of pending: PendingJob) {
    let (executionID, request, handler) = (pending.executionID, pending.request, pending.job.handler)
    let label = runtime.executions[executionID].label
    let outcome: TaskOutcome
    switch result {
    case .invoked(let response):
      guard let invocation = pending.job.function else { return }
      applyFunctionResponse(response, of: pending, invocation: invocation)
      return
    case .succeeded(let v):
      outcome = .succeeded(ServiceResponses.wrapsPayload(request)
        ? ServiceResponses.lambdaInvoke(payload: v, requestID: "handler-\(executionID + 1)-\(request.id)") : v)
    case .failed(let err, let cause): outcome = .failed(error: err, cause: cause)
    case .timedOut:
      outcome = .failed(error: "States.Timeout", cause: "The handler '\(handler.command)' did not answer within \(pending.job.timeoutSeconds) seconds and was stopped.")
    case .cancelled:
      // Stopped by the user: the task is theirs to answer.
      runtime.handToPerson(executionID: executionID, requestID: request.id)
      notes.append(
        "the \(pending.job.runnerName) for '\(request.stateName)' in \(label) was stopped: "
          + "give its result with succeed/fail.")
      return
    }
    try? runtime.resolveTask(executionID: executionID, requestID: request.id, with: outcome)
    notes.append("'\(request.stateName)' in \(label) answered by handler '\(handler.command)'.")
  }

  // MARK: Task dispatch: armed answers, mocks, the Step Functions integration, handlers, functions, a person

  /// A handler job the session must wait on, with the task it answers.
  struct PendingJob: Sendable {
    var job: HandlerJob
    var executionID: Int
    var request: TaskRequest
  }

  /// Gives every new task request to whoever resolves it. Returns the handler job to wait on
  /// when a request goes to a handler (the requests after it wait their turn).
  mutating func dispatchNewTasks() -> PendingJob? {
    var guardCount = 0
    while let (executionID, request) = runtime.undispatched.first, guardCount < 100_000 {
      guardCount += 1
      let e = runtime.executions[executionID]
      let names = machines.first { $0.name == e.machineName }?.aliases ?? [e.machineName]
      // 0. An answer given by hand at a breakpoint before the Task.
      if answerArmed(executionID: executionID, request: request) { continue }
      // 1. A mock (Step Functions Local MockConfigFile).
      if let mocks = configuration.mocks, let testCase = testCase(for: executionID) {
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
      if dispatchStepFunctionsAPI(executionID: executionID, request: request) { continue }
      if Runtime.isNative(request) {
        let before = runtime.executions.count
        runtime.dispatchStartExecution(executionID: executionID, requestID: request.id)
        if runtime.executions.count > before {
          notes.append(Teaching.childStarted(parent: e, child: runtime.executions[before], pattern: request.pattern))
        }
        continue
      }
      // 3. A handler command: the edge runs it; the session waits for `.handlerFinished`.
      if let handler = configuration.handlers.first(where: {
        $0.matches(state: request.stateName, resource: request.resource, baseResource: request.baseResource)
      }) {
        let timeout = request.timeoutAt.map { Double($0.milliseconds - request.scheduledAt.milliseconds) / 1000 }
          ?? configuration.defaultHandlerTimeoutSeconds
        jobCount += 1
        let job = HandlerJob(
          id: JobID(jobCount), handler: handler, input: ServiceResponses.handlerInput(request),
          taskToken: request.taskToken, timeoutSeconds: timeout)
        return PendingJob(job: job, executionID: executionID, request: request)
      }
      // 4. A function of the template (or `--function`): the edge invokes it like Lambda.
      if let invocation = functionInvocation(executionID: executionID, request: request) {
        guard let job = functionJob(invocation, executionID: executionID, request: request) else { continue }
        return PendingJob(job: job, executionID: executionID, request: request)
      }
      // 5. A person.
      runtime.handToPerson(executionID: executionID, requestID: request.id)
      if request.taskToken != nil {
        notes.append(Teaching.tokenCreated(execution: e, request: request))
      } else {
        notes.append("'\(request.stateName)' in \(e.label) has no mock or handler: give its result with succeed/fail.")
      }
    }
    return nil
  }

  // MARK: Stepping

  /// `step` (after its dispatch): one transition of the focused execution. When it waits on the
  /// clock, the clock advances; when it waits on a `.sync` child, the child steps.
  mutating func stepFocused(_ out: inout CommandOutcome) -> StopReason {
    switch stepTarget(focus) {
    case .execution(let id):
      let events = stepExecution(id)
      describe(events, of: id, &out)
      if case .handleError(_, let state, let error)? = runtime.upcomingStep(id) {
        out.messages.append("'\(state)' raised \(error) in \(runtime.executions[id].label): its Retry/Catch act on the next step")
      }
      if id != focus { out.messages.append("(\(runtime.executions[focus].label) waits on \(runtime.executions[id].label); stepped the child)") }
      return .stepped
    case .clock:
      runtime.advanceClock()
      out.messages.append("waited: clock \(clock)")
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

  /// Whether `step` on the focused execution can only say that it waits for an answer.
  public var focusWaitsOnPerson: Bool {
    if case .person = stepTarget(focus) { return true } else { return false }
  }

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

  /// How a run ended: stopped, or waiting on a handler after `steps` transitions.
  enum RunEnd {
    case stopped(StopReason)
    case waiting(PendingJob, steps: Int)
    /// A burst of `stepsPerBurst` transitions is done; the run goes on at `.resume`.
    case paused(steps: Int)
  }

  /// Whether a run has reached its goal.
  func reached(_ goal: RunGoal) -> Bool {
    switch goal {
    case .none, .settled: return false
    case .stateEvent(let id, let start):
      let h = runtime.executions[id].execution.history
      return !runtime.executions[id].isRunning
        || h[start...].contains { $0.type.hasSuffix("StateExited") || $0.type.hasSuffix("StateEntered") }
    case .ended(let id): return !runtime.executions[id].isRunning
    case .clockPassed(let id):
      if case .clock = stepTarget(id) { return false }
      return true
    }
  }

  /// `continue`: runs every execution round-robin until a breakpoint, a decision, the goal, or
  /// the end. `steps` counts transitions already taken by this run (it resumes after handlers).
  mutating func runUntilStop(_ out: inout CommandOutcome, goal: RunGoal, steps: Int) -> RunEnd {
    var steps = steps
    let burstEnd = stepsPerBurst.map { steps + $0 } ?? Int.max
    while steps < Self.maxStepsPerRun {
      // The top of the loop: going on from here later does exactly what going on now would.
      if steps >= burstEnd { return .paused(steps: steps) }
      if let job = dispatchNewTasks() { return .waiting(job, steps: steps) }
      if reached(goal) { return .stopped(.reached) }
      let runnable = runtime.runnableExecutions
      if !runnable.isEmpty {
        let id = runnable.first(where: { $0 >= roundRobin }) ?? runnable[0]
        roundRobin = id + 1
        // A raised error is handled in the same turn unless a breakpoint stops there, so other
        // executions move in the same order as when nothing stops.
        repeat {
          if let stop = stopBefore(id, &out) { return .stopped(stop) }
          let handlesError = runtime.upcomingStep(id)?.handlesError == true
          let events = stepExecution(id)
          steps += 1
          if !handlesError, let stop = stopOnExecutionError(events, executionID: id, &out) { return .stopped(stop) }
        } while runtime.upcomingStep(id)?.handlesError == true
        continue
      }
      if let t = runtime.nextTimer {
        if case .settled(realClock: true) = goal { return .stopped(.blocked("waiting for the clock")) }
        if timerNeedsPerson(t.kind) {
          if !goal.isSettling { out.messages.append(contentsOf: pendingLines) }
          return .stopped(.waitingOnPerson)
        }
        let before = runtime.executions.map { $0.execution.history.count }
        runtime.advanceClock()
        for (id, count) in before.enumerated() {
          let h = runtime.executions[id].execution.history
          if h.count > count, let stop = stopOnExecutionError(Array(h[count...]), executionID: id, &out) { return .stopped(stop) }
        }
        continue
      }
      // A serving session settles after every request: listing what waits (a line per pending
      // token, thousands with many clients) is for people, and nobody reads it there.
      if !runtime.pending.isEmpty {
        if !goal.isSettling { out.messages.append(contentsOf: pendingLines) }
        return .stopped(.waitingOnPerson)
      }
      if !goal.isSettling { out.messages.append(contentsOf: summaryLines) }
      return .stopped(.finished)
    }
    return .stopped(.blocked("stopped after \(steps) transitions"))
  }

  /// One step of execution `id` (its events); the unit the last run stopped before may stop
  /// again once it has moved.
  mutating func stepExecution(_ id: Int) -> [HistoryEvent] {
    let point = PausePoint(executionID: id, unitID: runtime.upcomingStep(id)?.unitID)
    let events = runtime.step(id) ?? []
    if point == pausedBefore { pausedBefore = nil }
    return events
  }

  /// The breakpoint the next step of execution `id` runs into, checked before it runs, as gdb
  /// does: a state breakpoint before the state is entered (its condition on the state's input),
  /// an error breakpoint where the error was raised, before Retry/Catch act. The unit the last
  /// run stopped before goes on.
  mutating func stopBefore(_ id: Int, _ out: inout CommandOutcome) -> StopReason? {
    guard let upcoming = runtime.upcomingStep(id) else { return nil }
    let point = PausePoint(executionID: id, unitID: upcoming.unitID)
    guard point != pausedBefore else { return nil }
    let label = runtime.executions[id].label
    let stop: StopReason
    switch upcoming {
    case .enter(_, let state, let input) where breakpoints.shouldBreak(enteringState: state, input: input):
      stop = .breakpoint(executionID: id, state: state)
      // Messages begin with the stop's description, so the screen does not say it twice.
      out.messages.append("breakpoint before '\(state)' in \(label): not entered yet (s runs it)")
    case .handleError(_, let state, let error) where breakpoints.shouldBreak(onError: error):
      out.messages.append("error \(error) in \(label), raised by '\(state)': its Retry/Catch act on the next step")
      stop = .error(executionID: id, error: error)
    default:
      return nil
    }
    focus = id
    pausedBefore = point
    return stop
  }

  /// Error breakpoints on errors that end an execution outside any state's Retry/Catch (a Fail
  /// state at the top level, the execution's TimeoutSeconds): they stop once it has ended.
  mutating func stopOnExecutionError(_ events: [HistoryEvent], executionID: Int, _ out: inout CommandOutcome) -> StopReason? {
    for ev in events where ev.type.hasPrefix("Execution") {
      if let error = ev.errorName, breakpoints.shouldBreak(onError: error) {
        focus = executionID
        out.messages.append("error \(error) in \(runtime.executions[executionID].label) (\(ev.type))")
        return .error(executionID: executionID, error: error)
      }
    }
    return nil
  }

  func describe(_ events: [HistoryEvent], of id: Int, _ out: inout CommandOutcome) {
    for ev in events {
      out.messages.append("\(runtime.executions[id].label) \(ev.id) \(ev.type)" + (ev.stateName.map { " '\($0)'" } ?? ""))
    }
  }
}
