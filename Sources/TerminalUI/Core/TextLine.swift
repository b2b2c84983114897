/// A run of text drawn with one style.
public struct Span: Hashable, Sendable, ExpressibleByStringLiteral {
  public var text: String
  public var style: Style

  public init(_ text: String, style: Style = .plain) {
    self.text = text
    self.style = style
  }

  public init(stringLiteral value: String) { self.init(value) }

  /// Columns the text occupies.
  public var width: Int { CharacterWidth.of(text) }
}

/// One line of styled text: a sequence of spans.
public struct TextLine: Hashable, Sendable, ExpressibleByStringLiteral {
  public var spans: [Span]

  public init(_ spans: [Span] = []) { self.spans = spans }

  public init(_ text: String, style: Style = .plain) { self.spans = [Span(text, style: style)] }

  public init(stringLiteral value: String) { self.init(value) }

  /// The plain text, styles dropped.
  public var text: String { spans.map(\.text).joined() }

  /// Columns the line occupies.
  public var width: Int { spans.reduce(0) { $0 + $1.width } }

  public var isEmpty: Bool { spans.allSatisfy { $0.text.isEmpty } }

  /// Appends a span.
  public mutating func append(_ text: String, style: Style = .plain) {
    spans.append(Span(text, style: style))
  }

  /// Appends the spans of another line.
  public mutating func append(_ line: TextLine) { spans.append(contentsOf: line.spans) }

  public static func + (lhs: TextLine, rhs: TextLine) -> TextLine {
    TextLine(lhs.spans + rhs.spans)
  }

  /// The line with every span's style changed by `change`.
  public func restyled(_ change: (inout Style) -> Void) -> TextLine {
    TextLine(spans.map { span in Span(span.text, style: span.style.with(change)) })
  }

  /// The styled characters of the line, in order.
  var styledCharacters: [(Character, Style)] {
    var result: [(Character, Style)] = []
    for span in spans {
      for character in span.text { result.append((character, span.style)) }
    }
    return result
  }

  init(styledCharacters: some Sequence<(Character, Style)>) {
    var spans: [Span] = []
    for (character, style) in styledCharacters {
      if let last = spans.last, last.style == style {
        spans[spans.count - 1].text.append(character)
      } else {
        spans.append(Span(String(character), style: style))
      }
    }
    self.spans = spans
  }

  /// The line cut to at most `width` columns; when cut, the last column shows `ellipsis`.
  public func truncated(toWidth width: Int, ellipsis: String = "…") -> TextLine {
    guard width > 0 else { return TextLine() }
    guard self.width > width else { return self }
    let ellipsisWidth = CharacterWidth.of(ellipsis)
    let budget = max(0, width - ellipsisWidth)
    var kept: [(Character, Style)] = []
    var used = 0
    var lastStyle = Style.plain
    for (character, style) in styledCharacters {
      let w = CharacterWidth.of(character)
      if used + w > budget { break }
      kept.append((character, style))
      used += w
      lastStyle = style
    }
    var line = TextLine(styledCharacters: kept)
    if ellipsisWidth <= width { line.append(ellipsis, style: lastStyle) }
    return line
  }

  /// The columns `range` of the line (wide characters cut in half become spaces).
  public func slice(columns range: Range<Int>) -> TextLine {
    var kept: [(Character, Style)] = []
    var column = 0
    for (character, style) in styledCharacters {
      let w = CharacterWidth.of(character)
      defer { column += w }
      if w == 0 { continue }
      let end = column + w
      if end <= range.lowerBound { continue }
      if column >= range.upperBound { break }
      if column >= range.lowerBound && end <= range.upperBound {
        kept.append((character, style))
      } else {
        let visible = min(end, range.upperBound) - max(column, range.lowerBound)
        for _ in 0..<visible { kept.append((" ", style)) }
      }
    }
    return TextLine(styledCharacters: kept)
  }

  /// The line broken into lines of at most `width` columns, at spaces where possible.
  ///
  /// Words longer than `width` are broken mid-word. Spaces at a break are dropped. An empty line
  /// wraps to one empty line.
  public func wrapped(toWidth width: Int) -> [TextLine] {
    guard width > 0 else { return [] }
    let characters = styledCharacters
    if characters.isEmpty { return [TextLine()] }
    var lines: [TextLine] = []
    var current: [(Character, Style)] = []
    var currentWidth = 0
    var lastSpace: Int? = nil  // index in `current` of the last space
    for (character, style) in characters {
      let w = CharacterWidth.of(character)
      if character == " " && currentWidth + w > width {
        // A space at the break point: end the line here and drop the space.
        lines.append(TextLine(styledCharacters: current))
        current = []
        currentWidth = 0
        lastSpace = nil
        continue
      }
      if currentWidth + w > width {
        if let space = lastSpace, space > 0 {
          let head = current[..<space]
          let tail = Array(current[(space + 1)...])
          lines.append(TextLine(styledCharacters: head))
          current = tail
          currentWidth = tail.reduce(0) { $0 + CharacterWidth.of($1.0) }
        } else {
          lines.append(TextLine(styledCharacters: current))
          current = []
          currentWidth = 0
        }
        lastSpace = nil
        if current.isEmpty && character == " " { continue }
      }
      if character == " " { lastSpace = current.count }
      current.append((character, style))
      currentWidth += w
    }
    if !current.isEmpty || lines.isEmpty { lines.append(TextLine(styledCharacters: current)) }
    return lines
  }
}

extension String {
  /// The string cut to at most `width` columns, ending in `ellipsis` when cut.
  public func truncated(toWidth width: Int, ellipsis: String = "…") -> String {
    TextLine(self).truncated(toWidth: width, ellipsis: ellipsis).text
  }

  /// The string cut to at most `width` columns by leaving out its middle: a third of the room
  /// keeps the start, the rest the end, where names of siblings usually differ
  /// (`Start new…for callback`).
  public func truncatedInMiddle(toWidth width: Int, ellipsis: String = "…") -> String {
    guard terminalWidth > width else { return self }
    let room = width - ellipsis.terminalWidth
    guard room >= 2 else { return truncated(toWidth: width, ellipsis: ellipsis) }
    let characters = Array(self)
    var head = "", tail = ""
    var headWidth = 0, tailWidth = 0
    for character in characters {
      let w = CharacterWidth.of(character)
      if headWidth + w > room / 3 { break }
      head.append(character)
      headWidth += w
    }
    // Whole words where the parts have more than one.
    if head.count < characters.count, characters[head.count] != " ", let space = head.lastIndex(of: " ") {
      head = String(head[..<space])
      headWidth = head.terminalWidth
    }
    while head.last == " " {
      head.removeLast()
      headWidth -= 1
    }
    for character in characters.reversed() {
      let w = CharacterWidth.of(character)
      if tailWidth + w > room - headWidth { break }
      tail.insert(character, at: tail.startIndex)
      tailWidth += w
    }
    let cutsWord = characters.count > tail.count && characters[characters.count - tail.count - 1] != " "
    if cutsWord, let space = tail.firstIndex(of: " ") { tail = String(tail[tail.index(after: space)...]) }
    while tail.first == " " { tail.removeFirst() }
    return head + ellipsis + tail
  }

  /// The string padded with spaces (or cut) to exactly `width` columns.
  public func padded(toWidth width: Int, ellipsis: String = "…") -> String {
    let cut = truncated(toWidth: width, ellipsis: ellipsis)
    let missing = width - cut.terminalWidth
    return missing > 0 ? cut + String(repeating: " ", count: missing) : cut
  }
}
