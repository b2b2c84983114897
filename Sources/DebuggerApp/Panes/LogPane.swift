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

  /// The oldest lines go beyond this many.
  static let capacity = 2_000

  /// Adds a command with what it printed and said.
  mutating func record(command: String, output: [String], messages: [String], notes: [String], isError: Bool) {
    latestStart = lines.count
    lines.append(Line(kind: .command, text: "› " + command))
    lines += output.map { Line(kind: .output, text: $0) }
    lines += messages.flatMap { $0.split(separator: "\n").map { Line(kind: isError ? .error : .message, text: String($0)) } }
    lines += notes.map { Line(kind: .note, text: "ⓘ " + $0) }
    if lines.count > Self.capacity {
      let dropped = lines.count - Self.capacity
      lines.removeFirst(dropped)
      latestStart = max(0, latestStart - dropped)
    }
    scrolledTo = nil
  }

  /// The lines as the pane draws them.
  func textView(scroll: Int = 0) -> TextView {
    TextView(lines: lines.map { line in
      switch line.kind {
      case .command: return TextLine(line.text, style: .plain.bolded())
      case .output: return TextLine(line.text)
      case .message: return TextLine(line.text, style: .plain.dimmed())
      case .error: return TextLine(line.text, style: Style(foreground: .red))
      case .note: return TextLine(line.text, style: Style(foreground: .cyan))
      }
    }, scroll: ScrollState(offset: scroll))
  }

  /// The first row shown in a viewport of `size`.
  func offset(in size: Size) -> Int {
    let view = textView()
    let rows = view.contentHeight(width: size.width)
    let maxOffset = max(0, rows - size.height)
    if let scrolledTo { return min(scrolledTo, maxOffset) }
    let before = TextView(lines: view.lines.prefix(latestStart).map { $0 }).contentHeight(width: size.width)
    return min(before, maxOffset)
  }

  mutating func navigate(_ key: Key, in size: Size) {
    var scroll = ScrollState(offset: offset(in: size))
    _ = scroll.handle(key, contentHeight: textView().contentHeight(width: size.width), viewportHeight: size.height)
    scrolledTo = scroll.offset
  }

  /// Draws the log in `area`, with a scrollbar over the box's right border.
  func render(in area: Rect, buffer: inout ScreenBuffer) {
    guard !lines.isEmpty else {
      buffer.write("commands, their output and teaching notes appear here", at: area.origin, style: .plain.dimmed(), clip: area)
      return
    }
    let offset = offset(in: area.size)
    let view = textView(scroll: offset)
    buffer.render(view, in: area)
    let bar = Scrollbar(contentLength: view.contentHeight(width: area.width), viewportLength: area.height, offset: offset)
    buffer.render(bar, in: Rect(x: area.maxX, y: area.y, width: 1, height: area.height))
  }
}
