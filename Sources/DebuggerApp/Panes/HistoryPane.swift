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

  /// The rows for a list `width` columns wide (0: no limit).
  func listView(_ view: SessionView, focused: Bool, width: Int = 0, height: Int = 0) -> LazyListView {
    // Only the rows on screen are formatted: histories can hold tens of thousands of events.
    let pane = self
    var list = LazyListView(
      count: rowCount(view), state: self.list, focused: focused,
      emptyText: filter.isEmpty ? "no events yet" : "no event matches /" + filter
    ) { index in TextLine(pane.row(index, in: view).text) }
    guard width > 0 else { return list }
    let first = list.offset(height: height)
    let shown = (first..<min(list.count, first + height)).map { row($0, in: view) }
    let columns = HistoryColumns(rows: shown, width: width - list.selectionMarker.terminalWidth)
    list.row = { index in columns.line(pane.row(index, in: view)) }
    return list
  }

  func render(_ view: SessionView, in area: Rect, focused: Bool, buffer: inout ScreenBuffer) {
    let listView = listView(view, focused: focused, width: area.width, height: area.height)
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

/// The columns of history rows on screen: the id, the event type, then the state name and a
/// detail. The type column is as wide as the rows shown need, up to half the room, so names keep
/// the rest; what must be cut loses its middle, keeping the end that tells events and states apart.
struct HistoryColumns {
  var idWidth: Int
  var typeWidth: Int
  var width: Int

  init(rows: [HistoryRow], width: Int) {
    self.width = width
    idWidth = String(rows.map(\.id).max() ?? 0).count
    let widest = rows.map(\.type.terminalWidth).max() ?? 0
    typeWidth = max(0, min(widest, (width - idWidth - 2) / 2))
  }

  func line(_ row: HistoryRow) -> TextLine {
    var text = String(row.id).padded(toWidth: idWidth) + " " + Self.type(row.type, width: typeWidth)
    if let name = row.stateName {
      text += " " + name.truncatedInMiddle(toWidth: max(1, width - text.terminalWidth - 1))
    }
    if let detail = row.detail { text += " · " + detail }
    return TextLine(text)
  }

  /// An event type in `width` columns: `TaskStateEntered` becomes `TaskEntered` (the state name
  /// follows), `ExecutionStarted` `ExecStarted`, before anything is cut.
  static func type(_ type: String, width: Int) -> String {
    var shown = type
    if shown.terminalWidth > width, let state = shown.range(of: "State"), state.lowerBound != shown.startIndex,
      state.upperBound != shown.endIndex, shown[state.upperBound].isUppercase
    {
      shown.removeSubrange(state)
    }
    for (word, short) in [("Execution", "Exec"), ("Iteration", "Iter")] where shown.terminalWidth > width {
      if let range = shown.range(of: word) { shown.replaceSubrange(range, with: short) }
    }
    return shown.truncatedInMiddle(toWidth: width).padded(toWidth: width)
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
      // esc drops the filter being typed, as it drops a selection.
      history.setFilter("", in: view.history)
      mode = .normal
    case .edited, .ignored:
      history.setFilter(input.line, in: view.history)
      mode = .filter(input)
    }
    history.list.clamp(count: history.rowCount(view))
  }
}
