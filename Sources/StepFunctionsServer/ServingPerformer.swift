import DebuggerCore

/// A performer for a session with API clients: handler jobs and files go to `base` (the
/// process runner), replies go to the connections through the mailbox. While it waits for a
/// handler it returns early when a request arrives, so `EffectLoop` serves the request (a
/// handler that calls back waits for that reply).
public struct ServingPerformer<Base: EffectPerformer>: EffectPerformer {
  public var base: Base
  public let mailbox: APIMailbox
  /// How long one look at the handlers lasts while requests may arrive.
  static var pollSlice: Duration { .milliseconds(2) }

  public init(base: Base, mailbox: APIMailbox) {
    self.base = base
    self.mailbox = mailbox
  }

  public mutating func start(_ job: HandlerJob) { base.start(job) }

  public mutating func nextResult(waitingAtMost timeout: Duration?) -> (job: JobID, result: HandlerResult)? {
    let deadline = timeout.map { ContinuousClock.now + $0 }
    while true {
      let slice = deadline.map { min(Self.pollSlice, max(.zero, $0 - .now)) } ?? Self.pollSlice
      if let finished = base.nextResult(waitingAtMost: slice) { return finished }
      if mailbox.hasArrivals || mailbox.isStopped { return nil }
      if let deadline, ContinuousClock.now >= deadline { return nil }
    }
  }

  public mutating func cancel(_ job: JobID) { base.cancel(job) }

  public mutating func writeFile(path: String, contents: String) -> String? {
    base.writeFile(path: path, contents: contents)
  }

  public mutating func reply(_ id: RequestID, _ reply: APIReply) { mailbox.reply(id, reply) }
}
