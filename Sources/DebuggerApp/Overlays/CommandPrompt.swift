import DebuggerCore
import TerminalUI

extension AppState {
  /// A key at the `:` prompt (its line is drawn in place of the key bar): tab completes, enter
  /// runs the command, esc leaves.
  mutating func handlePrompt(_ key: Key) -> [AppEffect] {
    // The focused graph's states first, then those of other machines, in collapsed frames and
    // branches (`break` applies to every execution).
    let shown = view.graph.flatMap { model in graph.diagram?.nodes.map(\.id) ?? model.currentStates } ?? []
    let stateNames = shown + view.stateNames.filter { !shown.contains($0) }
    let executionIDs = view.executions.map(\.id)
    let tokens = view.pending.map { String($0.index) } + view.pending.map(\.stateName)
    let context = CompletionContext(states: stateNames, executions: executionIDs, tokens: tokens)
    let outcome = prompt.handle(key) { CommandSpec.completions(for: $0, in: context) }
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
}
