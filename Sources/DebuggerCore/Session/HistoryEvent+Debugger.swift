import ASLInterpreter

extension HistoryEvent {
  /// The state an event is about, when it names one.
  public var stateName: String? {
    switch details {
    case .stateEntered(let name, _), .stateExited(let name, _, _), .mapIteration(let name, _): return name
    default: return nil
    }
  }

  /// The error an event reports (TaskFailed, ExecutionFailed, ...), if any.
  public var errorName: String? {
    guard type.hasSuffix("Failed") || type.hasSuffix("TimedOut") || type == "ExecutionAborted" else { return nil }
    switch details {
    case .failure(let error, _): return error ?? (type.hasSuffix("TimedOut") ? "States.Timeout" : nil)
    case .taskFailure(_, _, let error, _): return error ?? (type.hasSuffix("TimedOut") ? "States.Timeout" : nil)
    default: return nil
    }
  }
}
