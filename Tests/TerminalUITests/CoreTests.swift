import Testing
@testable import TerminalUI

@Suite struct GeometryTests {
  @Test func rectIntersectionAndInset() {
    let a = Rect(x: 0, y: 0, width: 10, height: 5)
    let b = Rect(x: 5, y: 3, width: 10, height: 10)
    #expect(a.intersection(b) == Rect(x: 5, y: 3, width: 5, height: 2))
    #expect(a.intersection(Rect(x: 20, y: 20, width: 2, height: 2)).isEmpty)
    #expect(a.inset(by: 1) == Rect(x: 1, y: 1, width: 8, height: 3))
    #expect(Rect(x: 0, y: 0, width: 1, height: 1).inset(by: 1).isEmpty)
    #expect(Rect(x: 0, y: 0, width: -3, height: 2).width == 0)
    #expect(a.centered(Size(width: 4, height: 1)) == Rect(x: 3, y: 2, width: 4, height: 1))
    #expect(a.contains(Point(x: 9, y: 4)))
    #expect(!a.contains(Point(x: 10, y: 4)))
  }
}

@Suite struct LayoutTests {
  @Test func fixedPercentFill() {
    let parts = Rect(x: 0, y: 0, width: 100, height: 30).rows([.fixed(1), .fill(), .fixed(1)])
    #expect(parts.map(\.height) == [1, 28, 1])
    #expect(parts.map(\.y) == [0, 1, 29])
    let columns = Rect(x: 0, y: 0, width: 100, height: 1).columns([.percent(35), .fill()])
    #expect(columns.map(\.width) == [35, 65])
    #expect(columns[1].x == 35)
  }

  @Test func minGrowsWithLeftover() {
    #expect(Layout.horizontal([.min(10), .fixed(20), .min(10)]).lengths(total: 50) == [15, 20, 15])
    #expect(Layout.horizontal([.min(10), .fill(3)]).lengths(total: 50) == [20, 30])
  }

  @Test func overflowShrinksFromTheEnd() {
    #expect(Layout.vertical([.fixed(5), .fixed(5), .min(5)]).lengths(total: 8) == [5, 3, 0])
    #expect(Layout.vertical([.fixed(5), .fixed(5)]).lengths(total: 0) == [0, 0])
  }

  @Test func leftoverWithoutFlexiblePartsStaysUnused() {
    #expect(Layout.vertical([.fixed(2), .percent(50)]).lengths(total: 10) == [2, 5])
  }

  @Test func roundingRemainderGoesToFirstFlexibleParts() {
    #expect(Layout.horizontal([.fill(), .fill(), .fill()]).lengths(total: 10) == [4, 3, 3])
  }

  @Test func spacingBetweenParts() {
    let parts = Rect(x: 0, y: 0, width: 11, height: 1).columns([.fill(), .fill()], spacing: 1)
    #expect(parts == [Rect(x: 0, y: 0, width: 5, height: 1), Rect(x: 6, y: 0, width: 5, height: 1)])
  }
}

@Suite struct CharacterWidthTests {
  @Test(arguments: [
    ("a", 1), ("é", 1), ("─", 1), ("▸", 1), ("⧗", 1), ("✓", 1), ("ⓘ", 1), ("中", 2), ("あ", 2),
    ("한", 2), ("Ａ", 2), ("😀", 2), ("🚀", 2), ("⌛", 2), ("e\u{301}", 1), ("\u{200B}", 0),
  ])
  func widths(text: String, width: Int) {
    #expect(CharacterWidth.of(text) == width)
  }

  @Test func stringWidth() {
    #expect("ab中😀".terminalWidth == 6)
  }
}

@Suite struct TextLineTests {
  @Test func truncation() {
    #expect("hello world".truncated(toWidth: 8) == "hello w…")
    #expect("hello".truncated(toWidth: 5) == "hello")
    #expect("hello".truncated(toWidth: 1) == "…")
    #expect("hello".truncated(toWidth: 0) == "")
    #expect("中文字".truncated(toWidth: 4) == "中…")
    #expect("ab".padded(toWidth: 4) == "ab  ")
  }

  @Test func wrapsAtSpacesAndBreaksLongWords() {
    let lines = TextLine("the quick brown fox jumps").wrapped(toWidth: 10).map(\.text)
    #expect(lines == ["the quick", "brown fox", "jumps"])
    #expect(TextLine("abcdefghij").wrapped(toWidth: 4).map(\.text) == ["abcd", "efgh", "ij"])
    #expect(TextLine("").wrapped(toWidth: 4).map(\.text) == [""])
    #expect(TextLine("中文中文中").wrapped(toWidth: 5).map(\.text) == ["中文", "中文", "中"])
  }

  @Test func wrapKeepsStyles() {
    let line = TextLine([Span("red ", style: Style(foreground: .red)), Span("plain words")])
    let wrapped = line.wrapped(toWidth: 9)
    #expect(wrapped.map(\.text) == ["red plain", "words"])
    #expect(wrapped[0].spans.first?.style.foreground == .red)
    #expect(wrapped[1].spans.first?.style == .plain)
  }

  @Test func sliceByColumns() {
    #expect(TextLine("abcdef").slice(columns: 2..<4).text == "cd")
    #expect(TextLine("a中b").slice(columns: 2..<4).text == " b")
  }
}

@Suite struct KeyTests {
  @Test func decodesControlCharacters() {
    #expect(Key.decode("\r") == .enter)
    #expect(Key.decode("\n") == .enter)
    #expect(Key.decode("\t") == .tab)
    #expect(Key.decode("\u{1B}") == .escape)
    #expect(Key.decode("\u{7F}") == .backspace)
    #expect(Key.decode("\u{03}") == .ctrl("c"))
    #expect(Key.decode("\u{13}") == .ctrl("s"))
    #expect(Key.decode("S") == .character("S"))
    #expect(Key.decode("é") == .character("é"))
  }

  @Test(arguments: [
    Key.character("s"), .character("S"), .character(" "), .ctrl("c"), .alt("x"), .enter, .escape,
    .tab, .backTab, .backspace, .delete, .up, .down, .left, .right, .home, .end, .pageUp,
    .pageDown, .function(5), .function(12), .insert,
  ])
  func namesRoundTrip(key: Key) {
    #expect(Key(name: key.name) == key)
  }

  @Test func unknownNames() {
    #expect(Key(name: "ctrl-") == nil)
    #expect(Key(name: "F99") == nil)
    #expect(Key(name: "bogus") == nil)
  }
}
