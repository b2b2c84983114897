/// A row of tab titles with the selected one in reverse video and between `[` `]`, so it shows
/// without colours too.
public struct Tabs: Widget, Sendable {
  public var titles: [String]
  public var selected: Int
  public var separator: String
  public var selectedStyle: Style
  public var style: Style

  public init(
    titles: [String], selected: Int, separator: String = " ",
    selectedStyle: Style = .plain.reversed().bolded(), style: Style = .plain
  ) {
    self.titles = titles
    self.selected = selected
    self.separator = separator
    self.selectedStyle = selectedStyle
    self.style = style
  }

  /// The labels drawn for `width` columns: `[Title]` for the selected tab, ` Title ` otherwise,
  /// titles shortened evenly when they do not all fit.
  public func labels(width: Int) -> [String] {
    guard !titles.isEmpty else { return [] }
    let separatorWidth = separator.terminalWidth * (titles.count - 1)
    func make(_ limit: Int?) -> [String] {
      titles.enumerated().map { index, title in
        let shown = limit.map { title.truncated(toWidth: $0) } ?? title
        return index == selected ? "[" + shown + "]" : " " + shown + " "
      }
    }
    var labels = make(nil)
    var limit = titles.map(\.terminalWidth).max() ?? 0
    while labels.reduce(separatorWidth, { $0 + $1.terminalWidth }) > width && limit > 1 {
      limit -= 1
      labels = make(limit)
    }
    return labels
  }

  /// The tab under column `x` (relative to the area's left edge), for mouse clicks.
  public func index(atColumn x: Int, width: Int) -> Int? {
    var start = 0
    for (index, label) in labels(width: width).enumerated() {
      let end = start + label.terminalWidth
      if x >= start && x < end { return index }
      start = end + separator.terminalWidth
    }
    return nil
  }

  public func render(in area: Rect, buffer: inout ScreenBuffer) {
    guard !area.isEmpty else { return }
    let row = area.row(0)
    buffer.fill(row, with: Cell(" ", style: style))
    var x = row.x
    for (index, label) in labels(width: row.width).enumerated() {
      if index > 0 {
        x += buffer.write(separator, at: Point(x: x, y: row.y), style: style, clip: row)
      }
      x += buffer.write(label, at: Point(x: x, y: row.y),
                        style: index == selected ? selectedStyle : style, clip: row)
      if x >= row.maxX { break }
    }
  }
}

/// A key and what it does, as listed in the key-hint bar and the help overlay.
public struct KeyHint: Hashable, Sendable {
  public var key: String
  public var label: String

  public init(_ key: String, _ label: String) {
    self.key = key
    self.label = label
  }
}

/// The bottom bar of keys that do something now: `s step  n next …`; hints that do not fit are
/// left out whole (earlier hints win), except the `pinned` ones (e.g. `? help`), which stay at the
/// end whenever they fit at all, and the `preferred` ones (hints that matter most now), which are
/// kept before the others in their place.
public struct KeyHintBar: Widget, Sendable {
  public var hints: [KeyHint]
  /// Hints kept at the end of the bar even when others must go.
  public var pinned: [KeyHint]
  /// Hints of `hints` that are kept before the others are considered.
  public var preferred: [KeyHint]
  public var keyStyle: Style
  public var labelStyle: Style

  public init(
    hints: [KeyHint], pinned: [KeyHint] = [], preferred: [KeyHint] = [],
    keyStyle: Style = Style(foreground: .cyan, bold: true), labelStyle: Style = .plain
  ) {
    self.hints = hints
    self.pinned = pinned
    self.preferred = preferred
    self.keyStyle = keyStyle
    self.labelStyle = labelStyle
  }

  private static func width(of hint: KeyHint) -> Int {
    hint.key.terminalWidth + 1 + hint.label.terminalWidth
  }

  /// The hints that fit in `width` columns, in the order drawn.
  public func visibleHints(width: Int) -> [KeyHint] {
    // One column of margin, two between hints.
    func total(_ list: [KeyHint]) -> Int {
      list.isEmpty ? 0 : 1 + list.reduce(0) { $0 + Self.width(of: $1) } + 2 * (list.count - 1)
    }
    var keptPinned: [KeyHint] = []
    for hint in pinned where total(keptPinned + [hint]) <= width { keptPinned.append(hint) }
    var kept = Set<Int>()
    func shown(adding index: Int) -> [KeyHint] {
      hints.indices.filter { kept.contains($0) || $0 == index }.map { hints[$0] }
    }
    for index in hints.indices where preferred.contains(hints[index]) {
      if total(shown(adding: index) + keptPinned) <= width { kept.insert(index) }
    }
    for index in hints.indices where !kept.contains(index) && !preferred.contains(hints[index]) {
      if total(shown(adding: index) + keptPinned) > width { break }
      kept.insert(index)
    }
    return hints.indices.filter(kept.contains).map { hints[$0] } + keptPinned
  }

  public func render(in area: Rect, buffer: inout ScreenBuffer) {
    guard !area.isEmpty else { return }
    let row = area.row(0)
    buffer.fill(row)
    var x = row.x + 1
    for (index, hint) in visibleHints(width: row.width).enumerated() {
      if index > 0 { x += 2 }
      x += buffer.write(hint.key, at: Point(x: x, y: row.y), style: keyStyle, clip: row)
      x += buffer.write(" " + hint.label, at: Point(x: x, y: row.y), style: labelStyle, clip: row)
    }
  }
}

/// A one-row status line: text on the left, text flush right; when they do not both fit the
/// left part is shortened first.
public struct StatusLine: Widget, Sendable {
  public var left: TextLine
  public var right: TextLine
  public var style: Style

  public init(left: TextLine, right: TextLine = TextLine(), style: Style = .plain) {
    self.left = left
    self.right = right
    self.style = style
  }

  public func render(in area: Rect, buffer: inout ScreenBuffer) {
    guard !area.isEmpty else { return }
    let row = area.row(0)
    buffer.fill(row, with: Cell(" ", style: style))
    let inner = row.inset(left: 1, right: 1)
    guard !inner.isEmpty else { return }
    let rightLine = right.restyled { $0 = style.patched(with: $0) }
      .truncated(toWidth: inner.width)
    let rightWidth = rightLine.width
    let leftRoom = inner.width - rightWidth - (rightWidth > 0 ? 2 : 0)
    if leftRoom > 0 {
      let leftLine = left.restyled { $0 = style.patched(with: $0) }.truncated(toWidth: leftRoom)
      buffer.write(leftLine, at: inner.origin, clip: inner)
    }
    buffer.write(rightLine, at: Point(x: inner.maxX - rightWidth, y: row.y), clip: inner)
  }
}
