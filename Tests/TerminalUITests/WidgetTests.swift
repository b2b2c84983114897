import JSONCore
import Testing
@testable import TerminalUI

@Suite struct PanelTests {
  @Test func unfocusedPanel() {
    let lines = rendered(Panel(title: "Pending", trailingTitle: "2"), width: 20, height: 4)
    #expect(lines == [
      "┌ Pending ────── 2 ┐",
      "│                  │",
      "│                  │",
      "└──────────────────┘",
    ])
  }

  @Test func focusedPanelIsMarkedWithoutColours() {
    let buffer = renderedBuffer(Panel(title: "Graph", focused: true), width: 14, height: 3)
    #expect(buffer.lines() == [
      "┏ ▶ Graph ━━━┓",
      "┃            ┃",
      "┗━━━━━━━━━━━━┛",
    ])
    #expect(buffer[3, 0].style.bold)
  }

  @Test func attachedPanelJoinsTheOneAbove() {
    var buffer = ScreenBuffer(size: Size(width: 12, height: 5))
    let parts = buffer.bounds.rows([.fixed(3), .fill()])
    buffer.render(Panel(title: "A"), in: Rect(x: 0, y: 0, width: 12, height: 3))
    buffer.render(Panel(title: "B", attachedAbove: true), in: parts[1].inset(top: -1))
    #expect(buffer.lines() == [
      "┌ A ───────┐",
      "│          │",
      "├ B ───────┤",
      "│          │",
      "└──────────┘",
    ])
  }

  @Test func longTitleIsCut() {
    #expect(rendered(Panel(title: "State I/O · Start new workflow"), width: 16, height: 2) == [
      "┌ State I/O ·… ┐",
      "└──────────────┘",
    ])
  }

  @Test func innerArea() {
    #expect(Panel(title: "x").inner(of: Rect(x: 2, y: 3, width: 10, height: 5))
      == Rect(x: 3, y: 4, width: 8, height: 3))
  }
}

@Suite struct ListViewTests {
  let items: [ListItem] = ["alpha", "beta", "gamma", "delta", "epsilon"]

  @Test func selectionIsMarkedAndHighlightedWhenFocused() {
    let view = ListView(items: items, state: ListState(selected: 1), focused: true)
    let buffer = renderedBuffer(view, width: 10, height: 3)
    #expect(buffer.lines() == ["  alpha   ", "▸ beta    ", "  gamma   "])
    #expect(buffer.lines(marking: { $0.style.reverse }) == ["  alpha   ", "##########", "  gamma   "])
  }

  @Test func unfocusedSelectionIsBoldNotReversed() {
    let view = ListView(items: items, state: ListState(selected: 0), focused: false)
    let buffer = renderedBuffer(view, width: 8, height: 1)
    #expect(buffer.lines(marking: { $0.style.reverse }) == ["▸ alpha "])
    #expect(buffer.lines(marking: { $0.style.bold }) == ["########"])
  }

  @Test func scrollsToKeepTheSelectionVisible() {
    let view = ListView(items: items, state: ListState(selected: 4, offset: 0))
    #expect(rendered(view, width: 10, height: 2) == ["  delta   ", "▸ epsilon "])
    #expect(view.itemIndex(atRow: 1, height: 2) == 4)
    #expect(view.itemIndex(atRow: 2, height: 2) == nil)
  }

  @Test func multiLineItems() {
    let tree: [ListItem] = [
      ListItem(["child-1 Nested", "  ↳ call-and-continue"]),
      ListItem(["child-2 Nested", "  ↳ .sync:2"]),
    ]
    let view = ListView(items: tree, state: ListState(selected: 1))
    #expect(rendered(view, width: 24, height: 3) == [
      "▸ child-2 Nested        ",
      "    ↳ .sync:2           ",
      "                        ",
    ])
    #expect(rendered(ListView(items: tree, state: ListState(selected: 0)), width: 24, height: 3) == [
      "▸ child-1 Nested        ",
      "    ↳ call-and-continue ",
      "  child-2 Nested        ",
    ])
  }

  @Test func keysMoveTheSelection() {
    var state = ListState(selected: 0)
    do { let r = state.handle(.down, count: 5); #expect((r)) }
    do { let r = state.handle(.character("j"), count: 5); #expect((r)) }
    #expect(state.selected == 2)
    do { let r = state.handle(.end, count: 5); #expect((r)) }
    #expect(state.selected == 4)
    do { let r = state.handle(.down, count: 5); #expect((r)) }
    #expect(state.selected == 4)
    do { let r = state.handle(.pageUp, count: 5, pageSize: 3); #expect((r)) }
    #expect(state.selected == 1)
    do { let r = state.handle(.character("g"), count: 5); #expect((r)) }
    #expect(state.selected == 0)
    do { let r = state.handle(.character("x"), count: 5); #expect(!(r)) }
    state.scrollToSelection(itemHeights: [1, 1, 1, 1, 1], height: 2)
    #expect(state.offset == 0)
  }

  @Test func emptyList() {
    var state = ListState(selected: 3)
    state.clamp(count: 0)
    #expect(state.selected == nil)
    let view = ListView(items: [], state: state, emptyText: "no tokens")
    #expect(rendered(view, width: 12, height: 2) == ["no tokens   ", "            "])
  }
}

@Suite struct TextViewTests {
  @Test func wrapsAndScrolls() {
    let view = TextView(text: "the quick brown fox\njumps", scroll: ScrollState(offset: 1))
    #expect(view.contentHeight(width: 10) == 3)
    #expect(rendered(view, width: 10, height: 2) == ["brown fox ", "jumps     "])
  }

  @Test func clipsWithoutWrapAndScrollsSideways() {
    let view = TextView(text: "0123456789", wrap: false, scroll: ScrollState(columnOffset: 4))
    #expect(rendered(view, width: 4, height: 1) == ["4567"])
  }

  @Test func scrollingIsClampedToTheContent() {
    var scroll = ScrollState()
    do { let r = scroll.handle(.end, contentHeight: 10, viewportHeight: 4); #expect((r)) }
    #expect(scroll.offset == 6)
    do { let r = scroll.handle(.down, contentHeight: 10, viewportHeight: 4); #expect((r)) }
    #expect(scroll.offset == 6)
    do { let r = scroll.handle(.pageUp, contentHeight: 10, viewportHeight: 4); #expect((r)) }
    #expect(scroll.offset == 3)
  }

  @Test func scrollbarThumb() {
    let bar = Scrollbar(contentLength: 100, viewportLength: 10, offset: 90)
    #expect(bar.thumbRange(track: 10) == 9..<10)
    #expect(Scrollbar(contentLength: 5, viewportLength: 10, offset: 0).thumbRange(track: 10) == nil)
    #expect(rendered(Scrollbar(contentLength: 4, viewportLength: 2, offset: 0), width: 1, height: 4)
      == ["┃", "┃", " ", " "])
  }
}

@Suite struct JSONTreeViewTests {
  let value: JSONValue = [
    "ExecutionArn": "arn:aws:states:execution:Nested:child-3",
    "Input": ["NeedCallback": true, "Count": 2],
    "Items": [1, 2, 3],
    "Empty": [:],
  ]

  @Test func prettyPrintsWithFoldMarkers() {
    let view = JSONTreeView(value: value, state: JSONTreeState(list: ListState(selected: nil)))
    #expect(rendered(view, width: 40, height: 14) == [
      "▾ {                                     ",
      "    \"ExecutionArn\": \"arn:aws:states:exe…",
      "▾   \"Input\": {                          ",
      "      \"NeedCallback\": true,             ",
      "      \"Count\": 2                        ",
      "    },                                  ",
      "▾   \"Items\": [                          ",
      "      1,                                ",
      "      2,                                ",
      "      3                                 ",
      "    ],                                  ",
      "    \"Empty\": {}                         ",
      "  }                                     ",
      "                                        ",
    ])
  }

  @Test func foldedContainersShowASummary() {
    let folded = JSONTree.containers(in: value, deeperThan: 0)
    #expect(folded == ["/Input", "/Items"])
    let view = JSONTreeView(value: value, state: JSONTreeState(folded: folded, list: ListState(selected: 2)), focused: true)
    let buffer = renderedBuffer(view, width: 30, height: 7)
    #expect(buffer.lines() == [
      "▾ {                           ",
      "    \"ExecutionArn\": \"arn:aws:…",
      "▸   \"Input\": {…}, 2 keys      ",
      "▸   \"Items\": […], 3 items     ",
      "    \"Empty\": {}               ",
      "  }                           ",
      "                              ",
    ])
    #expect(buffer.lines(marking: { $0.style.reverse })[2] == String(repeating: "#", count: 30))
  }

  @Test func keysFoldUnfoldAndNavigate() {
    var state = JSONTreeState(list: ListState(selected: 2))  // "Input": {
    do { let r = state.handle(.left, value: value); #expect((r)) }  // folds Input
    #expect(state.folded == ["/Input"])
    #expect(state.selectedPointer(in: value) == "/Input")
    do { let r = state.handle(.right, value: value); #expect((r)) }  // unfolds
    #expect(state.folded.isEmpty)
    do { let r = state.handle(.right, value: value); #expect((r)) }  // first child
    #expect(state.selectedPointer(in: value) == "/Input/NeedCallback")
    do { let r = state.handle(.left, value: value); #expect((r)) }  // to parent
    #expect(state.selectedPointer(in: value) == "/Input")
    do { let r = state.handle(.enter, value: value); #expect((r)) }
    #expect(state.folded == ["/Input"])
    do { let r = state.handle(.down, value: value); #expect((r)) }
    #expect(state.selectedPointer(in: value) == "/Items")
    do { let r = state.handle(.character("x"), value: value); #expect(!(r)) }
  }

  @Test func scalarRoot() {
    let view = JSONTreeView(value: "hello", state: JSONTreeState(list: ListState(selected: nil)))
    #expect(rendered(view, width: 10, height: 1) == ["  \"hello\" "])
  }
}

@Suite struct TextEditorTests {
  @Test func editingKeys() {
    var state = TextEditorState(text: "{\n  \"a\": 1\n}")
    do { let r = state.handle(.down); #expect((r)) }
    do { let r = state.handle(.end); #expect((r)) }
    #expect(state.cursor == TextPosition(line: 1, column: 8))
    do { let r = state.handle(.character(",")); #expect((r)) }
    do { let r = state.handle(.enter); #expect((r)) }  // keeps the indentation
    state.insert("\"b\": 2")
    #expect(state.text == "{\n  \"a\": 1,\n  \"b\": 2\n}")
    #expect(state.cursor.description == "3:9")
    #expect(state.isModified)
    do { let r = state.handle(.home); #expect((r)) }
    do { let r = state.handle(.backspace); #expect((r)) }  // joins with the previous line
    #expect(state.text == "{\n  \"a\": 1,  \"b\": 2\n}")
    #expect(state.cursor == TextPosition(line: 1, column: 9))
    do { let r = state.handle(.ctrl("k")); #expect((r)) }
    #expect(state.text == "{\n  \"a\": 1,\n}")
    do { let r = state.handle(.delete); #expect((r)) }
    #expect(state.text == "{\n  \"a\": 1,}")
    do { let r = state.handle(.escape); #expect(!(r)) }
  }

  @Test func verticalMovementKeepsTheColumn() {
    var state = TextEditorState(text: "abcdef\nab\nabcdef")
    state.moveCursor(to: TextPosition(line: 0, column: 5))
    _ = state.handle(.down)
    #expect(state.cursor == TextPosition(line: 1, column: 2))
    _ = state.handle(.down)
    #expect(state.cursor == TextPosition(line: 2, column: 5))
    _ = state.handle(.left)
    _ = state.handle(.up)
    #expect(state.cursor == TextPosition(line: 1, column: 2))
  }

  @Test func rendersCursorGutterAndPosition() {
    var state = TextEditorState(text: "{\n  \"ok\": true\n}")
    state.moveCursor(to: TextPosition(line: 1, column: 2))
    let editor = TextEditor(state: state, message: "valid JSON")
    let buffer = renderedBuffer(editor, width: 20, height: 4)
    #expect(buffer.lines() == [
      "1 │{                ",
      "2 │  \"ok\": true     ",
      "3 │}                ",
      "valid JSON       2:3",
    ])
    #expect(buffer.lines(marking: { $0.style.reverse })[1] == "2 │  #ok\": true     ")
  }

  @Test func marksTheErrorPosition() {
    let state = TextEditorState(text: "{\"a\" 1}")
    let editor = TextEditor(
      state: state, focused: false, showsLineNumbers: false,
      errorPosition: TextPosition(line: 0, column: 5), message: "1:6: expected ':'")
    let buffer = renderedBuffer(editor, width: 24, height: 2)
    #expect(buffer.lines() == ["{\"a\" 1}                 ", "1:6: expected ':'    1:1"])
    #expect(buffer.lines(marking: { $0.style.underline })[0] == "{\"a\" #}                 ")
  }

  @Test func scrollsToTheCursor() {
    var state = TextEditorState(text: (1...20).map { "line \($0)" }.joined(separator: "\n"))
    state.moveCursor(to: TextPosition(line: 19, column: 0))
    state.scrollToCursor(textAreaSize: Size(width: 10, height: 3))
    #expect(state.scroll.offset == 17)
    let editor = TextEditor(state: state, showsLineNumbers: false, showsStatus: false)
    #expect(rendered(editor, width: 10, height: 3) == ["line 18   ", "line 19   ", "line 20   "])
  }
}

@Suite struct LineInputTests {
  let commands = ["break", "back", "continue", "step"]

  func complete(_ prefix: String) -> [String] { commands.filter { $0.hasPrefix(prefix) } }

  @Test func typingAndSubmitting() {
    var state = LineInputState()
    for c in "step" {
      let r = state.handle(.character(c))
      #expect(r == .edited)
    }
    do { let r = state.handle(.enter); #expect((r == .submitted("step"))) }
    #expect(state.line == "")
    #expect(state.history == ["step"])
    do { let r = state.handle(.character("q")); #expect((r == .edited)) }
    do { let r = state.handle(.escape); #expect((r == .cancelled)) }
    do { let r = state.handle(.function(2)); #expect((r == .ignored)) }
  }

  @Test func historyUpAndDown() {
    var state = LineInputState(history: ["first", "second"])
    _ = state.handle(.character("x"))
    _ = state.handle(.up)
    #expect(state.line == "second")
    _ = state.handle(.up)
    #expect(state.line == "first")
    _ = state.handle(.up)
    #expect(state.line == "first")
    _ = state.handle(.down)
    #expect(state.line == "second")
    _ = state.handle(.down)
    #expect(state.line == "x")
  }

  @Test func tabCompletion() {
    var state = LineInputState(text: "c")
    _ = state.handle(.tab, complete: complete)
    #expect(state.line == "continue")
    state.setLine("b")
    _ = state.handle(.tab, complete: complete)
    #expect(state.line == "b")
    #expect(state.completions == ["break", "back"])
    _ = state.handle(.tab, complete: complete)
    #expect(state.line == "break")
    _ = state.handle(.tab, complete: complete)
    #expect(state.line == "back")
    _ = state.handle(.character(" "))
    #expect(state.completions.isEmpty)
  }

  @Test func lineEditingKeys() {
    var state = LineInputState(text: "break Start here")
    _ = state.handle(.ctrl("w"))
    #expect(state.line == "break Start ")
    _ = state.handle(.home)
    _ = state.handle(.delete)
    #expect(state.line == "reak Start ")
    _ = state.handle(.end)
    _ = state.handle(.backspace)
    _ = state.handle(.ctrl("u"))
    #expect(state.line == "")
  }

  @Test func rendersPromptCursorAndCompletions() {
    var state = LineInputState(text: "b")
    _ = state.handle(.tab) { _ in ["break", "back"] }
    let buffer = renderedBuffer(LineInput(state: state), width: 20, height: 1)
    #expect(buffer.lines() == [":b   break  back    "])
    #expect(buffer.lines(marking: { $0.style.reverse }) == [":b#  break  back    "])
  }

  @Test func longLinesScrollToTheCursor() {
    let state = LineInputState(text: "0123456789")
    #expect(rendered(LineInput(state: state), width: 6, height: 1) == [":6789 "])
  }
}

@Suite struct BarTests {
  @Test func tabsMarkTheSelection() {
    let tabs = Tabs(titles: ["Graph", "History", "Pending"], selected: 1)
    let buffer = renderedBuffer(tabs, width: 30, height: 1)
    #expect(buffer.lines() == [" Graph  [History]  Pending    "])
    #expect(tabs.index(atColumn: 9, width: 30) == 1)
    #expect(tabs.index(atColumn: 0, width: 30) == 0)
    #expect(tabs.index(atColumn: 7, width: 30) == nil)
  }

  @Test func tabsShrinkToFit() {
    let tabs = Tabs(titles: ["Executions", "Graph", "History"], selected: 0)
    let lines = rendered(tabs, width: 20, height: 1)
    #expect(lines == ["[Exe…]  Gra…   His… "])
  }

  @Test func keyHintsDropWholeHints() {
    let bar = KeyHintBar(hints: [KeyHint("s", "step"), KeyHint("n", "next"), KeyHint("q", "quit")])
    #expect(rendered(bar, width: 24, height: 1) == [" s step  n next  q quit "])
    #expect(rendered(bar, width: 16, height: 1) == [" s step  n next "])
    #expect(rendered(bar, width: 3, height: 1) == ["   "])
  }

  @Test func pinnedHintsStayAtTheEnd() {
    let bar = KeyHintBar(
      hints: [KeyHint("s", "step"), KeyHint("n", "next"), KeyHint("c", "continue")],
      pinned: [KeyHint("?", "help")])
    #expect(rendered(bar, width: 36, height: 1) == [" s step  n next  c continue  ? help "])
    #expect(rendered(bar, width: 30, height: 1) == [" s step  n next  ? help       "])
    #expect(rendered(bar, width: 24, height: 1) == [" s step  n next  ? help "])
    #expect(rendered(bar, width: 8, height: 1) == [" ? help "])
  }

  @Test func statusLineKeepsTheRightPart() {
    let status = StatusLine(left: "sfdbg · template.yaml · Main", right: "main-1 RUNNING")
    #expect(rendered(status, width: 50, height: 1) == [
      " sfdbg · template.yaml · Main      main-1 RUNNING ",
    ])
    #expect(rendered(status, width: 30, height: 1) == [" sfdbg · tem…  main-1 RUNNING "])
    #expect(rendered(status, width: 10, height: 1) == [" main-1 … "])
  }
}

@Suite struct OverlayTests {
  /// Each section aligns its own key column (`s`/`c` are not pushed right by `tab`).
  @Test func helpOverlayListsKeys() {
    let help = HelpOverlay(sections: [
      .init("Stepping", [KeyHint("s", "step one transition"), KeyHint("c", "continue")]),
      .init("Panes", [KeyHint("tab", "next pane")]),
    ])
    var buffer = ScreenBuffer(size: Size(width: 34, height: 11))
    buffer.write(String(repeating: "x", count: 34), at: .zero)
    buffer.render(help, in: buffer.bounds)
    #expect(buffer.lines() == [
      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
      "   ┏ ▶ Help ━━━━━━━━━━━━━━━━━┓    ",
      "   ┃ Stepping                ┃    ",
      "   ┃  s  step one transition ┃    ",
      "   ┃  c  continue            ┃    ",
      "   ┃                         ┃    ",
      "   ┃ Panes                   ┃    ",
      "   ┃  tab  next pane         ┃    ",
      "   ┃ esc/? close  ↑↓ scroll  ┃    ",
      "   ┗━━━━━━━━━━━━━━━━━━━━━━━━━┛    ",
      "                                  ",
    ])
  }

  @Test func confirmDialogKeys() {
    var dialog = ConfirmDialog(title: "Quit", message: "The execution is still running. Quit?")
    do { let r = dialog.handle(.character("n")); #expect((r == 1)) }
    do { let r = dialog.handle(.escape); #expect((r == 1)) }
    do { let r = dialog.handle(.right); #expect((r == nil)) }
    #expect(dialog.selected == 1)
    do { let r = dialog.handle(.enter); #expect((r == 1)) }
    do { let r = dialog.handle(.character("Y")); #expect((r == 0)) }
  }

  @Test func confirmDialogRenders() {
    let dialog = ConfirmDialog(title: "Quit", message: "Still running. Quit?")
    #expect(rendered(dialog, width: 30, height: 7) == [
      "                              ",
      "   ┏ ▶ Quit ━━━━━━━━━━━━━━┓   ",
      "   ┃ Still running. Quit? ┃   ",
      "   ┃                      ┃   ",
      "   ┃ ▶[y] Yes◀   [n] No   ┃   ",
      "   ┗━━━━━━━━━━━━━━━━━━━━━━┛   ",
      "                              ",
    ])
  }

  @Test func tooSmallNotice() {
    let notice = TooSmallNotice(required: Size(width: 80, height: 24))
    #expect(notice.applies(to: Size(width: 20, height: 6)))
    #expect(!notice.applies(to: Size(width: 80, height: 24)))
    #expect(rendered(notice, width: 20, height: 6) == [
      "                    ",
      "                    ",
      "Terminal too small: ",
      "  20×6, need 80×24  ",
      "                    ",
      "                    ",
    ])
  }
}

@Suite struct LabelledJSONTreeTests {
  @Test func rootMembersBecomeSections() {
    let stages: JSONValue = ["input": ["OrderId": "o-1"], "result": "⧗ waiting", "output": [1, 2]]
    var state = JSONTreeState(folded: ["/output"], list: ListState(selected: nil), labelledRoot: true)
    let view = JSONTreeView(value: stages, state: state)
    #expect(rendered(view, width: 30, height: 5) == [
      "▾ input: {                    ",
      "    \"OrderId\": \"o-1\"          ",
      "  }                           ",
      "  result: \"⧗ waiting\"         ",
      "▸ output: […] 2 items         ",
    ])
    state.list.selected = 4
    let handled = state.handle(.enter, value: stages)
    #expect(handled)
    #expect(state.folded.isEmpty)
  }
}

@Suite struct LazyListViewTests {
  @Test func buildsOnlyVisibleRowsAndFollowsTheSelection() {
    let view = LazyListView(count: 100_000, state: ListState(selected: 99_999), focused: true) {
      TextLine("row \($0)")
    }
    let buffer = renderedBuffer(view, width: 14, height: 3)
    #expect(buffer.lines() == ["  row 99997   ", "  row 99998   ", "▸ row 99999   "])
    #expect(buffer.lines(marking: { $0.style.reverse })[2] == String(repeating: "#", count: 14))
    #expect(view.itemIndex(atRow: 0, height: 3) == 99_997)
    #expect(rendered(LazyListView(count: 0, emptyText: "none") { _ in "" }, width: 6, height: 1) == ["none  "])
  }
}
