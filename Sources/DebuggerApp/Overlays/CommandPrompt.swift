import DebuggerCore
import TerminalUI

extension AppState {
  /// A key at the `:` prompt (its line is drawn in place of the key bar): tab completes, enter
  /// runs the command, esc leaves.
  mutating func handlePrompt(_ key: Key) -> [AppEffect] {
    let names = CommandParser.commandNames.map(\.name)
    let stateNames = view.graph.flatMap { model in graph.diagram?.nodes.map(\.id) ?? model.currentStates } ?? []
    let executionIDs = view.executions.map(\.id)
    let tokens = view.pending.map { String($0.index) } + view.pending.map(\.stateName)
    let outcome = prompt.handle(key) { before in
      Self.completions(
        for: before, commands: names, states: stateNames, executions: executionIDs, tokens: tokens)
    }
    switch outcome {
    case .cancelled:
      mode = .normal
    case .submitted(let line):
      mode = .normal
      do {
        guard let command = try CommandParser.parse(line) else { return [] }
        switch command {
        case .quit: return requestQuit()
        case .help:
          mode = .help(ScrollState())
          return []
        default: return [.execute(command)]
        }
      } catch {
        message = AppMessage(error.description, isError: true)
      }
    case .edited, .ignored:
      break
    }
    return []
  }

  /// Completions of the text before the cursor at the `:` prompt: command names first, then
  /// state names after `break`/`delete`, execution ids after `focus`/`stop`/`history`, pending
  /// items (index or state name) after `succeed`/`fail`/`heartbeat`.
  static func completions(
    for before: String, commands: [String], states: [String], executions: [String],
    tokens: [String] = []
  ) -> [String] {
    guard let space = before.firstIndex(of: " ") else {
      return commands.filter { $0.hasPrefix(before) }.map { $0 + " " }
    }
    let command = String(before[..<space])
    let argument = String(before[before.index(after: space)...])
    let names: [String]
    switch command {
    case "break", "b", "delete": names = states + (command == "delete" ? ["all", "error"] : ["error"])
    case "focus", "stop", "history": names = executions
    case "succeed", "fail", "heartbeat": names = tokens
    default: return []
    }
    // A name matches by its plain or its quoted form; the quoted form is what gets inserted.
    return names.compactMap { name in
      let quoted = CommandLexer.quoteIfNeeded(name)
      guard name.hasPrefix(argument) || quoted.hasPrefix(argument) else { return nil }
      return command + " " + quoted
    }
  }
}
