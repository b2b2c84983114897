import ASLInterpreter
import ASLRuntime
import JSONCore

extension Session {
  /// The pending item a command names: its token, its 1-based index in `pending`, or the name of
  /// the state waiting on it.
  public func pendingItem(_ ref: TokenReference) throws(RuntimeError) -> PendingItem {
    let items = runtime.pending
    switch ref {
    case .index(let i):
      guard i >= 1, i <= items.count else {
        throw RuntimeError("TaskDoesNotExist", items.isEmpty ? "nothing is pending" : "pending has \(items.count) item(s); there is no #\(i)")
      }
      return items[i - 1]
    case .stateName(let name):
      let matches = items.filter { $0.stateName == name }
      if matches.isEmpty {
        // A quoted token is still a token.
        if let byToken = items.first(where: { $0.token == name }) { return byToken }
        throw RuntimeError("TaskDoesNotExist", "no pending token or task waits in a state named '\(name)'")
      }
      return matches[0]
    case .token(let token):
      if let item = items.first(where: { $0.token == token }) { return item }
      if let item = items.first(where: { $0.stateName == token }) { return item }
      // The runtime gives AWS's error (TaskTimedOut, InvalidToken, TaskDoesNotExist); a token it
      // still knows as pending is one not handed to a person (not answerable by hand).
      _ = try runtime.pendingTask(forToken: token)
      throw RuntimeError("TaskDoesNotExist", "no pending item has the token '\(token)'")
    }
  }

  /// Resolves a pending item with `body`, recording the hand-given result for `save-mocks`.
  /// Returns the work left: dispatching what the answer let run.
  mutating func resolvePending(
    _ ref: TokenReference, _ out: inout CommandOutcome,
    _ body: (inout Runtime, PendingItem) throws(RuntimeError) -> MockResponse
  ) -> [Work] {
    do throws(RuntimeError) {
      let item = try pendingItem(ref)
      let e = runtime.executions[item.executionID]
      let response = try body(&runtime, item)
      var recorded = response
      if case .return(let v) = response, item.token == nil, ServiceResponses.wrapsPayload(item.request) {
        recorded = .return(ServiceResponses.lambdaInvoke(payload: v, requestID: "hand-\(item.executionID + 1)-\(item.request.id)"))
      }
      handResults.append(HandResult(machineName: e.machineName, stateName: item.stateName, response: recorded))
      switch response {
      case .return(let v):
        out.messages.append("sent success to '\(item.stateName)' in \(e.label): \(v.compactString)")
      case .throw(let err, let cause):
        out.messages.append("sent failure to '\(item.stateName)' in \(e.label): \(err.isEmpty ? "(no error)" : err)" + (cause.isEmpty ? "" : " — \(cause)"))
      }
      out.stop = .stepped
      guard item.token != nil else { return [.dispatch] }
      return [.dispatch, .note(Teaching.tokenResolved(execution: e, item: item, response: response))]
    } catch {
      fail(&out, error.description)
      return []
    }
  }
}
