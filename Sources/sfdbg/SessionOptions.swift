import ASLLoading
import ASLModel
import ASLRuntime
import ArgumentParser
import DebuggerCore
import Foundation
import JSONCore

/// The options `run` and `debug` share: what to load, the input, and how tasks are resolved.
struct SessionOptions: ParsableArguments {
  @Argument(help: "An ASL definition (.asl.json, .json, .asl.yaml, .yaml) or a SAM/CloudFormation template.")
  var file: String

  @Option(name: .customLong("input"), help: "The execution input as JSON text.")
  var inputJSON: String?

  @Option(name: .customLong("input-file"), help: "A file holding the execution input (JSON).")
  var inputFileOption: String?

  @Option(name: .customLong("state-machine"), help: "The machine to run (name, logical id or ARN) when FILE has several.")
  var stateMachine: String?

  @Option(name: .customLong("machine"), help: "An extra machine, NAME=PATH (repeatable).")
  var machines: [String] = []

  @Option(name: .customLong("machines"), help: "A folder whose definitions and templates are all registered (repeatable).")
  var machineDirectories: [String] = []

  @Option(name: .customLong("sub"), help: "A substitution KEY=VALUE for ${KEY} placeholders, parameters, Ref/GetAtt (repeatable).")
  var substitutions: [String] = []

  @Option(help: "A mock file in the AWS Step Functions Local MockConfigFile format.")
  var mocks: String?

  @Option(name: .customLong("test-case"), help: "The test case of the mock file to apply.")
  var testCase: String?

  @Option(name: .customLong("handler"), help: "Resolve tasks with a command, 'STATE_OR_RESOURCE=COMMAND' (repeatable).")
  var handlers: [String] = []

  @Option(name: .customLong("handler-timeout"), help: "Seconds before a handler of a Task without TimeoutSeconds is killed.")
  var handlerTimeout: Double = 60

  @Option(help: "Seed for task tokens, States.UUID, States.MathRandom, retry jitter and execution names.")
  var seed: UInt64 = 1

  @Option(name: .customLong("name"), help: "The main execution's name.")
  var executionName: String = "main"

  /// A usage or definition error: printed as is, exit status 2.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Loads every machine, decodes them, reads the input and mocks, and starts the session.
  func makeSession(positionalInput: String? = nil) throws(Failure) -> Session {
    try makeSessionWithDefinitions(positionalInput: positionalInput).session
  }

  /// `makeSession`, plus each machine's ASL definition by machine name (the graph pane draws
  /// from the definitions; the session keeps only decoded machines).
  func makeSessionWithDefinitions(positionalInput: String? = nil) throws(Failure)
    -> (session: Session, definitions: [String: JSONValue])
  {
    var loadOptions = LoadOptions(stateMachine: stateMachine)
    for s in substitutions {
      guard let kv = LoadOptions.keyValue(s) else { throw Failure(description: "--sub expects KEY=VALUE, found \"\(s)\"") }
      loadOptions.substitutions[kv.key] = kv.value
    }
    for m in machines {
      guard let kv = LoadOptions.keyValue(m) else { throw Failure(description: "--machine expects NAME=PATH, found \"\(m)\"") }
      loadOptions.extraMachines.append((kv.key, kv.value))
    }
    loadOptions.machineDirectories = machineDirectories
    let loaded: (registry: MachineRegistry, main: MachineSource)
    do {
      loaded = try ASLLoader.load(file: file, options: loadOptions)
    } catch {
      throw Failure(description: error.description)
    }
    // AWS refuses an invalid definition at CreateStateMachine: no execution, a definition error.
    let problems = loaded.registry.machines.flatMap { Validator.validate($0) }.filter { $0.severity == .error }
    if !problems.isEmpty {
      let shown = problems.prefix(20).map(\.description).joined(separator: "\n")
      let more = problems.count > 20 ? "\n(\(problems.count - 20) more; `sfdbg validate` lists them all)" : ""
      throw Failure(description: "the definition is invalid (\(problems.count) error\(problems.count == 1 ? "" : "s")):\n\(shown)\(more)")
    }
    var registered: [RegisteredMachine] = []
    for source in loaded.registry.machines {
      do {
        registered.append(try RegisteredMachine(source: source))
      } catch {
        let full = JSONPointer(tokens: source.definitionPointer.tokens + error.pointer.tokens)
        let at = source.position(of: error.pointer).map { "\($0.line):\($0.column):" } ?? ""
        throw Failure(description: "\(source.file):\(at) \(error.message) (at \(full.description.isEmpty ? "/" : full.description), machine \(source.name))")
      }
    }
    let input = try readInput(positional: positionalInput)
    var mockConfig: MockConfig? = nil
    if let mocks {
      do {
        let bytes = try InputFiles.read(mocks, limit: 64 << 20, what: "mock file")
        let doc = try JSONParser.parseDocument(bytes)
        mockConfig = try MockConfig(json: doc.value, file: mocks)
      } catch let error as JSONParseError {
        throw Failure(description: "\(mocks):\(error.position.line):\(error.position.column): \(error.message)")
      } catch let error as MockConfigError {
        throw Failure(description: error.description)
      } catch {
        throw Failure(description: "\(error)")
      }
      if let testCase, !(mockConfig?.hasTestCase(testCase) ?? false) {
        throw Failure(description: "\(mocks): no state machine defines a test case named \"\(testCase)\"")
      }
      if testCase == nil {
        throw Failure(description: "--mocks needs --test-case NAME (the test case to apply)")
      }
    } else if testCase != nil {
      throw Failure(description: "--test-case needs --mocks FILE")
    }
    var taskHandlers: [TaskHandler] = []
    for h in handlers {
      do {
        taskHandlers.append(try TaskHandler(spec: h))
      } catch {
        throw Failure(description: error.message)
      }
    }
    let configuration = SessionConfiguration(
      mocks: mockConfig, testCase: testCase, handlers: taskHandlers,
      defaultHandlerTimeoutSeconds: handlerTimeout, seed: seed, mainExecutionName: executionName)
    var definitions: [String: JSONValue] = [:]
    for source in loaded.registry.machines { definitions[source.name] = source.definition }
    do {
      let session = try Session(machines: registered, mainMachine: loaded.main.arn, input: input, configuration: configuration)
      return (session, definitions)
    } catch {
      throw Failure(description: error.description)
    }
  }

  /// The execution input: INPUT_FILE, --input-file or --input (at most one); `{}` by default.
  func readInput(positional: String?) throws(Failure) -> JSONValue {
    let sources = [positional, inputFileOption, inputJSON].compactMap { $0 }
    guard sources.count <= 1 else { throw Failure(description: "give the input once: INPUT_FILE, --input-file or --input") }
    do {
      if let text = inputJSON { return try InputFiles.parseInput(Array(text.utf8), origin: "--input") }
      guard let path = positional ?? inputFileOption else { return .object(JSONObject()) }
      let bytes = try InputFiles.read(path, limit: InputFiles.maximumInputBytes, what: "input")
      return try InputFiles.parseInput(bytes, origin: path)
    } catch let error as InputFiles.Problem {
      throw Failure(description: error.message)
    } catch {
      throw Failure(description: "\(error)")
    }
  }
}

/// Reading input and side files with clear messages.
enum InputFiles {
  struct Problem: Error {
    var message: String
  }

  /// AWS's quota on execution input (StartExecution): 256 KiB.
  static let maximumInputBytes = 262_144

  static func parseInput(_ bytes: [UInt8], origin: String) throws -> JSONValue {
    if bytes.count > maximumInputBytes { throw Problem(message: inputTooLarge(origin, bytes.count)) }
    do {
      return try JSONParser.parseDocument(bytes).value
    } catch {
      throw Problem(message: "\(origin):\(error.position.line):\(error.position.column): \(error.message)")
    }
  }

  static func inputTooLarge(_ origin: String, _ size: Int) -> String {
    "\(origin): the execution input is \(size) bytes; Step Functions refuses it: 1 validation "
      + "error detected: Value at 'input' failed to satisfy constraint: Member must have length "
      + "less than or equal to \(maximumInputBytes)"
  }

  /// Reads a regular file, refusing directories, missing files and files above `limit`.
  static func read(_ path: String, limit: Int, what: String) throws -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw Problem(message: "\(path): no such file")
    }
    guard !isDirectory.boolValue else { throw Problem(message: "\(path): is a directory, expected \(what == "input" ? "an" : "a") \(what) file") }
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    if let size = (attributes?[.size] as? NSNumber)?.intValue, size > limit {
      throw Problem(message: what == "input" ? inputTooLarge(path, size) : "\(path): the \(what) is \(size) bytes, more than the \(limit) bytes accepted")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else { throw Problem(message: "\(path): cannot be read") }
    defer { try? handle.close() }
    let data = (try? handle.read(upToCount: limit + 1)) ?? Data()
    if data.count > limit {
      throw Problem(message: what == "input" ? inputTooLarge(path, data.count) : "\(path): the \(what) is larger than \(limit) bytes")
    }
    if data.isEmpty { throw Problem(message: "\(path): the \(what) file is empty, expected JSON") }
    return Array(data)
  }
}
