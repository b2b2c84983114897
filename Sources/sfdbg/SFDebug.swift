import ArgumentParser
import CMallocTuning
import Foundation

/// `sfdbg`: an interactive terminal debugger for AWS Step Functions state machines.
@main
struct SFDebug: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sfdbg",
    abstract: "An interactive terminal debugger for AWS Step Functions state machines (ASL).",
    discussion: """
      Runs a state machine and every state machine it starts, step by step, on a virtual clock.
      FILE is an ASL definition (.asl.json, .json, .asl.yaml, .yaml) or a SAM/CloudFormation template.
      Exit codes: 0 success, 1 invalid definition (validate), 2 usage or definition error,
      3 execution still waiting on a user decision (run).
      """,
    version: SFDebugVersion.current,
    subcommands: [DebugCommand.self, RunCommand.self, ValidateCommand.self, GraphCommand.self, ServeCommand.self, ReplayCommand.self],
    defaultSubcommand: DebugCommand.self
  )
}

extension SFDebug {
  /// Runs the command line; usage errors exit with status 2 (not ArgumentParser's 64), as
  /// sfdbg documents: 2 is for usage and definition errors.
  static func main() {
    sfdbg_tune_malloc()
    do {
      var command = try parseAsRoot(ServeAddress.withDefault(Array(CommandLine.arguments.dropFirst())))
      try command.run()
    } catch {
      let code = exitCode(for: error)
      if code == .validationFailure {
        FileOutput.standardError.write(fullMessage(for: error) + "\n")
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}

enum SFDebugVersion {
  static let current = "0.1.0"
}
