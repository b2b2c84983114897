import JSONCore

/// One command of the debugger's command language.
///
/// The same language is typed at the TUI's `:` prompt, bound to keys, and read from
/// `--script` files (one command a line, `#` comments), so anything a user does by hand a test
/// can do too. See README.md, "The command language".
public enum DebuggerCommand: Sendable, Equatable {
  /// `step` (`s`): one transition of the focused execution.
  case step
  /// `next` (`n`): step, but run a child execution started by this step to its end first.
  case next
  /// `into` (`i`): step into the child execution the current Task starts.
  case into
  /// `out` (`o`): run until the focused child execution ends and focus its parent.
  case out
  /// `continue` (`c`): run until a breakpoint, a pending decision, or the end.
  case `continue`
  /// `back` (`u`): undo the last step (time travel), restoring every execution, token and timer.
  case back
  /// `reverse-continue` (`U`): step back to the previous breakpoint hit or pending decision.
  case reverseContinue
  /// `goto EVENT_ID`: travel back to the undo point just after the focused execution's history
  /// event EVENT_ID was written, or step forward until it is written.
  case goto(eventID: Int)
  /// `advance` (`a`): move the virtual clock to the next timer and fire it.
  case advance
  /// `advance DURATION`: move the virtual clock by `DURATION`, firing every timer due by then.
  case advanceBy(ClockDuration)
  /// `restart [JSON]` (`r`): start the main execution again, optionally with new input.
  case restart(input: JSONValue?)
  /// `break STATE [if EXPR]` (`b`): a breakpoint on a state, optionally conditional.
  case breakAt(state: String, condition: BreakCondition?)
  /// `break error [NAME]` (`B`): break when an error is raised (any error, or one name).
  case breakOnError(name: String?)
  /// `delete STATE` / `delete error` / `delete all`: remove breakpoints.
  case deleteBreakpoint(BreakpointReference)
  /// `succeed TOKEN JSON`: SendTaskSuccess for a token, or the result of a task resolved by hand.
  case succeed(token: TokenReference, output: JSONValue)
  /// `fail TOKEN [ERROR [CAUSE]]`: SendTaskFailure.
  case fail(token: TokenReference, error: String?, cause: String?)
  /// `heartbeat TOKEN`: SendTaskHeartbeat.
  case heartbeat(token: TokenReference)
  /// `start MACHINE [JSON]`: start a new execution of a registered machine.
  case start(machine: String, input: JSONValue?)
  /// `stop EXECUTION [ERROR [CAUSE]]`: StopExecution (also stops its `.sync` children).
  case stop(execution: String, error: String?, cause: String?)
  /// `focus EXECUTION`: put an execution in focus.
  case focus(execution: String)
  /// `executions`: list every execution with its parent, link and status.
  case executions
  /// `pending`: list pending task tokens and hand-resolved tasks.
  case pending
  /// `print PATH`: evaluate a JSONPath (`$`, `$$`, `$var`) against the focused state's data.
  case print(path: String)
  /// `print request [PATH]`: the request the focused Task sends (before it is entered: the one
  /// it will send), or a JSONPath on it.
  case printRequest(path: String?)
  /// `history [EXECUTION]`: print an execution's history events.
  case history(execution: String?)
  /// `save FILE`: write the session so far as a script of this language.
  case save(file: String)
  /// `save-mocks FILE`: write the results given by hand as a MockConfigFile test case.
  case saveMocks(file: String)
  /// `export FILE`: write every execution of the session with its history (`Runtime.historyExport`).
  case export(file: String)
  /// `api OPERATION JSON`: a Step Functions API request (what a client sent; `save` writes
  /// each one a client made, so a session replays without its client).
  case api(operation: String, body: JSONValue)
  /// `help`: list the commands.
  case help
  /// `quit` (`q`).
  case quit
}

/// How a command names a pending task token or hand-resolved task.
public enum TokenReference: Sendable, Equatable, CustomStringConvertible {
  /// The token itself (as AWS would get it from `$$.Task.Token`).
  case token(String)
  /// Its 1-based index in `pending`.
  case index(Int)
  /// The name of the state that waits on it (always quoted in scripts).
  case stateName(String)

  public var description: String {
    switch self {
    case .token(let t): return t
    case .index(let i): return String(i)
    // Always quoted: an unquoted word reads back as a token.
    case .stateName(let s): return CommandLexer.quote(s)
    }
  }
}

/// A breakpoint condition: `JSONPATH OP VALUE` on the state's input, or a bare JSONPath that
/// must be present and truthy.
public struct BreakCondition: Sendable, Equatable, CustomStringConvertible {
  public enum Operator: String, Sendable, CaseIterable {
    case equal = "==", notEqual = "!=", lessOrEqual = "<=", greaterOrEqual = ">=", less = "<", greater = ">"
  }
  public var path: String
  public var op: Operator?
  public var value: JSONValue?

  public init(path: String, op: Operator? = nil, value: JSONValue? = nil) {
    self.path = path
    self.op = op
    self.value = value
  }

  public var description: String {
    guard let op, let value else { return path }
    return "\(path) \(op.rawValue) \(value.compactString)"
  }
}

/// What `delete` removes.
public enum BreakpointReference: Sendable, Equatable {
  case state(String)
  case errors
  case all
}
