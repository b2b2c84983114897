/// What the next timer of an execution is for.
public enum TimerKind: Sendable, Equatable {
  /// A Wait state or a retry back-off.
  case wait
  /// A Task's TimeoutSeconds.
  case taskTimeout
  /// A Task's HeartbeatSeconds.
  case taskHeartbeat
  /// The machine's TimeoutSeconds.
  case executionTimeout

  /// True for deadlines (they fail something when they fire), false for plain waits.
  public var isDeadline: Bool { self != .wait }
}

extension Execution {
  /// Moves this execution's clock forward to `instant` (never back), firing every timer due by
  /// then in order. Used by the runtime to keep many executions on one shared clock.
  public mutating func advanceClock(to instant: VirtualInstant) {
    guard status == .running, started else {
      if instant > now, !started { now = instant }
      return
    }
    while let t = timers.last, t.due <= instant, status == .running {
      if t.due > now { now = t.due }
      timers.removeLast()
      fire(t)
    }
    if status == .running, instant > now { now = instant }
    finishIfHistoryLimitReached()
  }

  /// The kind of the next timer, if any.
  public var nextTimerKind: TimerKind? {
    guard let t = timers.last else { return nil }
    switch t.kind {
    case .unit: return .wait
    case .taskTimeout: return .taskTimeout
    case .taskHeartbeat: return .taskHeartbeat
    case .executionTimeout: return .executionTimeout
    }
  }
}
