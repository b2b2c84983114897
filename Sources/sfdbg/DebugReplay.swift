import ArgumentParser
import CursesBackend
import DebuggerApp
import Foundation
import TerminalUI

extension DebugCommand {
  /// The terminal, started (exit 2 when there is none: `alternative` works without one).
  func startTerminal(otherwise alternative: String) throws -> CursesBackend {
    guard CursesBackend.hasTerminal else {
      FileOutput.standardError.write("error: sfdbg debug needs a terminal; use `\(alternative)` to run without one\n")
      throw ExitCode(2)
    }
    let backend = CursesBackend(options: CursesBackend.Options(colors: !noColor, mouse: !noMouse))
    do {
      try backend.start()
    } catch {
      FileOutput.standardError.write("error: \(error)\n")
      throw ExitCode(2)
    }
    return backend
  }

  /// `debug FILE --replay HISTORY…`: the recorded execution read-only; after `f`, the debugger
  /// on the fork, on the same terminal.
  func runReplay() throws {
    let loaded: LoadedReplay
    do {
      var project = options.loading.project(file: options.file)
      project.handlers = options.handlers
      project.seed = options.seed
      loaded = try LoadedReplay.load(project, histories: replay)
    } catch {
      FileOutput.standardError.write("error: \(error.message)\n")
      throw ExitCode(2)
    }
    let backend = try startTerminal(otherwise: "sfdbg replay")
    let title = URL(fileURLWithPath: options.file).lastPathComponent + " · " + loaded.set.main.machineName + " (replay)"
    var program = ReplayProgram(
      recorded: loaded.set, title: title, definitions: loaded.project.definitions, base: loaded.project.session,
      size: Size(width: 100, height: 30), performer: SystemPerformer())
    var terminal = backend
    program.run(on: &terminal)
    var summary = "#1 \(loaded.set.main.machineName) \(loaded.set.main.status) (recorded)"
    if var fork = program.fork {
      fork.run(on: &terminal)
      summary = "\(fork.session.mainExecution.label) \(fork.session.mainExecution.status.name) (fork)"
    }
    backend.stop()
    FileOutput.standardOutput.write(summary + "\n")
  }
}
