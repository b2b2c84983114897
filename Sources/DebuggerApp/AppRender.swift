import ASLGraph
import DebuggerCore
import GraphLayout
import JSONCore
import TerminalUI

extension AppState {
  /// The whole screen for a terminal of `size`.
  public func render(size: Size) -> ScreenBuffer {
    var buffer = ScreenBuffer(size: size)
    let notice = TooSmallNotice(required: AppLayout.minimum)
    if notice.applies(to: size) {
      buffer.render(notice, in: buffer.bounds)
      return buffer
    }
    let layout = AppLayout.make(size: size, focus: focus, lowerLeft: lowerLeft)
    renderStatusLine(in: layout.statusLine, buffer: &buffer)
    // Draw upper boxes first so attached boxes below overwrite the shared border.
    for (pane, box) in layout.panes.sorted(by: { ($0.value.y, $0.value.x) < ($1.value.y, $1.value.x) }) {
      renderPane(pane, in: box, layout: layout, buffer: &buffer)
    }
    renderMessageLine(in: layout.messageLine, notesShown: layout.panes[.stateIO] != nil, buffer: &buffer)
    renderKeyBar(in: layout.keyBar, buffer: &buffer)
    renderOverlay(buffer: &buffer)
    return buffer
  }

  // MARK: Lines

  private func renderStatusLine(in row: Rect, buffer: inout ScreenBuffer) {
    var right = TextLine()
    if !view.focusSummary.isEmpty {
      right.append(view.focusSummary, style: Self.statusStyle(view.focusStatus))
    }
    if !view.clock.isEmpty { right.append("   clock " + view.clock) }
    buffer.render(StatusLine(left: TextLine("sfdbg · " + view.title), right: right), in: row)
  }

  static func statusStyle(_ status: String) -> Style {
    switch status {
    case "RUNNING": return Style(foreground: .yellow, bold: true)
    case "SUCCEEDED": return Style(foreground: .green, bold: true)
    case "FAILED", "TIMED_OUT", "ABORTED": return Style(foreground: .red, bold: true)
    default: return .plain.bolded()
    }
  }

  private func renderMessageLine(in row: Rect, notesShown: Bool, buffer: inout ScreenBuffer) {
    let line: TextLine
    if let message {
      line = TextLine(message.text, style: message.isError ? Style(foreground: .red, bold: true) : .plain)
    } else if !notesShown, let note = view.notes.first {
      line = TextLine("ⓘ " + note, style: Style(foreground: .cyan))
    } else {
      line = TextLine(view.nextStep, style: .plain.dimmed())
    }
    buffer.render(StatusLine(left: line), in: row)
  }

  private func renderKeyBar(in row: Rect, buffer: inout ScreenBuffer) {
    switch mode {
    case .prompt:
      buffer.render(LineInput(prompt: ":", state: prompt), in: row)
    case .filter(let input):
      buffer.render(LineInput(prompt: "/", state: input), in: row)
    case .jsonEditor:
      buffer.render(KeyHintBar(hints: [KeyHint("ctrl-s", "send"), KeyHint("esc", "cancel")]), in: row)
    case .failForm:
      buffer.render(KeyHintBar(hints: [KeyHint("enter", "send"), KeyHint("tab", "next field"), KeyHint("esc", "cancel")]), in: row)
    case .viewer:
      buffer.render(KeyHintBar(hints: [KeyHint("↑↓", "scroll"), KeyHint("esc", "close")]), in: row)
    case .help, .confirmQuit, .normal:
      buffer.render(KeyHintBar(hints: keyHints, pinned: [KeyHint("?", "help"), KeyHint("q", "quit")]), in: row)
    }
  }

  /// The keys that do something now, most useful first (`? help` and `q quit` are pinned at the
  /// end of the bar).
  public var keyHints: [KeyHint] {
    var hints = tour == nil ? [] : [KeyHint("space", "tour")]
    hints += [KeyHint("s", "step"), KeyHint("n", "next"), KeyHint("i", "into"), KeyHint("o", "out"),
              KeyHint("c", "continue")]
    if !view.pending.isEmpty { hints += [KeyHint("S", "succeed"), KeyHint("F", "fail")] }
    if view.canStepBack { hints.append(KeyHint("u", "back")) }
    hints.append(KeyHint("b", "break"))
    hints.append(KeyHint("a", "advance"))
    hints.append(KeyHint(":", "cmd"))
    return hints
  }

  // MARK: Panes

  private func renderPane(_ pane: Pane, in box: Rect, layout: AppLayout, buffer: inout ScreenBuffer) {
    let focused = focus == pane
    let panel = Panel(
      title: paneTitle(pane), trailingTitle: paneTrailingTitle(pane), focused: focused,
      attachedAbove: layout.attached.contains(pane))
    buffer.render(panel, in: box)
    var inner = panel.inner(of: box)
    if let group = layout.tabGroups.first(where: { $0.contains(pane) }), inner.height >= 2 {
      let parts = inner.rows([.fixed(1), .fill()])
      let selected = group.firstIndex(of: pane) ?? 0
      buffer.render(Tabs(titles: group.map(\.title), selected: selected), in: parts[0])
      inner = parts[1]
    }
    switch pane {
    case .executions:
      buffer.render(executionsList(focused: focused, width: inner.width), in: inner)
    case .pending:
      var listArea = inner
      if focused && !view.pending.isEmpty && inner.height >= 4 {
        let parts = inner.rows([.fill(), .fixed(1)])
        listArea = parts[0]
        buffer.write("[S]ucceed  [F]ail  [H]eartbeat", at: parts[1].origin, style: .plain.dimmed(), clip: parts[1])
      }
      buffer.render(pendingList(focused: focused), in: listArea)
    case .history:
      let list = historyList(focused: focused)
      buffer.render(list, in: inner)
      renderScrollbar(total: list.count, offset: list.offset(height: inner.height), box: box, inner: inner, buffer: &buffer)
    case .graph:
      renderGraph(in: inner, buffer: &buffer)
    case .stateIO:
      renderStateIO(in: inner, focused: focused, buffer: &buffer)
    }
  }

  private func renderScrollbar(total: Int, offset: Int, box: Rect, inner: Rect, buffer: inout ScreenBuffer) {
    let bar = Scrollbar(contentLength: total, viewportLength: inner.height, offset: offset)
    buffer.render(bar, in: Rect(x: box.maxX - 1, y: inner.y, width: 1, height: inner.height))
  }

  private func paneTitle(_ pane: Pane) -> String {
    switch pane {
    case .executions: return "Executions"
    case .graph:
      let label = view.executions.first(where: \.isFocused)?.label
      return label.map { "Graph · " + $0 } ?? "Graph"
    case .stateIO:
      return view.stateIO.stateName.map { "State I/O · " + $0 } ?? "State I/O"
    case .pending: return view.pending.isEmpty ? "Pending" : "Pending (\(view.pending.count))"
    case .history:
      let label = view.executions.first(where: \.isFocused)?.label
      var title = label.map { "History · " + $0 } ?? "History"
      if !historyFilter.isEmpty { title += " /" + historyFilter }
      return title
    }
  }

  private func paneTrailingTitle(_ pane: Pane) -> String? {
    switch pane {
    case .graph:
      guard let selected = graph.selectedNode else { return nil }
      return "▸ " + selected
    default: return nil
    }
  }

  func executionsList(focused: Bool, width: Int = 0) -> ListView {
    let items = view.executions.map { row -> ListItem in
      let indent = String(repeating: "  ", count: row.depth)
      var head = TextLine()
      head.append(row.isFocused ? "● " : "  ", style: .plain.bolded())
      head.append(indent + row.label, style: row.isFocused ? .plain.bolded() : .plain)
      head.append("  " + row.machine, style: .plain.dimmed())
      head.append("  " + row.status, style: Self.statusStyle(row.status))
      // The start time, when the row has room for it (wide panes).
      if !row.startedAt.isEmpty && head.width + row.startedAt.terminalWidth + 4 <= width {
        head.append("  " + row.startedAt, style: .plain.dimmed())
      }
      var lines = [head]
      if let link = row.link { lines.append(TextLine("  " + indent + "  ↳ " + link, style: .plain.dimmed())) }
      return ListItem(lines)
    }
    return ListView(items: items, state: executions, focused: focused, emptyText: "no executions yet")
  }

  func pendingList(focused: Bool) -> ListView {
    let items = view.pending.map { row -> ListItem in
      var head = TextLine()
      head.append("\(row.index) ", style: .plain.bolded())
      head.append(row.kind.padded(toWidth: 6), style: Style(foreground: .magenta))
      head.append(row.execution + " · " + row.stateName)
      var lines = [head, TextLine("   " + row.resource, style: .plain.dimmed())]
      lines += row.details.map { TextLine("   " + $0, style: .plain.dimmed()) }
      return ListItem(lines)
    }
    return ListView(items: items, state: pending, focused: focused, emptyText: "nothing pending")
  }

  func historyList(focused: Bool) -> LazyListView {
    // Only the rows on screen are formatted: histories can hold tens of thousands of events.
    let app = self
    return LazyListView(
      count: historyCount, state: history, focused: focused,
      emptyText: historyFilter.isEmpty ? "no events yet" : "no event matches /" + historyFilter
    ) { index in TextLine(app.historyRow(index).text) }
  }

  private func renderGraph(in inner: Rect, buffer: inout ScreenBuffer) {
    guard let model = view.graph, let diagram else {
      buffer.write("no graph", at: inner.origin, style: .plain.dimmed(), clip: inner)
      return
    }
    var status = model.nodeStatus
    for state in model.breakpoints { status[state, default: []].insert(.breakpoint) }
    for state in model.currentStates { status[state, default: []].insert(.current) }
    let window = graph.window.flatMap { $0.width == inner.width && $0.height == inner.height ? $0 : nil }
      ?? GraphView.window(for: diagram, size: inner.size, focus: targetState, previous: graph.window)
    var edges: [Int: StepStatus] = [:]
    for transition in model.transitions {
      for index in diagram.edgeIndices(from: transition.from, to: transition.to) { edges[index, default: []].insert(.visited) }
    }
    for transition in model.caughtTransitions {
      for index in diagram.edgeIndices(from: transition.from, to: transition.to) { edges[index, default: []].insert(.failed) }
    }
    buffer.render(
      GraphView(
        diagram: diagram, nodeStatus: status, edgeStatus: edges, selectedNode: graph.selectedNode,
        window: window),
      in: inner)
  }

  private func renderStateIO(in inner: Rect, focused: Bool, buffer: inout ScreenBuffer) {
    let model = view.stateIO
    var notes: [TextLine] = model.explanation.map { line in
      if line.hasSuffix("→ matched") || line.contains("caught it") { return TextLine(line, style: Style(foreground: .green, bold: true)) }
      if line.hasSuffix("→ no") { return TextLine(line, style: .plain.dimmed()) }
      if line.hasPrefix("failed:") || line.contains("no Retrier or Catcher") { return TextLine(line, style: Style(foreground: .red)) }
      return TextLine(line)
    }
    notes += view.notes.map { TextLine("ⓘ " + $0, style: Style(foreground: .cyan)) }
    let noteRows = notes.flatMap { $0.wrapped(toWidth: max(1, inner.width)) }
    let noteHeight = min(noteRows.count, inner.height / 2)
    let parts = inner.rows([.fill(), .fixed(noteHeight)])
    if model.stages.isEmpty {
      buffer.write(model.stateName == nil ? "no state yet" : "no data yet", at: parts[0].origin,
                   style: .plain.dimmed(), clip: parts[0])
    } else {
      buffer.render(JSONTreeView(value: model.stagesValue, state: stateIO, focused: focused), in: parts[0])
    }
    if noteHeight > 0 {
      buffer.render(TextView(lines: notes), in: parts[1])
    }
  }

  // MARK: Overlays

  private func renderOverlay(buffer: inout ScreenBuffer) {
    let screen = buffer.bounds
    switch mode {
    case .help(let scroll):
      var help = helpOverlay
      help.scroll = scroll
      buffer.render(help, in: screen)
    case .confirmQuit(let dialog):
      buffer.render(dialog, in: screen)
    case .viewer(let viewer):
      let box = Self.viewerBox(in: screen)
      let panel = Panel(title: viewer.title, focused: true)
      buffer.render(panel, in: box)
      let inner = panel.inner(of: box).inset(left: 1, right: 1)
      let text = TextView(text: viewer.text, scroll: viewer.scroll)
      buffer.render(text, in: inner)
      let bar = Scrollbar(
        contentLength: text.contentHeight(width: inner.width), viewportLength: inner.height,
        offset: viewer.scroll.offset, thumb: "█")
      buffer.render(bar, in: Rect(x: box.maxX - 1, y: inner.y, width: 1, height: inner.height))
    case .jsonEditor(let model):
      let box = Self.editorBox(in: screen.inset(top: 1, bottom: 2))
      let panel = Panel(title: model.title, focused: true)
      buffer.render(panel, in: box)
      let message: TextLine = model.error.map {
        TextLine("\($0.position.line):\($0.position.column): \($0.message)", style: Style(foreground: .red, bold: true))
      } ?? TextLine("JSON · ctrl-s send · esc cancel", style: .plain.dimmed())
      let errorPosition = model.error.map { TextPosition(line: $0.position.line - 1, column: $0.position.column - 1) }
      buffer.render(
        TextEditor(state: model.editor, errorPosition: errorPosition, message: message),
        in: panel.inner(of: box))
    case .failForm(let form):
      let box = Overlay.area(width: min(70, screen.width - 4), height: 6, in: screen)
      let panel = Panel(title: form.title, focused: true)
      buffer.render(panel, in: box)
      let inner = panel.inner(of: box)
      let rows = inner.rows([.fixed(1), .fixed(1), .fixed(1), .fill()])
      buffer.render(LineInput(prompt: "error: ", state: form.error, focused: form.field == 0), in: rows[0])
      buffer.render(LineInput(prompt: "cause: ", state: form.cause, focused: form.field == 1), in: rows[1])
      buffer.write("enter send · tab switch · esc cancel", at: rows[3].origin, style: .plain.dimmed(), clip: rows[3])
    case .normal, .prompt, .filter:
      if let tour { renderTour(tour, in: screen, buffer: &buffer) }
    }
  }

  /// The tour's caption: a box at the bottom of the screen, above the message line.
  private func renderTour(_ tour: TourCaption, in screen: Rect, buffer: inout ScreenBuffer) {
    let width = min(screen.width - 2, 90)
    guard width >= 20 else { return }
    var lines: [TextLine] = []
    for line in tour.lines { lines += TextLine(line).wrapped(toWidth: width - 4) }
    lines.append(TextLine("space next · S/F answer a token · esc leave the tour", style: .plain.dimmed()))
    let height = min(lines.count + 2, max(3, screen.height / 2))
    let box = Rect(x: screen.x + (screen.width - width) / 2, y: screen.maxY - 2 - height, width: width, height: height)
    let panel = Panel(title: tour.title, focused: true, focusMarker: "")
    buffer.render(panel, in: box)
    let inner = panel.inner(of: box).inset(left: 1, right: 1)
    for (row, line) in lines.suffix(inner.height).enumerated() {
      buffer.write(line, at: Point(x: inner.x, y: inner.y + row), clip: inner)
    }
  }

  /// The `?` overlay: every key, then the commands of the `:` prompt.
  public var helpOverlay: HelpOverlay {
    HelpOverlay(title: "Keys", sections: [
      .init("Stepping", [
        KeyHint("s", "step one transition of the focused execution"),
        KeyHint("n", "next: step over a child execution"),
        KeyHint("i", "into: step into the child a Task starts"),
        KeyHint("o", "out: finish this child, focus its parent"),
        KeyHint("c", "continue to a breakpoint, a decision or the end"),
        KeyHint("u", "back: undo the last step (time travel)"),
        KeyHint("a", "advance the clock to the next timer"),
        KeyHint("r", "restart with the same input"),
        KeyHint("R", "restart with edited input"),
      ]),
      .init("Breakpoints", [
        KeyHint("b", "toggle a breakpoint on the selected state"),
        KeyHint("B", "break on any error"),
      ]),
      .init("Pending tokens and tasks", [
        KeyHint("S", "succeed: edit the result JSON and send it"),
        KeyHint("F", "fail: send an error and a cause"),
        KeyHint("H", "send a heartbeat"),
      ]),
      .init("Panes", [
        KeyHint("tab", "next pane (shift-tab: previous; or click)"),
        KeyHint("↑↓←→ hjkl", "move; in the graph: select a state"),
        KeyHint("enter", "focus the execution / fold JSON or show a value / show an event / succeed"),
        KeyHint("/", "filter the history"),
        KeyHint("esc", "follow the current state again (or leave the tour)"),
        KeyHint("space", "tour (--tour): go to the next nesting event"),
      ]),
      .init("Other", [
        KeyHint(":", "command prompt (tab completes, ↑↓ history)"),
        KeyHint("?", "this help"),
        KeyHint("q", "quit"),
      ]),
      .init("Commands", CommandParser.commandNames.map { KeyHint($0.name, $0.usage) }),
    ])
  }
}
