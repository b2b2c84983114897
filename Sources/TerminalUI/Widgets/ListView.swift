/// Selection and scroll position of a list, kept in the app state between frames.
public struct ListState: Hashable, Sendable {
  /// The selected item index, nil when nothing is selected.
  public var selected: Int?
  /// The first item shown.
  public var offset: Int

  public init(selected: Int? = 0, offset: Int = 0) {
    self.selected = selected
    self.offset = offset
  }

  /// Clamps the selection to a list of `count` items (nil when empty, kept nil when nil).
  public mutating func clamp(count: Int) {
    if count == 0 {
      selected = nil
      offset = 0
    } else if let s = selected {
      selected = min(max(0, s), count - 1)
      offset = min(max(0, offset), count - 1)
    }
  }

  /// Moves the selection by `delta` items (selecting the first item when nothing is selected).
  public mutating func move(by delta: Int, count: Int) {
    guard count > 0 else { return clamp(count: 0) }
    selected = min(max(0, (selected ?? (delta > 0 ? -1 : count)) + delta), count - 1)
  }

  /// Applies a navigation key: up/`k`, down/`j`, page up/down, home/`g`, end/`G`.
  /// Returns whether the key was used.
  public mutating func handle(_ key: Key, count: Int, pageSize: Int = 10) -> Bool {
    switch key {
    case .up, .character("k"): move(by: -1, count: count)
    case .down, .character("j"): move(by: 1, count: count)
    case .pageUp: move(by: -max(1, pageSize), count: count)
    case .pageDown: move(by: max(1, pageSize), count: count)
    case .home, .character("g"): if count > 0 { selected = 0 }
    case .end, .character("G"): if count > 0 { selected = count - 1 }
    default: return false
    }
    return true
  }

  /// The first item to show so that the selected item is fully visible in `height` rows, given
  /// each item's height; keeps `offset` when the selection is already visible.
  public func visibleOffset(itemHeights: [Int], height: Int) -> Int {
    let count = itemHeights.count
    guard count > 0, height > 0 else { return 0 }
    var first = min(max(0, offset), count - 1)
    guard let selected, selected >= 0, selected < count else { return first }
    if selected < first { return selected }
    var used = itemHeights[first...selected].reduce(0, +)
    while used > height && first < selected {
      used -= itemHeights[first]
      first += 1
    }
    return first
  }

  /// Stores the offset that `visibleOffset` computes (call after moving the selection).
  public mutating func scrollToSelection(itemHeights: [Int], height: Int) {
    offset = visibleOffset(itemHeights: itemHeights, height: height)
  }
}

/// An entry of a `ListView`: one or more lines of styled text.
public struct ListItem: Hashable, Sendable, ExpressibleByStringLiteral {
  public var lines: [TextLine]

  public init(_ lines: [TextLine]) { self.lines = lines.isEmpty ? [TextLine()] : lines }
  public init(_ line: TextLine) { self.lines = [line] }
  public init(_ text: String, style: Style = .plain) { self.lines = [TextLine(text, style: style)] }
  public init(stringLiteral value: String) { self.init(value) }

  public var height: Int { lines.count }
}

/// A scrolling list with a selection: the selected item is marked with `▸` (visible without
/// colours) and, when the list has focus, drawn in reverse video.
public struct ListView: Widget, Sendable {
  public var items: [ListItem]
  public var state: ListState
  public var focused: Bool
  /// Drawn before the first line of the selected item; other lines get as many spaces.
  public var selectionMarker: String
  public var selectedStyle: Style
  public var unfocusedSelectedStyle: Style
  /// Shown (dimmed) when there are no items.
  public var emptyText: String

  public init(
    items: [ListItem], state: ListState = ListState(), focused: Bool = false,
    selectionMarker: String = "▸ ", selectedStyle: Style = .plain.reversed(),
    unfocusedSelectedStyle: Style = .plain.bolded(), emptyText: String = ""
  ) {
    self.items = items
    self.state = state
    self.focused = focused
    self.selectionMarker = selectionMarker
    self.selectedStyle = selectedStyle
    self.unfocusedSelectedStyle = unfocusedSelectedStyle
    self.emptyText = emptyText
  }

  /// The first item drawn in an area of `height` rows.
  public func offset(height: Int) -> Int {
    state.visibleOffset(itemHeights: items.map(\.height), height: height)
  }

  /// The item at row `row` of the area (for mouse clicks), if any.
  public func itemIndex(atRow row: Int, height: Int) -> Int? {
    guard row >= 0, row < height else { return nil }
    var y = 0
    var index = offset(height: height)
    while index < items.count {
      y += items[index].height
      if row < y { return index }
      index += 1
    }
    return nil
  }

  public func render(in area: Rect, buffer: inout ScreenBuffer) {
    guard !area.isEmpty else { return }
    buffer.fill(area)
    if items.isEmpty {
      buffer.write(emptyText, at: area.origin, style: .plain.dimmed(), clip: area)
      return
    }
    let markerWidth = selectionMarker.terminalWidth
    let padding = String(repeating: " ", count: markerWidth)
    var y = area.y
    var index = offset(height: area.height)
    while index < items.count && y < area.maxY {
      let isSelected = index == state.selected
      for (lineNumber, line) in items[index].lines.enumerated() where y < area.maxY {
        let row = Rect(x: area.x, y: y, width: area.width, height: 1)
        let prefix = isSelected && lineNumber == 0 ? selectionMarker : padding
        let x = area.x + buffer.write(prefix, at: row.origin, clip: row)
        buffer.write(line.truncated(toWidth: row.maxX - x), at: Point(x: x, y: y), clip: row)
        if isSelected {
          let style = focused ? selectedStyle : unfocusedSelectedStyle
          buffer.modifyStyle(in: row) { $0 = $0.patched(with: style) }
        }
        y += 1
      }
      index += 1
    }
  }
}

/// A list of one-line rows built on demand: only the rows on screen are made, so a list of
/// 100,000 entries costs no more to draw than one of 30. Selection and marking as `ListView`.
public struct LazyListView: Widget, Sendable {
  public var count: Int
  public var row: @Sendable (Int) -> TextLine
  public var state: ListState
  public var focused: Bool
  public var selectionMarker: String
  public var emptyText: String

  public init(
    count: Int, state: ListState = ListState(), focused: Bool = false,
    selectionMarker: String = "▸ ", emptyText: String = "", row: @escaping @Sendable (Int) -> TextLine
  ) {
    self.count = count
    self.row = row
    self.state = state
    self.focused = focused
    self.selectionMarker = selectionMarker
    self.emptyText = emptyText
  }

  /// The first row drawn in an area of `height` rows.
  public func offset(height: Int) -> Int {
    guard count > 0, height > 0 else { return 0 }
    var first = min(max(0, state.offset), count - 1)
    if let selected = state.selected, selected >= 0, selected < count {
      if selected < first { first = selected }
      if selected >= first + height { first = selected - height + 1 }
    }
    return max(0, min(first, count - 1))
  }

  /// The row at line `line` of the area (for mouse clicks), if any.
  public func itemIndex(atRow line: Int, height: Int) -> Int? {
    guard line >= 0, line < height else { return nil }
    let index = offset(height: height) + line
    return index < count ? index : nil
  }

  public func render(in area: Rect, buffer: inout ScreenBuffer) {
    guard !area.isEmpty else { return }
    buffer.fill(area)
    if count == 0 {
      buffer.write(emptyText, at: area.origin, style: .plain.dimmed(), clip: area)
      return
    }
    let padding = String(repeating: " ", count: selectionMarker.terminalWidth)
    let first = offset(height: area.height)
    for line in 0..<min(area.height, count - first) {
      let index = first + line
      let rowArea = area.row(line)
      let isSelected = index == state.selected
      let x = area.x + buffer.write(isSelected ? selectionMarker : padding, at: rowArea.origin, clip: rowArea)
      buffer.write(row(index).truncated(toWidth: rowArea.maxX - x), at: Point(x: x, y: rowArea.y), clip: rowArea)
      if isSelected {
        let style = focused ? Style.plain.reversed() : Style.plain.bolded()
        buffer.modifyStyle(in: rowArea) { $0 = $0.patched(with: style) }
      }
    }
  }
}
