import TerminalUI

extension AppState {
  /// The keys of a recorded execution opened read-only (`debug --replay`), before the global
  /// ones: `f` forks it at the selected (or current) state.
  static let replayBindings: [AppKeyBinding] = [
    AppKeyBinding(
      [.character("f")], name: "fork", help: "fork: continue locally from the selected recorded state",
      section: .stepping, showInBar: { _ in true }, preferInBar: { _ in true }
    ) { _, _ in [.fork] }
  ]
}
