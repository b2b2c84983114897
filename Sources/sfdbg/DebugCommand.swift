import ArgumentParser

/// `sfdbg debug`.
struct DebugCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "debug", abstract: "Not available yet.")

  @Argument(help: "Definition or template file(s).")
  var files: [String] = []

  func run() throws {
    NotYetAvailable(subcommand: "debug", issue: "The TUI debugger: step through a parent and its nested executions, resolve task tokens by hand").exit()
  }
}
