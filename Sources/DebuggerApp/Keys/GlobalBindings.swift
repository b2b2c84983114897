import DebuggerCore
import TerminalUI

extension AppState {
  /// The keys of the main screen whatever pane has focus, in key bar order (the help overlay
  /// lists them by section, in this order too).
  static let globalBindings: [AppKeyBinding] = [
    command("s", .step, name: "step", help: "step one transition of the focused execution"),
    command("n", .next, name: "next", help: "next: step over a child execution"),
    command("i", .into, name: "into", help: "into: step into the child a Task starts"),
    command(
      "o", .out, name: "out", help: "out: finish this child, focus its parent",
      showInBar: { $0.view.executions.contains { $0.isFocused && $0.depth > 0 } }),
    command("c", .continue, name: "continue", help: "continue to a breakpoint, a decision or the end"),
    AppKeyBinding(
      [.character("S")], name: "succeed", help: "succeed: edit the result JSON and send it",
      section: .pending, showInBar: { !$0.view.pending.isEmpty }, preferInBar: { !$0.view.pending.isEmpty }
    ) { app, _ in
      app.withSelectedPending { app, item in
        app.mode = .jsonEditor(JSONEditorModel(succeeding: item))
        return []
      }
    },
    AppKeyBinding(
      [.character("F")], name: "fail", help: "fail: send an error and a cause", section: .pending,
      showInBar: { !$0.view.pending.isEmpty }, preferInBar: { !$0.view.pending.isEmpty }
    ) { app, _ in
      app.withSelectedPending { app, item in
        app.mode = .failForm(FailFormModel(index: item.index, title: "Fail \(item.index) · \(item.stateName)"))
        return []
      }
    },
    AppKeyBinding(
      [.character("H")], name: "heartbeat", help: "send a heartbeat", section: .pending,
      showInBar: \.heartbeatWaits, preferInBar: \.heartbeatWaits
    ) { app, _ in
      app.withSelectedPending { _, item in [.execute(.heartbeat(token: .index(item.index)))] }
    },
    command(
      "u", .back, name: "back", help: "back: undo the last step (time travel)", showInBar: { $0.view.canStepBack }),
    command(
      "U", .reverseContinue, name: "reverse-continue",
      help: "reverse-continue: back to the previous breakpoint hit or decision", inBar: false),
    AppKeyBinding(
      [.character("b")], name: "break", help: "toggle a breakpoint on the selected state",
      section: .breakpoints, showInBar: { _ in true }
    ) { app, _ in app.toggleBreakpoint() },
    command(
      "a", .advance, name: "advance", help: "advance the clock to the next timer", preferInBar: \.heartbeatWaits),
    AppKeyBinding(
      [.character(":")], name: "cmd", help: "command prompt (tab completes, ↑↓ history)",
      showInBar: { _ in true }, pinned: true
    ) { app, _ in
      app.prompt.setLine("")
      app.mode = .prompt
      return []
    },
    AppKeyBinding(
      [.character("L")], name: "log", help: "the log (command output, messages, teaching notes): go to it; again: hide it",
      section: .panes, showInBar: { !$0.log.lines.isEmpty }
    ) { app, _ in
      app.toggleLog()
      return []
    },
    AppKeyBinding(
      [.character("?"), .function(1)], name: "help", help: "this help", showInBar: { _ in true }, pinned: true
    ) { app, _ in
      app.mode = .help(ScrollState())
      return []
    },
    AppKeyBinding(
      [.character("q"), .ctrl("c")], name: "quit", help: "quit", showInBar: { _ in true }, pinned: true
    ) { app, _ in app.requestQuit() },
    command("r", .restart(input: nil), name: "restart", help: "restart with the same input", inBar: false),
    AppKeyBinding([.character("R")], name: "edit input", help: "restart with edited input", section: .stepping) {
      app, _ in
      app.mode = .jsonEditor(JSONEditorModel(purpose: .restart, title: "Restart with input", text: app.view.restartInput))
      return []
    },
    command(
      "B", .breakOnError(name: nil), name: "break on error", help: "break on any error", section: .breakpoints,
      inBar: false),
    AppKeyBinding(
      [.tab, .backTab], name: "next pane", help: "next pane (shift-tab: previous; or click)", section: .panes
    ) { app, input in
      app.cycleFocus(by: input.key == .backTab ? -1 : 1)
      return []
    },
    AppKeyBinding(
      [.up, .down, .left, .right, .character("h"), .character("j"), .character("k"), .character("l")],
      label: "↑↓←→ hjkl", name: "move",
      help: "move; in the graph: j/k along the edges (j into a frame), h/l to the state beside", section: .panes
    ) { app, input in app.navigateFocusedPane(input.key) },
    AppKeyBinding([.character("/")], name: "filter", help: "filter the history", section: .panes) { app, _ in
      app.focusPane(.history)
      app.mode = .filter(LineInputState(text: app.history.filter))
      return []
    },
    AppKeyBinding(
      [.escape], name: "follow", help: "follow the current state again (or leave the tour)", section: .panes
    ) { app, _ in
      if app.tour != nil {
        app.tour = nil
        return []
      }
      app.graph.selectedNode = nil
      app.stateIO.iteration = nil
      if app.focus == .history { app.history.setFilter("", in: app.view.history) }
      return []
    },
    AppKeyBinding(
      [.character("O")], name: "function logs", help: "what the state's Lambda functions printed (their logs)",
      section: .panes, showInBar: { !$0.view.functionLogs.isEmpty }
    ) { app, _ in app.openFunctionLogs() },
  ]

  /// The label of the binding that stands for the focused pane's own keys: the help overlay
  /// lists the panes' bindings right after it.
  static let paneNavigationLabel = "↑↓←→ hjkl"

  /// A key that runs one command of the command language.
  private static func command(
    _ key: Character, _ command: DebuggerCommand, name: String, help: String, section: KeySection = .stepping,
    inBar: Bool = true, showInBar: (@Sendable (AppState) -> Bool)? = nil,
    preferInBar: (@Sendable (AppState) -> Bool)? = nil
  ) -> AppKeyBinding {
    let always: @Sendable (AppState) -> Bool = { _ in true }
    return AppKeyBinding(
      [.character(key)], name: name, help: help, section: section, showInBar: showInBar ?? (inBar ? always : nil),
      preferInBar: preferInBar
    ) { _, _ in [.execute(command)] }
  }

  /// Whether a token with a heartbeat deadline waits: `H` and `a` then matter most.
  var heartbeatWaits: Bool { view.pending.contains(where: \.hasHeartbeat) }

  /// Runs `body` on the pending item the Pending pane selects, or says nothing is pending.
  mutating func withSelectedPending(_ body: (inout AppState, PendingRow) -> [AppEffect]) -> [AppEffect] {
    guard let item = selectedPending else {
      message = AppMessage("nothing is pending", isError: true)
      return []
    }
    return body(&self, item)
  }

  /// `b`: a breakpoint on the selected (or current) state, or off again.
  mutating func toggleBreakpoint() -> [AppEffect] {
    guard let state = targetState else {
      message = AppMessage("select a state in the graph first", isError: true)
      return []
    }
    if view.graph?.breakpoints.contains(state) == true {
      return [.execute(.deleteBreakpoint(.state(state)))]
    }
    return [.execute(.breakAt(state: state, condition: nil))]
  }
}
