import JSONCore
import TerminalUI

/// The JSON editor that sends a task's result (`S`) or restarts with new input (`R`). The text
/// is checked as JSON before it is sent; an error is shown in place with line:column.
public struct JSONEditorModel: Equatable, Sendable {
  /// What sending the JSON does.
  public enum Purpose: Equatable, Sendable {
    /// `succeed N JSON` for the pending item with this 1-based index.
    case succeed(index: Int)
    /// `restart JSON`.
    case restart
  }

  public var purpose: Purpose
  public var title: String
  public var editor: TextEditorState
  /// Where the text failed to parse, and why.
  public var error: JSONParseError?

  public init(purpose: Purpose, title: String, text: String) {
    self.purpose = purpose
    self.title = title
    self.editor = TextEditorState(text: text)
    // Typing replaces the prefill; an arrow key keeps it for editing.
    self.editor.selectAll()
    self.error = nil
  }

  /// The editor answering a pending item, prefilled with the last value sent for its state.
  init(succeeding item: PendingRow) {
    self.init(
      purpose: .succeed(index: item.index), title: "Succeed \(item.index) · \(item.stateName)", text: item.prefill)
  }

  static let bindings: [KeyBinding<JSONEditorModel, OverlayOutcome>] = [
    KeyBinding([.ctrl("s"), .function(2), .alt("\r"), .alt("\n")], name: "send", showInBar: { _ in true }) {
      model, _ in model.send()
    },
    KeyBinding([.escape], name: "cancel", showInBar: { _ in true }) { _, _ in .close([]) },
  ]

  /// Sends the text when it is JSON; otherwise marks the error and puts the cursor on it.
  private mutating func send() -> OverlayOutcome {
    do {
      let value = try JSONParser.parse(editor.text)
      switch purpose {
      case .succeed(let index): return .close([.execute(.succeed(token: .index(index), output: value))])
      case .restart: return .close([.execute(.restart(input: value))])
      }
    } catch {
      self.error = error
      editor.moveCursor(to: TextPosition(line: error.position.line - 1, column: error.position.column - 1))
      return .stay
    }
  }

  /// A key: a binding, or else editing (which clears the error).
  mutating func handle(_ input: KeyInput) -> OverlayOutcome {
    if let outcome = Self.bindings.run(input, on: &self) {
      guard outcome == .stay else { return outcome }
    } else if editor.handle(input.key, pageSize: input.pageSize) {
      error = nil
    }
    editor.scrollToCursor(textAreaSize: Self.textAreaSize(screen: input.screen))
    return .stay
  }

  /// The editor's box on a screen of `area`.
  static func box(in area: Rect) -> Rect {
    Overlay.area(width: min(90, area.width * 4 / 5), height: max(8, area.height * 3 / 4), in: area)
  }

  /// The size of the text inside the box (without the line numbers and the message line).
  static func textAreaSize(screen: Size) -> Size {
    let box = box(in: Rect(size: screen))
    return Size(width: max(1, box.width - 2 - 5), height: max(1, box.height - 3))
  }

  func render(in screen: Rect, buffer: inout ScreenBuffer) {
    let box = Self.box(in: screen.inset(top: 1, bottom: 2))
    let panel = Panel(title: title, focused: true)
    buffer.render(panel, in: box)
    let message: TextLine = error.map {
      TextLine("\($0.position.line):\($0.position.column): \($0.message)", style: Style(foreground: .red, bold: true))
    } ?? TextLine("JSON · " + Self.bindings.hintLine(), style: .plain.dimmed())
    let errorPosition = error.map { TextPosition(line: $0.position.line - 1, column: $0.position.column - 1) }
    buffer.render(
      TextEditor(state: editor, errorPosition: errorPosition, message: message), in: panel.inner(of: box))
  }
}
