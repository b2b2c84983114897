import JSONCore

/// One event of a recorded history, its JSON text fields parsed.
public struct RecordedEvent: Sendable {
  public var id: Int
  public var previousEventID: Int
  public var timestamp: RecordedTimestamp
  public var type: String
  /// The `…EventDetails` key and its object (input/output/parameters parsed from JSON text,
  /// assignedVariables values parsed too); nil when the event has none.
  public var detailsKey: String?
  public var details: JSONObject
  /// Where the event sits in its file.
  public var pointer: JSONPointer

  /// The state an event names (`…StateEntered`/`Exited`, Map iterations, EvaluationFailed).
  public var stateName: String? {
    details["name"]?.stringValue ?? (type == "EvaluationFailed" ? details["state"]?.stringValue : nil)
  }
}

/// One execution's history as GetExecutionHistory returned it, read from a file: the aws CLI's
/// `get-execution-history --output json` object (`{"events": [...]}`) or a bare events list.
public struct RecordedHistory: Sendable {
  public var file: String
  public var events: [RecordedEvent]
  /// `"executionArn"` beside `"events"` when the file names its execution (the aws CLI does not
  /// write it; a parent's task results link children by their ARNs instead).
  public var executionArn: String?

  /// The executions its tasks started (`ExecutionArn` in a `states:startExecution` result).
  public var startedExecutionArns: [String] {
    events.compactMap { event in
      guard event.type == "TaskSucceeded" || event.type == "TaskSubmitted",
        event.details["resourceType"]?.stringValue == "states",
        event.details["resource"]?.stringValue?.hasPrefix("startExecution") == true
      else { return nil }
      return event.details["output"]?.objectValue?["ExecutionArn"]?.stringValue
    }
  }

  /// Parses a history document. Checks what replay relies on: AWS event types only, ids 1…n in
  /// order, each previousEventId earlier, an `ExecutionStarted` first and an execution-ending
  /// event last (else the history is truncated, e.g. by `--max-items`).
  public init(file: String, bytes: [UInt8]) throws(HistoryReplayError) {
    let root: JSONValue
    do {
      root = try JSONParser.parse(bytes)
    } catch {
      throw HistoryReplayError(file: file, pointer: "", message: "not JSON: \(error)")
    }
    try self.init(file: file, json: root)
  }

  public init(file: String, json root: JSONValue) throws(HistoryReplayError) {
    self.file = file
    let list: [JSONValue]
    var base = JSONPointer.root
    switch root {
    case .array(let a):
      list = a
    case .object(let o):
      guard case .array(let a)? = o["events"] else {
        throw HistoryReplayError(
          file: file, pointer: "",
          message: "expected the aws CLI's get-execution-history output {\"events\": [...]} or a list of events")
      }
      if let token = o["NextToken"] ?? o["nextToken"], token != .null {
        throw HistoryReplayError(
          file: file, pointer: "/NextToken",
          message: "truncated history: the aws CLI stopped at --max-items; export it without --max-items")
      }
      executionArn = o["executionArn"]?.stringValue
      list = a
      base = base / "events"
    default:
      throw HistoryReplayError(
        file: file, pointer: "", message: "expected {\"events\": [...]} or a list of events, found \(root.typeName)")
    }
    guard !list.isEmpty else {
      throw HistoryReplayError(file: file, pointer: base.description, message: "truncated history: no events")
    }
    var events: [RecordedEvent] = []
    events.reserveCapacity(list.count)
    for (index, value) in list.enumerated() {
      events.append(try Self.event(value, at: base / index, expectedID: index + 1, file: file))
    }
    if events[0].type != "ExecutionStarted" {
      throw HistoryReplayError(
        file: file, pointer: events[0].pointer.description,
        message: "truncated history: expected ExecutionStarted as event 1, found \(events[0].type)")
    }
    if let last = events.last, HistoryEventTypes.terminal[last.type] == nil {
      throw HistoryReplayError(
        file: file, pointer: last.pointer.description,
        message: "truncated history: the last event is \(last.id) \(last.type); expected ExecutionSucceeded, "
          + "ExecutionFailed, ExecutionTimedOut or ExecutionAborted (replay an execution once it has ended)")
    }
    self.events = events
  }

  static func event(_ value: JSONValue, at pointer: JSONPointer, expectedID: Int, file: String)
    throws(HistoryReplayError) -> RecordedEvent
  {
    func fail(_ where: JSONPointer, _ message: String) -> HistoryReplayError {
      HistoryReplayError(file: file, pointer: `where`.description, message: message)
    }
    guard case .object(let o) = value else { throw fail(pointer, "expected a history event object, found \(value.typeName)") }
    guard case .string(let type)? = o["type"] else { throw fail(pointer / "type", "expected the event type (a string)") }
    guard HistoryEventTypes.known.contains(type) else {
      throw fail(pointer / "type", "unknown event type \"\(type)\" (not one of GetExecutionHistory's HistoryEventType values)")
    }
    guard let id = o["id"]?.intValue else { throw fail(pointer / "id", "expected the event id (an integer)") }
    guard id == expectedID else {
      throw fail(pointer / "id", "truncated history: expected event \(expectedID) here, found \(id) (events missing or out of order)")
    }
    let previous = o["previousEventId"]?.intValue ?? 0
    guard previous >= 0, previous < id else {
      throw fail(pointer / "previousEventId", "expected an earlier event's id (0…\(id - 1)), found \(previous)")
    }
    let timestamp: RecordedTimestamp
    switch o["timestamp"] {
    case .string(let text)?:
      guard let t = RecordedTimestamp(iso8601: text) else {
        throw fail(pointer / "timestamp", "expected an ISO 8601 time with an offset (2024-05-01T12:00:00.123000+02:00) or epoch seconds, found \"\(text)\"")
      }
      timestamp = t
    case .number(let n)?:
      timestamp = RecordedTimestamp(epochSeconds: n.doubleValue)
    default:
      throw fail(pointer / "timestamp", "expected the event time (ISO 8601 text or epoch seconds)")
    }
    var detailsKey: String?
    var details = JSONObject()
    for (key, v) in o where key.hasSuffix("EventDetails") {
      guard case .object(let d) = v else { throw fail(pointer / key, "expected an object") }
      detailsKey = key
      details = try parsedDetails(d, at: pointer / key, file: file)
    }
    return RecordedEvent(
      id: id, previousEventID: previous, timestamp: timestamp, type: type, detailsKey: detailsKey,
      details: details, pointer: pointer)
  }

  /// The details with their JSON text fields parsed. A field already holding JSON (a bare list
  /// someone parsed) is taken as it is.
  static func parsedDetails(_ d: JSONObject, at pointer: JSONPointer, file: String) throws(HistoryReplayError)
    -> JSONObject
  {
    var out = d
    func parsed(_ text: String, _ at: JSONPointer) throws(HistoryReplayError) -> JSONValue {
      do {
        return try JSONParser.parse(text)
      } catch {
        throw HistoryReplayError(file: file, pointer: at.description, message: "expected JSON text (AWS writes this field as a JSON string): \(error)")
      }
    }
    for (key, value) in d where HistoryEventTypes.jsonTextFields.contains(key) {
      if case .string(let text) = value { out[key] = try parsed(text, pointer / key) }
    }
    if case .object(let vars)? = d["assignedVariables"] {
      var parsedVars = JSONObject()
      for (name, value) in vars {
        if case .string(let text) = value {
          parsedVars[name] = try parsed(text, pointer / "assignedVariables" / name)
        } else {
          parsedVars[name] = value
        }
      }
      out["assignedVariables"] = .object(parsedVars)
    }
    return out
  }
}
