import DebuggerCore

/// The thread that owns the session, serving API clients: it feeds the requests to the session
/// in arrival order (`InternalCommand.apiRequest`), performs the effects (replies, handler
/// jobs, files) through `EffectLoop`, and tells the session the wall time whenever it asked to
/// be woken (`nextWakeup`): long polls end, and with the real clock Waits and retries fire.
public struct ServeLoop: Sendable {
  public let mailbox: APIMailbox
  public let startedAt: ContinuousClock.Instant

  public init(mailbox: APIMailbox, startedAt: ContinuousClock.Instant = .now) {
    self.mailbox = mailbox
    self.startedAt = startedAt
  }

  /// Wall seconds since the server started (the session's tick time).
  public var wallSeconds: Double {
    let elapsed = ContinuousClock.now - startedAt
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  }

  /// Serves until the mailbox stops (`serve`'s SIGINT/SIGTERM).
  public func serve(_ session: inout Session, performer: inout some EffectPerformer) {
    while !mailbox.isStopped {
      _ = tickIfDue(&session, performer: &performer)
      // Wake for the next tick, and at least once a second (a stop, a wake-up moved earlier).
      var deadline = ContinuousClock.now + .seconds(1)
      if let wakeup = session.nextWakeup {
        deadline = min(deadline, startedAt + .nanoseconds(Int64(max(0, wakeup) * 1e9)))
      }
      for arrived in mailbox.take(waitingUntil: deadline) {
        _ = EffectLoop.run(arrived.command, on: &session, performer: &performer, incoming: mailbox.takeCommands)
      }
    }
  }

  /// Runs what arrived since the last call (and a tick when one is due) without waiting for
  /// more: the TUI calls it between key polls. Returns each outcome (for its log).
  public func drain(_ session: inout Session, performer: inout some EffectPerformer) -> [CommandOutcome] {
    var outcomes: [CommandOutcome] = []
    if let outcome = tickIfDue(&session, performer: &performer) { outcomes.append(outcome) }
    for arrived in mailbox.takeAll() {
      outcomes.append(
        EffectLoop.run(arrived.command, on: &session, performer: &performer, incoming: mailbox.takeCommands))
    }
    return outcomes
  }

  /// Ticks the session when its wake-up time has come.
  private func tickIfDue(_ session: inout Session, performer: inout some EffectPerformer) -> CommandOutcome? {
    guard let wakeup = session.nextWakeup else { return nil }
    let now = wallSeconds
    guard now >= wakeup else { return nil }
    return EffectLoop.run(.tick(wallSeconds: now), on: &session, performer: &performer, incoming: mailbox.takeCommands)
  }
}
