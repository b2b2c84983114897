import ASLInterpreter
import ASLRuntime
import JSONCore

/// The wall clock of a serving session (contract items 3 and 4): the edge sends
/// `InternalCommand.tick(wallSeconds:)` when `nextWakeup` is reached; long polls end, and with
/// the real clock the virtual clock follows the wall clock and the timers it passes fire.
extension Session {
  /// The wall second (since the server started) at which the session needs a `tick`: the end of
  /// a long poll, or with the real clock the next timer of any execution. Nil: nothing to wake.
  public var nextWakeup: Double? {
    var times: [Double] = []
    for (_, what) in connections.waiting {
      if case .activityPoll(_, _, let until) = what { times.append(until) }
    }
    if configuration.serving?.clock == .real, let timer = runtime.nextTimer {
      let origin = connections.wallOrigin ?? runtime.now
      times.append(max(connections.wallSeconds, Double(timer.due.milliseconds - origin.milliseconds) / 1000))
    }
    return times.min()
  }

  /// A tick: with the real clock, moves the virtual clock to the wall clock (as `advance`, so a
  /// saved session replays it) and settles; then answers the long polls that ended.
  mutating func tick(wallSeconds: Double) -> CommandOutcome {
    connections.wallSeconds = max(connections.wallSeconds, wallSeconds)
    guard inFlight == nil, configuration.serving?.clock == .real else {
      var out = CommandOutcome()
      out.effects = deliverWaitingReplies()
      return out
    }
    let origin = connections.wallOrigin ?? runtime.now
    let target = origin.adding(seconds: connections.wallSeconds)
    guard target > runtime.now else {
      var out = CommandOutcome()
      out.effects = deliverWaitingReplies()
      return out
    }
    let duration = ClockDuration(milliseconds: target.milliseconds - runtime.now.milliseconds)
    notes = []
    pushSnapshot()
    return proceed(.advanceBy(duration), [.dispatch, .advanceClock(by: duration)] + settleWork, CommandOutcome())
  }
}
