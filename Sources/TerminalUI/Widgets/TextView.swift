/// Scroll position of a text view, kept in the app state between frames.
public struct ScrollState: Hashable, Sendable {
  /// The first row shown.
  public var offset: Int
  /// The first column shown (only used when not wrapping).
  public var columnOffset: Int

  public init(offset: Int = 0, columnOffset: Int = 0) {
    self.offset = offset
    self.columnOffset = columnOffset
  }

  /// Applies a scrolling key (up/`k`, down/`j`, page up/down, home/`g`, end/`G`, left/`h`,
  /// right/`l`) for content of `contentHeight` rows in a viewport of `viewportHeight` rows.
  /// Returns whether the key was used.
  public mutating func handle(_ key: Key, contentHeight: Int, viewportHeight: Int) -> Bool {
    let maxOffset = max(0, contentHeight - max(1, viewportHeight))
    switch key {
    case .up, .character("k"): offset -= 1
    case .down, .character("j"): offset += 1
    case .pageUp: offset -= max(1, viewportHeight - 1)
    case .pageDown: offset += max(1, viewportHeight - 1)
    case .home, .character("g"): offset = 0
    case .end, .character("G"): offset = maxOffset
    case .left, .character("h"): columnOffset = max(0, columnOffset - 4)
    case .right, .character("l"): columnOffset += 4
    default: return false
    }
    offset = min(max(0, offset), maxOffset)
    return true
  }
}

/// Read-only text, wrapped at spaces or clipped, scrollable.
public struct TextView: Widget, Sendable {
  public var lines: [TextLine]
  public var wrap: Bool
  public var scroll: ScrollState

  public init(lines: [TextLine], wrap: Bool = true, scroll: ScrollState = ScrollState()) {
    self.lines = lines
    self.wrap = wrap
    self.scroll = scroll
  }

  /// Plain text split at newlines.
  public init(text: String, style: Style = .plain, wrap: Bool = true, scroll: ScrollState = ScrollState()) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { TextLine(String($0), style: style) }
    self.init(lines: lines, wrap: wrap, scroll: scroll)
  }

  /// The rows the text takes at `width` columns.
  public func displayLines(width: Int) -> [TextLine] {
    guard width > 0 else { return [] }
    return wrap ? lines.flatMap { $0.wrapped(toWidth: width) } : lines
  }

  /// The number of rows the text takes at `width` columns (for scroll limits and scrollbars).
  public func contentHeight(width: Int) -> Int { displayLines(width: width).count }

  public func render(in area: Rect, buffer: inout ScreenBuffer) {
    guard !area.isEmpty else { return }
    buffer.fill(area)
    let rows = displayLines(width: area.width)
    let first = min(max(0, scroll.offset), max(0, rows.count - area.height))
    for (i, line) in rows.dropFirst(first).prefix(area.height).enumerated() {
      let shown = wrap ? line : line.slice(columns: scroll.columnOffset..<(scroll.columnOffset + area.width))
      buffer.write(shown, at: Point(x: area.x, y: area.y + i), clip: area)
    }
  }
}

/// A vertical scroll indicator, usually drawn over a panel's right border: a thumb (`┃` or `█`)
/// whose position and length show which part of the content is visible. Draws nothing when all
/// the content fits.
public struct Scrollbar: Widget, Sendable {
  public var contentLength: Int
  public var viewportLength: Int
  public var offset: Int
  public var thumb: Character
  public var style: Style

  public init(
    contentLength: Int, viewportLength: Int, offset: Int, thumb: Character = "┃",
    style: Style = .plain.bolded()
  ) {
    self.contentLength = contentLength
    self.viewportLength = viewportLength
    self.offset = offset
    self.thumb = thumb
    self.style = style
  }

  /// The thumb's rows (relative to the track) for a track of `track` rows, nil when it all fits.
  public func thumbRange(track: Int) -> Range<Int>? {
    guard track > 0, contentLength > viewportLength, viewportLength > 0 else { return nil }
    let length = max(1, track * viewportLength / contentLength)
    let maxOffset = contentLength - viewportLength
    let position = min(max(0, offset), maxOffset) * (track - length) / max(1, maxOffset)
    return position..<(position + length)
  }

  public func render(in area: Rect, buffer: inout ScreenBuffer) {
    guard let range = thumbRange(track: area.height), area.width > 0 else { return }
    for row in range {
      buffer.set(Cell(thumb, style: style), at: Point(x: area.x, y: area.y + row))
    }
  }
}
