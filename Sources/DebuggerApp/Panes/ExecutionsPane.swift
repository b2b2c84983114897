import TerminalUI

/// The Executions pane: the tree of executions, the call stack across machines. `enter` focuses
/// the selected one.
public struct ExecutionsPane: ListPane, Sendable {
  public var list = ListState(selected: 0)

  static let bindings: [AppKeyBinding] = [
    AppKeyBinding([.enter], name: "focus", help: "focus the execution", section: .panes) { app, _ in
      guard let index = app.executions.list.selected, index < app.view.executions.count else { return [] }
      return [.execute(.focus(execution: app.view.executions[index].id))]
    },
  ]

  /// Follows a new session view: the selection jumps to the focused execution when focus moved.
  mutating func update(from old: SessionView, to new: SessionView) {
    let focusChanged = new.executions.first(where: \.isFocused)?.id != old.executions.first(where: \.isFocused)?.id
    if let focused = new.executions.firstIndex(where: \.isFocused), list.selected == nil || focusChanged {
      list.selected = focused
    }
    list.clamp(count: new.executions.count)
  }

  func listView(_ view: SessionView, focused: Bool, width: Int = 0) -> ListView {
    let items = view.executions.map { row -> ListItem in
      let indent = String(repeating: "  ", count: row.depth)
      var head = TextLine()
      head.append(row.isFocused ? "● " : "  ", style: .plain.bolded())
      head.append(indent + row.label, style: row.isFocused ? .plain.bolded() : .plain)
      // The status before the machine, so a long machine name cannot push it off the row.
      head.append("  " + row.status, style: AppState.statusStyle(row.status))
      head.append("  " + row.machine, style: .plain.dimmed())
      // The start time, when the row has room for it (wide panes).
      if !row.startedAt.isEmpty && head.width + row.startedAt.terminalWidth + 4 <= width {
        head.append("  " + row.startedAt, style: .plain.dimmed())
      }
      var lines = [head]
      if let link = row.link { lines.append(TextLine("  " + indent + "  ↳ " + link, style: .plain.dimmed())) }
      return ListItem(lines)
    }
    return ListView(items: items, state: list, focused: focused, emptyText: "no executions yet")
  }

  func render(_ view: SessionView, in area: Rect, focused: Bool, buffer: inout ScreenBuffer) {
    buffer.render(listView(view, focused: focused, width: area.width), in: area)
  }

  func rowCount(_ view: SessionView) -> Int { view.executions.count }

  func itemIndex(atRow row: Int, height: Int, _ view: SessionView) -> Int? {
    listView(view, focused: true).itemIndex(atRow: row, height: height)
  }
}
