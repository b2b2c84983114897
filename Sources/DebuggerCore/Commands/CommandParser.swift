import JSONCore

/// Parses lines of the command language into `DebuggerCommand`s.
public enum CommandParser {
  /// The command names and their one-letter aliases, for help and completion.
  public static let commandNames: [(name: String, alias: String?, usage: String)] = [
    ("step", "s", "step — one transition of the focused execution"),
    ("next", "n", "next — step over a child execution (run it to its end)"),
    ("into", "i", "into — step into the child execution a Task starts"),
    ("out", "o", "out — run the focused child to its end and focus its parent"),
    ("continue", "c", "continue — run to a breakpoint, a pending decision or the end"),
    ("back", "u", "back — undo the last step (time travel)"),
    ("advance", "a", "advance — move the virtual clock to the next timer"),
    ("restart", "r", "restart [JSON] — start again, optionally with new input"),
    ("break", "b", "break STATE [if PATH OP VALUE] | break error [NAME] — set a breakpoint"),
    ("delete", nil, "delete STATE | delete error | delete all — remove breakpoints"),
    ("succeed", nil, "succeed TOKEN JSON — send task success (TOKEN: token, pending index, or \"State name\")"),
    ("fail", nil, "fail TOKEN [ERROR [CAUSE]] — send task failure"),
    ("heartbeat", nil, "heartbeat TOKEN — send a task heartbeat"),
    ("start", nil, "start MACHINE [JSON] — start a new execution"),
    ("stop", nil, "stop EXECUTION [ERROR [CAUSE]] — stop an execution and its .sync children"),
    ("focus", nil, "focus EXECUTION — put an execution in focus"),
    ("executions", nil, "executions — list executions"),
    ("pending", nil, "pending — list pending tokens and tasks"),
    ("print", "p", "print PATH — evaluate $, $$ or $var paths on the focused state's data"),
    ("history", nil, "history [EXECUTION] — print history events"),
    ("save", nil, "save FILE — write this session as a script"),
    ("save-mocks", nil, "save-mocks FILE — write hand-given results as a MockConfigFile"),
    ("help", "?", "help — list commands"),
    ("quit", "q", "quit — leave sfdbg"),
  ]

  /// Parses one line. Returns nil for blank lines and `#` comments.
  public static func parse(_ line: String) throws(CommandError) -> DebuggerCommand? {
    let lexer = CommandLexer(line)
    let words = try lexer.words()
    guard let head = words.first else { return nil }
    let args = Array(words.dropFirst())
    func rest(after index: Int) -> String {
      index < words.count ? lexer.rest(from: words[index].end) : ""
    }
    func restFrom(_ index: Int) -> String {
      index < words.count ? lexer.rest(from: words[index].start) : ""
    }
    func noArgs(_ cmd: DebuggerCommand) throws(CommandError) -> DebuggerCommand {
      guard args.isEmpty else {
        throw CommandError("'\(head.text)' takes no arguments, found '\(args[0].text)'", column: args[0].start + 1)
      }
      return cmd
    }
    func json(_ text: String, column: Int, what: String) throws(CommandError) -> JSONValue {
      do {
        return try JSONParser.parse(text, options: .init(rejectDuplicateKeys: false))
      } catch {
        throw CommandError("\(what) is not valid JSON: \(error.message) (at \(error.position))", column: column)
      }
    }
    func token(_ w: Word) -> TokenReference {
      if !w.quoted, let n = Int(w.text.hasPrefix("#") ? String(w.text.dropFirst()) : w.text), n > 0, n < 100_000 {
        return .index(n)
      }
      return w.quoted ? .stateName(w.text) : .token(w.text)
    }
    typealias Word = CommandLexer.Word

    switch head.quoted ? "" : head.text {
    case "step", "s": return try noArgs(.step)
    case "next", "n": return try noArgs(.next)
    case "into", "i": return try noArgs(.into)
    case "out", "o", "finish": return try noArgs(.out)
    case "continue", "c", "cont": return try noArgs(.continue)
    case "back", "u", "undo": return try noArgs(.back)
    case "advance", "a": return try noArgs(.advance)
    case "executions", "execs": return try noArgs(.executions)
    case "pending": return try noArgs(.pending)
    case "help", "?", "h": return .help
    case "quit", "q", "exit": return try noArgs(.quit)
    case "restart", "r":
      let text = rest(after: 0)
      if text.isEmpty { return .restart(input: nil) }
      return .restart(input: try json(text, column: words[1].start + 1, what: "the restart input"))
    case "break", "b":
      guard let target = args.first else { throw CommandError("usage: break STATE [if PATH OP VALUE] | break error [NAME]") }
      if !target.quoted, target.text == "error" || target.text == "errors" {
        guard args.count <= 2 else { throw CommandError("usage: break error [NAME]", column: args[2].start + 1) }
        return .breakOnError(name: args.count == 2 ? args[1].text : nil)
      }
      if args.count == 1 { return .breakAt(state: target.text, condition: nil) }
      guard args[1].text == "if", !args[1].quoted else {
        throw CommandError("expected 'if' after the state name, found '\(args[1].text)' (quote state names with spaces)", column: args[1].start + 1)
      }
      let condText = rest(after: 2)
      guard !condText.isEmpty else { throw CommandError("expected a condition after 'if'", column: args[1].end + 1) }
      return .breakAt(state: target.text, condition: try parseCondition(condText, column: args[1].end + 2))
    case "delete", "clear":
      guard let target = args.first, args.count == 1 else { throw CommandError("usage: delete STATE | delete error | delete all") }
      if !target.quoted && target.text == "all" { return .deleteBreakpoint(.all) }
      if !target.quoted && (target.text == "error" || target.text == "errors") { return .deleteBreakpoint(.errors) }
      return .deleteBreakpoint(.state(target.text))
    case "succeed", "success":
      guard args.count >= 2 else { throw CommandError("usage: succeed TOKEN JSON (the JSON is the rest of the line)") }
      let text = rest(after: 1)
      return .succeed(token: token(args[0]), output: try json(text, column: args[1].start + 1, what: "the task output"))
    case "fail", "failure":
      guard let t = args.first else { throw CommandError("usage: fail TOKEN [ERROR [CAUSE]]") }
      guard args.count <= 3 else {
        throw CommandError("too many words: quote the cause when it has spaces, e.g. fail 1 My.Error \"it broke\"", column: args[3].start + 1)
      }
      return .fail(token: token(t), error: args.count > 1 ? args[1].text : nil, cause: args.count > 2 ? args[2].text : nil)
    case "heartbeat":
      guard args.count == 1 else { throw CommandError("usage: heartbeat TOKEN") }
      return .heartbeat(token: token(args[0]))
    case "start":
      guard let m = args.first else { throw CommandError("usage: start MACHINE [JSON]") }
      let text = rest(after: 1)
      return .start(machine: m.text, input: text.isEmpty ? nil : try json(text, column: args[1].start + 1, what: "the execution input"))
    case "stop":
      guard let e = args.first, args.count <= 3 else { throw CommandError("usage: stop EXECUTION [ERROR [CAUSE]]") }
      return .stop(execution: e.text, error: args.count > 1 ? args[1].text : nil, cause: args.count > 2 ? args[2].text : nil)
    case "focus":
      guard args.count == 1 else { throw CommandError("usage: focus EXECUTION") }
      return .focus(execution: args[0].text)
    case "print", "p":
      let path = restFrom(1)
      guard !path.isEmpty else { throw CommandError("usage: print PATH (e.g. print $.Order, print $$.Execution.Id)") }
      return .print(path: path)
    case "history":
      guard args.count <= 1 else { throw CommandError("usage: history [EXECUTION]") }
      return .history(execution: args.first?.text)
    case "save":
      guard args.count == 1 else { throw CommandError("usage: save FILE") }
      return .save(file: args[0].text)
    case "save-mocks":
      guard args.count == 1 else { throw CommandError("usage: save-mocks FILE") }
      return .saveMocks(file: args[0].text)
    default:
      let names = commandNames.map(\.name).joined(separator: ", ")
      throw CommandError("unknown command '\(head.text)'; commands are: \(names)", column: head.start + 1)
    }
  }

  /// Parses `PATH [OP VALUE]`, e.g. `$.amount > 100` or `$.status == "FAILED"`.
  static func parseCondition(_ text: String, column: Int) throws(CommandError) -> BreakCondition {
    let ops = BreakCondition.Operator.allCases.sorted { $0.rawValue.count > $1.rawValue.count }
    // Find the first operator outside quotes/brackets.
    let chars = Array(text)
    var depth = 0
    var inQuote: Character? = nil
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if let q = inQuote {
        if c == q { inQuote = nil }
      } else if c == "'" || c == "\"" {
        inQuote = c
      } else if c == "[" || c == "(" {
        depth += 1
      } else if c == "]" || c == ")" {
        depth -= 1
      } else if depth == 0 {
        for op in ops where i + op.rawValue.count <= chars.count && String(chars[i..<(i + op.rawValue.count)]) == op.rawValue {
          let path = String(chars[..<i]).trimmingWhitespace()
          let valueText = String(chars[(i + op.rawValue.count)...]).trimmingWhitespace()
          guard path.hasPrefix("$") else { throw CommandError("a condition starts with a JSONPath such as $.amount", column: column) }
          guard !valueText.isEmpty else { throw CommandError("expected a value after '\(op.rawValue)'", column: column + i + op.rawValue.count) }
          let value: JSONValue
          do {
            value = try JSONParser.parse(valueText)
          } catch {
            throw CommandError("the value after '\(op.rawValue)' must be JSON (strings in double quotes): \(error.message)", column: column + i + op.rawValue.count)
          }
          return BreakCondition(path: path, op: op, value: value)
        }
      }
      i += 1
    }
    let path = text.trimmingWhitespace()
    guard path.hasPrefix("$") else { throw CommandError("a condition starts with a JSONPath such as $.amount", column: column) }
    return BreakCondition(path: path)
  }
}

extension DebuggerCommand: CustomStringConvertible {
  /// The command as a line of the command language (parsing it gives the same command back).
  public var description: String {
    let q = CommandLexer.quoteIfNeeded
    switch self {
    case .step: return "step"
    case .next: return "next"
    case .into: return "into"
    case .out: return "out"
    case .continue: return "continue"
    case .back: return "back"
    case .advance: return "advance"
    case .restart(let input): return input.map { "restart \($0.compactString)" } ?? "restart"
    case .breakAt(let state, let cond): return "break \(q(state))" + (cond.map { " if \($0)" } ?? "")
    case .breakOnError(let name): return "break error" + (name.map { " \(q($0))" } ?? "")
    case .deleteBreakpoint(.all): return "delete all"
    case .deleteBreakpoint(.errors): return "delete error"
    case .deleteBreakpoint(.state(let s)): return "delete \(q(s))"
    case .succeed(let t, let out): return "succeed \(t) \(out.compactString)"
    case .fail(let t, let e, let c):
      return (["fail", t.description] + [e, c].compactMap { $0 }.map(q)).joined(separator: " ")
    case .heartbeat(let t): return "heartbeat \(t)"
    case .start(let m, let input): return "start \(q(m))" + (input.map { " \($0.compactString)" } ?? "")
    case .stop(let e, let err, let c): return (["stop", q(e)] + [err, c].compactMap { $0 }.map(q)).joined(separator: " ")
    case .focus(let e): return "focus \(q(e))"
    case .executions: return "executions"
    case .pending: return "pending"
    case .print(let p): return "print \(p)"
    case .history(let e): return "history" + (e.map { " \(q($0))" } ?? "")
    case .save(let f): return "save \(q(f))"
    case .saveMocks(let f): return "save-mocks \(q(f))"
    case .help: return "help"
    case .quit: return "quit"
    }
  }
}
