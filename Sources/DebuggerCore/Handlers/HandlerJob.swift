import JSONCore

/// Names one handler run the session is waiting on.
public struct JobID: Hashable, Sendable, CustomStringConvertible {
  public var rawValue: Int

  public init(_ rawValue: Int) { self.rawValue = rawValue }

  public var description: String { "job \(rawValue)" }
}

/// A task given to a `--handler` command: what the edge runs (`SessionEffect.runHandler`) and
/// answers with `InternalCommand.handlerFinished`.
public struct HandlerJob: Sendable, Equatable {
  public var id: JobID
  public var handler: TaskHandler
  /// The task's input, written to the command's stdin.
  public var input: JSONValue
  /// Set as `SFDBG_TASK_TOKEN` for callback tasks.
  public var taskToken: String?
  /// Wall-clock seconds before the edge kills the command (the answer is then `.timedOut`).
  public var timeoutSeconds: Double
  /// Set when the job invokes a local Lambda function instead of running `handler`'s command;
  /// its answer is then `.invoked`.
  public var function: FunctionInvocation? = nil

  /// How messages name what runs: `function NAME` or `handler 'COMMAND'`.
  public var runnerName: String {
    function.map { "function \($0.function.name)" } ?? "handler '\(handler.command)'"
  }
}

/// Commands the host sends back with the results of effects. They are not part of the command
/// language: never typed, logged, saved in scripts, or an undo step of their own.
public enum InternalCommand: Sendable, Equatable {
  /// A handler job ended (or was stopped, or ran out of time).
  case handlerFinished(job: JobID, result: HandlerResult)
  /// Go on with a run paused after a burst (`SessionEffect.resume`).
  case resume
  /// Stop a run paused after a burst, as if it had stopped there (esc in the TUI).
  case interrupt
  /// A Step Functions API request from a client at the edge; the session answers it with
  /// `SessionEffect.reply` carrying the same id (at once, or later for a request that waits).
  case apiRequest(id: RequestID, request: APIRequest)
  /// The edge's wall clock: seconds since the server started. Sent when `Session.nextWakeup`
  /// is reached (and may be sent more often): the real clock's timers fire, long polls end.
  case tick(wallSeconds: Double)
}
