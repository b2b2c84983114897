import ASLInterpreter
import ASLModel
import ASLRuntime
import JSONCore

/// What State I/O shows for one state of the focused execution: the data-flow stages that exist
/// so far (a state in flight has its input and the Parameters it sent, then what it waits for),
/// why it did what it did, and, inside a Map, which iteration is shown.
public struct StateData: Sendable {
  /// The state shown (nil before the execution starts).
  public var stateName: String?
  /// Stage name and value in order: `input`, `after InputPath`, `parameters`, `result`,
  /// `after ResultSelector`, `after ResultPath`, `output`, `variables` (only those present; a
  /// state in flight has those it reached).
  public var stages: [(name: String, value: JSONValue)] = []
  /// Choice rules as evaluated, Retry/Catch decisions; for a state in flight, first, what it
  /// waits for (`⧗ waiting for …`).
  public var explanation: [String] = []
  /// For a state inside a Map: the iteration shown and how the iterations stand.
  public var iterations: MapIterations?

  public init(stateName: String? = nil) { self.stateName = stateName }
}

/// The iterations of the Map run a state belongs to.
public struct MapIterations: Sendable, Equatable {
  /// The Map state.
  public var mapState: String
  /// The iteration shown, 0-based (`$$.Map.Item.Index`).
  public var shown: Int
  public var total: Int
  /// The shown iteration's status (`running`, `succeeded`, `failed`, `aborted`, `not started`).
  public var shownStatus: String
  public var succeeded = 0
  public var failed = 0
  public var aborted = 0
  public var running = 0
  /// Not started yet (MaxConcurrency).
  public var notStarted = 0

  public init(mapState: String, shown: Int, total: Int, shownStatus: String) {
    (self.mapState, self.shown, self.total, self.shownStatus) = (mapState, shown, total, shownStatus)
  }

  /// `iteration 3 of 10 (index 2, running) · 7 succeeded, 1 failed, 2 running`.
  public var summary: String {
    let counts = [(succeeded, "succeeded"), (failed, "failed"), (aborted, "aborted"), (running, "running"),
                  (notStarted, "not started")]
      .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
    return "iteration \(shown + 1) of \(total) (index \(shown), \(shownStatus))"
      + (counts.isEmpty ? "" : " · " + counts.joined(separator: ", "))
  }
}

extension Session {
  /// The data of `selectedState` (nil: the current state) in the focused execution. For a state
  /// inside a Map, `iteration` (0-based) picks the iteration; nil shows the latest one to reach
  /// the state.
  public func stateData(_ selectedState: String?, iteration: Int? = nil) -> StateData {
    let focused = focusedExecution
    let execution = focused.execution
    if selectedState == nil && !focused.isRunning {
      // Ended: what the execution returned.
      var data = StateData(stateName: "\(focused.label) \(focused.status.name)")
      switch focused.status {
      case .succeeded(let output): data.stages = [("output", output)]
      case .failed(let error, let cause), .timedOut(let error, let cause), .aborted(let error, let cause):
        data.stages = [("error", error.map(JSONValue.string) ?? .null), ("cause", cause.map(JSONValue.string) ?? .null)]
      case .running: break
      }
      if let last = execution.traces.last {
        data.explanation = ["last state: '\(last.stateName)' · select a state in the graph to see its data"]
      }
      return data
    }
    guard let name = selectedState ?? execution.currentStates.first?.stateName ?? execution.traces.last?.stateName
    else { return StateData() }
    var data = StateData(stateName: name)
    var visits = Self.visits(of: name, in: execution)
    if let map = Self.mapRun(of: visits, in: execution, pick: iteration) {
      data.iterations = map.iterations
      visits = visits.filter { Self.iterationUnit(of: $0.unitID, in: execution)?.unit == map.shownUnit }
      if map.shownUnit == nil {
        data.explanation = ["iteration \(map.iterations.shown + 1) has not started yet (MaxConcurrency)"]
        return data
      }
    }
    guard let visit = visits.max(by: { $0.order < $1.order }) else {
      data.explanation = [
        data.iterations.map { "'\(name)' has not run in iteration \($0.shown + 1) yet" }
          ?? "'\(name)' has not run in \(focused.label) yet"
      ]
      return data
    }
    switch visit.kind {
    case .about(let input):
      describeUpcoming(unit: visit.unitID, input: input, &data)
      addVariables(execution.units[visit.unitID].variables, to: &data)
    case .inFlight(let trace):
      describeInFlight(trace, unit: visit.unitID, &data)
    case .done(let trace):
      describeDone(trace, &data)
    }
    return data
  }

  /// One visit of a state: done, in flight, or about to start.
  struct Visit {
    enum Kind {
      case about(input: JSONValue)
      case inFlight(StateTrace)
      case done(StateTrace)
    }
    var unitID: Int
    var kind: Kind
    /// Later visits sort higher (entered event, then position; the visit about to start last).
    var order: (Int, Int)
  }

  static func visits(of name: String, in execution: Execution) -> [Visit] {
    var visits: [Visit] = []
    for (position, trace) in execution.traces.enumerated() where trace.stateName == name {
      visits.append(Visit(unitID: trace.unitID, kind: .done(trace), order: (trace.enteredEventID, position)))
    }
    for unit in execution.units where !unit.isFinished {
      if let visit = unit.visit, visit.name == name {
        // Without traces (recordTraces off) the visit still has its input.
        var trace = execution.openTraces[unit.id]
          ?? StateTrace(unitID: unit.id, stateName: name, stateType: visit.type, enteredEventID: visit.enteredEventID)
        if trace.stages.isEmpty { trace.stages = [DataFlowStage(name: "Input", value: visit.rawInput)] }
        visits.append(Visit(unitID: unit.id, kind: .inFlight(trace), order: (visit.enteredEventID, Int.max - 1)))
      } else if case .ready(let index, let input) = unit.phase, unit.machine.states[index].name == name {
        visits.append(Visit(unitID: unit.id, kind: .about(input: input), order: (Int.max, unit.id)))
      } else if case .startingIteration(let input) = unit.phase, unit.machine.startAt == name {
        visits.append(Visit(unitID: unit.id, kind: .about(input: input), order: (Int.max, unit.id)))
      }
    }
    return visits
  }

  /// The nearest Map iteration `unit` runs in (itself or an ancestor): its unit and index.
  static func iterationUnit(of unit: Int, in execution: Execution) -> (unit: Int, index: Int)? {
    var id: Int? = unit
    while let current = id {
      if case .iteration(let index) = execution.units[current].kind { return (current, index) }
      id = execution.units[current].parentID
    }
    return nil
  }

  /// The latest Map run among `visits`, with the iteration to show (`pick`, else the latest
  /// visit's) and its unit (nil when that iteration has not started).
  static func mapRun(of visits: [Visit], in execution: Execution, pick: Int?)
    -> (iterations: MapIterations, shownUnit: Int?)?
  {
    let latest = visits.compactMap { visit in
      iterationUnit(of: visit.unitID, in: execution).map { (visit.order, $0) }
    }.max { $0.0 < $1.0 }?.1
    guard let latest, let mapUnit = execution.units[latest.unit].parentID else { return nil }
    // The run: iteration units of the Map's unit from the last `index 0` up to `latest` and on
    // until the next run starts (a Map in a loop runs again).
    func isIteration(_ u: ExecutionUnit) -> Int? {
      if u.parentID == mapUnit, case .iteration(let index) = u.kind { return index }
      return nil
    }
    let units = execution.units
    let start = units[...latest.unit].lastIndex { isIteration($0) == 0 } ?? latest.unit
    var members: [Int: Int] = [:]  // index → unit
    for u in units[start...] {
      guard let index = isIteration(u) else { continue }
      if index == 0 && u.id != start { break }
      members[index] = u.id
    }
    // While the run lasts its group counts the iterations not started yet.
    let group = units[mapUnit].group.flatMap { $0.childIDs.first == start ? $0 : nil }
    let total = max(group?.total ?? 0, members.count)
    let shown = min(max(pick ?? latest.index, 0), max(total - 1, 0))
    // An iteration's path is the Map unit's path, then `/MapName[index]`.
    let component = units[latest.unit].path.dropFirst(units[mapUnit].path.count + 1)
    let mapName = String(component[..<(component.lastIndex(of: "[") ?? component.endIndex)])
    func status(_ unit: Int) -> String {
      switch units[unit].phase {
      case .succeeded: return "succeeded"
      case .failed: return "failed"
      case .aborted: return "aborted"
      default: return "running"
      }
    }
    var iterations = MapIterations(
      mapState: mapName, shown: shown, total: total, shownStatus: members[shown].map(status) ?? "not started")
    for unit in members.values {
      switch status(unit) {
      case "succeeded": iterations.succeeded += 1
      case "failed": iterations.failed += 1
      case "aborted": iterations.aborted += 1
      default: iterations.running += 1
      }
    }
    iterations.notStarted = total - members.count
    return (iterations, members[shown])
  }

  /// A finished visit: its stages, variables assigned, and why it went where it went.
  func describeDone(_ trace: StateTrace, _ data: inout StateData) {
    Self.appendStages(trace.stages, to: &data)
    if !trace.assigned.isEmpty {
      data.stages.append(("variables", .object(JSONObject(trace.assigned))))
    }
    if let choice = trace.choice {
      for rule in choice.rules {
        let reads = rule.reads.map { "\($0.path) = \($0.value?.compactString ?? "(missing)")" }.joined(separator: ", ")
        let verdict = rule.matched ? "matched" : "no"
        data.explanation.append("rule \(rule.index + 1): \(rule.description)\(reads.isEmpty ? "" : " · read " + reads) → \(verdict)")
      }
      if choice.usedDefault { data.explanation.append("no rule matched → Default") }
    }
    data.explanation += Self.errorHandlingLines(trace)
    if let next = trace.nextState { data.explanation.append("→ next: '\(next)'") }
    if let failure = trace.failure {
      data.explanation.append("failed: \(failure.error)" + (failure.cause.map { " · \($0)" } ?? ""))
    }
  }

  /// A visit in flight: the stages so far, the variables it sees, then what it waits for.
  func describeInFlight(_ trace: StateTrace, unit unitID: Int, _ data: inout StateData) {
    let execution = focusedExecution.execution
    let unit = execution.units[unitID]
    Self.appendStages(trace.stages, to: &data)
    data.explanation += Self.errorHandlingLines(trace)
    /// What it waits for, after `⧗ waiting `.
    var waiting: String?
    switch unit.phase {
    case .waitingTask(let requestID):
      if let request = execution.pendingTasks.first(where: { $0.id == requestID }) {
        if !trace.stages.contains(where: { $0.name == "Parameters" || $0.name == "Arguments" }) {
          data.stages.append(("parameters", request.parameters))
        }
        waiting = "for " + waitingText(for: request)
        var deadlines: [String] = []
        if let t = request.timeoutAt { deadlines.append("times out at \(clockText(t))") }
        if let h = request.heartbeatAt { deadlines.append("heartbeat due \(clockText(h))") }
        if !deadlines.isEmpty { data.explanation.append(deadlines.joined(separator: " · ")) }
      }
    case .waitingTimer(let until, .wait):
      waiting = "until \(clockText(until)) on the virtual clock"
    case .waitingTimer(let until, .retry):
      waiting = "for the retry at \(clockText(until))"
      if case .retry(let error, let retrier, let attempt, _)? = trace.errorHandling.last,
        let visit = unit.visit
      {
        let retriers = unit.machine.states[visit.stateIndex].errorHandling.retry
        let maxAttempts = retrier < retriers.count ? retriers[retrier].maxAttempts : attempt
        data.explanation.append(
          "retrying: Retrier \(retrier + 1) matched \(error) · attempt \(attempt) of \(maxAttempts)"
            + " · next attempt at \(clockText(until))")
      }
    case .waitingChildren:
      if let group = unit.group {
        let what = group.kind == .parallel ? "branches" : "iterations"
        let counts = [(group.succeeded, "succeeded"), (group.failed, "failed"), (group.running, "running"),
                      (group.total - group.nextToStart, "not started")]
          .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        waiting = "for \(group.total) \(what): " + counts.joined(separator: ", ")
      }
    case .resuming(let resumption):
      switch resumption {
      case .taskCompleted(.failed(let error, _)): waiting = "for the next step: it handles the error \(error)"
      case .taskCompleted: waiting = "for the next step: its result has arrived"
      case .retry: waiting = "for the next step: it retries now"
      case .waitElapsed: waiting = "for the next step: the wait is over"
      case .childrenSucceeded, .childrenFailed: waiting = "for the next step: its children have ended"
      case .errorRaised:
        waiting = "for the next step: its Retry/Catch handle the error \(execution.raisedError(of: unit.id) ?? "")"
      }
    default:
      break
    }
    addVariables(unit.variables, to: &data)
    // First among the notes, which stay in sight below the data however long it is.
    if let waiting { data.explanation.insert("⧗ waiting " + waiting, at: 0) }
  }

  /// Who a task request waits for: a person, the token, a child execution or a handler.
  func waitingText(for request: TaskRequest) -> String {
    let focusID = focus
    if let item = runtime.pending.first(where: { $0.executionID == focusID && $0.request.id == request.id }) {
      guard let token = item.token else { return "a result by hand (S succeed, F fail)" }
      if item.isActivity { return "an activity worker (GetActivityTask, then SendTaskSuccess/Failure), or you (S, F)" }
      let child = item.childExecutionID.map { ", passed to \(runtime.executions[$0].label)" } ?? ""
      return "SendTaskSuccess / SendTaskFailure with token \(RuntimeError.abbreviate(token))\(child)"
    }
    if let child = runtime.executions.first(where: {
      $0.startedBy?.parent == focusID && $0.startedBy?.requestID == request.id && $0.isRunning
    }) {
      return "child execution \(child.label) (\(child.startedBy!.patternName))"
    }
    if let pending = inFlight?.waitingOn, pending.executionID == focusID, pending.request.id == request.id {
      return pending.job.function.map { "function \($0.function.name) (\($0.function.runtime))" }
        ?? "the handler `\(pending.job.handler.command)`"
    }
    return "its result (dispatched on the next step)"
  }

  /// The Retry/Catch decisions of a visit.
  static func errorHandlingLines(_ trace: StateTrace) -> [String] {
    trace.errorHandling.map { note in
      switch note {
      case .retry(let error, let retrier, let attempt, let delay):
        return "\(error): Retrier \(retrier + 1) matched → retry \(attempt) after \(secondsText(delay))"
      case .retriesExhausted(let error, let retrier):
        return "\(error): Retrier \(retrier + 1) matched but its attempts are used up"
      case .caught(let error, let catcher, let next):
        return "\(error): Catcher \(catcher + 1) caught it → '\(next)'"
      case .unhandled(let error):
        return "\(error): no Retrier or Catcher handled it"
      }
    }
  }

  func addVariables(_ variables: [String: JSONValue], to data: inout StateData) {
    if !variables.isEmpty {
      data.stages.append(("variables", .object(JSONObject(variables.sorted { $0.key < $1.key }))))
    }
  }

  /// Appends a visit's stages; a stage that left the value as it was says so instead of
  /// repeating it (an `InputPath` of `$` would otherwise push Parameters out of sight).
  static func appendStages(_ stages: [DataFlowStage], to data: inout StateData) {
    var previous: (label: String, value: JSONValue)?
    for stage in stages {
      let label = stageLabel(stage.name)
      if let previous, previous.value == stage.value {
        data.stages.append((label, .string("(same as \(previous.label))")))
      } else {
        data.stages.append((label, stage.value))
        previous = (label, stage.value)
      }
    }
  }

  /// Stage names as State I/O shows them (`Input` → `input`, `InputPath` → `after InputPath`).
  static func stageLabel(_ name: String) -> String {
    switch name {
    case "Input": return "input"
    case "Parameters", "Arguments": return name.lowercased()
    case "Result": return "result"
    case "Output": return "output"
    default: return "after " + name
    }
  }

  /// Seconds as the debugger writes durations: `3s`, `1.5s`.
  public static func secondsText(_ value: Double) -> String {
    if value == value.rounded() { return "\(Int(value))s" }
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))s"
  }
}
