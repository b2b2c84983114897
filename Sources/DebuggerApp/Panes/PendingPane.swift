import TerminalUI

/// The Pending pane: task tokens and tasks waiting on a person. `enter` answers the selected one
/// (as `S` does); the global `S`, `F` and `H` act on it.
public struct PendingPane: ListPane, Sendable {
  public var list = ListState(selected: 0)

  static let bindings: [AppKeyBinding] = [
    AppKeyBinding([.enter], name: "succeed", help: "succeed", section: .panes) { app, _ in
      if let item = app.selectedPending { app.mode = .jsonEditor(JSONEditorModel(succeeding: item)) }
      return []
    },
  ]

  /// The item the list selects (the first one when the list has no selection).
  func selected(in view: SessionView) -> PendingRow? {
    guard !view.pending.isEmpty else { return nil }
    return view.pending[min(list.selected ?? 0, view.pending.count - 1)]
  }

  func listView(_ view: SessionView, focused: Bool) -> ListView {
    let items = view.pending.map { row -> ListItem in
      var head = TextLine()
      head.append("\(row.index) ", style: .plain.bolded())
      head.append(row.kind.padded(toWidth: 6), style: Style(foreground: .magenta))
      head.append(row.execution + " · " + row.stateName)
      var lines = [head, TextLine("   " + row.resource, style: .plain.dimmed())]
      lines += row.details.map { TextLine("   " + $0, style: .plain.dimmed()) }
      return ListItem(lines)
    }
    return ListView(items: items, state: list, focused: focused, emptyText: "nothing pending")
  }

  /// `[S]ucceed  [F]ail  [H]eartbeat`: the global keys that answer a pending item.
  static var answerHint: String {
    AppState.globalBindings.filter { $0.section == .pending }
      .map { "[\($0.label)]" + $0.name.dropFirst() }.joined(separator: "  ")
  }

  func render(_ view: SessionView, in area: Rect, focused: Bool, buffer: inout ScreenBuffer) {
    var listArea = area
    if focused && !view.pending.isEmpty && area.height >= 4 {
      let parts = area.rows([.fill(), .fixed(1)])
      listArea = parts[0]
      buffer.write(Self.answerHint, at: parts[1].origin, style: .plain.dimmed(), clip: parts[1])
    }
    buffer.render(listView(view, focused: focused), in: listArea)
  }

  func rowCount(_ view: SessionView) -> Int { view.pending.count }

  func itemIndex(atRow row: Int, height: Int, _ view: SessionView) -> Int? {
    listView(view, focused: true).itemIndex(atRow: row, height: height)
  }
}
