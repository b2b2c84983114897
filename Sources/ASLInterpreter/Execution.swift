import ASLExpressions
import ASLModel
import JSONCore

/// One execution of a state machine: a value that a pure, deterministic stepper advances.
///
/// Nothing here reads the wall clock, sleeps or calls out: `Wait`, retry back-off and timeouts
/// are timers on a virtual clock (`now`), Task states park until `completeTask(_:with:)`, and
/// Parallel branches / Map iterations are separate units scheduled round-robin in creation
/// order. Copying an `Execution` is a snapshot (history and payloads are shared copy-on-write),
/// which is how a debugger steps back.
public struct Execution: Sendable {
  public let machine: StateMachine
  public let options: ExecutionOptions
  public let input: JSONValue
  public internal(set) var status: ExecutionStatus = .running
  /// The history so far, `GetExecutionHistory` order.
  public internal(set) var history = EventLog()
  /// The virtual clock.
  public internal(set) var now: VirtualInstant
  /// All units ever created; `units[0]` is the top level.
  public internal(set) var units: [ExecutionUnit] = []
  /// Tasks waiting for the outside, in the order they started.
  public internal(set) var pendingTasks: [TaskRequest] = []
  /// Number of states entered so far.
  public internal(set) var transitionCount = 0
  /// Completed state visits (only when `options.recordTraces`).
  public internal(set) var traces = ChunkedLog<StateTrace>()
  /// Traces of the visits in progress, by unit: the stages a state has reached so far (its
  /// input, the Parameters sent, the retries decided), for the debugger's states in flight.
  public internal(set) var openTraces: [Int: StateTrace] = [:]
  /// Distributed Map iterations waiting for the runtime to start them as child executions.
  public internal(set) var iterationRequests: [IterationRequest] = []

  var started = false
  var runQueue: [Int] = []
  var runHead = 0
  var queued: [Bool] = []
  /// Pending timers, sorted latest-first (the next one is `last`).
  var timers: [Timer] = []
  var timerSequence = 0
  var random: SeededRandom
  var nextRequestID = 1
  var historyLimitReached = false
  /// Errors raised and not handed to Retry/Catch yet, by unit (`options.pausesAtRaisedErrors`).
  var raisedErrors: [Int: RaisedError] = [:]
  let executionContext: JSONValue
  let stateMachineContext: JSONValue

  /// Creates an execution (not started: the first `step()` records `ExecutionStarted`).
  public init(machine: StateMachine, input: JSONValue, options: ExecutionOptions = ExecutionOptions())
  {
    self.machine = machine
    self.input = input
    self.options = options
    self.now = options.startTime
    self.random = SeededRandom(seed: options.seed)
    let recorded = options.recordedContext
    self.executionContext = .object(
      JSONObject([
        ("Id", .string(recorded?.id ?? options.executionArn)), ("Input", recorded?.input ?? input),
        ("StartTime", .string(recorded?.startTime ?? options.startTime.iso8601)),
        ("Name", .string(recorded?.name ?? options.executionName)),
        ("RoleArn", .string(options.roleArn)),
        ("RedriveCount", .int(recorded?.redriveCount ?? 0)),
      ]))
    self.stateMachineContext = .object(
      JSONObject([
        ("Id", .string(options.stateMachineArn)), ("Name", .string(options.stateMachineName)),
      ]))
  }

  // MARK: Public stepping API

  /// The result of one `step()`.
  public enum StepOutcome: Sendable {
    /// One transition of one unit (or the execution's start) happened, producing `events`.
    case progressed(unitID: Int?, events: [HistoryEvent])
    /// Nothing is runnable; the next timer is due at this instant (`advanceToNextTimer()`).
    case waitingForTimer(VirtualInstant)
    /// Nothing is runnable and no timer is pending: these tasks need a result.
    case waitingForTasks([TaskRequest])
    /// The execution has ended.
    case finished(ExecutionStatus)
  }

  /// Applies one transition of the next runnable unit (round-robin) and returns its events.
  public mutating func step() -> StepOutcome {
    guard status == .running else { return .finished(status) }
    let before = history.count
    if !started {
      start()
      return .progressed(unitID: nil, events: Array(history[before...]))
    }
    guard let unit = popRunnable() else {
      if let next = timers.last { return .waitingForTimer(next.due) }
      return .waitingForTasks(pendingTasks)
    }
    stepUnit(unit)
    return .progressed(unitID: unit, events: Array(history[before...]))
  }

  /// Steps one specific runnable unit (for a debugger focused on a branch or iteration).
  /// Returns nil when that unit is not runnable.
  public mutating func step(unit: Int) -> [HistoryEvent]? {
    guard status == .running, started, unit < units.count, units[unit].phase.isRunnable else {
      return nil
    }
    let before = history.count
    stepUnit(unit)
    return Array(history[before...])
  }

  /// Moves the clock to the next timer and fires every timer due then. False when none.
  @discardableResult
  public mutating func advanceToNextTimer() -> Bool {
    guard status == .running, let next = timers.last else { return false }
    if next.due > now { now = next.due }
    while let t = timers.last, t.due <= now, status == .running {
      timers.removeLast()
      fire(t)
    }
    finishIfHistoryLimitReached()
    return true
  }

  /// Runs until the execution ends or needs a task result nobody gives. Timers are advanced
  /// instantly; tasks are resolved by `resolver` when it answers. Returns the status.
  @discardableResult
  public mutating func run(resolver: TaskResolver? = nil, maxSteps: Int = .max) -> ExecutionStatus {
    var steps = 0
    if !started { start() }
    while status == .running, steps < maxSteps {
      if let unit = popRunnable() {
        stepUnit(unit)
        steps += 1
        continue
      }
      if let resolver, resolvePending(with: resolver) { continue }
      if advanceToNextTimer() { continue }
      break
    }
    return status
  }

  /// Resolves every pending task the resolver answers; true when at least one was resolved.
  mutating func resolvePending(with resolver: TaskResolver) -> Bool {
    var resolvedAny = false
    for request in pendingTasks {
      if let outcome = resolver.resolve(request) {
        if (try? completeTask(request.id, with: outcome)) != nil { resolvedAny = true }
      }
    }
    return resolvedAny
  }

  /// Stops the execution (`StopExecution`): `ExecutionAborted`, status ABORTED.
  public mutating func stop(error: String? = nil, cause: String? = nil) {
    guard status == .running else { return }
    if !started { start() }
    for unit in units.indices.reversed() where !units[unit].isFinished {
      units[unit].phase = .aborted
    }
    pendingTasks.removeAll()
    timers.removeAll()
    emit("ExecutionAborted", unit: 0, .failure(error: error, cause: cause), terminal: true)
    status = .aborted(error: error, cause: cause)
  }

  /// The units currently inside a state or about to enter one (all active branches and
  /// iterations), with the state they are at.
  public var currentStates: [(unitID: Int, path: String, stateName: String)] {
    var out: [(Int, String, String)] = []
    for unit in units where !unit.isFinished {
      if let visit = unit.visit {
        out.append((unit.id, unit.path, visit.name))
      } else if case .ready(let index, _) = unit.phase {
        out.append((unit.id, unit.path, unit.machine.states[index].name))
      } else if case .startingIteration = unit.phase {
        out.append((unit.id, unit.path, unit.machine.startAt))
      }
    }
    return out
  }

  /// What the next `step()` will do, without doing it: a debugger stops before a state runs or
  /// before Retry/Catch handle an error. Nil when nothing can step.
  public var upcomingStep: UpcomingStep? {
    guard status == .running else { return nil }
    guard started else { return .start }
    var i = runHead
    while i < runQueue.count {
      let unit = runQueue[i]
      switch phase(of: unit) {
      case .ready(let index, let input):
        return .enter(unitID: unit, state: state(index, of: unit).name, input: input)
      case .startingIteration(let input):
        return .enter(unitID: unit, state: read(unit) { $0.machine.startAt }, input: input)
      case .resuming(.errorRaised):
        return .handleError(
          unitID: unit, state: visit(of: unit)?.name ?? "", error: raisedError(of: unit) ?? "")
      case .resuming:
        return .resume(unitID: unit)
      default:
        i += 1
      }
    }
    return nil
  }

  /// The next instant a timer fires, if any.
  public var nextTimerDue: VirtualInstant? { timers.last?.due }

  /// True when some unit can step without outside help or the clock.
  public var hasRunnableUnit: Bool {
    var i = runHead
    while i < runQueue.count {
      if units[runQueue[i]].phase.isRunnable { return true }
      i += 1
    }
    return !started && status == .running
  }

  // MARK: Scheduling

  mutating func start() {
    started = true
    emit("ExecutionStarted", unit: nil, .executionStarted(input: input, roleArn: options.roleArn))
    // AWS chains the first state's event to no event (previousEventId 0), not to
    // ExecutionStarted: the top level's chain starts empty.
    let root = ExecutionUnit(
      id: 0, parentID: nil, kind: .root, machine: machine, variables: [:],
      phase: .ready(stateIndex: machine.stateIndex[machine.startAt] ?? 0, input: input), visit: nil,
      group: nil, lastEventID: 0, recordsHistory: true, path: "Root")
    units.append(root)
    queued.append(false)
    enqueue(0)
    if let seconds = machine.timeoutSeconds {
      addTimer(Timer(due: now.adding(seconds: Double(seconds)), sequence: 0, kind: .executionTimeout))
    }
    if PayloadSize.exceeds(input, limit: options.payloadLimitBytes) {
      failExecution(
        error: "States.DataLimitExceeded",
        cause: "The execution input exceeds the maximum payload size of \(options.payloadLimitBytes) bytes.")
    }
  }

  mutating func enqueue(_ unit: Int) {
    if queued[unit] { return }
    queued[unit] = true
    runQueue.append(unit)
  }

  /// The error `unit` raised that its Retry/Catch have not handled yet.
  public func raisedError(of unit: Int) -> String? { raisedErrors[unit]?.error.error }

  /// Puts `unit` first in the run queue: the next step is its.
  mutating func enqueueFirst(_ unit: Int) {
    if queued[unit] { return }
    queued[unit] = true
    if runHead > 0 {
      runHead -= 1
      runQueue[runHead] = unit
    } else {
      runQueue.insert(unit, at: 0)
    }
  }

  mutating func popRunnable() -> Int? {
    while runHead < runQueue.count {
      let unit = runQueue[runHead]
      runHead += 1
      queued[unit] = false
      // Compacting early keeps the queue short: a snapshot shares it, and the first change after
      // one copies it whole (removing the consumed half is still amortized O(1) per pop).
      if runHead > 32, runHead * 2 > runQueue.count {
        runQueue.removeFirst(runHead)
        runHead = 0
      }
      if units.withUnsafeBufferPointer({ $0[unit].phase.isRunnable }) { return unit }
    }
    return nil
  }

  mutating func addUnit(_ unit: ExecutionUnit) -> Int {
    units.append(unit)
    queued.append(false)
    return unit.id
  }

  // MARK: Timers

  struct Timer: Sendable {
    enum Kind: Sendable {
      case unit(Int)
      case taskTimeout(requestID: Int)
      case taskHeartbeat(requestID: Int)
      case executionTimeout
    }
    var due: VirtualInstant
    var sequence: Int
    var kind: Kind
  }

  mutating func addTimer(_ timer: Timer) {
    var t = timer
    timerSequence += 1
    t.sequence = timerSequence
    // Latest first; among equal dues, earlier sequence nearer the end (fires first).
    var lo = 0
    var hi = timers.count
    while lo < hi {
      let mid = (lo + hi) / 2
      let m = timers[mid]
      if m.due > t.due || (m.due == t.due && m.sequence > t.sequence) {
        lo = mid + 1
      } else {
        hi = mid
      }
    }
    timers.insert(t, at: lo)
  }

  mutating func fire(_ timer: Timer) {
    switch timer.kind {
    case .executionTimeout:
      guard status == .running else { return }
      for unit in units.indices where !units[unit].isFinished { units[unit].phase = .aborted }
      pendingTasks.removeAll()
      timers.removeAll()
      emit("ExecutionTimedOut", unit: 0, .failure(error: "States.Timeout", cause: nil), terminal: true)
      status = .timedOut(error: "States.Timeout", cause: nil)
    case .unit(let id):
      guard case .waitingTimer(let until, let reason) = units[id].phase, until == timer.due else {
        return
      }
      units[id].phase = .resuming(reason == .wait ? .waitElapsed : .retry)
      enqueue(id)
    case .taskTimeout(let requestID):
      guard pendingTasks.contains(where: { $0.id == requestID }) else { return }
      _ = try? completeTask(requestID, with: .timedOut)
    case .taskHeartbeat(let requestID):
      guard let request = pendingTasks.first(where: { $0.id == requestID }),
        request.heartbeatAt == timer.due
      else { return }
      _ = try? completeTask(requestID, with: .heartbeatTimedOut)
    }
  }

  // MARK: History

  /// Appends an event for `unit` (nil: execution-level, chained after the last event).
  /// Returns its id, or 0 when the unit records no history or the history limit was hit.
  ///
  /// The event's `previousEventId` is the unit's last event, or `after` when given; with
  /// `advancesChain: false` the unit's next event still follows the one before this (AWS chains
  /// `MapStateExited` past `MapStateSucceeded`, see the recorded Map histories).
  @discardableResult
  mutating func emit(
    _ type: String, unit: Int?, _ details: consuming HistoryEventDetails, terminal: Bool = false,
    after: Int? = nil, advancesChain: Bool = true
  ) -> Int {
    if let unit, !units.withUnsafeBufferPointer({ $0[unit].recordsHistory }) { return 0 }
    if historyLimitReached && !terminal { return 0 }
    if !terminal, history.count >= options.historyLimit - 1 {
      historyLimitReached = true
      return 0
    }
    let previous: Int
    if let after {
      previous = after
    } else if let unit {
      previous = units.withUnsafeBufferPointer { $0[unit].lastEventID }
    } else {
      previous = history.count
    }
    let id = history.count + 1
    history.append(
      HistoryEvent(id: id, previousEventID: previous, timestamp: now, type: type, details: details))
    if let unit, advancesChain { units[unit].lastEventID = id }
    return id
  }

  /// Fails the execution like AWS when its history reached the quota.
  mutating func finishIfHistoryLimitReached() {
    guard historyLimitReached, status == .running else { return }
    failExecution(
      error: "States.Runtime",
      cause: "The execution reached the maximum number of history events (\(options.historyLimit)).")
  }

  /// Ends the execution as FAILED, aborting whatever still runs.
  mutating func failExecution(error: String?, cause: String?) {
    guard status == .running else { return }
    for unit in units.indices where !units[unit].isFinished && unit != 0 {
      units[unit].phase = .aborted
    }
    pendingTasks.removeAll()
    timers.removeAll()
    emit("ExecutionFailed", unit: units.isEmpty ? nil : 0, .failure(error: error, cause: cause), terminal: true)
    status = .failed(error: error, cause: cause)
  }
}

// MARK: Borrowed reads of units

extension Execution {
  // Reading `units[i].field` through an optional or a nested struct makes Swift copy the whole
  // unit (dozens of retains); these read through the buffer instead.

  /// The state visit of `unit`, if it is inside a state.
  @inline(__always)
  func visit(of unit: Int) -> StateVisit? {
    units.withUnsafeBufferPointer { $0[unit].visit }
  }

  /// The raw input of the state `unit` is in.
  @inline(__always)
  func rawInput(of unit: Int) -> JSONValue {
    units.withUnsafeBufferPointer { $0[unit].visit?.rawInput ?? .null }
  }

  /// State `index` of `unit`'s machine.
  @inline(__always)
  func state(_ index: Int, of unit: Int) -> State {
    units.withUnsafeBufferPointer { $0[unit].machine.states[index] }
  }

  /// The phase of `unit`.
  @inline(__always)
  func phase(of unit: Int) -> UnitPhase {
    units.withUnsafeBufferPointer { $0[unit].phase }
  }

  /// Reads from `unit` without copying it.
  @inline(__always)
  func read<T>(_ unit: Int, _ body: (ExecutionUnit) -> T) -> T {
    units.withUnsafeBufferPointer { body($0[unit]) }
  }

  /// The variables visible to `unit`.
  @inline(__always)
  func variables(of unit: Int) -> [String: JSONValue] {
    units.withUnsafeBufferPointer { $0[unit].variables }
  }
}
