import ArgumentParser

/// `sfdbg run`.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "run", abstract: "Not available yet.")

  @Argument(help: "Definition or template file(s).")
  var files: [String] = []

  func run() throws {
    NotYetAvailable(subcommand: "run", issue: "Interpreter: every ASL state type and data-flow rule, exactly as AWS does it, and headless sfdbg run").exit()
  }
}
