import ASLLoading
import ASLModel
import ASLRuntime
import ArgumentParser
import CursesBackend
import DebuggerApp
import DebuggerCore
import Foundation
import JSONCore
import TerminalUI

/// `sfdbg debug FILE` (also plain `sfdbg FILE`): the full-screen debugger.
struct DebugCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "debug",
    abstract: "Debug a state machine and the executions it starts in a full-screen terminal UI.",
    discussion: """
      Keys: s step, n next, i into, o out, c continue, u back, b breakpoint, S/F/H answer a
      pending token, : command prompt, ? help, q quit. Everything runs on a virtual clock.
      """)

  @Argument(help: "An ASL definition (.asl.json, .json, .asl.yaml, .yaml) or a SAM/CloudFormation template.")
  var file: String

  @Option(name: .customLong("input"), help: "The execution input as JSON text.")
  var inputJSON: String?

  @Option(name: .customLong("input-file"), help: "A file holding the execution input (JSON).")
  var inputFile: String?

  @Option(name: .customLong("machine"), help: ArgumentHelp("An extra machine a task may start.", valueName: "NAME=PATH"))
  var machines: [String] = []

  @Option(name: .customLong("machines"), help: ArgumentHelp("Load every definition or template in a folder.", valueName: "DIR"))
  var machineDirectories: [String] = []

  @Option(help: ArgumentHelp("A MockConfigFile (AWS Step Functions Local format).", valueName: "FILE"))
  var mocks: String?

  @Option(name: .customLong("test-case"), help: "The mock test case to use.")
  var testCase: String?

  @Option(name: .customLong("handler"), help: ArgumentHelp("Run a command for a Task state or resource.", valueName: "STATE=CMD"))
  var handlers: [String] = []

  @Option(name: .customLong("state-machine"), help: "The machine to debug (name, logical id or ARN) when the file has several.")
  var stateMachine: String?

  @Option(name: .customLong("sub"), help: ArgumentHelp("A value for a ${KEY} placeholder or template parameter.", valueName: "KEY=VALUE"))
  var substitutions: [String] = []

  @Flag(name: .customLong("no-mouse"), help: "Do not capture the mouse (keeps the terminal's own text selection).")
  var noMouse = false

  @Flag(name: .customLong("no-color"), help: "Draw without colours (also when NO_COLOR is set).")
  var noColor = false

  func run() throws {
    let program: DebuggerProgram
    do {
      program = try makeProgram()
    } catch let error as DebugSetupError {
      FileOutput.standardError.write("error: \(error.message)\n")
      throw ExitCode(2)
    }
    guard CursesBackend.hasTerminal else {
      FileOutput.standardError.write(
        "error: sfdbg debug needs a terminal; use `sfdbg run` to run without one\n")
      throw ExitCode(2)
    }
    let backend = CursesBackend(options: CursesBackend.Options(colors: !noColor, mouse: !noMouse))
    do {
      try backend.start()
    } catch {
      FileOutput.standardError.write("error: \(error)\n")
      throw ExitCode(2)
    }
    var running = program
    var terminal = backend
    running.run(on: &terminal)
    backend.stop()
    let main = running.session.mainExecution
    FileOutput.standardOutput.write("\(main.label) \(main.status.name)\n")
  }

  /// Loads the machines, the input and the mocks, and starts the session.
  func makeProgram() throws -> DebuggerProgram {
    var options = LoadOptions(stateMachine: stateMachine)
    for item in substitutions {
      guard let pair = LoadOptions.keyValue(item) else { throw DebugSetupError("--sub expects KEY=VALUE, got '\(item)'") }
      options.substitutions[pair.key] = pair.value
    }
    for item in machines {
      guard let pair = LoadOptions.keyValue(item) else { throw DebugSetupError("--machine expects NAME=PATH, got '\(item)'") }
      options.extraMachines.append((pair.key, pair.value))
    }
    options.machineDirectories = machineDirectories
    let loaded: (registry: MachineRegistry, main: MachineSource)
    do {
      loaded = try ASLLoader.load(file: file, options: options)
    } catch {
      throw DebugSetupError(error.description)
    }
    var registered: [RegisteredMachine] = []
    var definitions: [String: JSONValue] = [:]
    for source in loaded.registry.machines {
      do {
        let machine = try StateMachine(definition: source.definition)
        registered.append(RegisteredMachine(
          name: source.name, arn: source.arn, logicalID: source.logicalID, type: source.type, machine: machine))
        definitions[source.name] = source.definition
      } catch {
        throw DebugSetupError("\(source.file): \(source.name): \(error)")
      }
    }
    let input = try readInput()
    var configuration = SessionConfiguration(testCase: testCase)
    if let mocks {
      let text = try readText(mocks, what: "mock file")
      do {
        configuration.mocks = try MockConfig(json: JSONParser.parse(text), file: mocks)
      } catch {
        throw DebugSetupError("\(mocks): \(error)")
      }
    }
    for spec in handlers {
      do {
        configuration.handlers.append(try TaskHandler(spec: spec))
      } catch {
        throw DebugSetupError("--handler \(spec): \(error)")
      }
    }
    let session: Session
    do {
      session = try Session(
        machines: registered, mainMachine: loaded.main.arn, input: input, configuration: configuration)
    } catch {
      throw DebugSetupError(error.description)
    }
    let title = URL(fileURLWithPath: file).lastPathComponent + " · " + loaded.main.name
    return DebuggerProgram(
      session: session, title: title, definitions: definitions, size: Size(width: 100, height: 30),
      writeFile: { path, contents in
        do {
          try contents.write(toFile: path, atomically: true, encoding: .utf8)
          return nil
        } catch {
          return "cannot write \(path): \(error.localizedDescription)"
        }
      })
  }

  func readInput() throws -> JSONValue {
    if inputJSON != nil && inputFile != nil { throw DebugSetupError("give --input or --input-file, not both") }
    let text: String
    if let inputJSON {
      text = inputJSON
    } else if let inputFile {
      text = try readText(inputFile, what: "input file")
    } else {
      return [:]
    }
    do {
      return try JSONParser.parse(text)
    } catch {
      throw DebugSetupError("input: \(error)")
    }
  }

  func readText(_ path: String, what: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw DebugSetupError("cannot read \(what) \(path)")
    }
    return String(decoding: data, as: UTF8.self)
  }
}

/// A problem with the command line or the files it names (exit status 2).
struct DebugSetupError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}
