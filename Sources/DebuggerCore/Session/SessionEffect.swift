/// Work the session asks its host to perform (it never does I/O itself). `EffectLoop` performs
/// them and feeds results back as `InternalCommand`s.
public enum SessionEffect: Sendable, Equatable {
  /// Run a handler command for a task; its result comes back as `.handlerFinished`.
  case runHandler(HandlerJob)
  /// Write a file; `report` is the message once it is written (a failure reports only itself).
  case writeFile(path: String, contents: String, report: String)
  case quit
  /// A run paused after a burst of transitions: send `.resume` to go on, or `.interrupt`.
  case resume
  /// Answer the API request `id` (sent in as `InternalCommand.apiRequest`).
  case reply(id: RequestID, reply: APIReply)

  var isReply: Bool { if case .reply = self { return true } else { return false } }
}
