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
    let layout = layout(size: size)
    renderStatusLine(in: layout.statusLine, buffer: &buffer)
    // Draw upper boxes first so attached boxes below overwrite the shared border.
    for (pane, box) in layout.panes.sorted(by: { ($0.value.y, $0.value.x) < ($1.value.y, $1.value.x) }) {
      renderPane(pane, in: box, layout: layout, buffer: &buffer)
    }
    renderMessageLine(in: layout.messageLine, buffer: &buffer)
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

  /// The line above the key bar until the next key: the last command's message, else its first
  /// teaching note; then what the next step does. Teaching notes never cover the panes: the log
  /// has them whole, and the right end says so when one is cut or there are more.
  private func renderMessageLine(in row: Rect, buffer: inout ScreenBuffer) {
    var line = TextLine(view.nextStep, style: .plain.dimmed())
    var right = TextLine()
    let noteStyle = Style(foreground: .cyan)
    if let message, !message.text.isEmpty {
      line = TextLine(message.text, style: message.isError ? Style(foreground: .red, bold: true) : .plain)
      if !message.notes.isEmpty { right = TextLine("ⓘ \(Self.notes(message.notes.count)) in the log (L)", style: noteStyle) }
    } else if let notes = message?.notes, let note = notes.first {
      line = TextLine("ⓘ " + note, style: noteStyle)
      if notes.count > 1 {
        right = TextLine("+\(Self.notes(notes.count - 1)) in the log (L)", style: noteStyle)
      } else if line.width > row.width - 2 {
        right = TextLine("more in the log (L)", style: noteStyle)
      }
    }
    buffer.render(StatusLine(left: line, right: right), in: row)
  }

  private static func notes(_ count: Int) -> String { count == 1 ? "1 note" : "\(count) notes" }

  /// The bottom row: the keys that do something now (from the binding lists of what has the
  /// keyboard), or the line being typed at the `:` or `/` prompt.
  private func renderKeyBar(in row: Rect, buffer: inout ScreenBuffer) {
    switch mode {
    case .prompt:
      buffer.render(LineInput(prompt: ":", state: prompt), in: row)
    case .filter(let input):
      buffer.render(LineInput(prompt: "/", state: input), in: row)
    case .jsonEditor(let model):
      buffer.render(JSONEditorModel.bindings.keyBar(for: model), in: row)
    case .failForm(let form):
      buffer.render(FailFormModel.bindings.keyBar(for: form), in: row)
    case .viewer(let viewer):
      buffer.render(ValueViewer.bindings.keyBar(for: viewer), in: row)
    case .help, .confirmQuit, .normal:
      buffer.render(keyBindings.keyBar(for: self), in: row)
    }
  }

  // MARK: Panes

  private func renderPane(_ pane: Pane, in box: Rect, layout: AppLayout, buffer: inout ScreenBuffer) {
    let focused = focus == pane
    let panel = Panel(
      title: paneTitle(pane), trailingTitle: pane == .graph ? graph.trailingTitle : nil, focused: focused,
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
    case .executions: executions.render(view, in: inner, focused: focused, buffer: &buffer)
    case .pending: pending.render(view, in: inner, focused: focused, buffer: &buffer)
    case .history: history.render(view, in: inner, focused: focused, buffer: &buffer)
    case .graph: graph.render(view, in: inner, buffer: &buffer)
    case .stateIO: stateIO.render(view, in: inner, focused: focused, buffer: &buffer)
    case .log: log.render(in: inner, buffer: &buffer)
    }
  }

  private func paneTitle(_ pane: Pane) -> String {
    switch pane {
    case .executions: return "Executions"
    case .graph: return graph.title(view)
    case .stateIO: return stateIO.title(view)
    case .pending: return view.pending.isEmpty ? "Pending" : "Pending (\(view.pending.count))"
    case .history: return history.title(view)
    case .log: return focus == .log ? "Log · L hides it" : "Log · L goes to it"
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
      viewer.render(in: screen, buffer: &buffer)
    case .jsonEditor(let model):
      model.render(in: screen, buffer: &buffer)
    case .failForm(let form):
      form.render(in: screen, buffer: &buffer)
    case .normal, .prompt, .filter:
      tour?.render(in: screen, buffer: &buffer)
    }
  }
}
