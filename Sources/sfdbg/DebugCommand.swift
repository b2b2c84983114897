import ASLLoading
import ASLModel
import ASLRuntime
import ArgumentParser
import CursesBackend
import DebuggerApp
import DebuggerCore
import Foundation
import JSONCore
import StepFunctionsServer
import TerminalUI

/// `sfdbg debug FILE` (also plain `sfdbg FILE`): the full-screen debugger.
struct DebugCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "debug",
    abstract: "Debug a state machine and the executions it starts in a full-screen terminal UI.",
    discussion: """
      Keys: s step, n next, i into, o out, c continue, u back, b breakpoint, S/F/H answer a \
      pending token, : command prompt, ? help, q quit. Everything runs on a virtual clock.
      """)

  @OptionGroup var options: SessionOptions

  @Flag(name: .customLong("no-mouse"), help: "Do not capture the mouse (keeps the terminal's own text selection).")
  var noMouse = false

  @Flag(name: .customLong("no-color"), help: "Draw without colours (also when NO_COLOR is set).")
  var noColor = false

  @Flag(help: "A guided tour: space steps to the next nesting event and explains what it does.")
  var tour = false

  @Option(
    name: .customLong("replay"), parsing: .upToNextOption,
    help: "Open an execution recorded on AWS read-only (get-execution-history files: the main one, its children, or a folder).")
  var replay: [String] = []

  @Option(
    name: .customLong("serve"),
    help: "Also serve the Step Functions API on [HOST:]PORT (bare --serve: 127.0.0.1:8083); executions clients start appear in the tree.")
  var serve: String?

  func validate() throws {
    if let serve, ServeAddress(serve) == nil {
      throw ValidationError("--serve expects [HOST:]PORT, found '\(serve)'")
    }
  }

  func run() throws {
    if !replay.isEmpty { return try runReplay() }
    let program: DebuggerProgram
    do {
      program = try makeProgram()
    } catch let error as DebugSetupError {
      FileOutput.standardError.write("error: \(error.message)\n")
      throw ExitCode(2)
    }
    let backend = try startTerminal(otherwise: "sfdbg run")
    var running = program
    var server: APIServer?
    // Without --serve, handlers and local functions still get an endpoint to call back, on an
    // ephemeral loopback port (as `run` gives them).
    let processes = running.session.configuration.runsProcesses ? ServeAddress("127.0.0.1:0") : nil
    if let address = serve.flatMap(ServeAddress.init) ?? processes {
      do {
        server = try running.serve(on: address)
      } catch {
        FileOutput.standardError.write("error: cannot listen on \(address.host):\(address.port): \(error)\n")
        throw ExitCode(2)
      }
    }
    defer { server?.stop() }
    let about = ASLLoader.description(ofFile: options.file)
    if tour {
      running.startTour(about: about)
    } else if let about {
      running.showAbout(about)
    }
    var terminal = backend
    running.run(on: &terminal)
    backend.stop()
    let main = running.session.mainExecution
    FileOutput.standardOutput.write("\(main.label) \(main.status.name)\n")
  }

  /// Starts the session (SessionOptions: machines, input, mocks, handlers) and the program.
  func makeProgram() throws -> DebuggerProgram {
    let session: Session
    let definitions: [String: JSONValue]
    do {
      (session, definitions) = try options.makeSessionWithDefinitions()
    } catch {
      throw DebugSetupError(error.description)
    }
    let title = URL(fileURLWithPath: options.file).lastPathComponent + " · "
      + session.mainExecution.machineName
    return DebuggerProgram(
      session: session, title: title, definitions: definitions, size: Size(width: 100, height: 30),
      performer: SystemPerformer())
  }
}

/// A problem with the command line or the files it names (exit status 2).
struct DebugSetupError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}

/// `--serve [[HOST:]PORT]`'s value.
struct ServeAddress: Equatable {
  var host = "127.0.0.1"
  var port = 8083

  /// "8083", "0.0.0.0:8083"; nil when it is neither.
  init?(_ text: String) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard let portText = parts.last, let port = Int(portText), (0...65_535).contains(port) else { return nil }
    if parts.count > 1 {
      let host = parts.dropLast().joined(separator: ":")
      guard !host.isEmpty else { return nil }
      self.host = host
    }
    self.port = port
  }

  /// `--serve` given with no value (the next word is not an address): the default address.
  static func withDefault(_ arguments: [String]) -> [String] {
    var out: [String] = []
    for (index, argument) in arguments.enumerated() {
      out.append(argument)
      if argument == "--serve", index + 1 == arguments.count || ServeAddress(arguments[index + 1]) == nil {
        out.append("127.0.0.1:8083")
      }
    }
    return out
  }
}

extension DebuggerProgram {
  /// Serves the API on `address` for this program's session: requests run between key polls,
  /// replies and handler jobs go through the edge's performer.
  mutating func serve(on address: ServeAddress) throws -> APIServer {
    let mailbox = APIMailbox()
    let server = try APIServer(host: address.host, port: address.port, mailbox: mailbox)
    performer = ServingPerformer(base: SystemPerformer(endpoint: server.endpoint), mailbox: mailbox)
    let loop = ServeLoop(mailbox: mailbox)
    clients = APIClients(
      drain: { session, performer in loop.drain(&session, performer: &performer) },
      incoming: mailbox.takeCommands)
    return server
  }
}
