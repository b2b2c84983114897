import ASLInterpreter
import JSONCore

extension Runtime {
  /// Every execution of the session with its whole history (the `export FILE` command):
  /// `{"executions": [{"executionArn", "stateMachineArn", "name", "status", "startDate",
  /// "stopDate"?, "parentExecutionArn"?, "events": [...]}]}`, in start order. The header fields
  /// are named as DescribeExecution names them; `events` is what `GetExecutionHistory` returns
  /// for that execution (`HistoryEncoder`), so each entry reads like the aws CLI's output.
  public var historyExport: JSONValue {
    let entries = executions.map { e -> JSONValue in
      var o = JSONObject(minimumCapacity: 8)
      o["executionArn"] = .string(e.arn)
      o["stateMachineArn"] = .string(e.machineArn)
      o["name"] = .string(e.name)
      o["status"] = .string(e.status.name)
      o["startDate"] = .string(e.startedAt.iso8601)
      if let stopped = e.stoppedAt { o["stopDate"] = .string(stopped.iso8601) }
      if let link = e.startedBy { o["parentExecutionArn"] = .string(executions[link.parent].arn) }
      o["events"] = HistoryEncoder.getExecutionHistory(e.execution.history)["events"] ?? .array([])
      return .object(o)
    }
    return .object(JSONObject([("executions", .array(entries))]))
  }
}
