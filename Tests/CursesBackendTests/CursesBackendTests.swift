import CNcursesw
import Testing
import TerminalUI
@testable import CursesBackend

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct CursesKeyTests {
  @Test func functionKeysDecode() {
    #expect(CursesBackend.functionKey(KEY_UP) == .up)
    #expect(CursesBackend.functionKey(KEY_DOWN) == .down)
    #expect(CursesBackend.functionKey(KEY_LEFT) == .left)
    #expect(CursesBackend.functionKey(KEY_RIGHT) == .right)
    #expect(CursesBackend.functionKey(KEY_BTAB) == .backTab)
    #expect(CursesBackend.functionKey(KEY_BACKSPACE) == .backspace)
    #expect(CursesBackend.functionKey(KEY_DC) == .delete)
    #expect(CursesBackend.functionKey(KEY_PPAGE) == .pageUp)
    #expect(CursesBackend.functionKey(KEY_NPAGE) == .pageDown)
    #expect(CursesBackend.functionKey(KEY_HOME) == .home)
    #expect(CursesBackend.functionKey(KEY_END) == .end)
    #expect(CursesBackend.functionKey(KEY_ENTER) == .enter)
    #expect(CursesBackend.functionKey(sfdbg_key_f0() + 1) == .function(1))
    #expect(CursesBackend.functionKey(sfdbg_key_f0() + 12) == .function(12))
    #expect(CursesBackend.functionKey(sfdbg_key_mouse()) == nil)
  }
}

/// The grid must agree with the C library's `wcwidth`, which ncursesw uses to place characters;
/// otherwise wide characters would shift the rest of a row on the real terminal.
@Suite struct WcwidthAgreementTests {
  @Test func agreesWithTheCLibrary() {
    guard setlocale(LC_CTYPE, "C.UTF-8") != nil || setlocale(LC_CTYPE, "C.utf8") != nil else {
      Issue.record("no UTF-8 locale to compare with")
      return
    }
    let samples: [UInt32] =
      Array(0x20...0x7E) + Array(0xA0...0x17F) + Array(0x2190...0x21FF) + Array(0x2500...0x27BF)
      + Array(0x29D0...0x29DF) + Array(0x2B00...0x2B5F) + Array(0x3000...0x303F)
      + Array(0x4E00...0x4E20) + Array(0xAC00...0xAC10) + Array(0xFF00...0xFF10)
      + Array(0x1F300...0x1F64F) + Array(0x1F680...0x1F6FF) + Array(0x1F900...0x1F9FF)
      + [0x300, 0x301, 0x200B, 0x2460, 0x24D8, 0x2713, 0x2714]
    var mismatches: [String] = []
    for value in samples {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let expected = Int(sfdbg_wcwidth(value))
      let ours = CharacterWidth.of(scalar)
      if expected >= 0 && expected != ours {
        mismatches.append("U+\(String(value, radix: 16, uppercase: true)): C \(expected), ours \(ours)")
      }
    }
    #expect(mismatches == [])
  }
}

/// Runs only on a real terminal (skipped under CI pipes): starts curses, draws a frame with wide
/// characters and attributes, reads it back from curses, and restores the terminal.
@Suite struct CursesSmokeTests {
  @Test(.enabled(if: CursesBackend.hasTerminal, "needs a terminal on stdin/stdout"))
  func drawsAFrameAndRestoresTheTerminal() throws {
    let backend = CursesBackend()
    try backend.start()
    defer { backend.stop() }
    let size = backend.size
    #expect(size.width > 0 && size.height > 0)
    var frame = ScreenBuffer(size: size)
    frame.render(Panel(title: "sfdbg smoke 中文", focused: true), in: frame.bounds)
    frame.write("bold", at: Point(x: 2, y: 1), style: Style(foreground: .cyan, bold: true))
    frame.write("中x", at: Point(x: 8, y: 1))
    var presenter = ScreenPresenter()
    var target = backend
    presenter.present(frame, to: &target)
    var attributes: UInt32 = 0
    #expect(sfdbg_read_cell(1, 2, &attributes) == UInt32(("b" as Unicode.Scalar).value))
    #expect(attributes & sfdbg_a_bold() != 0)
    #expect(sfdbg_read_cell(1, 8, nil) == 0x4E2D)
    #expect(sfdbg_read_cell(1, 10, nil) == UInt32(("x" as Unicode.Scalar).value))
    #expect(sfdbg_read_cell(0, 0, nil) == 0x250F)  // ┏
    _ = backend.nextEvent(timeout: .milliseconds(10))
    backend.stop()
    #expect(isendwin())
  }
}
