import ASLRuntime
import JSONCore

/// SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat: a client (a Lambda's code, a worker, a
/// child execution through `aws-sdk:sfn`) answers a task token. The log says who sent it.
extension Session {
  mutating func sendTaskSuccess(_ f: APIRequestFields, caller: String) throws(APIError) -> JSONValue {
    let token = try taskToken(f)
    let text = try f.string("output")
    let output: JSONValue
    do {
      output = try JSONParser.parse(text, options: .init(rejectDuplicateKeys: false))
    } catch {
      throw APIError("InvalidOutput", "Invalid Output: '\(error.description)'")
    }
    let item = runtime.pending.first { $0.token == token }
    do throws(RuntimeError) {
      try runtime.sendTaskSuccess(token: token, output: output)
    } catch {
      throw APIError(error)
    }
    noteAnswer(item, "SendTaskSuccess", caller: caller)
    return .object(JSONObject())
  }

  mutating func sendTaskFailure(_ f: APIRequestFields, caller: String) throws(APIError) -> JSONValue {
    let token = try taskToken(f)
    let error = try f.optionalString("error")
    let cause = try f.optionalString("cause")
    try TaskOperationsLimits.check(error: error, cause: cause)
    let item = runtime.pending.first { $0.token == token }
    do throws(RuntimeError) {
      try runtime.sendTaskFailure(token: token, error: error, cause: cause)
    } catch {
      throw APIError(error)
    }
    noteAnswer(item, "SendTaskFailure (\(error ?? "no error name"))", caller: caller)
    return .object(JSONObject())
  }

  mutating func sendTaskHeartbeat(_ f: APIRequestFields, caller: String) throws(APIError) -> JSONValue {
    let token = try taskToken(f)
    do throws(RuntimeError) {
      try runtime.sendTaskHeartbeat(token: token)
    } catch {
      throw APIError(error)
    }
    return .object(JSONObject())
  }

  /// `taskToken`: required, 1 to 2,048 characters (API reference).
  func taskToken(_ f: APIRequestFields) throws(APIError) -> String {
    let token = try f.string("taskToken")
    guard (1...2048).contains(token.count) else {
      throw .validation("taskToken", RuntimeError.abbreviate(token), "Member must have length less than or equal to 2048")
    }
    return token
  }

  mutating func noteAnswer(_ item: PendingItem?, _ what: String, caller: String) {
    guard let item else { return }
    notes.append("token returned: '\(item.stateName)' in \(runtime.executions[item.executionID].label) got \(what), sent by \(caller).")
  }
}

/// SendTaskFailure's and StopExecution's limits on `error` (256) and `cause` (32,768).
enum TaskOperationsLimits {
  static func check(error: String?, cause: String?) throws(APIError) {
    if let error, error.utf16.count > TaskFailureLimits.errorLength {
      throw .validation("error", String(error.prefix(40)) + "…", "Member must have length less than or equal to \(TaskFailureLimits.errorLength)")
    }
    if let cause, cause.utf16.count > TaskFailureLimits.causeLength {
      throw .validation("cause", String(cause.prefix(40)) + "…", "Member must have length less than or equal to \(TaskFailureLimits.causeLength)")
    }
  }
}
