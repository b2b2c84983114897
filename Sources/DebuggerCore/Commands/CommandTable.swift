/// The command table: every command of the language, in the order `help` lists them.
extension CommandSpec {
  public static let all: [CommandSpec] = [
    step, next, into, out, `continue`, back, reverseContinue, goto, advance, restart, `break`, delete, succeed, fail, heartbeat,
    start, stop, focus, executions, pending, print, history, save, saveMocks, export, api, help, quit,
  ]

  /// The user commands by name and by every alias.
  static let byName: [String: CommandSpec] = Dictionary(
    uniqueKeysWithValues: all.flatMap { spec in spec.spellings.map { ($0, spec) } })

  // Stepping: each one is snapshotted and logged.
  static let step = CommandSpec(
    "step", aliases: ["s"], help: "one transition of the focused execution", policy: [.changesExecutions, .logged], .step)
  static let next = CommandSpec(
    "next", aliases: ["n"], help: "step over a child execution (run it to its end)",
    policy: [.changesExecutions, .logged], .next)
  static let into = CommandSpec(
    "into", aliases: ["i"], help: "step into the child execution a Task starts",
    policy: [.changesExecutions, .logged], .into)
  static let out = CommandSpec(
    "out", aliases: ["o", "finish"], help: "run the focused child to its end and focus its parent",
    policy: [.changesExecutions, .logged], .out)
  static let `continue` = CommandSpec(
    "continue", aliases: ["c", "cont"], help: "run to a breakpoint, a pending decision or the end",
    policy: [.changesExecutions, .logged], .continue)
  /// Restores a snapshot itself, so it neither takes one nor is logged.
  static let back = CommandSpec(
    "back", aliases: ["u", "undo"], help: "undo the last command that changed executions (time travel)",
    policy: .rewritesHistory, .back)
  static let reverseContinue = CommandSpec(
    "reverse-continue", aliases: ["rc"], help: "go back to the previous breakpoint hit or pending decision (time travel)",
    policy: .rewritesHistory, .reverseContinue)
  static let goto = CommandSpec(
    "goto", help: "travel to where the focused execution wrote history event EVENT_ID: back in time, or forward by steps",
    policy: .rewritesHistory, [.required("EVENT_ID", .eventID)]
  ) { .goto(eventID: $0.number(0)) }
  static let advance = CommandSpec(
    "advance", aliases: ["a"], help: "move the virtual clock to the next timer, or by DURATION (10s, 5m, 1h30m)",
    policy: [.changesExecutions, .logged], [.optional("DURATION", .duration)]
  ) { $0.optionalDuration(0).map(DebuggerCommand.advanceBy) ?? .advance }
  /// Not logged: it rewrites the log itself (a new input is the first line of the new log).
  static let restart = CommandSpec(
    "restart", aliases: ["r"], help: "start again, optionally with new input", policy: [.changesExecutions, .rewritesHistory],
    [.optional("JSON", .json, about: "the restart input")]
  ) { .restart(input: $0.optionalJSON(0)) }

  // Breakpoints: logged, but they change no execution.
  static let `break` = CommandSpec(
    "break", aliases: ["b"], help: "set a breakpoint", policy: .logged,
    forms: [
      .init([.required("STATE", .stateName), .optional("if PATH OP VALUE", .condition)]) {
        .breakAt(state: $0.text(0), condition: $0.optionalCondition(1))
      },
      .init([.keyword("error", "errors"), .optional("NAME", .errorName)]) { .breakOnError(name: $0.optionalText(1)) },
    ])
  static let delete = CommandSpec(
    "delete", aliases: ["clear"], help: "remove breakpoints", policy: .logged,
    forms: [
      .init([.required("STATE", .stateName)]) { .deleteBreakpoint(.state($0.text(0))) },
      .init([.keyword("error", "errors")]) { _ in .deleteBreakpoint(.errors) },
      .init([.keyword("all")]) { _ in .deleteBreakpoint(.all) },
    ])

  // Pending tokens and tasks, executions: snapshotted and logged.
  static let succeed = CommandSpec(
    "succeed", aliases: ["success"], help: "send task success (TOKEN: token, pending index, or \"State name\")",
    policy: [.changesExecutions, .logged], usageHint: " (the JSON is the rest of the line)",
    [.required("TOKEN", .token), .required("JSON", .json, about: "the task output")]
  ) { .succeed(token: $0.token(0), output: $0.json(1)) }
  /// How `fail` and `stop` end: `[ERROR [CAUSE]]`.
  private static let errorAndCause: [Argument] = [.optional("ERROR", .errorName), .optional("CAUSE", .cause)]
  static let fail = CommandSpec(
    "fail", aliases: ["failure"], help: "send task failure", policy: [.changesExecutions, .logged],
    tooManyWords: "too many words: quote the cause when it has spaces, e.g. fail 1 My.Error \"it broke\"",
    [.required("TOKEN", .token)] + errorAndCause
  ) { .fail(token: $0.token(0), error: $0.optionalText(1), cause: $0.optionalText(2)) }
  static let heartbeat = CommandSpec(
    "heartbeat", help: "send a task heartbeat", policy: [.changesExecutions, .logged], [.required("TOKEN", .token)]
  ) { .heartbeat(token: $0.token(0)) }
  static let start = CommandSpec(
    "start", help: "start a new execution", policy: [.changesExecutions, .logged, .rewritesHistory],
    [.required("MACHINE", .machine), .optional("JSON", .json, about: "the execution input")]
  ) { .start(machine: $0.text(0), input: $0.optionalJSON(1)) }
  static let stop = CommandSpec(
    "stop", help: "stop an execution and its .sync children", policy: [.changesExecutions, .logged, .rewritesHistory],
    [.required("EXECUTION", .executionID)] + errorAndCause
  ) { .stop(execution: $0.text(0), error: $0.optionalText(1), cause: $0.optionalText(2)) }
  /// Navigation, not an undo step (`back` undoes what changed executions): logged, so a replay
  /// steps the same execution.
  static let focus = CommandSpec(
    "focus", help: "put an execution in focus", policy: [.logged, .rewritesHistory], [.required("EXECUTION", .executionID)]
  ) { .focus(execution: $0.text(0)) }

  // Looking, saving and leaving: neither snapshotted nor logged.
  static let executions = CommandSpec("executions", aliases: ["execs"], help: "list executions", policy: [], .executions)
  static let pending = CommandSpec("pending", help: "list pending tokens and tasks", policy: [], .pending)
  static let print = CommandSpec(
    "print", aliases: ["p"], help: "evaluate $, $$ or $var paths, or {% JSONata %}, on the focused state's data, or on the request its Task sends",
    policy: [], usageHint: " (e.g. print $.Order, print $$.Execution.Id, print {% $states.input.n * 2 %}, print request $.Payload)",
    forms: [
      .init([.required("PATH", .path)]) { .print(path: $0.raw(0)) },
      .init([.keyword("request"), .optional("PATH", .path)]) { .printRequest(path: $0.optionalRaw(1)) },
    ])
  static let history = CommandSpec(
    "history", help: "print history events", policy: [], [.optional("EXECUTION", .executionID)]
  ) { .history(execution: $0.optionalText(0)) }
  static let save = CommandSpec("save", help: "write this session as a script", policy: [], [.required("FILE", .file)]) {
    .save(file: $0.text(0))
  }
  static let saveMocks = CommandSpec(
    "save-mocks", help: "write hand-given results as a MockConfigFile", policy: [], [.required("FILE", .file)]
  ) { .saveMocks(file: $0.text(0)) }
  static let export = CommandSpec(
    "export", help: "write every execution's history as JSON (GetExecutionHistory events)", policy: [],
    [.required("FILE", .file)]
  ) { .export(file: $0.text(0)) }
  /// A client's request as a command: snapshotted and logged like the commands that answer
  /// tokens or start executions.
  static let api = CommandSpec(
    "api", help: "send a Step Functions API request (e.g. api StartExecution {\"stateMachineArn\": \"…\"})",
    policy: [.changesExecutions, .logged, .rewritesHistory],
    [.required("OPERATION", .operation), .required("JSON", .json, about: "the request")]
  ) { .api(operation: $0.text(0), body: $0.json(1)) }
  static let help = CommandSpec(
    "help", aliases: ["?", "h"], help: "list commands", policy: [], ignoresExtraWords: true, .help)
  static let quit = CommandSpec("quit", aliases: ["q", "exit"], help: "leave sfdbg", policy: [], .quit)
}

extension DebuggerCommand: CustomStringConvertible {
  /// The command's spec and its argument values in the order of its form (nil: left out).
  /// An internal command maps to a `CommandSpec.internalCommand` and no arguments.
  var invocation: (spec: CommandSpec, arguments: [ArgumentValue?]) {
    switch self {
    case .step: return (.step, [])
    case .next: return (.next, [])
    case .into: return (.into, [])
    case .out: return (.out, [])
    case .continue: return (.continue, [])
    case .back: return (.back, [])
    case .reverseContinue: return (.reverseContinue, [])
    case .goto(let id): return (.goto, [.number(id)])
    case .advance: return (.advance, [nil])
    case .advanceBy(let duration): return (.advance, [.duration(duration)])
    case .restart(let input): return (.restart, [input.map(ArgumentValue.json)])
    case .breakAt(let state, let condition): return (.break, [.text(state), condition.map(ArgumentValue.condition)])
    case .breakOnError(let name): return (.break, [.keyword("error"), name.map(ArgumentValue.text)])
    case .deleteBreakpoint(.state(let state)): return (.delete, [.text(state)])
    case .deleteBreakpoint(.errors): return (.delete, [.keyword("error")])
    case .deleteBreakpoint(.all): return (.delete, [.keyword("all")])
    case .succeed(let token, let output): return (.succeed, [.token(token), .json(output)])
    case .fail(let token, let error, let cause): return (.fail, [.token(token), error.map(ArgumentValue.text), cause.map(ArgumentValue.text)])
    case .heartbeat(let token): return (.heartbeat, [.token(token)])
    case .start(let machine, let input): return (.start, [.text(machine), input.map(ArgumentValue.json)])
    case .stop(let execution, let error, let cause): return (.stop, [.text(execution), error.map(ArgumentValue.text), cause.map(ArgumentValue.text)])
    case .focus(let execution): return (.focus, [.text(execution)])
    case .executions: return (.executions, [])
    case .pending: return (.pending, [])
    case .print(let path): return (.print, [.raw(path)])
    case .printRequest(let path): return (.print, [.keyword("request"), path.map(ArgumentValue.raw)])
    case .history(let execution): return (.history, [execution.map(ArgumentValue.text)])
    case .save(let file): return (.save, [.text(file)])
    case .saveMocks(let file): return (.saveMocks, [.text(file)])
    case .export(let file): return (.export, [.text(file)])
    case .api(let operation, let body): return (.api, [.text(operation), .json(body)])
    case .help: return (.help, [])
    case .quit: return (.quit, [])
    }
  }

  public var spec: CommandSpec { invocation.spec }
  /// Snapshotted for `back`; see `CommandSpec.changesExecutions`.
  var changesExecutions: Bool { spec.changesExecutions }
  /// Written by `save`; see `CommandSpec.isLogged`.
  var isLogged: Bool { spec.isLogged }

  /// The command as a line of the command language: parsing it gives the same command back.
  /// (An internal command is written as a comment, so a replay skips it.)
  public var description: String {
    let (spec, arguments) = invocation
    guard spec.isUserCommand else { return "# \(spec.name)" }
    return ([spec.name] + arguments.compactMap { $0?.written(keywords: spec.keywords) }).joined(separator: " ")
  }
}
