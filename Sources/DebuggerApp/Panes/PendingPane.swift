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

  /// Follows a new session view: an item is always selected while there are any, since S, F
  /// and H act on the selected one.
  mutating func update(to view: SessionView) {
    list.clamp(count: view.pending.count)
    if list.selected == nil && !view.pending.isEmpty { list.selected = 0 }
  }

  /// The item the list selects (the first one when the list has no selection).
  func selected(in view: SessionView) -> PendingRow? {
    guard !view.pending.isEmpty else { return nil }
    return view.pending[min(list.selected ?? 0, view.pending.count - 1)]
  }

  /// The rows for a list `width` columns wide (0: no limit); a long state name loses its middle,
  /// keeping the end that tells siblings apart.
  func listView(_ view: SessionView, focused: Bool, width: Int = 0) -> ListView {
    let items = view.pending.map { row -> ListItem in
      var head = TextLine()
      head.append("\(row.index) ", style: .plain.bolded())
      head.append(row.kind.padded(toWidth: 6), style: Style(foreground: .magenta))
      head.append(row.execution + " · ")
      let room = width - Self.markerWidth - head.width
      head.append(width > 0 && room > 0 ? row.stateName.truncatedInMiddle(toWidth: room) : row.stateName)
      var lines = [head, TextLine("   " + row.resource, style: .plain.dimmed())]
      lines += row.details.map { TextLine("   " + $0, style: .plain.dimmed()) }
      return ListItem(lines)
    }
    return ListView(items: items, state: list, focused: focused, emptyText: "nothing pending")
  }

  /// The columns of the list's selection marker.
  private static let markerWidth = 2

  /// `[S]ucceed  [F]ail  [H]eartbeat`: the global keys that answer a pending item.
  static var answerHint: String {
    AppState.globalBindings.filter { $0.section == .pending }
      .map { "[\($0.label)]" + $0.name.dropFirst() }.joined(separator: "  ")
  }

  func render(_ view: SessionView, in area: Rect, focused: Bool, buffer: inout ScreenBuffer) {
    let listView = listView(view, focused: focused, width: area.width)
    var listArea = area
    // The answer keys under the list, when the whole list still fits above them.
    let listHeight = listView.items.reduce(0) { $0 + $1.height }
    if focused && !view.pending.isEmpty && listHeight < area.height {
      let parts = area.rows([.fill(), .fixed(1)])
      listArea = parts[0]
      buffer.write(Self.answerHint, at: parts[1].origin, style: .plain.dimmed(), clip: parts[1])
    }
    buffer.render(listView, in: listArea)
  }

  func rowCount(_ view: SessionView) -> Int { view.pending.count }

  func itemIndex(atRow row: Int, height: Int, _ view: SessionView) -> Int? {
    listView(view, focused: true).itemIndex(atRow: row, height: height)
  }
}
