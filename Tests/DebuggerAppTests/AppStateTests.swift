import DebuggerCore
import JSONCore
import Testing
import TerminalUI
@testable import DebuggerApp

/// Sends keys to the app and collects the effects.
func press(_ app: inout AppState, _ keys: Key...) -> [AppEffect] {
  keys.flatMap { app.handle(.key($0)) }
}

func type(_ app: inout AppState, _ text: String) -> [AppEffect] {
  text.flatMap { app.handle(.key(.character($0))) }
}

@Suite struct AppKeyTests {
  @Test func steppingKeysRunCommands() {
    var app = AppState(view: SampleView.make())
    #expect(press(&app, .character("s")) == [.execute(.step)])
    #expect(press(&app, .character("n")) == [.execute(.next)])
    #expect(press(&app, .character("i")) == [.execute(.into)])
    #expect(press(&app, .character("o")) == [.execute(.out)])
    #expect(press(&app, .character("c")) == [.execute(.continue)])
    #expect(press(&app, .character("u")) == [.execute(.back)])
    #expect(press(&app, .character("a")) == [.execute(.advance)])
    #expect(press(&app, .character("r")) == [.execute(.restart(input: nil))])
    #expect(press(&app, .character("B")) == [.execute(.breakOnError(name: nil))])
    #expect(press(&app, .character("H")) == [.execute(.heartbeat(token: .index(1)))])
  }

  @Test func breakpointTogglesOnTheSelectedState() {
    var app = AppState(view: SampleView.make())
    // Nothing selected: the current state.
    #expect(press(&app, .character("b")) == [.execute(.breakAt(state: "Ship (wait for callback)", condition: nil))])
    // Select "Log order" in the graph (up from the current state).
    app.focusPane(.graph)
    #expect(press(&app, .up) == [])
    #expect(app.graph.selectedNode == "Log order")
    var view = SampleView.make()
    view.graph?.breakpoints = ["Log order"]
    app.setView(view)
    #expect(press(&app, .character("b")) == [.execute(.deleteBreakpoint(.state("Log order")))])
    #expect(press(&app, .escape) == [])
    #expect(app.graph.selectedNode == nil)
  }

  @Test func succeedEditorValidatesBeforeSending() {
    var app = AppState(view: SampleView.make())
    #expect(press(&app, .character("S")) == [])
    guard case .jsonEditor(let model) = app.mode else {
      Issue.record("no editor")
      return
    }
    #expect(model.editor.text == "{\"Shipped\": true}")
    // Break the JSON: delete the closing brace, then try to send.
    #expect(press(&app, .end, .backspace, .ctrl("s")) == [])
    guard case .jsonEditor(let broken) = app.mode else {
      Issue.record("the editor closed on invalid JSON")
      return
    }
    #expect(broken.error != nil)
    #expect(broken.error.map { "\($0.position.line):\($0.position.column)" } == "1:17")
    let screen = app.render(size: Size(width: 100, height: 30)).text
    #expect(screen.contains("1:17: "))
    // Fix it and send.
    let effects = type(&app, "}") + press(&app, .ctrl("s"))
    #expect(effects == [.execute(.succeed(token: .index(1), output: ["Shipped": true]))])
    #expect(app.mode == .normal)
  }

  @Test func failFormSendsErrorAndCause() {
    var app = AppState(view: SampleView.make())
    _ = press(&app, .character("F"), .ctrl("u"))
    _ = type(&app, "Ship.Lost")
    _ = press(&app, .tab)
    _ = type(&app, "truck fell over")
    #expect(press(&app, .enter) == [.execute(.fail(token: .index(1), error: "Ship.Lost", cause: "truck fell over"))])
  }

  @Test func restartWithEditedInput() {
    var app = AppState(view: SampleView.make())
    _ = press(&app, .character("R"), .ctrl("e"), .left)
    _ = type(&app, ", \"Rush\": true")
    #expect(press(&app, .function(2)) == [.execute(.restart(input: ["OrderId": "o-1", "Rush": true]))])
  }

  @Test func commandPromptParsesAndCompletes() {
    var app = AppState(view: SampleView.make())
    _ = press(&app, .character(":"))
    _ = type(&app, "bre")
    _ = press(&app, .tab)
    #expect(app.prompt.line == "break ")
    _ = type(&app, "Lo")
    _ = press(&app, .tab)
    #expect(app.prompt.line == "break \"Log order\"")
    #expect(press(&app, .enter) == [.execute(.breakAt(state: "Log order", condition: nil))])
    // Errors stay on screen; the history remembers the line.
    _ = press(&app, .character(":"))
    _ = type(&app, "frobnicate")
    #expect(press(&app, .enter) == [])
    #expect(app.message?.isError == true)
    _ = press(&app, .character(":"), .up)
    #expect(app.prompt.line == "frobnicate")
    _ = press(&app, .escape)
    #expect(app.mode == .normal)
  }

  @Test func quitAsksWhileRunning() {
    var app = AppState(view: SampleView.make())
    #expect(press(&app, .character("q")) == [])
    #expect(app.render(size: Size(width: 100, height: 30)).text.contains("An execution is still running"))
    #expect(press(&app, .character("n")) == [])
    #expect(app.mode == .normal)
    #expect(press(&app, .character("q"), .character("y")) == [.quit])
    var finished = SampleView.make()
    finished.isRunning = false
    var done = AppState(view: finished)
    #expect(press(&done, .character("q")) == [.quit])
  }

  @Test func tabCyclesPanesAndEnterFocusesAnExecution() {
    var app = AppState(view: SampleView.make())
    // As the screen reads: Executions, Pending, History down the left, then Graph, State I/O.
    #expect(app.focus == .graph)
    _ = press(&app, .tab)
    #expect(app.focus == .stateIO)
    _ = press(&app, .tab)
    #expect(app.focus == .executions)
    _ = press(&app, .tab)
    #expect(app.focus == .pending)
    _ = press(&app, .tab)
    #expect(app.focus == .history)
    _ = press(&app, .tab)
    #expect(app.focus == .graph)
    _ = press(&app, .backTab, .backTab)
    #expect(app.focus == .pending)
    _ = press(&app, .backTab)
    #expect(press(&app, .down, .enter) == [.execute(.focus(execution: "child-1"))])
  }

  @Test func historyFilter() {
    var app = AppState(view: SampleView.make())
    _ = press(&app, .character("/"))
    #expect(app.focus == .history)
    _ = type(&app, "sched")
    #expect(app.history.rows(app.view).map(\.id) == [2, 4, 6])
    _ = press(&app, .enter)
    #expect(app.render(size: Size(width: 100, height: 30)).text.contains("History · main-1 /sched"))
    _ = press(&app, .escape)
    #expect(app.history.rows(app.view).count == 6)
  }

  @Test func mouseClickFocusesAPaneAndSelectsARow() {
    var app = AppState(view: SampleView.make(), screenSize: Size(width: 100, height: 30))
    _ = app.handle(.mouse(MouseEvent(.press(button: 1), at: Point(x: 5, y: 4))))
    #expect(app.focus == .executions)
    #expect(app.executions.list.selected == 1)
    _ = app.handle(.mouse(MouseEvent(.press(button: 1), at: Point(x: 12, y: 16))))
    #expect(app.focus == .stateIO || app.focus == .pending)
  }

  @Test func helpOverlayListsEveryKey() {
    var app = AppState(view: SampleView.make())
    _ = press(&app, .character("?"))
    let text = app.render(size: Size(width: 100, height: 30)).text
    #expect(text.contains("toggle a breakpoint on the selected state"))
    _ = press(&app, .escape)
    #expect(app.mode == .normal)
    let keys = app.helpOverlay.sections.flatMap(\.entries).map(\.key)
    for key in ["s", "n", "i", "o", "c", "u", "a", "r", "R", "b", "B", "S", "F", "H", "tab", "/", ":", "?", "q"] {
      #expect(keys.contains(key), "help lacks \(key)")
    }
  }

  @Test func everySizeRendersWithoutTrapping() {
    var app = AppState(view: SampleView.make())
    for width in stride(from: 0, through: 120, by: 7) {
      for height in stride(from: 0, through: 40, by: 3) {
        let size = Size(width: width, height: height)
        _ = app.handle(.resize(size))
        let screen = app.render(size: size)
        #expect(screen.size == size)
      }
    }
    // The success editor stays open and drawn over short screens.
    _ = press(&app, .character("S"))
    for width in [40, 55, 61, 80] {
      let size = Size(width: width, height: 12)
      _ = app.handle(.resize(size))
      let screen = app.render(size: size)
      #expect(screen.size == size)
      #expect(screen.text.contains("{\"Shipped\": true}"), "\(width)×12:\n\(screen.text)")
      guard case .jsonEditor = app.mode else {
        Issue.record("the editor closed at \(width)×12")
        return
      }
    }
  }

  @Test func clickingATabShowsItsPane() {
    let size = Size(width: 80, height: 24)
    var app = AppState(view: SampleView.make(), screenSize: size)
    // Narrow layout: Pending and History share the lower-left box; its tab strip is inside it.
    let layout = AppLayout.make(size: size, focus: app.focus, lowerLeft: app.lowerLeft)
    let box = layout.panes[.pending]!
    let screen = app.render(size: size)
    let tabRow = box.y + 1
    let historyColumn = screen.line(tabRow).distance(
      from: screen.line(tabRow).startIndex, to: screen.line(tabRow).range(of: "History")!.lowerBound)
    _ = app.handle(.mouse(MouseEvent(.press(button: 1), at: Point(x: historyColumn, y: tabRow))))
    #expect(app.focus == .history)
    #expect(app.lowerLeft == .history)
  }
}
