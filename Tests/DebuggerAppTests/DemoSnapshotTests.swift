import Testing
import TerminalUI
@testable import DebuggerApp

/// The nesting demo (demo/nesting) in the main situations, as text snapshots.
@Suite struct DemoSnapshotTests {
  let wide = Size(width: 100, height: 30)
  let narrow = Size(width: 80, height: 24)

  func program(_ size: Size, keys: String = "") throws -> DebuggerProgram {
    var program = try demoProgram(size: size)
    program.handle(.resize(size))
    for key in keys { program.handle(.key(.character(key))) }
    return program
  }

  @Test func start() throws {
    assertSnapshot(try program(wide).frame(size: wide), named: "start-100x30")
  }

  @Test func pendingToken() throws {
    assertSnapshot(try program(wide, keys: "c").frame(size: wide), named: "pending-token-100x30")
  }

  @Test func pendingTokenAt80x24() throws {
    assertSnapshot(try program(narrow, keys: "c").frame(size: narrow), named: "pending-token-80x24")
  }

  @Test func insideAChild() throws {
    assertSnapshot(try program(wide, keys: "sssis").frame(size: wide), named: "inside-child-100x30")
  }

  @Test func succeedEditor() throws {
    assertSnapshot(try program(wide, keys: "cS").frame(size: wide), named: "succeed-editor-100x30")
  }

  @Test func failure() throws {
    var program = try program(wide, keys: "cF")
    program.handle(.key(.enter))
    program.handle(.key(.character("c")))
    assertSnapshot(program.frame(size: wide), named: "failure-100x30")
  }

  @Test func finished() throws {
    var program = try program(wide, keys: "cS")
    program.handle(.key(.ctrl("s")))
    program.handle(.key(.character("c")))
    assertSnapshot(program.frame(size: wide), named: "finished-100x30")
  }

  @Test func helpOverlay() throws {
    assertSnapshot(try program(wide, keys: "?").frame(size: wide), named: "help-100x30")
  }

  @Test func resizeGivesTheSameScreenAsStartingThere() throws {
    var resized = try program(wide, keys: "c")
    resized.handle(.resize(narrow))
    let fresh = try program(narrow, keys: "c")
    #expect(resized.frame(size: narrow).lines() == fresh.frame(size: narrow).lines())
  }

  @Test func tiny() throws {
    let size = Size(width: 30, height: 8)
    assertSnapshot(try program(size, keys: "c").frame(size: size), named: "tiny-30x8")
    let small = Size(width: 50, height: 16)
    assertSnapshot(try program(small, keys: "c").frame(size: small), named: "single-pane-50x16")
  }
}
