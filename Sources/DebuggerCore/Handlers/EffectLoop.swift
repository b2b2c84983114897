/// The one loop between a session and the edge, for the TUI and for `sfdbg run`: runs a
/// command, performs the effects it returns, and feeds the results back as commands until the
/// session waits on nothing.
public enum EffectLoop {
  /// How long one wait for a handler lasts before the host's `whileWaiting` runs again.
  public static let waitSlice: Duration = .milliseconds(50)

  /// Runs `command` to its end, blocking while each handler runs (`sfdbg run`, scripts, tests).
  /// The outcome holds every message, note and file write; `.quit` stays in `effects` for the
  /// host.
  public static func run(
    _ command: DebuggerCommand, on session: inout Session, performer: inout some EffectPerformer
  ) -> CommandOutcome {
    run(command, on: &session, performer: &performer, waitingAtMost: nil) { false }
  }

  /// Runs `command` to its end while the host stays live (the TUI): `whileWaiting` runs between
  /// waits of `waitSlice` while a handler runs and returns true to stop the running handlers
  /// (their tasks then wait for a person).
  public static func run(
    _ command: DebuggerCommand, on session: inout Session, performer: inout some EffectPerformer,
    whileWaiting: () -> Bool
  ) -> CommandOutcome {
    run(command, on: &session, performer: &performer, waitingAtMost: waitSlice, whileWaiting: whileWaiting)
  }

  private static func run(
    _ command: DebuggerCommand, on session: inout Session, performer: inout some EffectPerformer,
    waitingAtMost slice: Duration?, whileWaiting: () -> Bool
  ) -> CommandOutcome {
    var total = CommandOutcome()
    var next = session.execute(command)
    while true {
      total.messages += next.messages
      total.notes += next.notes
      total.output = next.output ?? total.output
      total.stop = next.stop ?? total.stop
      total.isError = total.isError || next.isError
      for effect in next.effects {
        switch effect {
        case .runHandler(let job): performer.start(job)
        case .writeFile(let path, let contents):
          if let error = performer.writeFile(path: path, contents: contents) {
            total.messages.append(error)
            total.isError = true
          } else {
            total.messages.append("wrote \(path)")
          }
        case .quit: total.effects.append(.quit)
        }
      }
      let jobs = session.jobsInFlight
      guard !jobs.isEmpty else { return total }
      if let (job, result) = performer.nextResult(waitingAtMost: slice) {
        next = session.execute(.handlerFinished(job: job, result: result))
        continue
      }
      next = CommandOutcome()
      if slice != nil {
        if whileWaiting() { for job in jobs { performer.cancel(job.id) } }
        continue
      }
      // A performer that cannot wait (a fake whose job never ends) has the job stopped; one that
      // lost it entirely leaves the task to a person.
      for job in jobs { performer.cancel(job.id) }
      let (job, result) = performer.nextResult(waitingAtMost: .zero) ?? (jobs[0].id, .cancelled)
      next = session.execute(.handlerFinished(job: job, result: result))
    }
  }
}
