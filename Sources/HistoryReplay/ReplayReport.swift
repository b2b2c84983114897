import JSONCore

/// What `sfdbg replay --json` prints about a recorded execution.
public enum ReplayReport {
  /// `status`, `output` or `error`/`cause`, `input`, the states entered with their input and
  /// output (`iterations` inside Maps), and for a parent the children (`executions`).
  public static func json(_ execution: RecordedExecution) -> JSONObject {
    var o = JSONObject()
    o["machine"] = .string(execution.machineName)
    if let arn = execution.executionArn { o["executionArn"] = .string(arn) }
    o["status"] = .string(execution.status)
    if let output = execution.output { o["output"] = output }
    if let error = execution.error { o["error"] = .string(error) }
    if let cause = execution.cause { o["cause"] = .string(cause) }
    o["input"] = execution.input
    o["states"] = .array(execution.visits.map(visitJSON))
    return o
  }

  static func visitJSON(_ v: RecordedStateVisit) -> JSONValue {
    var s = JSONObject()
    s["name"] = .string(v.name)
    s["type"] = .string(v.type)
    s["enteredEventId"] = .int(v.enteredEventID)
    s["input"] = v.input
    if let output = v.output { s["output"] = output }
    if let vars = v.assignedVariables { s["assignedVariables"] = .object(vars) }
    if !v.iterations.isEmpty {
      s["iterations"] = .array(v.iterations.map { .object(["map": .string($0.map), "index": .int($0.index)]) })
    }
    if let error = v.error { s["error"] = .string(error) }
    if let cause = v.cause { s["cause"] = .string(cause) }
    return .object(s)
  }

  /// The whole report: the main execution's fields, its children, and the reproduction verdict.
  public static func json(_ set: RecordedSet, difference: HistoryDifference?) -> JSONValue {
    var o = json(set.main)
    if set.executions.count > 1 {
      o["executions"] = .array(set.executions.dropFirst().enumerated().map { offset, execution in
        var child = json(execution)
        if let parent = set.parents[offset + 1] { child["parent"] = .int(parent + 1) }
        return .object(child)
      })
    }
    o["reproduced"] = .bool(difference == nil)
    if let difference { o["difference"] = difference.json }
    return .object(o)
  }
}
