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
