/// Performs the session's effects at the edge: runs handler jobs, writes files. `EffectLoop`
/// drives it; `HandlerProcesses` runs jobs as real processes, tests use `InstantPerformer`.
public protocol EffectPerformer: Sendable {
  /// Starts running `job` and returns at once; its result comes from `nextResult`.
  mutating func start(_ job: HandlerJob)
  /// The next job to finish, waiting at most `timeout` (nil: until one finishes); nil when none
  /// finished in time or none is running.
  mutating func nextResult(waitingAtMost timeout: Duration?) -> (job: JobID, result: HandlerResult)?
  /// Stops a running job; its result is then `.cancelled`.
  mutating func cancel(_ job: JobID)
  /// Writes a file; returns what went wrong, or nil.
  mutating func writeFile(path: String, contents: String) -> String?
  /// Sends the reply to an API request to the client that made it.
  mutating func reply(_ id: RequestID, _ reply: APIReply)
}

extension EffectPerformer {
  /// A performer with no API clients drops replies (there is no one to send them to).
  public mutating func reply(_ id: RequestID, _ reply: APIReply) {}
}

/// Performs effects at once with functions: no processes, no files, no waiting. The fake
/// performer of tests, and the default where no real edge is attached.
public struct InstantPerformer: EffectPerformer {
  /// A job's result; nil when the job runs until it is cancelled.
  public var runHandler: @Sendable (HandlerJob) -> HandlerResult?
  public var writeFile: @Sendable (_ path: String, _ contents: String) -> String?
  /// Jobs started, in order (what tests check).
  public private(set) var started: [HandlerJob] = []
  private var finished: [(job: JobID, result: HandlerResult)] = []
  private var hanging: [JobID] = []

  public init(
    runHandler: @escaping @Sendable (HandlerJob) -> HandlerResult? = { _ in
      .failed(error: "Handler.Failed", cause: "running handlers is not available here")
    },
    writeFile: @escaping @Sendable (String, String) -> String? = { _, _ in "writing files is not available here" }
  ) {
    self.runHandler = runHandler
    self.writeFile = writeFile
  }

  public mutating func start(_ job: HandlerJob) {
    started.append(job)
    if let result = runHandler(job) { finished.append((job.id, result)) } else { hanging.append(job.id) }
  }

  public mutating func nextResult(waitingAtMost timeout: Duration?) -> (job: JobID, result: HandlerResult)? {
    finished.isEmpty ? nil : finished.removeFirst()
  }

  public mutating func cancel(_ job: JobID) {
    guard let index = hanging.firstIndex(of: job) else { return }
    hanging.remove(at: index)
    finished.append((job, .cancelled))
  }

  public mutating func writeFile(path: String, contents: String) -> String? { writeFile(path, contents) }
}
