import DebuggerCore
import TerminalUI

/// The log pane (gdb's command window, lazygit's command log): every command run, what it showed
/// (`print`, `executions`, `pending`, `history`), its messages and the teaching notes, oldest
/// first, under the other panes. `L` shows or hides it; arrows, page keys, `g`/`G` scroll it
/// when focused. New output scrolls it to the start of the latest command.
public struct LogPane: Sendable {
  public enum Kind: Sendable, Equatable { case command, output, message, error, note }

  public struct Line: Sendable, Equatable {
    public var kind: Kind
    public var text: String
  }

  public private(set) var lines: [Line] = []
  public var isOpen = false
  /// The first row shown after the user scrolled; nil shows the latest command from its start.
  public var scrolledTo: Int?
  /// Where in `lines` the latest command starts.
  private var latestStart = 0
  /// The pane focused before the log took the focus (focused again when the log closes).
  var returnFocus: Pane = .graph

  /// The oldest lines go beyond this many (a longer output keeps its last lines).
  static let capacity = 4_000

  /// Adds a command with what it printed and said.
  mutating func record(command: String, output: [String], messages: [String], notes: [String], isError: Bool) {
    var output = output
    let room = Self.capacity / 2
    if output.count > room {
      output = ["… \(output.count - room) lines before these are not kept"] + output.suffix(room)
    }
    latestStart = lines.count
    lines.append(Line(kind: .command, text: "› " + command))
    lines += output.map { Line(kind: .output, text: $0) }
    lines += messages.flatMap { $0.split(separator: "\n").map { Line(kind: isError ? .error : .message, text: String($0)) } }
    lines += notes.map { Line(kind: .note, text: "ⓘ " + $0) }
    if lines.count > Self.capacity {
      let dropped = lines.count - Self.capacity
      lines.removeFirst(dropped)
      latestStart -= dropped
    }
    scrolledTo = nil
  }

  /// The lines wrapped to `width` columns, and the row where the latest command starts.
  func rows(width: Int) -> (rows: [TextLine], latest: Int) {
    var rows: [TextLine] = []
    var latest = 0
    for (index, line) in lines.enumerated() {
      if index == latestStart { latest = rows.count }
      let text: TextLine
      switch line.kind {
      case .command: text = TextLine(line.text, style: .plain.bolded())
      case .output: text = TextLine(line.text)
      case .message: text = TextLine(line.text, style: .plain.dimmed())
      case .error: text = TextLine(line.text, style: Style(foreground: .red))
      case .note: text = TextLine(line.text, style: Style(foreground: .cyan))
      }
      rows += text.wrapped(toWidth: width)
    }
    return (rows, latest)
  }

  /// The first row shown in a viewport of `size`, for rows wrapped to its width.
  func offset(in size: Size, rows: (rows: [TextLine], latest: Int)) -> Int {
    let maxOffset = max(0, rows.rows.count - size.height)
    return min(scrolledTo ?? rows.latest, maxOffset)
  }

  mutating func navigate(_ key: Key, in size: Size) {
    let rows = rows(width: size.width)
    var scroll = ScrollState(offset: offset(in: size, rows: rows))
    _ = scroll.handle(key, contentHeight: rows.rows.count, viewportHeight: size.height)
    scrolledTo = scroll.offset
  }

  /// Draws the log in `area`, with a scrollbar over the box's right border.
  func render(in area: Rect, buffer: inout ScreenBuffer) {
    guard !lines.isEmpty else {
      buffer.write("commands, their output and teaching notes appear here", at: area.origin, style: .plain.dimmed(), clip: area)
      return
    }
    let rows = rows(width: area.width)
    let offset = offset(in: area.size, rows: rows)
    for (i, row) in rows.rows.dropFirst(offset).prefix(area.height).enumerated() {
      buffer.write(row, at: Point(x: area.x, y: area.y + i), clip: area)
    }
    let bar = Scrollbar(contentLength: rows.rows.count, viewportLength: area.height, offset: offset)
    buffer.render(bar, in: Rect(x: area.maxX, y: area.y, width: 1, height: area.height))
  }
}
