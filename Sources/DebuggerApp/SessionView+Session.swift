import ASLGraph
import ASLInterpreter
import ASLRuntime
import DebuggerCore
import GraphLayout
import JSONCore
import TerminalUI

extension SessionView {
  /// The view of a debug session.
  ///
  /// - Parameters:
  ///   - title: file and machine, for the top line.
  ///   - definitions: each machine's ASL definition by machine name (the graph's layout input).
  ///   - selectedState: the state the user selected in the graph (State I/O shows it); nil for
  ///     the focused execution's current state.
  ///   - previous: the view of the same focused execution before a command that only moved it
  ///     forward (its history only grew): its history rows and visited states are reused, so a
  ///     step costs the same with 25,000 events as with 25.
  public init(
    session: Session, title: String, definitions: [String: JSONValue], selectedState: String? = nil,
    extending previous: SessionView? = nil
  ) {
    let runtime = session.runtime
    let focused = session.focusedExecution
    let execution = focused.execution
    self.init()
    self.title = title
    focusStatus = focused.status.name
    focusSummary = "\(focused.label) \(focusStatus)"
    clock = session.clock
    isRunning = runtime.executions.contains(where: \.isRunning)
    canStepBack = session.canStepBack
    nextStep = Self.nextStepText(session)
    restartInput = session.mainInput.prettyString

    // Executions, as a tree (children under their parent, in start order).
    var rows: [ExecutionRow] = []
    func add(_ e: RuntimeExecution, depth: Int) {
      rows.append(ExecutionRow(
        id: "#\(e.id + 1)", label: "#\(e.id + 1)", machine: e.machineName,
        status: e.status.name, depth: depth,
        link: e.startedBy.map { "\(Teaching.linkSummary($0)) · '\($0.stateName)'" },
        isFocused: e.id == session.focus,
        startedAt: session.clockText(e.startedAt)))
      for child in runtime.children(of: e.id) { add(child, depth: depth + 1) }
    }
    for e in runtime.executions where e.startedBy == nil { add(e, depth: 0) }
    executions = rows

    // Pending tokens and tasks.
    pending = runtime.pending.enumerated().map { index, item in
      let owner = runtime.executions[item.executionID]
      var details: [String] = []
      if let child = item.childExecutionID { details.append("token passed to \(runtime.executions[child].label)") }
      let age = Double(runtime.now.milliseconds - item.request.scheduledAt.milliseconds) / 1000
      var timing = "age \(Self.seconds(age))"
      if let t = item.request.timeoutAt {
        timing += " · times out in \(Self.seconds(Double(t.milliseconds - runtime.now.milliseconds) / 1000))"
      }
      if let h = item.request.heartbeatAt {
        timing += " · heartbeat due in \(Self.seconds(Double(h.milliseconds - runtime.now.milliseconds) / 1000))"
      }
      if item.request.timeoutAt == nil && item.request.heartbeatAt == nil { timing += " · no timeout" }
      details.append(timing)
      let lastSent = session.handResults.last { $0.stateName == item.stateName }
      var prefill = "{}"
      if case .return(let value)? = lastSent?.response { prefill = value.prettyString }
      return PendingRow(
        index: index + 1, kind: item.token == nil ? "task" : "token",
        execution: "#\(owner.id + 1)", stateName: item.stateName, resource: item.resource,
        details: details, prefill: prefill, hasHeartbeat: item.request.heartbeatAt != nil)
    }

    // History of the focused execution (only the new events when extending `previous`).
    let events = execution.history
    let reusable = previous.map { $0.history.count <= events.count ? $0.history.count : 0 } ?? 0
    history = reusable > 0 ? previous!.history : []
    history.reserveCapacity(events.count)
    for event in events[reusable...] {
      history.append(HistoryRow(id: event.id, type: event.type, stateName: event.stateName, detail: Self.detail(of: event)))
    }

    // Graph statuses.
    if let definition = definitions[focused.machineName] {
      var status: [String: StepStatus] = [:]
      if reusable > 0, let old = previous?.graph, old.key == focused.machineName {
        for (name, flags) in old.nodeStatus where flags.contains(.visited) { status[name] = .visited }
      }
      for event in events[(reusable > 0 ? reusable : 0)...] {
        if case .stateEntered(let name, _) = event.details { status[name, default: []].insert(.visited) }
      }
      // Each state shows how its latest visit ended: failed, caught or timed out.
      for trace in execution.traces {
        let caught = trace.errorHandling.lazy.compactMap { note -> String? in
          if case .caught(let error, _, _) = note { return error } else { return nil }
        }.first
        status[trace.stateName, default: []].subtract(StepStatus.outcomes)
        status[trace.stateName, default: []].formUnion(.outcome(error: trace.failure?.error, caughtError: caught))
      }
      for item in runtime.pending where item.executionID == focused.id {
        status[item.stateName, default: []].insert(.pendingToken)
      }
      let breakpoints = Set(session.breakpoints.states.map(\.name))
      var model = GraphModel(
        key: focused.machineName, definition: definition, nodeStatus: status,
        currentStates: execution.currentStates.map(\.stateName), breakpoints: breakpoints)
      // Transitions taken, from the state visits (only the new ones when extending).
      let traces = execution.traces
      var firstTrace = 0
      if reusable > 0, let old = previous?.graph, old.key == focused.machineName, old.tracesSeen <= traces.count {
        model.transitions = old.transitions
        model.caughtTransitions = old.caughtTransitions
        firstTrace = old.tracesSeen
      }
      for trace in traces[firstTrace...] {
        guard let next = trace.nextState else { continue }
        let transition = GraphTransition(from: trace.stateName, to: next)
        let caught = trace.errorHandling.contains { note in
          if case .caught = note { return true } else { return false }
        }
        if caught { model.caughtTransitions.insert(transition) } else { model.transitions.insert(transition) }
      }
      model.tracesSeen = traces.count
      graph = model
    }

    stateIO = Self.stateIO(session: session, selectedState: selectedState)
  }

  /// The short detail a history row shows: the error of a failure, the resource of a task event.
  static func detail(of event: HistoryEvent) -> String? {
    if let error = event.errorName { return error }
    switch event.details {
    case .taskScheduled(let type, let resource, _, _, _, _), .taskStarted(let type, let resource):
      return "\(type):\(resource)"
    case .mapIteration(_, let index): return "iteration \(index)"
    default: return nil
    }
  }

  static func nextStepText(_ session: Session) -> String {
    let focused = session.focusedExecution
    if let stop = session.lastStop {
      switch stop {
      case .stepped, .reached:
        break
      default:
        return "stopped: \(stop.description)"
      }
    }
    guard focused.isRunning else {
      return "\(focused.label) \(focused.status.name.lowercased()) · u steps back, r restarts"
    }
    if let current = focused.execution.currentStates.first {
      let waiting = session.runtime.pending.contains { $0.executionID == focused.id && $0.stateName == current.stateName }
      if waiting { return "'\(current.stateName)' waits for a result: S succeed, F fail" }
      return "next: '\(current.stateName)' · s step, c continue"
    }
    return "s steps \(focused.label)"
  }

  /// The data-flow stages of the selected (or current) state of the focused execution.
  static func stateIO(session: Session, selectedState: String?) -> StateIOModel {
    let focused = session.focusedExecution
    let execution = focused.execution
    let current = execution.currentStates.first?.stateName
    if selectedState == nil && !focused.isRunning {
      // Ended: what the execution returned.
      var model = StateIOModel(stateName: "\(focused.label) \(focused.status.name)")
      switch focused.status {
      case .succeeded(let output): model.stages = [("output", output)]
      case .failed(let error, let cause), .timedOut(let error, let cause), .aborted(let error, let cause):
        model.stages = [("error", error.map(JSONValue.string) ?? .null), ("cause", cause.map(JSONValue.string) ?? .null)]
      case .running: break
      }
      if let last = execution.traces.last { model.explanation = ["last state: '\(last.stateName)' · select a state in the graph to see its data"] }
      return model
    }
    guard let name = selectedState ?? current ?? execution.traces.last?.stateName else {
      return StateIOModel()
    }
    var model = StateIOModel(stateName: name)
    if name == current {
      // In progress: what the state sees now.
      let scope = session.focusedScope
      model.stages.append(("input", scope.input))
      if let item = session.runtime.pending.first(where: { $0.executionID == focused.id && $0.stateName == name }) {
        model.stages.append(("parameters", item.request.parameters))
        model.stages.append(("result", .string("⧗ waiting for \(item.token == nil ? "a result by hand" : "SendTaskSuccess / SendTaskFailure")")))
      }
      if !scope.variables.isEmpty {
        model.stages.append(("variables", .object(JSONObject(scope.variables.sorted { $0.key < $1.key }))))
      }
      return model
    }
    guard let trace = execution.traces.last(where: { $0.stateName == name }) else {
      model.explanation = ["'\(name)' has not run in \(focused.label) yet"]
      return model
    }
    for stage in trace.stages { model.stages.append((stageLabel(stage.name), stage.value)) }
    if !trace.assigned.isEmpty {
      model.stages.append(("variables", .object(JSONObject(trace.assigned))))
    }
    if let choice = trace.choice {
      for rule in choice.rules {
        let reads = rule.reads.map { "\($0.path) = \($0.value?.compactString ?? "(missing)")" }.joined(separator: ", ")
        let verdict = rule.matched ? "matched" : "no"
        model.explanation.append("rule \(rule.index + 1): \(rule.description)\(reads.isEmpty ? "" : " · read " + reads) → \(verdict)")
      }
      if choice.usedDefault { model.explanation.append("no rule matched → Default") }
    }
    for note in trace.errorHandling {
      switch note {
      case .retry(let error, let retrier, let attempt, let delay):
        model.explanation.append("\(error): Retrier \(retrier + 1) matched → retry \(attempt) after \(seconds(delay))")
      case .retriesExhausted(let error, let retrier):
        model.explanation.append("\(error): Retrier \(retrier + 1) matched but its attempts are used up")
      case .caught(let error, let catcher, let next):
        model.explanation.append("\(error): Catcher \(catcher + 1) caught it → '\(next)'")
      case .unhandled(let error):
        model.explanation.append("\(error): no Retrier or Catcher handled it")
      }
    }
    if let next = trace.nextState { model.explanation.append("→ next: '\(next)'") }
    if let failure = trace.failure {
      model.explanation.append("failed: \(failure.error)" + (failure.cause.map { " · \($0)" } ?? ""))
    }
    return model
  }

  /// Stage names as the pane shows them (`Input` → `input`, `InputPath` → `after InputPath`).
  static func stageLabel(_ name: String) -> String {
    switch name {
    case "Input": return "input"
    case "Parameters", "Arguments": return name.lowercased()
    case "Result": return "result"
    case "Output": return "output"
    default: return "after " + name
    }
  }

  static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value))s" : "\(String(format1: value))s"
  }
}

extension String {
  /// One decimal place, without Foundation.
  init(format1 value: Double) {
    let tenths = Int((value * 10).rounded())
    self = "\(tenths / 10).\(abs(tenths % 10))"
  }
}
