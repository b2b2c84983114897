import ASLInterpreter
import ASLRuntime
import JSONCore

/// A debugging session: the runtime (every execution), breakpoints, focus, time travel, and the
/// policy that resolves Task states (mocks, handlers, the Step Functions integration, a person).
///
/// Every change goes through `execute(_:)` with a `DebuggerCommand`, the same language the TUI
/// prompt and `--script` files use. The session is a value and does no I/O: handler runs and file
/// writes are returned as `SessionEffect`s, and handler results come back as `InternalCommand`s
/// (`EffectLoop` connects the two).
public struct Session: Sendable {
  public internal(set) var runtime: Runtime
  public let configuration: SessionConfiguration
  /// The execution the user started (id in `runtime.executions`).
  public internal(set) var mainExecutionID: Int
  /// The execution in focus (step applies to it).
  public internal(set) var focus: Int
  public internal(set) var breakpoints = Breakpoints()
  /// The commands that changed the session, for `save`.
  public internal(set) var log = ChunkedLog<DebuggerCommand>()
  /// Results given by hand, for `save-mocks`.
  public internal(set) var handResults: [HandResult] = []
  /// What local functions printed, per invocation (the last `FunctionLog.maxKept`).
  public internal(set) var functionLogs: [FunctionLog] = []
  /// Why the last run stopped.
  public internal(set) var lastStop: StopReason?
  /// When set, a run (`continue`, `next`, `out`) hands control back after this many transitions
  /// with the `.resume` effect, so a host can check for input between bursts; nil runs to the
  /// end in one go. Either way the result is the same.
  public var stepsPerBurst: Int?

  let machines: [RegisteredMachine]
  let mainMachine: String
  public internal(set) var mainInput: JSONValue
  /// The command waiting on a handler job, if any.
  var inFlight: InFlight?
  /// Handler jobs started so far (names the next one).
  var jobCount = 0
  var mockAttempts: [String: Int] = [:]
  var snapshots: [Snapshot] = []
  var roundRobin = 0
  var notes: [String] = []
  /// The unit the last run stopped before (a breakpoint): the next run lets it go first.
  var pausedBefore: PausePoint?
  /// Answers given at a breakpoint before a Task, used when it is entered (`succeed`/`fail`).
  var armedAnswers: [ArmedAnswer] = []
  /// The Step Functions API's own records (machines' dates, activities, test cases per execution).
  var service = ServiceState()
  /// Requests answered later and the edge's wall clock (not undone by `back`).
  var connections = APIConnections()

  struct PausePoint: Sendable, Equatable {
    var executionID: Int
    var unitID: Int?
  }

  struct Snapshot: Sendable {
    var runtime: Runtime
    var focus: Int
    var log: ChunkedLog<DebuggerCommand>
    var handResults: [HandResult]
    var mockAttempts: [String: Int]
    var lastStop: StopReason?
    var pausedBefore: PausePoint?
    var armedAnswers: [ArmedAnswer]
    var service: ServiceState
  }

  /// Starts the main execution of `mainMachine` (paused before its first state).
  public init(
    machines: [RegisteredMachine], mainMachine: String, input: JSONValue,
    configuration: SessionConfiguration = SessionConfiguration()
  ) throws(RuntimeError) {
    self.machines = machines
    self.mainMachine = mainMachine
    self.mainInput = input
    self.configuration = configuration
    let (runtime, id) = try Self.startedRuntime(machines, configuration, mainMachine: mainMachine, input: input)
    self.runtime = runtime
    self.mainExecutionID = id
    self.focus = id
    startService()
  }

  /// A session that serves the API with no execution yet (`sfdbg serve`): the first execution a
  /// client starts becomes the main one.
  public init(machines: [RegisteredMachine], configuration: SessionConfiguration) {
    self.machines = machines
    self.mainMachine = machines.first?.name ?? ""
    self.mainInput = .object(JSONObject())
    self.configuration = configuration
    self.runtime = Self.newRuntime(machines, configuration)
    self.mainExecutionID = 0
    self.focus = 0
    startService()
  }

  public var mainExecution: RuntimeExecution { runtime.executions[mainExecutionID] }
  public var focusedExecution: RuntimeExecution { runtime.executions[focus] }
  public var canStepBack: Bool { !snapshots.isEmpty }
  /// Every state of every loaded machine, branches and item processors included: what `break`
  /// takes (a breakpoint applies to every execution).
  public var stateNames: [String] { machines.flatMap(\.machine.allStateNames) }

  // MARK: Commands

  /// Runs one command of the command language. A command that needs a handler returns the
  /// `.runHandler` effect and goes on when its `.handlerFinished` arrives; its outcome then.
  public mutating func execute(_ command: DebuggerCommand) -> CommandOutcome {
    var out = CommandOutcome()
    if let flight = inFlight {
      fail(&out, flight.waitingOn.map { "a handler is running for '\($0.request.stateName)': wait for it or stop it" }
        ?? "a run is paused between bursts: resume or interrupt it")
      return out
    }
    notes = []
    if command.changesExecutions { pushSnapshot() }
    var work: [Work] = []
    switch command {
    case .step, .next, .into, .out, .continue, .advance, .advanceBy: work = plan(command, &out)
    case .back, .reverseContinue:
      if snapshots.isEmpty {
        fail(&out, "nothing to step back to")
      } else if command == .back {
        restore(snapshots.removeLast())
        out.messages.append("stepped back; clock \(clock)")
      } else {
        let undone = reverseToStop()
        let place = snapshots.isEmpty && lastStop?.isBreakOrDecision != true
          ? "the start" : "where a run stopped (\(lastStop.map(String.init(describing:)) ?? ""))"
        out.messages.append("went back \(undone) command(s) to \(place); clock \(clock)")
      }
      return out
    case .goto(let eventID):
      if eventID > focusedExecution.execution.history.count {
        return goForward(toEvent: eventID)
      }
      goBack(toEvent: eventID, &out)
      return out
    case .restart(let input):
      do throws(RuntimeError) {
        try restart(input: input ?? mainInput)
        out.messages.append("restarted \(mainExecution.label) with input \(mainInput.compactString)")
      } catch {
        fail(&out, error.description)
      }
    case .breakAt(let state, let condition):
      let names = stateNames
      guard names.contains(state) else {
        let likely = names.first { $0.lowercased() == state.lowercased() }
        fail(&out, "no state machine has a state named '\(state)'" + (likely.map { " (did you mean '\($0)'?)" } ?? ""))
        break
      }
      // One breakpoint per state: a new condition replaces the old one, and says so.
      let replaced = breakpoints.states.first { $0.name == state }.map { Breakpoints.describe($0.name, $0.condition) }
      breakpoints.set(state: state, condition: condition)
      out.messages.append("breakpoint on \(Breakpoints.describe(state, condition))" + (replaced.map { " (replaces \($0))" } ?? ""))
    case .breakOnError(let name):
      if let name { if !breakpoints.onErrors.contains(name) { breakpoints.onErrors.append(name) } } else { breakpoints.onAnyError = true }
      out.messages.append("break on " + (name ?? "every error"))
    case .deleteBreakpoint(let ref):
      switch ref {
      case .all: breakpoints = Breakpoints()
      case .errors:
        breakpoints.onAnyError = false
        breakpoints.onErrors = []
      case .state(let s): breakpoints.remove(state: s)
      }
      out.messages.append("breakpoints: \(breakpointSummary)")
    case .succeed(let ref, let output): work = answerByHand(ref, .success(output), &out)
    case .fail(let ref, let error, let cause): work = answerByHand(ref, .failure(error: error, cause: cause), &out)
    case .heartbeat(let ref):
      do throws(RuntimeError) {
        let item = try pendingItem(ref)
        guard let token = item.token else {
          throw RuntimeError("InvalidToken", "'\(item.stateName)' is a task resolved by hand, not a task token: heartbeats go to tokens")
        }
        try runtime.sendTaskHeartbeat(token: token)
        out.messages.append("heartbeat sent for '\(item.stateName)' in \(runtime.executions[item.executionID].label)")
      } catch {
        fail(&out, error.description)
      }
    case .start(let machine, let input):
      do throws(RuntimeError) {
        let id = try runtime.startExecution(machine: machine, input: input ?? .object(JSONObject()))
        focus = id
        out.messages.append("started \(runtime.executions[id].label) (\(runtime.executions[id].name))")
      } catch {
        fail(&out, error.description)
      }
    case .stop(let key, let error, let cause):
      if let e = runtime.execution(key) {
        do throws(RuntimeError) {
          try runtime.stopExecution(e.id, error: error, cause: cause)
          out.messages.append("stopped \(e.label)")
        } catch {
          fail(&out, error.description)
        }
      } else {
        fail(&out, "ExecutionDoesNotExist: no execution is called '\(key)'")
      }
    case .focus(let key):
      if let e = runtime.execution(key) {
        focus = e.id
        out.messages.append("focus: \(e.label)")
      } else {
        fail(&out, "no execution is called '\(key)'")
      }
    case .executions: out.output = .lines(executionLines)
    case .pending: out.output = .lines(pendingLines)
    case .print(let path): printPath(path, &out)
    case .printRequest(let path): printRequest(path, &out)
    case .history(let key):
      if let e = key.map({ runtime.execution($0) }) ?? .some(focusedExecution) {
        out.output = .lines(e.execution.history.map { ev in "\(ev.id) \(ev.type)" + (ev.stateName.map { " \($0)" } ?? "") })
      } else {
        fail(&out, "no execution is called '\(key ?? "")'")
      }
    case .save(let file):
      out.effects.append(.writeFile(path: file, contents: script, report: "wrote \(log.count) command(s) to \(file)"))
    case .saveMocks(let file):
      out.effects.append(.writeFile(
        path: file, contents: mockFile.prettyString + "\n",
        report: "wrote \(handResults.count) hand-given result(s) as test case \"\(Self.recordedTestCase)\" to \(file)"))
    case .export(let file):
      out.effects.append(.writeFile(
        path: file, contents: runtime.historyExport.prettyString + "\n",
        report: "wrote the histories of \(runtime.executions.count) execution(s) to \(file)"))
    case .api(let operation, let body): work = answerCommand(operation, body, &out)
    case .help:
      out.output = .lines(CommandSpec.all.map { "  " + $0.helpLine })
    case .quit:
      out.effects.append(.quit)
    }
    return proceed(command, work, out)
  }

  /// Ends a command whose work is done: undo and save bookkeeping, notes.
  mutating func finish(_ command: DebuggerCommand, _ out: CommandOutcome) -> CommandOutcome {
    var out = out
    if command.changesExecutions && out.isError {
      _ = snapshots.popLast()
    } else if command.changesExecutions {
      lastStop = out.stop
    }
    if command.isLogged && !out.isError { log.append(command) }
    out.effects += deliverWaitingReplies()
    out.notes = notes
    return out
  }

  mutating func fail(_ out: inout CommandOutcome, _ message: String) {
    out.messages.append(message)
    out.isError = true
  }

  // MARK: Time travel

  mutating func pushSnapshot() {
    snapshots.append(Snapshot(
      runtime: runtime, focus: focus, log: log, handResults: handResults, mockAttempts: mockAttempts,
      lastStop: lastStop, pausedBefore: pausedBefore, armedAnswers: armedAnswers, service: service))
    if snapshots.count > 100_000 { snapshots.removeFirst(snapshots.count - 100_000) }
  }

  /// Undoes commands until the session is where a run stopped at a breakpoint or for a
  /// decision (or at the start); returns how many were undone.
  mutating func reverseToStop() -> Int {
    var undone = 0
    while let s = snapshots.popLast() {
      restore(s)
      undone += 1
      if s.lastStop?.isBreakOrDecision == true { break }
    }
    return undone
  }

  /// Undoes commands back to the earliest undo point where the focused execution has written
  /// event `eventID` (just after the command that wrote it), keeping that execution in focus.
  /// `goto` an event the focused execution has not written yet: `step`s it (each logged and an
  /// undo point of its own, as if typed) until it writes the event, or until it cannot move on
  /// by itself (it ended, waits on a person, a child or the clock, or a handler runs).
  mutating func goForward(toEvent eventID: Int) -> CommandOutcome {
    let id = focus
    var total = CommandOutcome()
    var steps = 0
    while runtime.executions[id].execution.history.count < eventID {
      let before = (runtime.executions[id].execution.history.count, clock)
      let step = execute(.step)
      steps += 1
      total.notes += step.notes
      total.effects += step.effects
      total.stop = step.stop ?? total.stop
      let written = runtime.executions[id].execution.history.count
      if step.isError || !step.effects.isEmpty || (written, clock) == before || focus != id {
        total.messages += step.messages
        // Short of the event asked for: a failure, so a script stops here.
        total.isError = step.effects.isEmpty
        total.messages.append(
          "stopped after \(steps) step(s) at event \(written) of \(runtime.executions[id].label): "
            + (step.effects.isEmpty ? "it does not move on by itself" : "a handler is running")
            + " (event \(eventID) is not written yet)")
        return total
      }
    }
    total.messages.append(
      "went forward \(steps) step(s) to event \(eventID) of \(runtime.executions[id].label)"
        + " (now \(runtime.executions[id].execution.history.count) events); clock \(clock)")
    return total
  }

  mutating func goBack(toEvent eventID: Int, _ out: inout CommandOutcome) {
    let id = focus
    var undone = 0
    while let s = snapshots.last, s.runtime.executions.count > id,
      s.runtime.executions[id].execution.history.count >= eventID
    {
      restore(snapshots.removeLast())
      undone += 1
    }
    focus = id
    out.messages.append(
      undone == 0
        ? "event \(eventID) was written by the last command: nothing to undo"
        : "went back \(undone) command(s) to just after event \(eventID) was written; clock \(clock)")
  }

  mutating func restore(_ s: Snapshot) {
    runtime = s.runtime
    focus = s.focus
    log = s.log
    handResults = s.handResults
    mockAttempts = s.mockAttempts
    lastStop = s.lastStop
    pausedBefore = s.pausedBefore
    armedAnswers = s.armedAnswers
    service = s.service
  }

  /// A new runtime with the main execution started (its name and, for replay, its recorded
  /// context) and the `--all-machines` companions beside it, with its input and name; the main
  /// execution's id.
  static func startedRuntime(
    _ machines: [RegisteredMachine], _ configuration: SessionConfiguration, mainMachine: String, input: JSONValue
  ) throws(RuntimeError) -> (Runtime, Int) {
    var runtime = newRuntime(machines, configuration)
    let name = configuration.mainExecutionName ?? "main"
    let id = try runtime.startExecution(
      machine: mainMachine, input: input, name: name, context: configuration.mainExecutionContext)
    for machine in configuration.companionMachines {
      _ = try runtime.startExecution(machine: machine, input: input, name: name)
    }
    return (runtime, id)
  }

  mutating func restart(input: JSONValue) throws(RuntimeError) {
    let (fresh, id) = try Self.startedRuntime(machines, configuration, mainMachine: mainMachine, input: input)
    runtime = fresh
    mainExecutionID = id
    focus = id
    mockAttempts = [:]
    handResults = []
    let changedInput = input != mainInput
    mainInput = input
    log = changedInput ? [.restart(input: input)] : []
    roundRobin = 0
    pausedBefore = nil
    armedAnswers = []
    startService()
  }

  /// A runtime with no execution yet; raised errors wait a step so error breakpoints stop
  /// before Retry/Catch act.
  static func newRuntime(_ machines: [RegisteredMachine], _ configuration: SessionConfiguration) -> Runtime {
    var runtime = Runtime(
      machines: machines, startTime: configuration.startTime ?? .defaultEpoch, seed: configuration.seed,
      pausesAtRaisedErrors: true)
    runtime.maxChildExecutions = configuration.maxChildExecutions
    runtime.objectStore = configuration.objectStore
    runtime.mapRunEventChain = configuration.mapRunEventChain
    return runtime
  }
}

extension StopReason {
  /// A stop `reverse-continue` goes back to: a breakpoint hit or a pending decision.
  var isBreakOrDecision: Bool {
    switch self {
    case .breakpoint, .error, .waitingOnPerson: return true
    case .stepped, .finished, .reached, .blocked: return false
    }
  }
}
