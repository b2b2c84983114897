import ASLInterpreter
import JSONCore

extension Runtime {
  /// SendTaskSuccess.
  public mutating func sendTaskSuccess(token: String, output: JSONValue) throws(RuntimeError) {
    let key = try pendingTask(forToken: token)
    if PayloadLimit.exceeds(output) {
      throw RuntimeError("InvalidOutput", "Invalid Output: the output exceeds the maximum payload size of 262144 bytes")
    }
    try complete(key, .succeeded(output))
  }

  /// SendTaskFailure.
  public mutating func sendTaskFailure(token: String, error: String?, cause: String?) throws(RuntimeError) {
    let key = try pendingTask(forToken: token)
    try complete(key, .failed(error: error ?? "", cause: cause))
  }

  /// SendTaskHeartbeat: pushes the task's heartbeat deadline forward.
  public mutating func sendTaskHeartbeat(token: String) throws(RuntimeError) {
    let key = try pendingTask(forToken: token)
    executions[key.executionID].execution.advanceClock(to: now)
    do {
      try executions[key.executionID].execution.heartbeat(key.requestID)
    } catch {
      throw RuntimeError.taskTimedOut(token)
    }
  }

  /// The pending task waiting on `token`, or AWS's error for that token.
  public func pendingTask(forToken token: String) throws(RuntimeError) -> TaskKey {
    if let key = tokens[token] {
      guard executions[key.executionID].isRunning,
        executions[key.executionID].execution.pendingTasks.contains(where: { $0.id == key.requestID })
      else { throw RuntimeError.taskTimedOut(token) }
      return key
    }
    // Tokens not yet dispatched (e.g. a script that answers before the session settles).
    for e in executions where e.isRunning {
      if let r = e.execution.pendingTasks.first(where: { $0.taskToken == token }) {
        return TaskKey(executionID: e.id, requestID: r.id)
      }
    }
    if !Runtime.looksLikeToken(token) { throw RuntimeError.invalidToken(token) }
    throw RuntimeError.taskDoesNotExist(token)
  }

  mutating func complete(_ key: TaskKey, _ outcome: TaskOutcome) throws(RuntimeError) {
    dispatched.insert(key)
    executions[key.executionID].execution.advanceClock(to: now)
    do {
      try executions[key.executionID].execution.completeTask(key.requestID, with: outcome)
    } catch {
      throw RuntimeError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'")
    }
    settle()
  }

  /// Task tokens are long base64-like strings (AWS's start with `AQ`).
  static func looksLikeToken(_ token: String) -> Bool {
    token.count >= 64 && token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "/" || $0 == "=" || $0 == "-" || $0 == "_" }
  }
}

/// AWS's 256 KiB payload quota for task outputs.
enum PayloadLimit {
  static let bytes = 262_144
  static func exceeds(_ v: JSONValue) -> Bool { v.compactString.utf8.count > bytes }
}
