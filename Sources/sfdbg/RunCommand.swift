// NOTE for merges: since the debugger session landed, `run` goes through SessionOptions +
// Session (DebuggerCore). On a merge conflict keep this structure; put interpreter-side
// changes into the interpreter or into Session, not back into this file.
import ASLInterpreter
import ASLRuntime
import ArgumentParser
import DebuggerCore
import Foundation
import JSONCore
import ProjectLoading
import StepFunctionsServer

/// `sfdbg run`: runs a state machine (and every machine it starts) headless on the virtual clock.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a state machine, and every execution it starts, headless; print the result.",
    discussion: """
      Executions run on a virtual clock (Wait states, retries and timeouts take no real time). \
      Tasks are resolved by --mocks/--test-case, then the Step Functions integration itself \
      (states:startExecution), then --handler commands, then the template's Lambda functions \
      (Python and Node.js, run locally; --function adds one); anything else waits for a person: \
      give results in a --script (succeed/fail/heartbeat), or the run stops with status RUNNING.

      A script runs from a paused start, one command a line (# comments); when it ends the run \
      goes on as far as it can, like gdb -batch, unless the script says quit: the run then ends \
      there. What the script's print, executions, pending, history and help show is printed as \
      they run (with --json: "scriptOutput").

      Exit status: 0 when the main execution ended (whatever its status), 2 for usage, \
      definition, input or script errors, 3 when it is still RUNNING: a token or task needs a \
      result nobody gave (the pending items are listed), or the script quit before the end.
      """)

  @OptionGroup var session: SessionOptions

  @Argument(help: "A file holding the execution input (JSON).")
  var inputFile: String?

  @Option(help: "Commands to run first (the debugger's command language), then continue.")
  var script: String?

  @Flag(help: "Print exactly one JSON object: status, output or error/cause, executions, pending, scriptOutput.")
  var json = false

  @Flag(help: "Add the history event types of the execution (\"events\").")
  var events = false

  @Flag(help: "Add the full history (GetExecutionHistory shape) of the execution.")
  var history = false

  @Option(help: "The execution --events/--history describe (#N, name or ARN); default: the main one.")
  var execution: String?

  @Flag(help: "Print what each local function invocation printed (to stderr, as CloudWatch Logs frames it).")
  var logs = false

  func run() throws {
    var s: Session
    do {
      s = try session.makeSession(positionalInput: inputFile)
    } catch {
      FileOutput.standardError.write("error: \(error.description)\n")
      throw ExitCode(2)
    }
    // Handlers and local functions get an endpoint on an ephemeral loopback port, so a callback
    // written with the aws CLI or boto3 reaches this session while it waits for them.
    guard s.configuration.runsProcesses else {
      var performer = SystemPerformer()
      return try finish(&s, performer: &performer, incoming: nil)
    }
    let mailbox = APIMailbox()
    let server: APIServer
    do {
      server = try APIServer(host: "127.0.0.1", port: 0, mailbox: mailbox)
    } catch {
      FileOutput.standardError.write("error: cannot serve the handlers' endpoint on loopback: \(error)\n")
      throw ExitCode(2)
    }
    defer { server.stop() }
    var performer = ServingPerformer(base: SystemPerformer(endpoint: server.endpoint), mailbox: mailbox)
    try finish(&s, performer: &performer, incoming: mailbox.takeCommands)
  }

  /// Runs `command` with its effects; with `incoming` (API clients' requests), serves them while
  /// a handler runs.
  static func execute(
    _ command: DebuggerCommand, on s: inout Session, performer: inout some EffectPerformer,
    incoming: (() -> [InternalCommand])?
  ) -> CommandOutcome {
    guard let incoming else { return EffectLoop.run(command, on: &s, performer: &performer) }
    return EffectLoop.run(command, on: &s, performer: &performer, incoming: incoming) { false }
  }

  /// The script, then `continue`, then the result.
  func finish(_ s: inout Session, performer: inout some EffectPerformer, incoming: (() -> [InternalCommand])?) throws {
    var scriptOutput: [JSONValue] = []
    var quit = false
    if let script {
      do {
        (scriptOutput, quit) = try runScript(script, on: &s, performer: &performer, incoming: incoming)
      } catch let error as ScriptError {
        FileOutput.standardError.write("error: \(error.message)\n")
        throw ExitCode(2)
      }
    }
    if !quit { _ = Self.execute(.continue, on: &s, performer: &performer, incoming: incoming) }
    var result = s.resultJSON.objectValue ?? JSONObject()
    // `--execution` names one (nil when nothing has that name); without it, the main one.
    guard let target = execution.map({ s.runtime.execution($0) }) ?? .some(s.mainExecution) else {
      FileOutput.standardError.write("error: no execution is called '\(execution ?? "")'\n")
      throw ExitCode(2)
    }
    if events { result["events"] = .array(target.execution.history.map { .string($0.type) }) }
    if history { result["history"] = HistoryEncoder.getExecutionHistory(target.execution.history) }
    if !scriptOutput.isEmpty { result["scriptOutput"] = .array(scriptOutput) }
    if logs { FileOutput.standardError.write(functionLogText(s)) }
    FileOutput.standardOutput.write(render(result, session: s) + "\n")
    if s.mainExecution.isRunning { throw ExitCode(3) }
  }

  struct ScriptError: Error {
    var message: String
  }

  /// Runs each line of `path`; an error names the script's line. What `print`, `executions`,
  /// `pending`, `history` and `help` show goes to stdout as they run (under a `# COMMAND`
  /// line); with `--json` it is returned, one `{command, text|value}` object each, for the
  /// result's `scriptOutput`. `quit` is true when the script said `quit` (the run ends there).
  func runScript(
    _ path: String, on s: inout Session, performer: inout some EffectPerformer, incoming: (() -> [InternalCommand])?
  ) throws -> (outputs: [JSONValue], quit: Bool) {
    let bytes: [UInt8]
    do {
      bytes = try InputFiles.read(path, limit: 16 << 20, what: "script")
    } catch {
      throw ScriptError(message: error.message)
    }
    let text = String(decoding: bytes, as: UTF8.self)
    var outputs: [JSONValue] = []
    // "\r\n" is one Character, so split on newlines rather than on "\n" (CRLF scripts).
    for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
      let command: DebuggerCommand?
      do {
        command = try CommandParser.parse(String(line))
      } catch {
        throw ScriptError(message: "\(path):\(index + 1): \(error.description)")
      }
      guard let command else { continue }
      let outcome = Self.execute(command, on: &s, performer: &performer, incoming: incoming)
      if outcome.isError {
        // Messages may repeat the line's input (a 5 MB path): cut each to a readable length.
        let messages = outcome.messages.map { CommandError.echoed($0, limit: 1_000) }
        throw ScriptError(message: "\(path):\(index + 1): \(messages.joined(separator: "; "))")
      }
      if let output = outcome.output {
        if json {
          var entry: JSONObject = ["command": .string(command.description)]
          switch output {
          case .value(let value): entry["value"] = value
          case .lines(let lines): entry["text"] = .string(lines.joined(separator: "\n"))
          }
          outputs.append(.object(entry))
        } else {
          FileOutput.standardOutput.write((["# " + command.description] + output.lines).joined(separator: "\n") + "\n")
        }
      }
      if case .quit = command { return (outputs, true) }
    }
    return (outputs, false)
  }

  /// `--logs`: each invocation under a line naming the execution, state and function; control
  /// characters escaped so a function cannot drive the terminal.
  func functionLogText(_ s: Session) -> String {
    var lines: [String] = []
    for log in s.functionLogs {
      let execution = s.runtime.executions[log.executionID].label
      lines.append("== \(execution) '\(log.stateName)': function \(log.functionName) (\(log.result))")
      lines += log.lines().map(LogText.safe)
    }
    return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
  }

  /// The result as one JSON object (`--json`) or readable lines.
  func render(_ o: JSONObject, session s: Session) -> String {
    if json { return JSONValue.object(o).compactString }
    var lines = ["status: \(o["status"]?.stringValue ?? "")"]
    for key in ["output", "error", "cause"] {
      if let v = o[key] { lines.append("\(key): " + (v.stringValue ?? v.prettyString)) }
    }
    lines.append("executions:")
    lines.append(contentsOf: s.executionLines.map { "  " + $0 })
    if s.mainExecution.isRunning || !s.runtime.pending.isEmpty {
      lines.append("pending:")
      lines.append(contentsOf: s.pendingLines.map { "  " + $0 })
    }
    if let ev = o["events"] { lines.append("events: " + ev.compactString) }
    if let h = o["history"] { lines.append("history: " + h.prettyString) }
    return lines.joined(separator: "\n")
  }
}
