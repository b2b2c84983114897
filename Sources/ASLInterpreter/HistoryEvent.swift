import JSONCore

/// One entry of an execution's history, as `GetExecutionHistory` returns it.
public struct HistoryEvent: Sendable {
  /// 1-based, in order of occurrence.
  public var id: Int
  /// The previous event of the same unit (branch/iteration chain), 0 for the first.
  public var previousEventID: Int
  public var timestamp: VirtualInstant
  /// AWS's event type, e.g. `PassStateEntered`, `TaskScheduled`, `ExecutionFailed`.
  public var type: String
  public var details: HistoryEventDetails
}

/// The typed details of a history event (rendered to AWS's JSON shape on demand).
public enum HistoryEventDetails: Sendable {
  case none
  /// `ExecutionStarted`: AWS writes the input and the role, not the state machine's ARN.
  indirect case executionStarted(input: JSONValue, roleArn: String)
  case executionSucceeded(output: JSONValue)
  /// ExecutionFailed / ExecutionTimedOut / ExecutionAborted, MapRunFailed, ….
  indirect case failure(error: String?, cause: String?)
  case stateEntered(name: String, input: JSONValue)
  case stateExited(name: String, output: JSONValue, assignedVariables: [(String, JSONValue)])
  case mapStateStarted(length: Int)
  case mapIteration(name: String, index: Int)
  case mapRunStarted(mapRunArn: String)
  indirect case taskScheduled(
    resourceType: String, resource: String, region: String, parameters: JSONValue,
    timeoutInSeconds: Int?, heartbeatInSeconds: Int?)
  case taskStarted(resourceType: String, resource: String)
  indirect case taskOutput(resourceType: String, resource: String, output: JSONValue)
  indirect case taskFailure(resourceType: String, resource: String, error: String?, cause: String?)
  /// `ActivityScheduled`: an activity task was scheduled with `input`.
  indirect case activityScheduled(
    resource: String, input: JSONValue, timeoutInSeconds: Int?, heartbeatInSeconds: Int?)
  /// `ActivitySucceeded`: the activity worker returned `output`.
  case activityOutput(output: JSONValue)
  /// `EvaluationFailed`: a JSONata expression of `state` failed, in the field `location` (AWS
  /// leaves `location` out when the error is about no field, e.g. a Map input that is no array).
  indirect case evaluationFailed(error: String, cause: String, location: String?, state: String)
}

/// THE history encoder: every history sfdbg writes as JSON goes through here, so they all have
/// AWS's shape (`sfdbg run --history`, the `export` command, the History pane's event view, the
/// endpoint's `GetExecutionHistory`). Shapes from the GetExecutionHistory API reference and the
/// histories AWS recorded in the conformance cases.
public enum HistoryEncoder {
  /// `GetExecutionHistory`'s output, `{"events": [...]}`, each event as `HistoryEvent.json`.
  public static func getExecutionHistory(_ events: some Sequence<HistoryEvent>) -> JSONValue {
    .object(JSONObject([("events", .array(events.map(\.json)))]))
  }
}

extension HistoryEvent {
  /// The event in `GetExecutionHistory` JSON shape: `{"id":…, "type":…, "previousEventId":…,
  /// "timestamp":…, "<type>EventDetails": {…}}` (payloads as JSON strings, like AWS).
  public var json: JSONValue {
    var o = JSONObject(minimumCapacity: 5)
    o["timestamp"] = .string(timestamp.iso8601)
    o["type"] = .string(type)
    o["id"] = .int(id)
    o["previousEventId"] = .int(previousEventID)
    let key = detailsKey
    func payload(_ v: JSONValue) -> JSONValue { .string(v.compactString) }
    let notTruncated: JSONValue = .object(JSONObject([("truncated", .bool(false))]))
    switch details {
    case .none:
      break
    case .executionStarted(let input, let role):
      o[key] = .object(
        JSONObject([("input", payload(input)), ("inputDetails", notTruncated), ("roleArn", .string(role))]))
    case .executionSucceeded(let output):
      o[key] = .object(JSONObject([("output", payload(output)), ("outputDetails", notTruncated)]))
    case .failure(let error, let cause):
      var d = JSONObject()
      if let error { d["error"] = .string(error) }
      if let cause { d["cause"] = .string(cause) }
      o[key] = .object(d)
    case .stateEntered(let name, let input):
      o[key] = .object(
        JSONObject([("name", .string(name)), ("input", payload(input)), ("inputDetails", notTruncated)]))
    case .stateExited(let name, let output, let assigned):
      var d = JSONObject([
        ("name", .string(name)), ("output", payload(output)), ("outputDetails", notTruncated),
      ])
      if !assigned.isEmpty {
        var vars = JSONObject()
        for (k, v) in assigned { vars[k] = .string(v.compactString) }
        d["assignedVariables"] = .object(vars)
        d["assignedVariablesDetails"] = notTruncated
      }
      o[key] = .object(d)
    case .mapStateStarted(let length):
      o[key] = .object(JSONObject([("length", .int(length))]))
    case .mapIteration(let name, let index):
      o[key] = .object(JSONObject([("name", .string(name)), ("index", .int(index))]))
    case .mapRunStarted(let arn):
      o[key] = .object(JSONObject([("mapRunArn", .string(arn))]))
    case .taskScheduled(let type, let resource, let region, let parameters, let timeout, let hb):
      var d = JSONObject([
        ("resourceType", .string(type)), ("resource", .string(resource)),
        ("region", .string(region)), ("parameters", payload(parameters)),
      ])
      if let timeout { d["timeoutInSeconds"] = .int(timeout) }
      if let hb { d["heartbeatInSeconds"] = .int(hb) }
      o[key] = .object(d)
    case .taskStarted(let type, let resource):
      o[key] = .object(JSONObject([("resourceType", .string(type)), ("resource", .string(resource))]))
    case .taskOutput(let type, let resource, let output):
      o[key] = .object(
        JSONObject([
          ("resourceType", .string(type)), ("resource", .string(resource)),
          ("output", payload(output)), ("outputDetails", notTruncated),
        ]))
    case .activityScheduled(let resource, let input, let timeout, let hb):
      var d = JSONObject([
        ("resource", .string(resource)), ("input", payload(input)), ("inputDetails", notTruncated),
      ])
      if let timeout { d["timeoutInSeconds"] = .int(timeout) }
      if let hb { d["heartbeatInSeconds"] = .int(hb) }
      o[key] = .object(d)
    case .activityOutput(let output):
      o[key] = .object(JSONObject([("output", payload(output)), ("outputDetails", notTruncated)]))
    case .evaluationFailed(let error, let cause, let location, let state):
      var d = JSONObject([("error", .string(error)), ("cause", .string(cause))])
      if let location { d["location"] = .string(location) }
      d["state"] = .string(state)
      o[key] = .object(d)
    case .taskFailure(let type, let resource, let error, let cause):
      var d = JSONObject([("resourceType", .string(type)), ("resource", .string(resource))])
      if let error { d["error"] = .string(error) }
      if let cause { d["cause"] = .string(cause) }
      o[key] = .object(d)
    }
    return .object(o)
  }

  /// `stateEnteredEventDetails` for every `…StateEntered`, else `<lowerCamelType>EventDetails`.
  var detailsKey: String {
    switch details {
    case .stateEntered: return "stateEnteredEventDetails"
    case .stateExited: return "stateExitedEventDetails"
    default:
      guard let first = type.first else { return "eventDetails" }
      return first.lowercased() + type.dropFirst() + "EventDetails"
    }
  }
}
