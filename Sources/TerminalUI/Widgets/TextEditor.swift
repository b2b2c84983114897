/// A position in multi-line text: zero-based line and column (in characters).
public struct TextPosition: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (lhs: TextPosition, rhs: TextPosition) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }

  /// One-based `line:column`, as editors and parse errors show it.
  public var description: String { "\(line + 1):\(column + 1)" }
}

/// The text, cursor and scroll of a multi-line editor, kept in the app state.
///
/// Editing only: checking that the text is valid (JSON, say) is the caller's job.
public struct TextEditorState: Hashable, Sendable {
  /// The lines, each as characters (never empty: an empty text is one empty line).
  public private(set) var lines: [[Character]]
  /// The cursor (always inside the text).
  public private(set) var cursor: TextPosition
  /// The first row and column shown.
  public var scroll: ScrollState
  /// Whether the text changed since creation or `markSaved()`.
  public private(set) var isModified = false
  /// Whether the whole text is selected: typing replaces it, a move keeps it (as a prefilled
  /// field in a dialog behaves).
  public private(set) var isAllSelected = false
  private var preferredColumn: Int?

  public init(text: String = "") {
    let split = text.split(separator: "\n", omittingEmptySubsequences: false)
    lines = split.map { Array($0.hasSuffix("\r") ? $0.dropLast() : $0[...]) }
    if lines.isEmpty { lines = [[]] }
    cursor = TextPosition(line: 0, column: 0)
    scroll = ScrollState()
  }

  /// The whole text, lines joined with newlines.
  public var text: String { lines.map { String($0) }.joined(separator: "\n") }

  /// Clears the modified flag.
  public mutating func markSaved() { isModified = false }

  /// Selects the whole text, the cursor at its end: the next edit replaces it.
  public mutating func selectAll() {
    isAllSelected = true
    cursor = TextPosition(line: lines.count - 1, column: lines[lines.count - 1].count)
    preferredColumn = nil
  }

  /// Drops a whole-text selection; `replacing` also removes the selected text.
  private mutating func endSelection(replacing: Bool) {
    guard isAllSelected else { return }
    isAllSelected = false
    guard replacing else { return }
    lines = [[]]
    cursor = TextPosition(line: 0, column: 0)
    isModified = true
  }

  /// Moves the cursor, clamped into the text.
  public mutating func moveCursor(to position: TextPosition) {
    endSelection(replacing: false)
    let line = min(max(0, position.line), lines.count - 1)
    cursor = TextPosition(line: line, column: min(max(0, position.column), lines[line].count))
    preferredColumn = nil
  }

  /// Inserts text at the cursor (newlines split lines) and moves the cursor after it.
  public mutating func insert(_ text: String) {
    endSelection(replacing: true)
    for character in text {
      if character == "\n" || character == "\r\n" {
        splitLine()
      } else if character == "\t" {
        insertCharacter(" ")
        insertCharacter(" ")
      } else {
        insertCharacter(character)
      }
    }
    preferredColumn = nil
  }

  private mutating func insertCharacter(_ character: Character) {
    lines[cursor.line].insert(character, at: cursor.column)
    cursor.column += 1
    isModified = true
  }

  private mutating func splitLine() {
    let current = lines[cursor.line]
    let tail = Array(current[cursor.column...])
    lines[cursor.line] = Array(current[..<cursor.column])
    lines.insert(tail, at: cursor.line + 1)
    cursor = TextPosition(line: cursor.line + 1, column: 0)
    isModified = true
  }

  /// Deletes the character before the cursor (joining lines at a line start).
  public mutating func deleteBackward() {
    if cursor.column > 0 {
      lines[cursor.line].remove(at: cursor.column - 1)
      cursor.column -= 1
    } else if cursor.line > 0 {
      let removed = lines.remove(at: cursor.line)
      cursor.line -= 1
      cursor.column = lines[cursor.line].count
      lines[cursor.line].append(contentsOf: removed)
    } else {
      return
    }
    isModified = true
    preferredColumn = nil
  }

  /// Deletes the character at the cursor (joining lines at a line end).
  public mutating func deleteForward() {
    if cursor.column < lines[cursor.line].count {
      lines[cursor.line].remove(at: cursor.column)
    } else if cursor.line + 1 < lines.count {
      let next = lines.remove(at: cursor.line + 1)
      lines[cursor.line].append(contentsOf: next)
    } else {
      return
    }
    isModified = true
  }

  private mutating func moveVertically(by delta: Int) {
    let target = min(max(0, cursor.line + delta), lines.count - 1)
    let column = preferredColumn ?? cursor.column
    cursor = TextPosition(line: target, column: min(column, lines[target].count))
    preferredColumn = column
  }

  /// Applies an editing key: arrows, home/end (`ctrl-a`/`ctrl-e`), page up/down, backspace,
  /// delete (`ctrl-d`), enter (new line keeping the indentation), tab (two spaces), `ctrl-k`
  /// (delete to end of line), `ctrl-u` (delete to start of line), printable characters.
  /// Returns whether the key was used (escape, ctrl-s etc. are left to the caller).
  public mutating func handle(_ key: Key, pageSize: Int = 10) -> Bool {
    if isAllSelected {
      switch key {
      case .backspace, .ctrl("h"), .delete, .ctrl("d"), .ctrl("k"), .ctrl("u"):
        endSelection(replacing: true)
        return true
      case .character, .enter, .tab:
        endSelection(replacing: true)
      default:
        endSelection(replacing: false)
      }
    }
    switch key {
    case .left:
      if cursor.column > 0 {
        cursor.column -= 1
      } else if cursor.line > 0 {
        cursor.line -= 1
        cursor.column = lines[cursor.line].count
      }
      preferredColumn = nil
    case .right:
      if cursor.column < lines[cursor.line].count {
        cursor.column += 1
      } else if cursor.line + 1 < lines.count {
        cursor = TextPosition(line: cursor.line + 1, column: 0)
      }
      preferredColumn = nil
    case .up: moveVertically(by: -1)
    case .down: moveVertically(by: 1)
    case .pageUp: moveVertically(by: -max(1, pageSize))
    case .pageDown: moveVertically(by: max(1, pageSize))
    case .home, .ctrl("a"):
      cursor.column = 0
      preferredColumn = nil
    case .end, .ctrl("e"):
      cursor.column = lines[cursor.line].count
      preferredColumn = nil
    case .backspace, .ctrl("h"): deleteBackward()
    case .delete, .ctrl("d"): deleteForward()
    case .enter:
      let indentation = lines[cursor.line].prefix { $0 == " " }
      splitLine()
      insert(String(indentation))
    case .tab: insert("  ")
    case .ctrl("k"):
      if cursor.column == lines[cursor.line].count {
        deleteForward()
      } else {
        lines[cursor.line].removeSubrange(cursor.column...)
        isModified = true
      }
    case .ctrl("u"):
      lines[cursor.line].removeSubrange(..<cursor.column)
      cursor.column = 0
      isModified = true
    case .character(let c):
      insert(String(c))
    default:
      return false
    }
    return true
  }

  /// The display column of the cursor (wide characters count 2).
  public var cursorDisplayColumn: Int {
    lines[cursor.line][..<cursor.column].reduce(0) { $0 + CharacterWidth.of($1) }
  }

  /// The scroll position that shows the cursor in a text area of `size`, starting from the
  /// stored one.
  public func visibleScroll(for size: Size) -> ScrollState {
    var result = scroll
    let height = max(1, size.height)
    let width = max(1, size.width)
    if cursor.line < result.offset { result.offset = cursor.line }
    if cursor.line >= result.offset + height { result.offset = cursor.line - height + 1 }
    result.offset = max(0, min(result.offset, max(0, lines.count - 1)))
    let column = cursorDisplayColumn
    if column < result.columnOffset { result.columnOffset = column }
    if column >= result.columnOffset + width { result.columnOffset = column - width + 1 }
    return result
  }

  /// Stores the scroll position that shows the cursor (call after handling keys).
  public mutating func scrollToCursor(textAreaSize size: Size) {
    scroll = visibleScroll(for: size)
  }
}

/// A multi-line text editor: optional line numbers, a reverse-video cursor, an optional mark
/// at an error position, and a bottom status row with a message and the cursor's `line:column`.
public struct TextEditor: Widget, Sendable {
  public var state: TextEditorState
  public var focused: Bool
  public var showsLineNumbers: Bool
  /// A position to mark (underlined, red), e.g. where validation failed.
  public var errorPosition: TextPosition?
  /// Shown at the left of the status row (e.g. a validation error); nil hides it.
  public var message: TextLine?
  /// Whether to draw the status row (message and `line:column`).
  public var showsStatus: Bool
  public var textStyle: Style

  public init(
    state: TextEditorState, focused: Bool = true, showsLineNumbers: Bool = true,
    errorPosition: TextPosition? = nil, message: TextLine? = nil, showsStatus: Bool = true,
    textStyle: Style = .plain
  ) {
    self.state = state
    self.focused = focused
    self.showsLineNumbers = showsLineNumbers
    self.errorPosition = errorPosition
    self.message = message
    self.showsStatus = showsStatus
    self.textStyle = textStyle
  }

  /// The width of the line-number gutter (digits plus ` │`), 0 when hidden.
  public var gutterWidth: Int {
    showsLineNumbers ? String(state.lines.count).count + 2 : 0
  }

  /// The area the text itself occupies inside `area` (without gutter and status row).
  public func textArea(in area: Rect) -> Rect {
    let statusRows = showsStatus && area.height >= 2 ? 1 : 0
    let gutter = area.width > gutterWidth + 4 ? gutterWidth : 0
    return area.inset(left: gutter, bottom: statusRows)
  }

  public func render(in area: Rect, buffer: inout ScreenBuffer) {
    guard !area.isEmpty else { return }
    buffer.fill(area)
    let text = textArea(in: area)
    let gutter = text.x - area.x
    let scroll = state.visibleScroll(for: text.size)
    for row in 0..<text.height {
      let lineIndex = scroll.offset + row
      guard lineIndex < state.lines.count else { break }
      let y = text.y + row
      if gutter > 0 {
        let number = String(lineIndex + 1)
        let label = String(repeating: " ", count: gutter - 2 - number.count) + number + " │"
        buffer.write(label, at: Point(x: area.x, y: y), style: .plain.dimmed(), clip: area)
      }
      let line = TextLine(String(state.lines[lineIndex]), style: textStyle)
      let visible = line.slice(columns: scroll.columnOffset..<(scroll.columnOffset + text.width))
      let written = buffer.write(visible, at: Point(x: text.x, y: y), clip: text)
      if state.isAllSelected {
        buffer.modifyStyle(in: Rect(x: text.x, y: y, width: written, height: 1)) {
          $0 = $0.patched(with: .plain.reversed())
        }
      }
      if let error = errorPosition, error.line == lineIndex {
        mark(column: error.column, line: lineIndex, y: y, text: text, scroll: scroll,
             style: Style(foreground: .red, underline: true), buffer: &buffer)
      }
      if focused && state.cursor.line == lineIndex {
        mark(column: state.cursor.column, line: lineIndex, y: y, text: text, scroll: scroll,
             style: .plain.reversed(), buffer: &buffer)
      }
    }
    if showsStatus && area.height >= 2 {
      let statusRow = area.row(area.height - 1)
      let position = " \(state.cursor)" + (state.isModified ? " +" : "")
      let positionWidth = position.terminalWidth
      buffer.fill(statusRow, with: Cell(" ", style: .plain.dimmed()))
      if let message {
        buffer.write(
          message.truncated(toWidth: max(0, statusRow.width - positionWidth - 1)),
          at: statusRow.origin, clip: statusRow)
      }
      if positionWidth <= statusRow.width {
        buffer.write(
          position, at: Point(x: statusRow.maxX - positionWidth, y: statusRow.y),
          style: .plain.dimmed(), clip: statusRow)
      }
    }
  }

  /// Restyles the cell showing `column` of a line (the cell after the end for the line end).
  private func mark(
    column: Int, line: Int, y: Int, text: Rect, scroll: ScrollState, style: Style,
    buffer: inout ScreenBuffer
  ) {
    let characters = state.lines[line]
    let prefix = characters[..<min(column, characters.count)]
    let displayColumn = prefix.reduce(0) { $0 + CharacterWidth.of($1) } - scroll.columnOffset
    let x = text.x + displayColumn
    guard x >= text.x, x < text.maxX else { return }
    let width = column < characters.count ? max(1, CharacterWidth.of(characters[column])) : 1
    buffer.modifyStyle(in: Rect(x: x, y: y, width: min(width, text.maxX - x), height: 1)) {
      $0 = $0.patched(with: style)
    }
  }
}
