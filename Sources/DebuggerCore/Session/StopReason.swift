import JSONCore

/// Why running stopped.
public enum StopReason: Sendable, Equatable, CustomStringConvertible {
  /// One step was taken as asked.
  case stepped
  /// A state breakpoint was hit in an execution.
  case breakpoint(executionID: Int, state: String)
  /// An error breakpoint: `error` was raised in an execution.
  case error(executionID: Int, error: String)
  /// Nothing can go on without a person: pending tokens or tasks (or a deadline only time can bring).
  case waitingOnPerson
  /// Every execution has ended.
  case finished
  /// The focused execution reached the point `next`/`out` asked for.
  case reached
  /// Nothing could be done (the message says why).
  case blocked(String)

  public var description: String {
    switch self {
    case .stepped: return "stepped"
    case .breakpoint(let e, let s): return "breakpoint at '\(s)' in #\(e + 1)"
    case .error(let e, let err): return "error \(err) in #\(e + 1)"
    case .waitingOnPerson: return "waiting for you: a pending token or task needs a result"
    case .finished: return "every execution has ended"
    case .reached: return "done"
    case .blocked(let why): return why
    }
  }
}

/// What a command did: text for the user, why it stopped, and effects for the edge to perform.
public struct CommandOutcome: Sendable, Equatable {
  public var messages: [String] = []
  /// What a listing or `print` asked to see (the TUI's log, `sfdbg run`'s output); nil for
  /// commands that act.
  public var output: CommandOutput?
  /// One-sentence explanations of nesting patterns that happened (for the status line / notes).
  public var notes: [String] = []
  public var stop: StopReason?
  public var effects: [SessionEffect] = []
  /// True when the command failed (unknown token, bad execution, ...).
  public var isError = false

  public init() {}
}

/// The output of `executions`, `pending`, `history`, `print` and `help`: what the command was
/// run to see, as opposed to messages about what a command did.
public enum CommandOutput: Sendable, Equatable {
  case lines([String])
  /// `print`: a JSON value (`sfdbg run --json` keeps it as JSON).
  case value(JSONValue)

  /// The output as text lines (a value pretty-printed).
  public var lines: [String] {
    switch self {
    case .lines(let lines): return lines
    case .value(let value): return value.prettyString.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
  }
}
