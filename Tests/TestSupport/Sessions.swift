import DebuggerCore
import JSONCore

/// `continue` with every handler answered at once (`InstantPerformer`): the session as far as it
/// goes without a person.
@discardableResult
public func runToEnd(_ session: inout Session) -> CommandOutcome {
  var performer = InstantPerformer()
  return EffectLoop.run(.continue, on: &session, performer: &performer)
}

/// `runToEnd`, then the main execution's history as GetExecutionHistory returns it
/// (`{"events": [...]}`), for tests that replay what a local run recorded.
public func recordedLocally(_ session: inout Session) -> JSONValue {
  runToEnd(&session)
  return .object(["events": .array(session.mainExecution.execution.history.map(\.json))])
}
