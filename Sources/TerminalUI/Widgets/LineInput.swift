/// What a key did to a `LineInputState`.
public enum LineInputOutcome: Hashable, Sendable {
  /// The key was not for the prompt.
  case ignored
  /// The text or cursor changed (or completion ran).
  case edited
  /// Enter: the line to run (already added to the history).
  case submitted(String)
  /// Escape (or ctrl-c/ctrl-g): the prompt was dismissed.
  case cancelled
}

/// The text, cursor, history and completion state of a one-line prompt (the `:` command line).
public struct LineInputState: Hashable, Sendable {
  public private(set) var text: [Character]
  /// Cursor position in characters.
  public private(set) var cursor: Int
  /// Submitted lines, oldest first.
  public private(set) var history: [String]
  /// Index into `history` while browsing it, nil while editing a fresh line.
  public private(set) var historyIndex: Int?
  /// The candidates of the last ambiguous completion (shown by the widget), else empty.
  public private(set) var completions: [String]
  private var draft: [Character] = []
  private var completionIndex: Int?
  /// Maximum number of history entries kept.
  public var historyLimit: Int

  public init(text: String = "", history: [String] = [], historyLimit: Int = 500) {
    self.text = Array(text)
    self.cursor = self.text.count
    self.history = history
    self.historyIndex = nil
    self.completions = []
    self.historyLimit = historyLimit
  }

  /// The current line.
  public var line: String { String(text) }

  /// Replaces the line and puts the cursor at its end.
  public mutating func setLine(_ line: String) {
    text = Array(line)
    cursor = text.count
    completions = []
    completionIndex = nil
  }

  /// Applies a key. Completion (tab) calls `complete` with the text before the cursor; it returns
  /// candidate replacements for that text. One candidate replaces it; several extend it to their
  /// longest common prefix and are listed in `completions`; tab again cycles through them.
  public mutating func handle(_ key: Key, complete: (String) -> [String] = { _ in [] })
    -> LineInputOutcome
  {
    if key != .tab && key != .backTab {
      completions = []
      completionIndex = nil
    }
    switch key {
    case .enter:
      let submitted = line
      if !submitted.allSatisfy(\.isWhitespace) && history.last != submitted {
        history.append(submitted)
        if history.count > historyLimit { history.removeFirst(history.count - historyLimit) }
      }
      text = []
      cursor = 0
      historyIndex = nil
      return .submitted(submitted)
    case .escape, .ctrl("c"), .ctrl("g"):
      text = []
      cursor = 0
      historyIndex = nil
      return .cancelled
    case .left, .ctrl("b"): cursor = max(0, cursor - 1)
    case .right, .ctrl("f"): cursor = min(text.count, cursor + 1)
    case .home, .ctrl("a"): cursor = 0
    case .end, .ctrl("e"): cursor = text.count
    case .backspace, .ctrl("h"):
      guard cursor > 0 else { return .edited }
      text.remove(at: cursor - 1)
      cursor -= 1
    case .delete, .ctrl("d"):
      if cursor < text.count { text.remove(at: cursor) }
    case .ctrl("u"):
      text.removeSubrange(..<cursor)
      cursor = 0
    case .ctrl("k"):
      text.removeSubrange(cursor...)
    case .ctrl("w"):
      var start = cursor
      while start > 0 && text[start - 1] == " " { start -= 1 }
      while start > 0 && text[start - 1] != " " { start -= 1 }
      text.removeSubrange(start..<cursor)
      cursor = start
    case .up:
      guard !history.isEmpty else { return .edited }
      if historyIndex == nil {
        draft = text
        historyIndex = history.count - 1
      } else if let index = historyIndex, index > 0 {
        historyIndex = index - 1
      }
      text = Array(history[historyIndex!])
      cursor = text.count
    case .down:
      guard let index = historyIndex else { return .edited }
      if index + 1 < history.count {
        historyIndex = index + 1
        text = Array(history[index + 1])
      } else {
        historyIndex = nil
        text = draft
      }
      cursor = text.count
    case .tab, .backTab:
      completeLine(backwards: key == .backTab, complete: complete)
    case .character(let c):
      text.insert(c, at: cursor)
      cursor += 1
    default:
      return .ignored
    }
    return .edited
  }

  private mutating func completeLine(backwards: Bool, complete: (String) -> [String]) {
    if !completions.isEmpty {
      // Cycle through the candidates of the previous tab.
      let count = completions.count
      let next = completionIndex.map { ($0 + (backwards ? count - 1 : 1)) % count }
        ?? (backwards ? count - 1 : 0)
      completionIndex = next
      replaceBeforeCursor(with: completions[next])
      return
    }
    let before = String(text[..<cursor])
    let candidates = complete(before)
    if candidates.count == 1 {
      replaceBeforeCursor(with: candidates[0])
    } else if candidates.count > 1 {
      replaceBeforeCursor(with: commonPrefix(of: candidates))
      completions = candidates
      completionIndex = nil
    }
  }

  private mutating func replaceBeforeCursor(with replacement: String) {
    let after = text[cursor...]
    text = Array(replacement) + after
    cursor = replacement.count
  }

  private func commonPrefix(of strings: [String]) -> String {
    guard var prefix = strings.first.map(Array.init) else { return "" }
    for string in strings.dropFirst() {
      let characters = Array(string)
      var length = 0
      while length < min(prefix.count, characters.count) && prefix[length] == characters[length] {
        length += 1
      }
      prefix = Array(prefix[..<length])
    }
    return String(prefix)
  }
}

/// A one-line prompt: the prompt text, the line with a reverse-video cursor (scrolled to keep the
/// cursor visible), and the ambiguous completions after it when there is room.
public struct LineInput: Widget, Sendable {
  public var prompt: String
  public var state: LineInputState
  public var focused: Bool
  public var promptStyle: Style

  public init(
    prompt: String = ":", state: LineInputState, focused: Bool = true,
    promptStyle: Style = .plain.bolded()
  ) {
    self.prompt = prompt
    self.state = state
    self.focused = focused
    self.promptStyle = promptStyle
  }

  public func render(in area: Rect, buffer: inout ScreenBuffer) {
    guard !area.isEmpty else { return }
    let row = area.row(0)
    buffer.fill(row)
    let promptWidth = buffer.write(prompt, at: row.origin, style: promptStyle, clip: row)
    let field = row.inset(left: promptWidth)
    guard field.width > 0 else { return }
    let characters = state.text
    let cursorColumn = characters[..<state.cursor].reduce(0) { $0 + CharacterWidth.of($1) }
    let first = max(0, cursorColumn - field.width + 1)
    let line = TextLine(String(characters)).slice(columns: first..<(first + field.width))
    let used = buffer.write(line, at: field.origin, clip: field)
    if focused {
      let x = field.x + cursorColumn - first
      let width = state.cursor < characters.count ? max(1, CharacterWidth.of(characters[state.cursor])) : 1
      buffer.modifyStyle(in: Rect(x: x, y: row.y, width: width, height: 1)) { $0.reverse = true }
    }
    if !state.completions.isEmpty {
      let start = field.x + max(used, cursorColumn - first + 1) + 2
      let list = state.completions.joined(separator: "  ")
      let room = Rect(x: start, y: row.y, width: max(0, row.maxX - start), height: 1)
      buffer.write(list.truncated(toWidth: room.width), at: room.origin, style: .plain.dimmed(), clip: room)
    }
  }
}
