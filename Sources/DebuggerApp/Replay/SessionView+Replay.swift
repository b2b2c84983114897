import ASLGraph
import ASLInterpreter
import DebuggerCore
import HistoryReplay
import JSONCore

extension SessionView {
  /// The view of a recorded execution, read-only, as of the replay cursor's current event: the
  /// graph with the path taken so far and the states running at that event, State I/O with the
  /// recorded input/output of the selected (or current) state, the events played so far, and
  /// the recorded executions as a tree. The clock shows the current event's recorded time.
  public init(
    replay cursor: ReplayCursor, title: String, definitions: [String: JSONValue], selectedState: String? = nil,
    iteration: Int? = nil
  ) {
    self.init()
    let set = cursor.recorded
    let execution = cursor.execution
    let event = cursor.currentEvent
    self.title = title
    focusStatus = cursor.status
    focusSummary = "#\(cursor.focus + 1) \(execution.machineName) \(focusStatus) (recorded)"
    clock = Self.recordedTime(event.timestamp)
    canStepBack = !cursor.atStart
    nextStep = "event \(event.id) of \(execution.events.count) · \(event.type)"
      + (event.stateName.map { " '\($0)'" } ?? "") + " · read-only replay: s/u step, c continue, f forks here"
    restartInput = execution.input.prettyString
    stateNames = Array(DefinitionScopes(definition: definitions[execution.machineName] ?? .null).frames.keys).sorted()

    // The other executions as they stood at the current event's recorded time: not listed
    // before they started, RUNNING until their last event.
    let now = event.timestamp
    func status(_ index: Int) -> String? {
      if index == cursor.focus { return cursor.status }
      let e = set.executions[index]
      if e.startDate > now { return nil }
      return e.stopDate > now ? "RUNNING" : e.status
    }
    var rows: [ExecutionRow] = []
    func add(_ index: Int, depth: Int) {
      guard let shown = status(index) else { return }
      let e = set.executions[index]
      let link = set.parents[index].flatMap { parent in
        set.executions[parent].startedChildren.first { $0.arn == e.executionArn }.map { "started by '\($0.state)'" }
      }
      rows.append(ExecutionRow(
        id: "#\(index + 1)", label: "#\(index + 1)", machine: e.machineName,
        status: shown, depth: depth, link: link,
        isFocused: index == cursor.focus, startedAt: Self.recordedTime(e.startDate)))
      for child in set.parents.indices where set.parents[child] == index { add(child, depth: depth + 1) }
    }
    add(0, depth: 0)
    executions = rows

    history = execution.events.prefix(cursor.position).map { e in
      let error = e.details["error"]?.stringValue
      let detail = error ?? (e.type == "MapIterationStarted" ? e.details["index"]?.intValue.map { "iteration \($0)" } : nil)
        ?? (e.type == "TaskScheduled" ? e.details["resourceType"]?.stringValue.map { "\($0):\(e.details["resource"]?.stringValue ?? "")" } : nil)
      return HistoryRow(id: e.id, type: e.type, stateName: e.stateName, detail: detail)
    }

    if let definition = definitions[execution.machineName] {
      var status: [String: StepStatus] = [:]
      var transitions: Set<GraphTransition> = []
      var caught: Set<GraphTransition> = []
      for visit in cursor.playedVisits {
        status[visit.name, default: []].insert(.visited)
        // Failed: the error was raised (by the current event) and the state never exited.
        if let raised = visit.errorEventID, raised <= cursor.position, visit.exitedEventID == nil {
          status[visit.name, default: []].insert(.failed)
        }
        // The transition into this visit: from the state whose exit (or failure) came just before.
        let previous = visit.enteredEventID > 1 ? execution.events[visit.enteredEventID - 1].previousEventID : 0
        if previous > 0 {
          let from = execution.events[previous - 1]
          if from.type.hasSuffix("StateExited"), let name = from.stateName {
            transitions.insert(GraphTransition(from: name, to: visit.name))
          } else if let name = Self.caughtBy(visit, in: execution) {
            caught.insert(GraphTransition(from: name, to: visit.name))
            status[name, default: []].subtract(.failed)
            status[name, default: []].insert(.caught)
          }
        }
      }
      graph = GraphModel(
        key: execution.machineName, definition: definition, nodeStatus: status,
        currentStates: cursor.runningStates.reversed(), breakpoints: cursor.breakpoints, transitions: transitions,
        caughtTransitions: caught, tracesSeen: cursor.playedVisits.count)
    }
    stateIO = Self.stateIO(replay: cursor, selectedState: selectedState, iteration: iteration)
  }

  /// The state whose failure a Catch turned into `visit` (its entry follows an error event).
  static func caughtBy(_ visit: RecordedStateVisit, in execution: RecordedExecution) -> String? {
    guard visit.enteredEventID > 1 else { return nil }
    let previous = execution.events[visit.enteredEventID - 1].previousEventID
    guard previous > 0 else { return nil }
    let from = execution.events[previous - 1]
    guard from.details["error"] != nil || from.type.hasSuffix("Failed") else { return nil }
    return execution.visits.last { $0.enteredEventID < from.id && $0.error != nil }?.name
  }

  /// State I/O of a recorded state: input, output and assigned variables as recorded, with when
  /// it was entered and exited, its Map iteration and the error it raised.
  static func stateIO(replay cursor: ReplayCursor, selectedState: String?, iteration: Int?) -> StateIOModel {
    let name = selectedState ?? cursor.runningStates.last ?? cursor.playedVisits.last?.name
    guard let name else { return StateIOModel() }
    guard let visit = cursor.latestVisit(of: name, iteration: iteration) ?? cursor.latestVisit(of: name) else {
      return StateIOModel(stateName: name, explanation: ["not entered yet in the recorded execution (up to event \(cursor.position))"])
    }
    var stages: [(name: String, value: JSONValue)] = [("input", visit.input)]
    var explanation = ["recorded: \(visit.type)StateEntered at event \(visit.enteredEventID)"]
    if let exited = visit.exitedEventID, exited <= cursor.position {
      if let output = visit.output { stages.append(("output", output)) }
      if let vars = visit.assignedVariables { stages.append(("variables", .object(vars))) }
      explanation[0] += ", exited at event \(exited)"
    } else if visit.exitedEventID == nil && cursor.atEnd {
      explanation.append("never exited: the execution ended (event \(cursor.position))")
    } else if visit.exitedEventID == nil, let raised = visit.errorEventID, raised <= cursor.position {
      explanation.append("failed at event \(raised), never exited")
    } else {
      explanation.append("⧗ not exited by event \(cursor.position)")
    }
    // The error it raised, once that event has been played.
    if let error = visit.error, let raised = visit.errorEventID, raised <= cursor.position {
      explanation.append("✗ \(error)" + (visit.cause.map { ": \($0)" } ?? ""))
    }
    var model = StateIOModel(stateName: name, stages: stages, explanation: explanation)
    if let map = visit.iterations.last {
      model.iterations = Self.iterations(of: map, shown: visit, cursor: cursor)
    }
    return model
  }

  /// How the recorded iterations of `map` stood at the current event (the Map's recorded
  /// length, and its MapIteration events so far).
  static func iterations(of map: RecordedIteration, shown visit: RecordedStateVisit, cursor: ReplayCursor) -> MapIterations {
    let played = cursor.execution.events.prefix(cursor.position)
    var length = 0
    var counts: [String: Int] = [:]
    for e in played {
      if e.type == "MapStateStarted", e.previousEventID > 0, played[e.previousEventID - 1].stateName == map.map {
        length = e.details["length"]?.intValue ?? 0
        counts = [:]
      } else if e.type.hasPrefix("MapIteration"), e.stateName == map.map {
        counts[String(e.type.dropFirst("MapIteration".count)), default: 0] += 1
      }
    }
    let exited = visit.exitedEventID.map { $0 <= cursor.position } == true
    var model = MapIterations(
      mapState: map.map, shown: map.index, total: max(length, counts["Started"] ?? 0),
      shownStatus: exited ? "succeeded" : (visit.error != nil && cursor.atEnd ? "failed" : "running"))
    model.succeeded = counts["Succeeded"] ?? 0
    model.failed = counts["Failed"] ?? 0
    model.aborted = counts["Aborted"] ?? 0
    model.running = (counts["Started"] ?? 0) - model.succeeded - model.failed - model.aborted
    model.notStarted = max(0, length - (counts["Started"] ?? 0))
    return model
  }

  /// A recorded timestamp as the clock shows it: UTC, to the millisecond.
  static func recordedTime(_ t: RecordedTimestamp) -> String {
    let iso = VirtualInstant(milliseconds: t.epochMilliseconds).iso8601
    return String(iso.dropLast().map { $0 == "T" ? " " : $0 }) + " UTC"
  }
}
