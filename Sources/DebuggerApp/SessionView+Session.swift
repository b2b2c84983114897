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
  ///   - iteration: the Map iteration State I/O shows (0-based); nil for the latest.
  ///   - previous: the view of the same focused execution before a command that only moved it
  ///     forward (its history only grew): its history rows and visited states are reused, so a
  ///     step costs the same with 25,000 events as with 25.
  public init(
    session: Session, title: String, definitions: [String: JSONValue], selectedState: String? = nil,
    iteration: Int? = nil, extending previous: SessionView? = nil
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
    stateNames = session.stateNames
    functionLogs = Self.functionLogLines(session)

    // Executions, as a tree (children under their parent, in start order).
    executions = session.executionTree.map { entry, depth in
      switch entry {
      case .mapRun(let run): return ExecutionRow(mapRun: run, depth: depth)
      case .execution(let e):
        return ExecutionRow(
          id: "#\(e.id + 1)", label: "#\(e.id + 1)", machine: e.machineName,
          status: e.status.name, depth: depth,
          link: e.startedBy.flatMap { $0.mapRun != nil ? nil : "\(Teaching.linkSummary($0)) · '\($0.stateName)'" },
          isFocused: e.id == session.focus,
          startedAt: session.clockText(e.startedAt))
      }
    }

    // Pending tokens and tasks.
    pending = runtime.pending.enumerated().map { index, item in
      let owner = runtime.executions[item.executionID]
      var details: [String] = []
      if let child = item.childExecutionID { details.append("token passed to \(runtime.executions[child].label)") }
      if item.isActivity { details.append("waiting for an activity worker (GetActivityTask), or for you") }
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

    stateIO = Self.stateIO(session: session, selectedState: selectedState, iteration: iteration)
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
      // The item it waits on may be inside the current state (a branch of a Parallel).
      let pending = session.runtime.pending
      let waiting = pending.first { $0.executionID == focused.id && $0.stateName == current.stateName }
        ?? (session.focusWaitsOnPerson ? pending.first { $0.executionID == focused.id } ?? pending.first : nil)
      if let waiting { return "'\(waiting.stateName)' waits for a result: S succeed, F fail" }
      return "next: '\(current.stateName)' · s step, c continue"
    }
    return "s steps \(focused.label)"
  }

  /// The data-flow stages of the selected (or current) state of the focused execution; inside a
  /// Map, of `iteration` (nil: the latest to reach the state).
  static func stateIO(session: Session, selectedState: String?, iteration: Int? = nil) -> StateIOModel {
    let data = session.stateData(selectedState, iteration: iteration)
    return StateIOModel(
      stateName: data.stateName, stages: data.stages, explanation: data.explanation, iterations: data.iterations)
  }

  static func seconds(_ value: Double) -> String { Session.secondsText(value) }
}
