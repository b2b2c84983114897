import ArgumentParser

/// `sfdbg graph`.
struct GraphCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "graph", abstract: "Not available yet.")

  @Argument(help: "Definition or template file(s).")
  var files: [String] = []

  func run() throws {
    NotYetAvailable(subcommand: "graph", issue: "Draw state machines as text: a layered graph layout").exit()
  }
}
