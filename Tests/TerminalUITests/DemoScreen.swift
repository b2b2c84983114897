import JSONCore
import TerminalUI

/// A debugger-like screen composed only of TerminalUI widgets, following
/// shared/design/screen-sketch.md: the look the real DebuggerApp panes will build on.
struct DemoScreen {
  enum Pane: Int, CaseIterable { case executions, pending, history, graph, stateIO }

  var focus: Pane = .graph
  var executions = ListState(selected: 0)
  var pending = ListState(selected: 0)
  var history = ListState(selected: 3)
  var stateIO = JSONTreeState(list: ListState(selected: nil))
  var narrowTab = 0
  var showsHelp = false

  static let executionItems: [ListItem] = [
    ListItem("▾ main-1   Main       RUNNING"),
    ListItem([" ├ child-1 Nested     SUCCEEDED", " │   ↳ call-and-continue"]),
    ListItem([" ├ child-2 Nested     SUCCEEDED", " │   ↳ .sync:2 → Output (JSON)"]),
    ListItem([" └ child-3 Nested     RUNNING", "     ↳ .waitForTaskToken ⧗ token"]),
  ]

  static let pendingItems: [ListItem] = [
    ListItem(["1 token  main-1 · Start new workflow", "   from child-3 via TaskToken", "   age 2.0s · no timeout"]),
    ListItem(["2 task   child-3 · Callback", "   lambda:invoke (by hand)"]),
  ]

  static let historyItems: [ListItem] = [
    "14 TaskSubmitted   Start new workflow", "15 TaskSucceeded   Start new workflow",
    "16 TaskStateExited Start new workflow", "17 TaskSubmitted   Start new workflow",
  ]

  static let graphText = """
       ╭─────────────────────────────────╮
       │ Start new workflow and continue │ Task ✓
       ╰────────────────┬────────────────╯
                        ▼
       ╭─────────────────────────────────╮
       │ Start in parallel               │ Parallel
       ╰─────────────────────────────────╯
    """

  static let parameters: JSONValue = [
    "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Nested",
    "Input": ["NeedCallback": true, "TaskToken": "AQB4…e1f"],
  ]

  static let hints = [
    KeyHint("s", "step"), KeyHint("n", "next"), KeyHint("i", "into"), KeyHint("o", "out"),
    KeyHint("c", "continue"), KeyHint("u", "back"), KeyHint("b", "break"), KeyHint("a", "advance"),
    KeyHint("S", "succeed"), KeyHint(":", "cmd"), KeyHint("?", "help"), KeyHint("q", "quit"),
  ]

  func render(size: Size) -> ScreenBuffer {
    var buffer = ScreenBuffer(size: size)
    let notice = TooSmallNotice(required: Size(width: 60, height: 16))
    if notice.applies(to: size) {
      buffer.render(notice, in: buffer.bounds)
      return buffer
    }
    let rows = buffer.bounds.rows([.fixed(1), .fill(), .fixed(1)])
    buffer.render(
      StatusLine(
        left: "sfdbg · template.yaml · NestingPatternMainStateMachine",
        right: TextLine([Span("main-1 "), Span("RUNNING", style: Style(foreground: .yellow, bold: true)),
                         Span("   clock 00:00:02.000")])),
      in: rows[0])
    buffer.render(KeyHintBar(hints: Self.hints), in: rows[2])
    let wide = size.width >= 100 && size.height >= 28
    let columns = rows[1].columns(wide ? [.fixed(36), .fill()] : [.percent(40), .fill()])
    // Left column: Executions, Pending, then History (or a tab strip when narrow).
    let left = columns[0].rows(wide ? [.percent(40), .percent(35), .fill()] : [.percent(50), .fill()])
    panel("Executions", .executions, in: left[0], attached: false, into: &buffer) { area, buffer in
      buffer.render(ListView(items: Self.executionItems, state: executions, focused: focus == .executions,
                             selectionMarker: ""), in: area)
    }
    if wide {
      panel("Pending (2)", .pending, in: left[1].inset(top: -1), attached: true, into: &buffer) { area, buffer in
        buffer.render(ListView(items: Self.pendingItems, state: pending, focused: focus == .pending), in: area)
      }
      panel("History · main-1", .history, in: left[2].inset(top: -1), attached: true, into: &buffer) {
        area, buffer in
        buffer.render(ListView(items: Self.historyItems, state: history, focused: focus == .history), in: area)
      }
    } else {
      let titles = ["Pending (2)", "History"]
      let pane: Pane = narrowTab == 0 ? .pending : .history
      panel(titles[narrowTab], pane, in: left[1].inset(top: -1), attached: true, into: &buffer) { area, buffer in
        let parts = area.rows([.fixed(1), .fill()])
        buffer.render(Tabs(titles: titles, selected: narrowTab), in: parts[0])
        let items = narrowTab == 0 ? Self.pendingItems : Self.historyItems
        buffer.render(ListView(items: items, state: narrowTab == 0 ? pending : history,
                               focused: focus == pane), in: parts[1])
      }
    }
    // Right column: Graph over State I/O.
    let right = columns[1].rows([.percent(45), .fill()])
    panel("Graph · main-1", .graph, in: right[0], attached: false, into: &buffer) { area, buffer in
      buffer.render(TextView(text: Self.graphText, wrap: false), in: area)
    }
    panel("State I/O · Start new workflow and wait for callback", .stateIO, in: right[1].inset(top: -1),
          attached: true, into: &buffer) { area, buffer in
      let parts = area.rows([.fill(), .fixed(2)])
      buffer.render(JSONTreeView(value: Self.parameters, state: stateIO, focused: focus == .stateIO), in: parts[0])
      buffer.render(TextView(text: "ⓘ .waitForTaskToken: the parent pauses until someone returns the token."),
                    in: parts[1])
    }
    if showsHelp {
      buffer.render(HelpOverlay(sections: [.init("Keys", Self.hints)]), in: buffer.bounds)
    }
    return buffer
  }

  private func panel(
    _ title: String, _ pane: Pane, in area: Rect, attached: Bool, into buffer: inout ScreenBuffer,
    content: (Rect, inout ScreenBuffer) -> Void
  ) {
    let panel = Panel(title: title, focused: focus == pane, attachedAbove: attached)
    buffer.render(panel, in: area)
    content(panel.inner(of: area), &buffer)
  }
}
