import JSONCore

/// A Map iteration, as the history's `MapIterationStarted` names it.
public struct RecordedIteration: Sendable, Hashable {
  public var map: String
  public var index: Int

  public init(map: String, index: Int) { (self.map, self.index) = (map, index) }
}

/// One state entered in a recorded execution: its input, and its output once it exited.
public struct RecordedStateVisit: Sendable {
  public var name: String
  /// `Pass`, `Task`, `Map`… (from the event type).
  public var type: String
  public var enteredEventID: Int
  public var exitedEventID: Int?
  public var input: JSONValue
  public var output: JSONValue?
  public var assignedVariables: JSONObject?
  /// The Map iterations it ran in, outermost first (empty outside Maps).
  public var iterations: [RecordedIteration]
  /// The first error raised while it ran (a TaskFailed, an EvaluationFailed, …), and the event.
  public var error: String?
  public var cause: String?
  public var errorEventID: Int?
}

/// A recorded Task result: what the service returned, or the error it raised.
public struct RecordedTaskResult: Sendable {
  public enum Outcome: Sendable, Equatable {
    case succeeded(JSONValue)
    case failed(error: String, cause: String)
  }

  public var state: String
  public var resource: String
  public var eventID: Int
  public var outcome: Outcome
  /// The Map iterations of the state visit it belongs to (outermost first).
  public var iterations: [RecordedIteration] = []

  /// A `.waitForTaskToken` task: someone answered its token.
  public var isTokenTask: Bool { resource.hasSuffix(".waitForTaskToken") }
}

/// An execution rebuilt from its recorded history: how it ended, each state entered with its
/// data, the task results, and the executions its tasks started (by ARN).
public struct RecordedExecution: Sendable {
  public var history: RecordedHistory
  /// The machine it ran (a name the definitions know).
  public var machineName: String
  public var executionArn: String?
  public var status: String
  public var input: JSONValue
  public var output: JSONValue?
  public var error: String?
  public var cause: String?
  public var visits: [RecordedStateVisit] = []
  public var taskResults: [RecordedTaskResult] = []
  /// Executions started by its tasks: the state and the child's ARN, in order.
  public var startedChildren: [(state: String, arn: String, input: JSONValue?)] = []

  public var events: [RecordedEvent] { history.events }

  /// Rebuilds the execution; every state the history names must be in `scopes` (else the history
  /// belongs to another definition).
  public init(history: RecordedHistory, machineName: String, scopes: DefinitionScopes) throws(HistoryReplayError) {
    self.history = history
    self.machineName = machineName
    self.executionArn = history.executionArn
    let events = history.events
    let first = events[0]
    input = first.details["input"] ?? .object(JSONObject())
    let last = events[events.count - 1]
    status = HistoryEventTypes.terminal[last.type] ?? "RUNNING"
    output = last.type == "ExecutionSucceeded" ? last.details["output"] : nil
    if last.type != "ExecutionSucceeded" {
      error = last.details["error"]?.stringValue
      cause = last.details["cause"]?.stringValue
    }
    var open: [String: [Int]] = [:]  // state name → indices of visits not yet exited
    var taskState: [Int: String] = [:]  // TaskStateEntered id → state name (for task events)
    for event in events {
      if let name = event.stateName, !scopes.contains(name) {
        let known = scopes.frames.keys.sorted().prefix(8).map { "'\($0)'" }.joined(separator: ", ")
        throw HistoryReplayError(
          file: history.file, pointer: (event.pointer / (event.detailsKey ?? "") / (event.type == "EvaluationFailed" ? "state" : "name")).description,
          message: "this history does not belong to machine '\(machineName)': it has no state '\(name)' (its states: \(known)\(scopes.frames.count > 8 ? ", …" : ""))")
      }
      if event.type.hasSuffix("StateEntered"), let name = event.stateName {
        let kind = String(event.type.dropLast("StateEntered".count))
        if kind == "Task" { taskState[event.id] = name }
        visits.append(RecordedStateVisit(
          name: name, type: kind, enteredEventID: event.id, input: event.details["input"] ?? .null,
          iterations: iterations(of: event, maps: scopes.enclosingMaps(of: name))))
        open[name, default: []].append(visits.count - 1)
      } else if event.type.hasSuffix("StateExited"), let name = event.stateName {
        let path = iterations(of: event, maps: scopes.enclosingMaps(of: name))
        if let slot = open[name]?.lastIndex(where: { visits[$0].iterations == path }), let index = open[name]?[slot] {
          open[name]?.remove(at: slot)
          visits[index].exitedEventID = event.id
          visits[index].output = event.details["output"]
          visits[index].assignedVariables = event.details["assignedVariables"]?.objectValue
        }
      }
      if event.type.hasSuffix("Failed") || event.type.hasSuffix("TimedOut"), let error = event.details["error"]?.stringValue ?? (event.type.hasSuffix("TimedOut") ? "States.Timeout" : nil),
        let name = enteredState(before: event), let index = visits.lastIndex(where: { $0.name == name }), visits[index].error == nil
      {
        visits[index].error = error
        visits[index].cause = event.details["cause"]?.stringValue
        visits[index].errorEventID = event.id
      }
      switch event.type {
      case "TaskSucceeded", "TaskFailed", "TaskTimedOut", "TaskSubmitted":
        guard let entered = enteredEvent(before: event), let name = taskState[entered] else { break }
        let path = visits.last { $0.enteredEventID == entered }?.iterations ?? []
        let resource = event.details["resource"]?.stringValue ?? ""
        let service = (event.details["resourceType"]?.stringValue ?? "") + ":" + resource
        if event.type != "TaskFailed", event.type != "TaskTimedOut", service.hasPrefix("states:startExecution"),
          let arn = event.details["output"]?.objectValue?["ExecutionArn"]?.stringValue,
          !startedChildren.contains(where: { $0.arn == arn })
        {
          let scheduled = events[..<event.id].last { $0.type == "TaskScheduled" && enteredEvent(before: $0) == entered }
          startedChildren.append((name, arn, scheduled?.details["parameters"]?.objectValue?["Input"]))
        }
        switch event.type {
        case "TaskSucceeded":
          taskResults.append(RecordedTaskResult(
            state: name, resource: service, eventID: event.id, outcome: .succeeded(event.details["output"] ?? .null), iterations: path))
        case "TaskFailed":
          taskResults.append(RecordedTaskResult(
            state: name, resource: service, eventID: event.id,
            outcome: .failed(error: event.details["error"]?.stringValue ?? "", cause: event.details["cause"]?.stringValue ?? ""), iterations: path))
        case "TaskTimedOut":
          taskResults.append(RecordedTaskResult(
            state: name, resource: service, eventID: event.id,
            outcome: .failed(error: event.details["error"]?.stringValue ?? "States.Timeout", cause: event.details["cause"]?.stringValue ?? ""), iterations: path))
        default: break
        }
      default: break
      }
    }
  }

  /// The Map iterations an event ran in: walking back along previousEventId, the first
  /// `MapIterationStarted` of each enclosing Map (innermost first, returned outermost first).
  func iterations(of event: RecordedEvent, maps: [String]) -> [RecordedIteration] {
    guard !maps.isEmpty else { return [] }
    var wanted = maps
    var found: [RecordedIteration] = []
    var id = event.previousEventID
    while id > 0, let map = wanted.last {
      let e = history.events[id - 1]
      if e.type == "MapIterationStarted", e.details["name"]?.stringValue == map {
        found.append(RecordedIteration(map: map, index: e.details["index"]?.intValue ?? 0))
        wanted.removeLast()
      }
      id = e.previousEventID
    }
    return found.reversed()
  }

  /// The id of the nearest `…StateEntered` before `event` on its previousEventId chain.
  func enteredEvent(before event: RecordedEvent) -> Int? {
    var id = event.previousEventID
    while id > 0 {
      let e = history.events[id - 1]
      if e.type.hasSuffix("StateEntered") { return e.id }
      id = e.previousEventID
    }
    return nil
  }

  func enteredState(before event: RecordedEvent) -> String? {
    enteredEvent(before: event).flatMap { history.events[$0 - 1].stateName }
  }

  /// When it started and ended (the first and last events' times).
  public var startDate: RecordedTimestamp { history.events[0].timestamp }
  public var stopDate: RecordedTimestamp { history.events[history.events.count - 1].timestamp }
}
