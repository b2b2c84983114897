import JSONCore

/// One row of a pretty-printed, foldable JSON tree.
public struct JSONTreeRow: Hashable, Sendable {
  /// What the row shows.
  public enum Kind: Hashable, Sendable {
    /// A scalar, an empty container, or a folded container (`{…}`).
    case leaf
    /// The opening line of an unfolded object or array.
    case open
    /// The closing `}` or `]` of an unfolded container.
    case close
  }

  /// The value the row belongs to (for `close`, the container it closes).
  public var pointer: JSONPointer
  public var depth: Int
  public var kind: Kind
  /// Whether the row's value is a non-empty object or array (something that can fold).
  public var isFoldable: Bool
  public var isFolded: Bool
  /// The row's text without indentation or fold marker.
  public var line: TextLine
}

/// Colours of the JSON tree (attributes only matter where colours are unavailable).
public struct JSONTheme: Hashable, Sendable {
  public var key: Style
  public var string: Style
  public var number: Style
  public var literal: Style
  public var punctuation: Style
  public var summary: Style

  public init(
    key: Style = Style(foreground: .blue), string: Style = Style(foreground: .green),
    number: Style = Style(foreground: .magenta), literal: Style = Style(foreground: .yellow),
    punctuation: Style = .plain, summary: Style = .plain.dimmed()
  ) {
    self.key = key
    self.string = string
    self.number = number
    self.literal = literal
    self.punctuation = punctuation
    self.summary = summary
  }

  public static let standard = JSONTheme()
  /// No colours or attributes at all.
  public static let monochrome = JSONTheme(
    key: .plain, string: .plain, number: .plain, literal: .plain, punctuation: .plain,
    summary: .plain)
}

/// Flattens a JSON value into the rows a `JSONTreeView` shows.
public enum JSONTree {
  /// The rows of `value` pretty-printed with the containers at `folded` pointers folded.
  ///
  /// With `labelledRoot`, a root object is shown as a list of labelled values: no enclosing
  /// braces, its keys unquoted and bold, no commas between them (how the State I/O pane shows
  /// `input`, `parameters`, `output` … as sections).
  public static func rows(
    for value: JSONValue, folded: Set<JSONPointer>, theme: JSONTheme = .standard,
    labelledRoot: Bool = false
  ) -> [JSONTreeRow] {
    var rows: [JSONTreeRow] = []
    if labelledRoot, case .object(let object) = value {
      for member in object {
        var label = TextLine()
        label.append(member.key, style: theme.key.bolded())
        label.append(": ", style: theme.punctuation)
        append(member.value, key: nil, label: label, pointer: .root / member.key, depth: 0,
               isLast: true, folded: folded, theme: theme, into: &rows)
      }
      return rows
    }
    append(value, key: nil, pointer: .root, depth: 0, isLast: true, folded: folded, theme: theme,
           into: &rows)
    return rows
  }

  /// Every foldable container deeper than `depth` (0 = the root's members): a starting fold set
  /// that shows the top levels only.
  public static func containers(in value: JSONValue, deeperThan depth: Int) -> Set<JSONPointer> {
    var result: Set<JSONPointer> = []
    func visit(_ value: JSONValue, _ pointer: JSONPointer, _ level: Int) {
      switch value {
      case .object(let object) where !object.isEmpty:
        if level > depth { result.insert(pointer) }
        for (key, member) in object { visit(member, pointer / key, level + 1) }
      case .array(let array) where !array.isEmpty:
        if level > depth { result.insert(pointer) }
        for (index, element) in array.enumerated() { visit(element, pointer / index, level + 1) }
      default: break
      }
    }
    visit(value, .root, 0)
    return result
  }

  private static func append(
    _ value: JSONValue, key: String?, label: TextLine? = nil, pointer: JSONPointer, depth: Int,
    isLast: Bool, folded: Set<JSONPointer>, theme: JSONTheme, into rows: inout [JSONTreeRow]
  ) {
    var head = label ?? TextLine()
    if let key {
      head.append(JSONValue.string(key).compactString, style: theme.key)
      head.append(": ", style: theme.punctuation)
    }
    let comma = isLast ? "" : ","
    let isFoldable: Bool
    let opening: String
    let closing: String
    let summary: String
    switch value {
    case .object(let object) where !object.isEmpty:
      isFoldable = true
      (opening, closing) = ("{", "}")
      summary = object.count == 1 ? "1 key" : "\(object.count) keys"
    case .array(let array) where !array.isEmpty:
      isFoldable = true
      (opening, closing) = ("[", "]")
      summary = array.count == 1 ? "1 item" : "\(array.count) items"
    default:
      isFoldable = false
      (opening, closing, summary) = ("", "", "")
    }
    guard isFoldable else {
      head.append(value.compactString, style: scalarStyle(value, theme))
      head.append(comma, style: theme.punctuation)
      rows.append(JSONTreeRow(pointer: pointer, depth: depth, kind: .leaf, isFoldable: false,
                              isFolded: false, line: head))
      return
    }
    if folded.contains(pointer) {
      head.append(opening + "…" + closing + comma, style: theme.punctuation)
      head.append(" " + summary, style: theme.summary)
      rows.append(JSONTreeRow(pointer: pointer, depth: depth, kind: .leaf, isFoldable: true,
                              isFolded: true, line: head))
      return
    }
    head.append(opening, style: theme.punctuation)
    rows.append(JSONTreeRow(pointer: pointer, depth: depth, kind: .open, isFoldable: true,
                            isFolded: false, line: head))
    switch value {
    case .object(let object):
      let count = object.count
      for (index, member) in object.enumerated() {
        append(member.value, key: member.key, pointer: pointer / member.key, depth: depth + 1,
               isLast: index == count - 1, folded: folded, theme: theme, into: &rows)
      }
    case .array(let array):
      for (index, element) in array.enumerated() {
        append(element, key: nil, pointer: pointer / index, depth: depth + 1,
               isLast: index == array.count - 1, folded: folded, theme: theme, into: &rows)
      }
    default: break
    }
    rows.append(JSONTreeRow(pointer: pointer, depth: depth, kind: .close, isFoldable: true,
                            isFolded: false, line: TextLine(closing + comma, style: theme.punctuation)))
  }

  private static func scalarStyle(_ value: JSONValue, _ theme: JSONTheme) -> Style {
    switch value {
    case .string: return theme.string
    case .number: return theme.number
    case .bool, .null: return theme.literal
    default: return theme.punctuation
    }
  }
}

/// Folding, selection and scroll of a JSON tree, kept in the app state between frames.
public struct JSONTreeState: Hashable, Sendable {
  /// The folded containers.
  public var folded: Set<JSONPointer>
  /// Selected row and first row shown.
  public var list: ListState
  /// Whether the root object is shown as labelled sections (see `JSONTree.rows`).
  public var labelledRoot: Bool

  public init(folded: Set<JSONPointer> = [], list: ListState = ListState(), labelledRoot: Bool = false) {
    self.folded = folded
    self.list = list
    self.labelledRoot = labelledRoot
  }

  func rows(_ value: JSONValue) -> [JSONTreeRow] {
    JSONTree.rows(for: value, folded: folded, theme: .monochrome, labelledRoot: labelledRoot)
  }

  /// Folds or unfolds the container at `pointer`.
  public mutating func toggle(_ pointer: JSONPointer) {
    if folded.contains(pointer) { folded.remove(pointer) } else { folded.insert(pointer) }
  }

  /// Applies a key to the tree of `value`: up/down/`jk`/page/home/end move; enter/space toggles
  /// the selected container; left/`h` folds it or goes to its parent; right/`l` unfolds it or
  /// goes to its first child. Returns whether the key was used.
  public mutating func handle(_ key: Key, value: JSONValue, pageSize: Int = 10) -> Bool {
    let rows = self.rows(value)
    list.clamp(count: rows.count)
    if list.handle(key, count: rows.count, pageSize: pageSize) { return true }
    guard let selected = list.selected, selected < rows.count else { return false }
    let row = rows[selected]
    switch key {
    case .enter, .character(" "):
      guard row.isFoldable else { return false }
      toggle(row.pointer)
      select(row.pointer, in: value)
    case .left, .character("h"):
      if row.isFoldable && !row.isFolded {
        folded.insert(row.pointer)
        select(row.pointer, in: value)
      } else if let parent = row.pointer.parent {
        select(parent, in: value)
      } else {
        return false
      }
    case .right, .character("l"):
      if row.isFolded {
        folded.remove(row.pointer)
        select(row.pointer, in: value)
      } else if row.kind == .open {
        list.selected = selected + 1
      } else {
        return false
      }
    default:
      return false
    }
    return true
  }

  /// Selects the first row of the value at `pointer` (its opening line for a container).
  public mutating func select(_ pointer: JSONPointer, in value: JSONValue) {
    let rows = self.rows(value)
    if let index = rows.firstIndex(where: { $0.pointer == pointer && $0.kind != .close }) {
      list.selected = index
    }
  }

  /// The pointer of the selected row, if any.
  public func selectedPointer(in value: JSONValue) -> JSONPointer? {
    let rows = self.rows(value)
    guard let selected = list.selected, selected >= 0, selected < rows.count else { return nil }
    return rows[selected].pointer
  }
}

/// Pretty-printed JSON with foldable objects and arrays (`▾` open, `▸` folded), a selected row
/// and scrolling. Lines too long for the area end in `…`.
public struct JSONTreeView: Widget, Sendable {
  public var value: JSONValue
  public var state: JSONTreeState
  public var focused: Bool
  public var theme: JSONTheme
  /// Spaces per nesting level.
  public var indent: Int
  /// Whether to highlight the selected row (off for a read-only display).
  public var showsSelection: Bool

  public init(
    value: JSONValue, state: JSONTreeState = JSONTreeState(), focused: Bool = false,
    theme: JSONTheme = .standard, indent: Int = 2, showsSelection: Bool = true
  ) {
    self.value = value
    self.state = state
    self.focused = focused
    self.theme = theme
    self.indent = indent
    self.showsSelection = showsSelection
  }

  /// The rows drawn, in order.
  public var rows: [JSONTreeRow] {
    JSONTree.rows(for: value, folded: state.folded, theme: theme, labelledRoot: state.labelledRoot)
  }

  public func render(in area: Rect, buffer: inout ScreenBuffer) {
    guard !area.isEmpty else { return }
    buffer.fill(area)
    let rows = self.rows
    let first = state.list.visibleOffset(
      itemHeights: Array(repeating: 1, count: rows.count), height: area.height)
    for (i, row) in rows.dropFirst(first).prefix(area.height).enumerated() {
      let rowArea = area.row(i)
      var line = TextLine()
      switch (row.kind, row.isFolded) {
      case (.open, _): line.append("▾ ", style: theme.punctuation)
      case (.leaf, true): line.append("▸ ", style: theme.punctuation)
      default: line.append("  ")
      }
      line.append(String(repeating: " ", count: row.depth * indent))
      line.append(row.line)
      buffer.write(line.truncated(toWidth: rowArea.width), at: rowArea.origin, clip: rowArea)
      if showsSelection && first + i == state.list.selected {
        let highlight = focused ? Style.plain.reversed() : Style.plain.bolded()
        buffer.modifyStyle(in: rowArea) { $0 = $0.patched(with: highlight) }
      }
    }
  }
}
