import TerminalUI

/// The History pane: the focused execution's events, newest followed, filtered by `/`. `enter`
/// shows the selected event in full.
public struct HistoryPane: ListPane, Sendable {
  public var list = ListState(selected: nil)
  /// Case-insensitive text the rows must contain (empty: all).
  public private(set) var filter = ""
  /// Indices into the view's history of the rows passing the filter (nil: no filter).
  private var matches: [Int]?

  static let bindings: [AppKeyBinding] = [
    AppKeyBinding([.enter], name: "show", help: "show an event", section: .panes) { app, _ in
      guard let index = app.history.list.selected, index < app.history.rowCount(app.view) else { return [] }
      return [.showEvent(id: app.history.row(index, in: app.view).id)]
    },
  ]

  /// Filters by `text` (nothing to do when it is the filter already).
  mutating func setFilter(_ text: String, in rows: [HistoryRow]) {
    guard text != filter else { return }
    filter = text
    refilter(rows)
  }

  private mutating func refilter(_ rows: [HistoryRow]) {
    guard !filter.isEmpty else {
      matches = nil
      return
    }
    let needle = filter.lowercased()
    matches = rows.indices.filter { rows[$0].text.lowercased().contains(needle) }
  }

  /// Follows a new session view: the newest event stays selected when it was.
  mutating func update(from old: SessionView, to new: SessionView) {
    let grew = new.history.count != old.history.count
    let following = list.selected == nil || list.selected == rowCount(old) - 1
    refilter(new.history)
    if grew && following {
      list.selected = rowCount(new) == 0 ? nil : rowCount(new) - 1
    }
    list.clamp(count: rowCount(new))
  }

  /// The rows that pass the filter.
  func rows(_ view: SessionView) -> [HistoryRow] {
    guard let matches else { return view.history }
    return matches.map { view.history[$0] }
  }

  func rowCount(_ view: SessionView) -> Int { matches?.count ?? view.history.count }

  /// The `index`-th row that passes the filter.
  func row(_ index: Int, in view: SessionView) -> HistoryRow {
    view.history[matches.map { $0[index] } ?? index]
  }

  func title(_ view: SessionView) -> String {
    let label = view.executions.first(where: \.isFocused)?.label
    var title = label.map { "History · " + $0 } ?? "History"
    if !filter.isEmpty { title += " /" + filter }
    return title
  }

  func listView(_ view: SessionView, focused: Bool) -> LazyListView {
    // Only the rows on screen are formatted: histories can hold tens of thousands of events.
    let pane = self
    return LazyListView(
      count: rowCount(view), state: list, focused: focused,
      emptyText: filter.isEmpty ? "no events yet" : "no event matches /" + filter
    ) { index in TextLine(pane.row(index, in: view).text) }
  }

  func render(_ view: SessionView, in area: Rect, focused: Bool, buffer: inout ScreenBuffer) {
    let listView = listView(view, focused: focused)
    buffer.render(listView, in: area)
    // On the box's right border.
    let bar = Scrollbar(
      contentLength: listView.count, viewportLength: area.height, offset: listView.offset(height: area.height))
    buffer.render(bar, in: Rect(x: area.maxX, y: area.y, width: 1, height: area.height))
  }

  func itemIndex(atRow row: Int, height: Int, _ view: SessionView) -> Int? {
    listView(view, focused: true).itemIndex(atRow: row, height: height)
  }
}

extension AppState {
  /// A key while the `/` filter is typed: the History rows follow each keystroke.
  mutating func handleFilterKey(_ key: Key, _ input: inout LineInputState) {
    switch input.handle(key) {
    case .submitted(let text):
      history.setFilter(text, in: view.history)
      mode = .normal
    case .cancelled:
      mode = .normal
    case .edited, .ignored:
      history.setFilter(input.line, in: view.history)
      mode = .filter(input)
    }
    history.list.clamp(count: history.rowCount(view))
  }
}
