import JSONCore
import Testing
@testable import DebuggerCore

/// The command table drives parsing, help, completion, `description` and the snapshot/log
/// policy; these tests check each of them against every spec.
@Suite struct CommandTableTests {
  /// Example values of each argument kind, chosen to need quoting, read like keywords, or
  /// carry JSON of every shape.
  static func samples(_ kind: CommandSpec.ArgumentKind) -> [ArgumentValue] {
    switch kind {
    case .stateName: return [.text("Charge"), .text("Need callback?"), .text("error"), .text("all"), .text("if")]
    case .executionID: return [.text("main-1"), .text("Order run 2")]
    case .token: return [TokenReference.index(2), .token("AQB4abc=="), .stateName("Wait for it"), .stateName("Ship")].map(ArgumentValue.token)
    case .machine: return [.text("OrderWorker"), .text("My machine")]
    case .errorName: return [.text("States.TaskFailed"), .text("error")]
    case .cause: return [.text(#"it "broke" \ badly"#), .text("#1"), .text("")]
    case .file: return [.text("my session.sfdbg"), .text("mocks.json")]
    case .operation: return [.text("StartExecution"), .text("SendTaskSuccess")]
    case .json: return [.json(["a": [1, "x y", nil], "b": ["c": true]]), .json("text"), .json(1.5), .json([])]
    case .path: return [.raw("$.Order"), .raw("$$.Execution.Id"), .raw(#"$.items[?(@.n > 1)].name"#)]
    case .condition:
      return [
        .condition(BreakCondition(path: "$.amount", op: .greaterOrEqual, value: 100)),
        .condition(BreakCondition(path: "$.status", op: .equal, value: "FAILED")),
        .condition(BreakCondition(path: "$.flag")),
      ]
    case .duration:
      return [ClockDuration(milliseconds: 10_000), ClockDuration(milliseconds: 5_400_000), ClockDuration(milliseconds: 250)]
        .map(ArgumentValue.duration)
    case .eventID: return [.number(1), .number(25_000)]
    case .keyword(let spellings): return [.keyword(spellings[0])]
    }
  }

  /// Commands from every form of `spec`: with only the required arguments up to all of them,
  /// each with several sample values.
  static func sampleCommands(_ spec: CommandSpec) -> [DebuggerCommand] {
    spec.forms.flatMap { form in
      let required = form.arguments.filter { !$0.isOptional }.count
      return (required...form.arguments.count).flatMap { given in
        (0..<5).map { variant in
          let values = form.arguments.enumerated().map { i, argument -> ArgumentValue? in
            guard i < given else { return nil }
            let choices = samples(argument.kind)
            return choices[(variant + i) % choices.count]
          }
          return form.build(ParsedArguments(values: values))
        }
      }
    }
  }

  static let userSpecs = CommandSpec.all.map(\.name)

  @Test(arguments: userSpecs)
  func descriptionRoundTrips(name: String) throws {
    let spec = try #require(CommandSpec.byName[name])
    let commands = Self.sampleCommands(spec)
    #expect(!commands.isEmpty)
    for command in commands {
      #expect(command.spec.name == spec.name)
      #expect(try CommandParser.parse(command.description) == command, "\(command.description)")
    }
  }

  @Test(arguments: userSpecs)
  func everyAliasParsesAsTheName(name: String) throws {
    let spec = try #require(CommandSpec.byName[name])
    for command in Self.sampleCommands(spec) {
      let line = command.description
      let arguments = line.dropFirst(spec.name.count)
      for alias in spec.aliases {
        #expect(try CommandParser.parse(alias + arguments) == command, "\(alias + arguments)")
      }
    }
  }

  @Test(arguments: [
    ("finish", DebuggerCommand.out), ("cont", .continue), ("undo", .back), ("execs", .executions), ("h", .help),
    ("?", .help), ("exit", .quit), ("clear all", .deleteBreakpoint(.all)), ("clear \"A state\"", .deleteBreakpoint(.state("A state"))),
    ("success 1 {}", .succeed(token: .index(1), output: [:])), ("failure #2 E", .fail(token: .index(2), error: "E", cause: nil)),
    ("r", .restart(input: nil)), ("b error", .breakOnError(name: nil)), ("p $.a", .print(path: "$.a")),
    ("p request", .printRequest(path: nil)), ("print request $.Payload", .printRequest(path: "$.Payload")),
  ])
  func aliasesOnceMissingFromTheTableParse(line: String, expected: DebuggerCommand) throws {
    #expect(try CommandParser.parse(line) == expected)
  }

  @Test func everySpellingNamesOneCommand() {
    let spellings = CommandSpec.all.flatMap(\.spellings)
    #expect(Set(spellings).count == spellings.count)
    #expect(CommandSpec.byName.count == spellings.count)
    #expect(CommandSpec.all.allSatisfy { $0.isUserCommand })
  }

  @Test func helpListsEveryCommandOnce() throws {
    var session = try Session(
      machines: [machine("M", #"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#)], mainMachine: "M", input: [:])
    let lines = session.execute(.help).output?.lines ?? []
    #expect(lines.count == CommandSpec.all.count)
    for spec in CommandSpec.all {
      #expect(lines.filter { $0.hasPrefix("  \(spec.name) ") }.count == 1, "\(spec.name)")
    }
    #expect(lines.contains("  break STATE [if PATH OP VALUE] | break error [NAME] — set a breakpoint"))
    #expect(lines.contains("  fail TOKEN [ERROR [CAUSE]] — send task failure"))
    #expect(lines.contains("  delete STATE | delete error | delete all — remove breakpoints"))
    #expect(lines.contains("  step — one transition of the focused execution"))
  }

  /// Which commands are undo steps and which are saved. `focus` is navigation: saved (a replay
  /// steps the same execution) but not an undo step.
  @Test func snapshotAndLogPolicy() {
    #expect(CommandSpec.all.filter(\.changesExecutions).map(\.name) == [
      "step", "next", "into", "out", "continue", "advance", "restart", "succeed", "fail", "heartbeat", "start",
      "stop", "api",
    ])
    #expect(CommandSpec.all.filter { !$0.onlyExtendsHistory }.map(\.name) == ["back", "reverse-continue", "goto", "restart", "start", "stop", "focus", "api"])
    #expect(CommandSpec.all.filter(\.isLogged).map(\.name) == [
      "step", "next", "into", "out", "continue", "advance", "break", "delete", "succeed", "fail", "heartbeat",
      "start", "stop", "focus", "api",
    ])
    #expect(DebuggerCommand.breakOnError(name: nil).isLogged && !DebuggerCommand.breakOnError(name: nil).changesExecutions)
    #expect(DebuggerCommand.restart(input: nil).changesExecutions && !DebuggerCommand.restart(input: nil).isLogged)
  }

  @Test func anInternalCommandIsNeitherParsedNorLogged() {
    let spec = CommandSpec.internalCommand("handler-finished", changesExecutions: true)
    #expect(!spec.isUserCommand && !spec.isLogged && spec.changesExecutions)
    #expect(CommandSpec.byName[spec.name] == nil)
    #expect(throws: CommandError.self) { try CommandParser.parse(spec.name) }
  }

  @Test(arguments: [
    ("step now", "column 6: 'step' takes no arguments, found 'now'"),
    ("break", "usage: break STATE [if PATH OP VALUE] | break error [NAME]"),
    ("break error A B", "column 15: usage: break error [NAME]"),
    ("break X y", "column 9: expected 'if' after the state name, found 'y' (quote state names with spaces)"),
    ("break X if ", "column 11: expected a condition after 'if'"),
    ("delete", "usage: delete STATE | delete error | delete all"),
    ("succeed 1", "usage: succeed TOKEN JSON (the JSON is the rest of the line)"),
    ("fail 1 E a b", #"column 12: too many words: quote the cause when it has spaces, e.g. fail 1 My.Error "it broke""#),
    ("heartbeat", "usage: heartbeat TOKEN"),
    ("print", "usage: print PATH | print request [PATH] (e.g. print $.Order, print $$.Execution.Id, print {% $states.input.n * 2 %}, print request $.Payload)"),
    ("restart {", "column 9: the restart input is not valid JSON"),
    ("start M [1,", "column 9: the execution input is not valid JSON"),
    ("\"step\"", "column 1: unknown command 'step'; commands are: step, next, into"),
  ])
  func errorsSayWhatIsWrong(line: String, message: String) {
    #expect(throws: CommandError.self) { try CommandParser.parse(line) }
    do {
      _ = try CommandParser.parse(line)
    } catch {
      #expect(error.description.hasPrefix(message), "\(error.description)")
    }
  }

  @Test func helpTakesAnyWords() throws {
    #expect(try CommandParser.parse("help break") == .help)
  }

  // MARK: Completion

  static let context = CompletionContext(
    states: ["Charge", "Need callback?", "error"], executions: ["main", "main-child-1"],
    tokens: ["1", "Ship (wait for callback)"])

  @Test(arguments: [
    ("s", ["step ", "succeed ", "start ", "stop ", "save ", "save-mocks "]),
    ("he", ["heartbeat ", "help "]),
    ("fin", ["finish "]),  // no name fits: a longer alias does
    ("ex", ["executions ", "export "]),  // names fit: `exit` is not offered
    ("u", ["undo "]),
    ("zz", []),
    ("break ", ["break Charge", #"break "Need callback?""#, #"break "error""#, "break error"]),
    ("b N", [#"b "Need callback?""#]),
    ("b e", [#"b "error""#, "b error"]),
    ("delete ", ["delete Charge", #"delete "Need callback?""#, #"delete "error""#, "delete all", "delete error"]),
    ("clear a", ["clear all"]),
    ("focus main-", ["focus main-child-1"]),
    ("stop m", ["stop main", "stop main-child-1"]),
    ("history ", ["history main", "history main-child-1"]),
    ("succeed Sh", [#"succeed "Ship (wait for callback)""#]),
    ("heartbeat ", ["heartbeat 1", #"heartbeat "Ship (wait for callback)""#]),
    ("success \"S", [#"success "Ship (wait for callback)""#]),
    ("save ", []), ("start ", []), ("jump ", []),
    ("api SendTask", ["api SendTaskSuccess", "api SendTaskFailure", "api SendTaskHeartbeat"]),
  ])
  func completesFromTheTable(before: String, expected: [String]) {
    #expect(CommandSpec.completions(for: before, in: Self.context) == expected)
  }

  @Test func everyCommandNameCompletes() {
    #expect(CommandSpec.completions(for: "", in: Self.context) == CommandSpec.all.map { $0.name + " " })
    for spec in CommandSpec.all {
      #expect(CommandSpec.completions(for: spec.name, in: Self.context).contains(spec.name + " "))
    }
  }

  /// A completed first argument parses back to the value offered, for every spelling of every
  /// command whose first argument completes.
  @Test(arguments: userSpecs)
  func completedArgumentsParseBack(name: String) throws {
    let spec = try #require(CommandSpec.byName[name])
    for spelling in spec.spellings {
      for line in CommandSpec.completions(for: spelling + " ", in: Self.context) {
        let word = String(line.dropFirst(spelling.count + 1))
        let words = try CommandLexer(word).words()
        #expect(words.count == 1)
        let offered = words.first.map(\.text) ?? ""
        let expected = spec.forms.compactMap(\.arguments.first).flatMap { Self.context.candidates(for: $0.kind) }
        #expect(expected.contains(offered), "\(line)")
        // Where the first argument is all a form needs, the line is a command with that value.
        guard let command = (try? CommandParser.parse(line)) ?? nil else { continue }
        #expect(command.invocation.arguments.first??.written(keywords: spec.keywords) == word, "\(line)")
      }
    }
  }
}
