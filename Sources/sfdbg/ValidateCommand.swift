import ArgumentParser

/// `sfdbg validate`.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "validate", abstract: "Not available yet.")

  @Argument(help: "Definition or template file(s).")
  var files: [String] = []

  func run() throws {
    NotYetAvailable(subcommand: "validate", issue: "Foundation: the Swift package, ASL loading and a validator with precise diagnostics").exit()
  }
}
