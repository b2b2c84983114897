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

  /// `succeed`/`fail`: answers a pending item; or, when none matches and a Task of that name is
  /// about to be entered (a breakpoint before it), arms the answer for when it is. Returns the
  /// work left: dispatching what the answer let run.
  mutating func answerByHand(_ ref: TokenReference, _ answer: HandAnswer, _ out: inout CommandOutcome) -> [Work] {
    do throws(RuntimeError) {
      let item: PendingItem
      do {
        item = try pendingItem(ref)
      } catch {
        guard let upcoming = upcomingTask(named: ref) else { throw error }
        armedAnswers.removeAll { $0.executionID == upcoming.executionID && $0.unitID == upcoming.unitID }
        armedAnswers.append(ArmedAnswer(executionID: upcoming.executionID, unitID: upcoming.unitID, stateName: upcoming.stateName, answer: answer))
        out.messages.append(
          "'\(upcoming.stateName)' in \(runtime.executions[upcoming.executionID].label) is not entered yet: it gets "
            + "\(answer.summary) when it is, instead of its mock or handler (s sends it)")
        out.stop = lastStop
        return []
      }
      let e = runtime.executions[item.executionID]
      let response = try deliver(answer, to: item, &out)
      out.stop = .stepped
      guard item.token != nil else { return [.dispatch] }
      return [.dispatch, .note(Teaching.tokenResolved(execution: e, item: item, response: response))]
    } catch {
      fail(&out, error.description)
      return []
    }
  }

  /// Sends a hand-given answer to a pending item, records it for `save-mocks`, and says so.
  @discardableResult
  mutating func deliver(_ answer: HandAnswer, to item: PendingItem, _ out: inout CommandOutcome) throws(RuntimeError) -> MockResponse {
    let e = runtime.executions[item.executionID]
    let wrapped = { (v: JSONValue) in
      ServiceResponses.lambdaInvoke(payload: v, requestID: "hand-\(item.executionID + 1)-\(item.request.id)")
    }
    switch answer {
    case .success(let output):
      if let token = item.token {
        try runtime.sendTaskSuccess(token: token, output: output)
      } else {
        let result = ServiceResponses.wrapsPayload(item.request) ? wrapped(output) : output
        try runtime.resolveTask(executionID: item.executionID, requestID: item.request.id, with: .succeeded(result))
      }
      out.messages.append("sent success to '\(item.stateName)' in \(e.label): \(output.compactString)")
    case .failure(let error, let cause):
      if let token = item.token {
        try runtime.sendTaskFailure(token: token, error: error, cause: cause)
      } else {
        try runtime.resolveTask(executionID: item.executionID, requestID: item.request.id, with: .failed(error: error ?? "", cause: cause))
      }
      out.messages.append(
        "sent failure to '\(item.stateName)' in \(e.label): \((error ?? "").isEmpty ? "(no error)" : error!)"
          + ((cause ?? "").isEmpty ? "" : " — \(cause!)"))
    }
    let response = answer.response
    var recorded = response
    if case .return(let v) = response, item.token == nil, ServiceResponses.wrapsPayload(item.request) {
      recorded = .return(wrapped(v))
    }
    handResults.append(HandResult(machineName: e.machineName, stateName: item.stateName, response: recorded))
    return response
  }

  /// The Task state a `succeed`/`fail` names by its state name that a unit of the focused
  /// execution is about to enter (nil: none, or not a Task).
  func upcomingTask(named ref: TokenReference) -> (executionID: Int, unitID: Int, stateName: String)? {
    let name: String
    switch ref {
    case .stateName(let n), .token(let n): name = n
    case .index: return nil
    }
    let execution = focusedExecution.execution
    for visit in Self.visits(of: name, in: execution) {
      guard case .about = visit.kind, let state = Self.upcomingState(of: visit.unitID, in: execution), state.typeName == "Task"
      else { continue }
      return (focus, visit.unitID, name)
    }
    return nil
  }

  /// Hands the request of a Task entered with an armed answer to a person and answers it at
  /// once, as `succeed`/`fail` would: true when it did.
  mutating func answerArmed(executionID: Int, request: TaskRequest) -> Bool {
    guard let index = armedAnswers.firstIndex(where: {
      $0.executionID == executionID && $0.unitID == request.unitID && $0.stateName == request.stateName
    }) else { return false }
    let armed = armedAnswers.remove(at: index)
    runtime.handToPerson(executionID: executionID, requestID: request.id)
    guard let item = runtime.pending.first(where: { $0.executionID == executionID && $0.request.id == request.id }) else { return false }
    var out = CommandOutcome()
    do throws(RuntimeError) {
      try deliver(armed.answer, to: item, &out)
      notes.append("'\(request.stateName)' in \(runtime.executions[executionID].label) answered by hand before it was sent (\(armed.answer.summary)).")
    } catch {
      notes.append("the answer armed for '\(request.stateName)' was refused: \(error.description)")
    }
    return true
  }
}

/// A result given by hand with `succeed` or `fail`.
enum HandAnswer: Sendable, Equatable {
  case success(JSONValue)
  case failure(error: String?, cause: String?)

  var response: MockResponse {
    switch self {
    case .success(let v): return .return(v)
    case .failure(let error, let cause): return .throw(error: error ?? "", cause: cause ?? "")
    }
  }

  /// `success {"ok":true}`, `failure Boom`.
  var summary: String {
    switch self {
    case .success(let v): return "success \(v.compactString)"
    case .failure(let error, _): return "failure " + ((error ?? "").isEmpty ? "(no error)" : error!)
    }
  }
}

/// An answer given at a breakpoint before a Task: used, once, when the unit enters the Task,
/// before mocks and handlers.
struct ArmedAnswer: Sendable, Equatable {
  var executionID: Int
  var unitID: Int
  var stateName: String
  var answer: HandAnswer
}
