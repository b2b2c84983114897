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
    run(command, on: &session, performer: &performer, waitingAtMost: nil, betweenBursts: { false }) { false }
  }

  /// Runs `command` to its end while the host stays live (the TUI): `whileWaiting` runs between
  /// waits of `waitSlice` while a handler runs and returns true to stop the running handlers
  /// (their tasks then wait for a person); `betweenBursts` runs between bursts of a long run
  /// and returns true to interrupt it (it stops where it is).
  /// `incoming` gives the commands that arrived from API clients meanwhile (a handler that
  /// calls back into the session's endpoint waits for their replies): they run between waits.
  public static func run(
    _ command: DebuggerCommand, on session: inout Session, performer: inout some EffectPerformer,
    betweenBursts: () -> Bool = { false }, incoming: () -> [InternalCommand] = { [] },
    whileWaiting: () -> Bool
  ) -> CommandOutcome {
    run(
      session.execute(command), on: &session, performer: &performer, waitingAtMost: waitSlice,
      betweenBursts: betweenBursts, incoming: incoming, whileWaiting: whileWaiting)
  }

  /// Runs a command from the edge (an API request, a clock tick) to its end like `run`, with
  /// `incoming` served while a handler runs.
  public static func run(
    _ command: InternalCommand, on session: inout Session, performer: inout some EffectPerformer,
    incoming: () -> [InternalCommand] = { [] }
  ) -> CommandOutcome {
    run(
      session.execute(command), on: &session, performer: &performer, waitingAtMost: waitSlice,
      betweenBursts: { false }, incoming: incoming, whileWaiting: { false })
  }

  private static func run(
    _ command: DebuggerCommand, on session: inout Session, performer: inout some EffectPerformer,
    waitingAtMost slice: Duration?, betweenBursts: () -> Bool, whileWaiting: () -> Bool
  ) -> CommandOutcome {
    run(
      session.execute(command), on: &session, performer: &performer, waitingAtMost: slice,
      betweenBursts: betweenBursts, incoming: { [] }, whileWaiting: whileWaiting)
  }

  private static func run(
    _ first: CommandOutcome, on session: inout Session, performer: inout some EffectPerformer,
    waitingAtMost slice: Duration?, betweenBursts: () -> Bool, incoming: () -> [InternalCommand],
    whileWaiting: () -> Bool
  ) -> CommandOutcome {
    var total = CommandOutcome()
    var next = first
    while true {
      total.messages += next.messages
      total.notes += next.notes
      total.output = next.output ?? total.output
      total.stop = next.stop ?? total.stop
      total.isError = total.isError || next.isError
      var resumes = false
      for effect in next.effects {
        switch effect {
        case .resume: resumes = true
        case .runHandler(let job): performer.start(job)
        case .writeFile(let path, let contents, let report):
          if let error = performer.writeFile(path: path, contents: contents) {
            total.messages.append(error)
            total.isError = true
          } else {
            total.messages.append(report)
          }
        case .quit: total.effects.append(.quit)
        case .reply(let id, let reply): performer.reply(id, reply)
        }
      }
      if resumes {
        next = session.execute(betweenBursts() ? .interrupt : .resume)
        continue
      }
      let jobs = session.jobsInFlight
      guard !jobs.isEmpty else { return total }
      let arrived = incoming()
      if !arrived.isEmpty {
        next = CommandOutcome()
        for command in arrived {
          let outcome = session.execute(command)
          next.messages += outcome.messages
          next.notes += outcome.notes
          next.effects += outcome.effects
        }
        continue
      }
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
