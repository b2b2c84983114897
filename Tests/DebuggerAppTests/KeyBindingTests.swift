import DebuggerCore
import Testing
import TerminalUI
@testable import DebuggerApp

/// The binding lists are the only place keys are written: these tests drive every binding, and
/// check that the key bar and the help overlay are made from the same lists.
@Suite struct KeyBindingTests {
  /// What pressing a key of a binding must do, by context and label. Every binding must have an
  /// entry, so a new binding cannot go untested.
  typealias Expectation = @Sendable (_ before: AppState, _ after: AppState, _ effects: [AppEffect]) -> Bool

  static let mainExpectations: [String: Expectation] = [
    "global/s": { _, _, effects in effects == [.execute(.step)] },
    "global/n": { _, _, effects in effects == [.execute(.next)] },
    "global/i": { _, _, effects in effects == [.execute(.into)] },
    "global/o": { _, _, effects in effects == [.execute(.out)] },
    "global/c": { _, _, effects in effects == [.execute(.continue)] },
    "global/u": { _, _, effects in effects == [.execute(.back)] },
    "global/U": { _, _, effects in effects == [.execute(.reverseContinue)] },
    "global/a": { _, _, effects in effects == [.execute(.advance)] },
    "global/r": { _, _, effects in effects == [.execute(.restart(input: nil))] },
    "global/B": { _, _, effects in effects == [.execute(.breakOnError(name: nil))] },
    "global/H": { _, _, effects in effects == [.execute(.heartbeat(token: .index(1)))] },
    "global/b": { before, _, effects in effects == [.execute(.breakAt(state: before.targetState ?? "", condition: nil))] },
    "global/S": { _, after, effects in
      guard case .jsonEditor(let model) = after.mode else { return false }
      return effects.isEmpty && model.purpose == .succeed(index: 1)
    },
    "global/R": { _, after, _ in
      guard case .jsonEditor(let model) = after.mode else { return false }
      return model.purpose == .restart && model.editor.text == "{\"OrderId\": \"o-1\"}"
    },
    "global/F": { _, after, _ in
      guard case .failForm(let form) = after.mode else { return false }
      return form.index == 1
    },
    "global/:": { _, after, _ in after.mode == .prompt },
    "global/?": { _, after, _ in after.mode == .help(ScrollState()) },
    "global/q": { _, after, _ in
      guard case .confirmQuit = after.mode else { return false }
      return true
    },
    "global/tab": { before, after, _ in after.focus != before.focus },
    "global/↑↓←→ hjkl": { _, after, _ in after.graph.selectedNode != nil },
    "global//": { _, after, _ in after.focus == .history && after.mode == .filter(LineInputState()) },
    "global/L": { before, after, _ in !before.log.isOpen && after.log.isOpen && after.focus == .log },
    "global/esc": { before, after, _ in before.graph.selectedNode != nil && after.graph.selectedNode == nil },
    // The sample view has no function logs: the key says so (FunctionLogsViewTests opens some).
    "global/O": { _, after, _ in after.message?.isError == true && after.message!.text.contains("no function") },
    "tour/space": { _, _, effects in effects == [.tourNext] },
    "executions/enter": { _, _, effects in effects == [.execute(.focus(execution: "child-1"))] },
    "pending/enter": { _, after, _ in
      guard case .jsonEditor(let model) = after.mode else { return false }
      return model.purpose == .succeed(index: 1)
    },
    "history/enter": { _, _, effects in effects == [.showEvent(id: 6)] },
    "stateIO/enter": { _, after, _ in after.mode == .viewer(ValueViewer(title: "/input/OrderId", text: "o-1")) },
    "stateIO/[ ]": { before, after, _ in
      guard let shown = before.view.stateIO.iterations?.shown, let picked = after.stateIO.iteration else { return false }
      return abs(picked - shown) == 1
    },
    // The sample machine has no Parallel or Map: the key says what it opens (GraphPaneTests
    // opens and closes a real frame).
    "graph/enter": { _, after, _ in after.message?.isError == true && after.message!.text.contains("Parallel or Map") },
    "graph/+": { _, after, _ in after.message?.isError == true && after.message!.text.contains("Parallel or Map") },
  ]

  /// A fresh app in the state a context's keys need: the graph focused with a state selected
  /// (so esc has something to clear), or the pane focused on a row its `enter` acts on.
  static func app(for context: String) -> AppState {
    var app = AppState(view: SampleView.make())
    switch context {
    case "executions":
      app.focusPane(.executions)
      app.executions.list.selected = 1
    case "pending": app.focusPane(.pending)
    case "history": app.focusPane(.history)
    case "stateIO":
      // Inside a Map, so `[`/`]` have iterations to pick from.
      var view = SampleView.make()
      view.stateIO.iterations = MapIterations(mapState: "Each", shown: 1, total: 3, shownStatus: "running")
      app = AppState(view: view)
      app.focusPane(.stateIO)
      app.stateIO.tree.list.selected = 1
    case "tour": app.tour = TourCaption(title: "Tour", lines: [])
    default: app.graph.selectedNode = "Log order"
    }
    return app
  }

  static let contexts: [(name: String, bindings: [AppKeyBinding])] = [
    ("global", AppState.globalBindings), ("tour", TourCaption.bindings),
    ("executions", ExecutionsPane.bindings), ("pending", PendingPane.bindings),
    ("history", HistoryPane.bindings), ("stateIO", StateIOPane.bindings),
    ("graph", AppState.bindings(for: .graph)),
  ]

  @Test func everyMainBindingDoesWhatItSays() {
    for (context, bindings) in Self.contexts {
      for binding in bindings {
        let name = context + "/" + binding.label
        guard let expectation = Self.mainExpectations[name] else {
          Issue.record("no expectation for \(name): add one to mainExpectations")
          continue
        }
        for key in binding.keys {
          var app = Self.app(for: context)
          let before = app
          // Dispatch finds this binding for the key in its context.
          #expect(app.keyBindings.binding(for: key)?.label == binding.label, "\(name) \(key.name)")
          let effects = app.handle(.key(key))
          let done = expectation(before, app, effects)
          #expect(done, "\(name): \(key.name) did not do what it says")
        }
      }
    }
  }

  @Test func overlayBindingsDoWhatTheySay() {
    var app = AppState(view: SampleView.make())
    for key in JSONEditorModel.bindings[0].keys where key.typedCharacter == nil && key != .alt("\r") && key != .alt("\n") {
      _ = press(&app, .character("S"))
      #expect(press(&app, key) == [.execute(.succeed(token: .index(1), output: ["Shipped": true]))])
      #expect(app.mode == .normal)
    }
    _ = press(&app, .character("S"))
    #expect(press(&app, .escape) == [] && app.mode == .normal)

    _ = press(&app, .character("F"))
    for key in FailFormModel.bindings[1].keys {
      guard case .failForm(let before) = app.mode else { break }
      _ = press(&app, key)
      guard case .failForm(let after) = app.mode else { break }
      #expect(after.field == 1 - before.field, "\(key.name) switches fields")
    }
    #expect(press(&app, .enter) == [.execute(.fail(token: .index(1), error: "States.TaskFailed", cause: nil))])
    _ = press(&app, .character("F"), .escape)
    #expect(app.mode == .normal)

    for key in ValueViewer.bindings[1].keys {
      app.mode = .viewer(ValueViewer(title: "t", text: "x"))
      _ = press(&app, key)
      #expect(app.mode == .normal, "\(key.name) closes the viewer")
    }
    // A history event offers `t`: travel back to where it was written.
    app.mode = .viewer(ValueViewer(title: "t", text: "x"))
    #expect(press(&app, .character("t")) == [])
    app.mode = .viewer(ValueViewer(title: "Event 7", text: "x", event: 7))
    #expect(press(&app, .character("t")) == [.execute(.goto(eventID: 7))])
    #expect(app.mode == .normal)
    app.mode = .viewer(ValueViewer(title: "t", text: (1...200).map(String.init).joined(separator: "\n")))
    _ = press(&app, .down)
    guard case .viewer(let viewer) = app.mode else {
      Issue.record("the viewer closed on ↓")
      return
    }
    #expect(viewer.scroll.offset == 1)

    for key in AppState.helpBindings[0].keys {
      app.mode = .help(ScrollState())
      _ = press(&app, key)
      #expect(app.mode == .normal, "\(key.name) closes help")
    }
    app.mode = .help(ScrollState())
    _ = app.handle(.resize(Size(width: 100, height: 20)))
    _ = press(&app, .pageDown)
    #expect(app.mode != .help(ScrollState()) && app.mode != .normal)
  }

  @Test func noKeyIsBoundTwiceInAContext() {
    func duplicates<T, O>(_ bindings: [KeyBinding<T, O>]) -> [String] {
      let keys = bindings.flatMap(\.keys)
      return Set(keys.filter { key in keys.filter { $0 == key }.count > 1 }.map(\.name)).sorted()
    }
    for pane in Pane.allCases {
      let main = TourCaption.bindings + AppState.globalBindings + AppState.bindings(for: pane)
      #expect(duplicates(main) == [], "keys bound twice with \(pane) focused")
    }
    #expect(duplicates(JSONEditorModel.bindings) == [])
    #expect(duplicates(FailFormModel.bindings) == [])
    #expect(duplicates(ValueViewer.bindings) == [])
    #expect(duplicates(AppState.helpBindings) == [])
  }

  @Test func keyBarAndHelpComeFromTheList() {
    let extra = AppKeyBinding(
      [.character("Z")], name: "zap", help: "zap the selected state", section: .breakpoints,
      showInBar: { _ in true }
    ) { _, _ in [] }
    let app = AppState(view: SampleView.make())
    let bar = (AppState.globalBindings + [extra]).keyBar(for: app)
    #expect(bar.hints.contains(KeyHint("Z", "zap")))
    let sections = AppState.keySections(main: AppState.globalBindings + [extra], panes: [])
    #expect(sections.first { $0.title == "Breakpoints" }?.entries.last == KeyHint("Z", "zap the selected state"))
    #expect(!AppState.keySections(main: AppState.globalBindings, panes: []).flatMap(\.entries).contains { $0.key == "Z" })

    // The screen's bar is the bar of the bindings in force, and shows only what applies now.
    var hints = app.keyBindings.keyBar(for: app).visibleHints(width: 100)
    // `o` only for a child execution; `:` pinned with `?` and `q`.
    #expect(hints.map(\.key) == ["s", "n", "i", "c", "S", "F", "u", "b", ":", "?", "q"])
    let bottom = app.render(size: Size(width: 100, height: 30)).line(29)
    #expect(bottom.hasPrefix(" " + hints.map { $0.key + " " + $0.label }.joined(separator: "  ")))
    var idle = SampleView.make()
    idle.pending = []
    idle.canStepBack = false
    hints = AppState(view: idle).keyBindings.keyBar(for: AppState(view: idle)).visibleHints(width: 200)
    #expect(hints.map(\.key) == ["s", "n", "i", "c", "b", "a", ":", "?", "q"])

    // Every binding with a help line is in the help overlay, and every key line of the overlay
    // comes from a binding.
    let keyEntries = app.helpOverlay.sections.filter { $0.title != "Commands" && $0.title != "Graph marks" }
      .flatMap(\.entries)
    let main = AppState.globalBindings + TourCaption.bindings
    for binding in main where binding.help != nil {
      #expect(keyEntries.contains(KeyHint(binding.label, binding.help!)), "help lacks \(binding.label)")
    }
    for (_, bindings) in Self.contexts.dropFirst(2) {
      for binding in bindings where binding.help != nil {
        #expect(keyEntries.contains { $0.key == binding.label && $0.label.contains(binding.help!) })
      }
    }
    let labels = Set(Self.contexts.flatMap { $0.bindings.map(\.label) })
    #expect(keyEntries.allSatisfy { labels.contains($0.key) })
  }

  @Test func pendingHintNamesTheAnsweringKeys() {
    #expect(PendingPane.answerHint == "[S]ucceed  [F]ail  [H]eartbeat")
  }
}
