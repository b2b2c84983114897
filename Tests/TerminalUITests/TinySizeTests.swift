import JSONCore
import Testing
@testable import TerminalUI

/// Every widget must draw into any area, however small, without trapping or touching cells
/// outside it.
@Suite struct TinySizeTests {
  static let json: JSONValue = ["a": [1, "中文", ["b": nil]], "c": "😀 emoji"]

  static func widgets() -> [(String, any Widget)] {
    var editor = TextEditorState(text: "{\n  \"中\": 1\n}")
    editor.moveCursor(to: TextPosition(line: 1, column: 4))
    var input = LineInputState(text: "break 中文")
    _ = input.handle(.tab) { _ in ["break A", "break B"] }
    return [
      ("panel", Panel(title: "Executions", trailingTitle: "3", focused: true)),
      ("panel-attached", Panel(title: "中文", attachedAbove: true)),
      ("list", ListView(items: ["one", ListItem(["two", "  ↳ 中文"]), "three"],
                        state: ListState(selected: 1, offset: 2), focused: true)),
      ("text", TextView(text: "wrapped 中文 text 😀 with words\nsecond", scroll: ScrollState(offset: 5))),
      ("text-clip", TextView(text: "中文中文中文", wrap: false, scroll: ScrollState(columnOffset: 3))),
      ("json", JSONTreeView(value: json, state: JSONTreeState(list: ListState(selected: 4)), focused: true)),
      ("editor", TextEditor(state: editor, errorPosition: TextPosition(line: 1, column: 3), message: "1:1: bad")),
      ("input", LineInput(state: input)),
      ("tabs", Tabs(titles: ["Graph", "中文", "History"], selected: 2)),
      ("hints", KeyHintBar(hints: [KeyHint("s", "step"), KeyHint("中", "x")])),
      ("status", StatusLine(left: "sfdbg · 中文", right: "RUNNING")),
      ("help", HelpOverlay(sections: [.init("Keys", [KeyHint("s", "step"), KeyHint("q", "quit")])])),
      ("confirm", ConfirmDialog(title: "Quit", message: "Still running 中文. Quit?")),
      ("too-small", TooSmallNotice(required: Size(width: 80, height: 24))),
      ("scrollbar", Scrollbar(contentLength: 50, viewportLength: 3, offset: 20)),
    ]
  }

  @Test(arguments: widgets().map(\.0))
  func drawsIntoEveryTinyArea(name: String) {
    let widget = Self.widgets().first { $0.0 == name }!.1
    for width in 0...14 {
      for height in 0...7 {
        var buffer = ScreenBuffer(size: Size(width: 18, height: 10), filling: Cell("x"))
        let area = Rect(x: 2, y: 1, width: width, height: height)
        render(widget, in: area, buffer: &buffer)
        // Nothing outside the area changed.
        for y in 0..<10 {
          for x in 0..<18 where !area.contains(Point(x: x, y: y)) {
            #expect(buffer[x, y] == Cell("x"), "\(name) \(width)×\(height) touched \(x),\(y)")
          }
        }
        // The grid invariant holds: continuations follow wide characters.
        for y in 0..<10 {
          for x in 0..<18 where buffer[x, y].isContinuation {
            #expect(x > 0 && buffer[x - 1, y].width == 2, "\(name) \(width)×\(height) at \(x),\(y)")
          }
        }
      }
    }
  }

  private func render(_ widget: any Widget, in area: Rect, buffer: inout ScreenBuffer) {
    widget.render(in: area, buffer: &buffer)
  }

  @Test func areasOutsideTheBufferAreHarmless() {
    let background = Cell("x")
    for (name, widget) in Self.widgets() {
      var buffer = ScreenBuffer(size: Size(width: 5, height: 3), filling: background)
      // An area hanging off the bottom right draws only inside its visible part.
      buffer.render(widget, in: Rect(x: 3, y: 1, width: 30, height: 30))
      for y in 0..<3 {
        for x in 0..<5 where x < 3 || y < 1 {
          #expect(buffer[x, y] == background, "\(name) touched \(x),\(y)")
        }
      }
      // An area wholly outside changes nothing.
      let before = buffer
      buffer.render(widget, in: Rect(x: 10, y: 10, width: 3, height: 3))
      #expect(buffer == before, "\(name)")
      buffer.render(widget, in: Rect(x: -4, y: -2, width: 8, height: 4))
      // Straight calls, without the clipping `ScreenBuffer.render` does.
      render(widget, in: Rect(x: -4, y: -2, width: 12, height: 9), buffer: &buffer)
      render(widget, in: Rect(x: 4, y: 2, width: 30, height: 30), buffer: &buffer)
      #expect(buffer.size == Size(width: 5, height: 3))
      // The grid invariant still holds: continuations follow wide characters.
      for y in 0..<3 {
        for x in 0..<5 where buffer[x, y].isContinuation {
          #expect(x > 0 && buffer[x - 1, y].width == 2, "\(name) at \(x),\(y)")
        }
      }
    }
  }
}
