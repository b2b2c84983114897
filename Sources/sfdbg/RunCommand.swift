import ASLInterpreter
import ASLLoading
import ASLModel
import ArgumentParser
import Foundation
import JSONCore

/// `sfdbg run`: runs a state machine headless on the virtual clock and prints the result.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a state machine to the end and print its result.",
    discussion: """
      The execution runs on a virtual clock (Wait states and retries take no real time).
      Exit status: 0 when the execution ran (whatever its status), 2 for usage, definition or
      input errors, 3 when it stopped waiting for task results nobody gave (status RUNNING).
      """)

  @Argument(help: "The state machine: ASL JSON/YAML, or a SAM/CloudFormation template.")
  var file: String

  @Argument(help: "A file holding the execution input (JSON).")
  var inputFile: String?

  @Option(name: .customLong("input"), help: "The execution input as JSON text.")
  var inputJSON: String?

  @Option(name: .customLong("input-file"), help: "A file holding the execution input (JSON).")
  var inputFileOption: String?

  @Flag(help: "Print exactly one JSON object: status, output or error/cause.")
  var json = false

  @Flag(help: "Add the list of history event types (\"events\").")
  var events = false

  @Flag(help: "Print the full history in GetExecutionHistory shape.")
  var history = false

  @Flag(help: "Resolve every Task with its own input (a pass-through resource).")
  var echoTasks = false

  @Option(name: .customLong("state-machine"), help: "Which machine of a template to run.")
  var stateMachine: String?

  @Option(name: .customLong("sub"), help: "Template substitution KEY=VALUE (repeatable).")
  var substitutions: [String] = []

  func run() throws {
    let machine: StateMachine
    let source: MachineSource
    let input: JSONValue
    let clock = ContinuousClock()
    let loadStart = clock.now
    do {
      let options: LoadOptions
      do {
        options = try LoadOptions.commandLine(substitutions: substitutions, stateMachine: stateMachine)
      } catch {
        throw RunError(message: error.description)
      }
      (machine, source) = try RunCommand.loadMachine(file, options: options)
      input = try readInput()
    } catch let error as RunError {
      FileOutput.standardError.write("error: \(error.message)\n")
      throw ExitCode(2)
    }
    var execution = Execution(
      machine: machine, input: input, options: ExecutionOptions(stateMachineName: source.name))
    let runStart = clock.now
    // SFDBG_RUN_REPEAT=N re-runs the execution N-1 extra times first (profiling aid).
    if let repeats = ProcessInfo.processInfo.environment["SFDBG_RUN_REPEAT"].flatMap(Int.init) {
      for _ in 1..<max(repeats, 1) {
        var copy = execution
        copy.run(resolver: echoTasks ? .echo : nil)
      }
    }
    let status = execution.run(resolver: echoTasks ? .echo : nil)
    if ProcessInfo.processInfo.environment["SFDBG_RUN_TIMING"] != nil {
      FileOutput.standardError.write(
        "load \(runStart - loadStart), run \(clock.now - runStart): "
          + "\(execution.transitionCount) transitions, \(execution.history.count) events\n")
    }
    FileOutput.standardOutput.write(render(execution, status) + "\n")
    if status == .running { throw ExitCode(3) }
  }

  /// The result object (and history) as text.
  func render(_ execution: Execution, _ status: ExecutionStatus) -> String {
    var o = JSONObject()
    o["status"] = .string(status.name)
    switch status {
    case .succeeded(let output): o["output"] = output
    case .failed(let error, let cause), .timedOut(let error, let cause),
      .aborted(let error, let cause):
      if let error { o["error"] = .string(error) }
      if let cause { o["cause"] = .string(cause) }
    case .running:
      o["pending"] = .array(
        execution.pendingTasks.map { request in
          var t = JSONObject()
          t["requestId"] = .int(request.id)
          t["state"] = .string(request.stateName)
          t["unit"] = .string(request.unitPath)
          t["resource"] = .string(request.resource)
          t["input"] = request.parameters
          if let token = request.taskToken { t["taskToken"] = .string(token) }
          return .object(t)
        })
    }
    if events { o["events"] = .array(execution.history.map { .string($0.type) }) }
    if history { o["history"] = .object(JSONObject([("events", .array(execution.history.map(\.json)))])) }
    if json { return JSONValue.object(o).compactString }
    var lines = ["status: \(status.name)"]
    for (key, value) in o.storage where key != "status" {
      lines.append("\(key): " + (value.stringValue ?? value.prettyString))
    }
    return lines.joined(separator: "\n")
  }

  struct RunError: Error {
    var message: String
  }

  /// AWS's quota on execution input (StartExecution): 256 KiB.
  static let maximumInputBytes = 262_144

  func readInput() throws -> JSONValue {
    let sources = [inputFile, inputFileOption, inputJSON].compactMap { $0 }
    guard sources.count <= 1 else {
      throw RunError(message: "give the input once: INPUT_FILE, --input-file or --input")
    }
    if let text = inputJSON {
      return try RunCommand.parseInput(Array(text.utf8), origin: "--input")
    }
    guard let path = inputFile ?? inputFileOption else { return .object(JSONObject()) }
    let bytes = try RunCommand.readFile(path, limit: RunCommand.maximumInputBytes, what: "input")
    return try RunCommand.parseInput(bytes, origin: path)
  }

  static func parseInput(_ bytes: [UInt8], origin: String) throws -> JSONValue {
    if bytes.count > maximumInputBytes {
      throw RunError(message: inputTooLarge(origin, bytes.count))
    }
    do {
      return try JSONParser.parseDocument(bytes).value
    } catch {
      throw RunError(message: "\(origin):\(error.position.line):\(error.position.column): \(error.message)")
    }
  }

  static func inputTooLarge(_ origin: String, _ size: Int) -> String {
    "\(origin): the execution input is \(size) bytes; Step Functions refuses it: 1 validation "
      + "error detected: Value at 'input' failed to satisfy constraint: Member must have length "
      + "less than or equal to \(maximumInputBytes)"
  }

  /// Reads a regular file, refusing directories, missing files and files above `limit`.
  static func readFile(_ path: String, limit: Int, what: String) throws -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw RunError(message: "\(path): no such file")
    }
    guard !isDirectory.boolValue else { throw RunError(message: "\(path): is a directory") }
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    if let size = (attributes?[.size] as? NSNumber)?.intValue, size > limit {
      throw RunError(
        message: what == "input"
          ? inputTooLarge(path, size)
          : "\(path): the \(what) is \(size) bytes, more than the \(limit) bytes accepted")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw RunError(message: "\(path): cannot be read")
    }
    defer { try? handle.close() }
    let data = (try? handle.read(upToCount: limit + 1)) ?? Data()
    if data.count > limit {
      throw RunError(
        message: what == "input" ? inputTooLarge(path, data.count) : "\(path): the \(what) is too large")
    }
    return [UInt8](data)
  }

  /// Loads the main machine of FILE (ASL JSON/YAML or a SAM/CloudFormation template).
  static func loadMachine(_ path: String, options: LoadOptions) throws -> (StateMachine, MachineSource) {
    let source: MachineSource
    do {
      source = try ASLLoader.load(file: path, options: options).main
    } catch {
      throw RunError(message: error.description)
    }
    do {
      return (try StateMachine(definition: source.definition), source)
    } catch {
      var pointer: JSONPointer? = error.pointer
      var position: SourcePosition? = nil
      while let p = pointer, position == nil {
        position = source.position(of: p)
        pointer = p.parent
      }
      let location = position.map { "\(source.file):\($0.line):\($0.column)" } ?? source.file
      throw RunError(message: "\(location): \(error.message) (at \(error.pointer))")
    }
  }
}
