import Testing
@testable import TerminalUI

@Suite struct ScreenBufferTests {
  @Test func writesAndClips() {
    var buffer = ScreenBuffer(size: Size(width: 10, height: 2))
    let advanced = buffer.write("hello world", at: Point(x: 2, y: 0))
    #expect(advanced == 8)
    buffer.write("clipped", at: Point(x: 0, y: 1), clip: Rect(x: 1, y: 1, width: 3, height: 1))
    #expect(buffer.lines() == ["  hello wo", " lip      "])
  }

  @Test func negativeStartIsClipped() {
    var buffer = ScreenBuffer(size: Size(width: 5, height: 1))
    buffer.write("abcdef", at: Point(x: -2, y: 0))
    #expect(buffer.lines() == ["cdef "])
    buffer.write("zz", at: Point(x: 0, y: 5))
    buffer.write("zz", at: Point(x: 0, y: -1))
    #expect(buffer.lines() == ["cdef "])
  }

  @Test func wideCharactersTakeTwoCells() {
    var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
    buffer.write("a中b", at: .zero)
    #expect(buffer.lines() == ["a中b  "])
    #expect(buffer[1, 0].character == "中")
    #expect(buffer[2, 0].isContinuation)
    #expect(buffer[3, 0].character == "b")
  }

  @Test func wideCharacterAtTheEdgeBecomesASpace() {
    var buffer = ScreenBuffer(size: Size(width: 4, height: 1))
    buffer.write("abc中", at: .zero)
    #expect(buffer.lines() == ["abc "])
    #expect(!buffer[3, 0].isContinuation)
    var clipped = ScreenBuffer(size: Size(width: 6, height: 1))
    clipped.write("x中", at: .zero, clip: Rect(x: 0, y: 0, width: 2, height: 1))
    #expect(clipped.lines() == ["x     "])
  }

  @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
    var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
    buffer.write("中文", at: .zero)
    buffer.write("x", at: Point(x: 1, y: 0))  // right half of 中
    #expect(buffer.lines() == [" x文  "])
    buffer.write("y", at: Point(x: 2, y: 0))  // left half of 文
    #expect(buffer.lines() == [" xy   "])
    for x in 0..<6 { #expect(!buffer[x, 0].isContinuation) }
    buffer.write("中", at: Point(x: 3, y: 0))
    buffer.write("文", at: Point(x: 2, y: 0))  // overlaps the left half of 中
    #expect(buffer.lines() == [" x文  "])
  }

  @Test func controlCharactersAreReplaced() {
    var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
    buffer.write("a\tb\u{7}c", at: .zero)
    #expect(buffer.lines() == ["a b\u{FFFD}c "])
  }

  @Test func diffListsOnlyChangedCells() {
    var before = ScreenBuffer(size: Size(width: 5, height: 2))
    before.write("abc", at: .zero)
    var after = before
    after.write("X", at: Point(x: 1, y: 0))
    after.write("z", at: Point(x: 4, y: 1), style: .plain.bolded())
    let changes = after.diff(from: before)
    #expect(changes == [
      CellChange(position: Point(x: 1, y: 0), cell: Cell("X")),
      CellChange(position: Point(x: 4, y: 1), cell: Cell("z", style: .plain.bolded())),
    ])
    #expect(after.diff(from: after).isEmpty)
  }

  @Test func diffOfAStyleChangeOnly() {
    var before = ScreenBuffer(size: Size(width: 3, height: 1))
    before.write("abc", at: .zero)
    var after = before
    after.modifyStyle(in: Rect(x: 2, y: 0, width: 1, height: 1)) { $0.reverse = true }
    #expect(after.diff(from: before).map(\.position) == [Point(x: 2, y: 0)])
  }

  @Test func diffAfterResizeIsFull() {
    let small = ScreenBuffer(size: Size(width: 2, height: 2))
    let large = ScreenBuffer(size: Size(width: 3, height: 2))
    #expect(large.diff(from: small).count == 6)
  }

  @Test func markingShowsStyledCells() {
    var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
    buffer.write("ab", at: .zero)
    buffer.write("中d", at: Point(x: 2, y: 0), style: .plain.reversed())
    #expect(buffer.lines(marking: { $0.style.reverse }) == ["ab### "])
  }

  @Test func linesInitializerAndEquality() {
    var buffer = ScreenBuffer(size: Size(width: 4, height: 2))
    buffer.write("ab", at: .zero)
    buffer.write("cd", at: Point(x: 2, y: 1))
    #expect(buffer == ScreenBuffer(lines: ["ab", "  cd"], width: 4))
  }

  @Test func resizeKeepsTopLeft() {
    var buffer = ScreenBuffer(lines: ["abcd", "efgh"])
    buffer.resize(to: Size(width: 2, height: 3))
    #expect(buffer.lines() == ["ab", "ef", "  "])
  }

  @Test func fillBreaksWideCharactersAtItsEdges() {
    var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
    buffer.write("中文中", at: .zero)
    buffer.fill(Rect(x: 1, y: 0, width: 3, height: 1), with: Cell("."))
    #expect(buffer.lines() == [" ...中"])
  }
}

@Suite struct BackendTests {
  @Test func presenterSendsOnlyChanges() {
    var backend = TestBackend(size: Size(width: 4, height: 2))
    var presenter = ScreenPresenter()
    var frame = ScreenBuffer(size: backend.size)
    frame.write("hi", at: .zero)
    #expect(presenter.present(frame, to: &backend) == 8)
    frame.write("!", at: Point(x: 2, y: 0))
    #expect(presenter.present(frame, to: &backend) == 1)
    #expect(backend.screen.lines() == ["hi! ", "    "])
    #expect(presenter.present(frame, to: &backend) == 0)
    #expect(backend.drawCount == 2)
  }

  @Test func presenterRepaintsAfterResize() {
    var backend = TestBackend(size: Size(width: 4, height: 1))
    var presenter = ScreenPresenter()
    presenter.present(ScreenBuffer(lines: ["abcd"]), to: &backend)
    backend.resize(to: Size(width: 3, height: 1))
    #expect(backend.nextEvent(timeout: nil) == .resize(Size(width: 3, height: 1)))
    #expect(presenter.present(ScreenBuffer(lines: ["abc"]), to: &backend) == 3)
    #expect(backend.screen.lines() == ["abc"])
  }

  @Test func scriptedEvents() {
    var backend = TestBackend(size: Size(width: 1, height: 1))
    backend.type("sn")
    backend.type(.enter, .backTab)
    let events = (0..<5).map { _ in backend.nextEvent(timeout: .milliseconds(1)) }
    #expect(events == [.key(.character("s")), .key(.character("n")), .key(.enter), .key(.backTab), nil])
  }

  @Test func wideCharactersReachTheBackend() {
    var backend = TestBackend(size: Size(width: 4, height: 1))
    var presenter = ScreenPresenter()
    presenter.present(ScreenBuffer(lines: ["a中b"]), to: &backend)
    #expect(backend.screen.lines() == ["a中b"])
    presenter.present(ScreenBuffer(lines: ["ab c"]), to: &backend)
    #expect(backend.screen.lines() == ["ab c"])
  }
}
