import DebuggerCore
import JSONCore
import Testing
import TerminalUI
@testable import DebuggerApp

/// State I/O on screen for states in flight (issue 12, item 6) and Map iterations (item 7).
@Suite struct StateIOScreenTests {
  static let size = Size(width: 160, height: 45)

  @Test func aTaskWaitingInsideTheParallelShowsWhatItSentAndWaitsFor() throws {
    var program = try demoProgram(size: Self.size)
    program.handle(.key(.character("c")))
    program.selectState("Ship (wait for callback)")
    var screen = program.frame(size: Self.size).text
    #expect(!screen.contains("has not run"))
    #expect(screen.contains("State I/O · Ship (wait for callback)"))
    #expect(screen.contains("after InputPath: \"(same as input)\""))
    #expect(screen.contains("▾ parameters: {"))
    #expect(screen.contains("⧗ waiting for SendTaskSuccess / SendTaskFailure with token AQBB"))
    #expect(screen.contains("passed to #4 OrderWorker"))
    // With the input folded, the token sent in Parameters is in sight.
    focus(&program, .stateIO)
    program.handle(.key(.enter))
    screen = program.frame(size: Self.size).text
    #expect(screen.contains("\"TaskToken\": \"AQBB"))
  }

  func focus(_ program: inout DebuggerProgram, _ pane: Pane) {
    var tabs = 0
    while program.app.focus != pane && tabs < 8 {
      program.handle(.key(.tab))
      tabs += 1
    }
  }

  static let map = json("""
    {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"End":true,
      "ItemProcessor":{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
        "Parameters":{"FunctionName":"f","Payload.$":"$"},"End":true}}}}}}
    """)

  @Test func mapIterationsArePickedWithBrackets() throws {
    let session = try Session(
      machines: [machine("M", Self.map)], mainMachine: "M", input: ["items": ["apple", "berry", "cherry"]])
    var program = DebuggerProgram(session: session, title: "map", definitions: ["M": Self.map], size: Self.size)
    program.handle(.key(.character("c")))
    program.selectState("Work")
    focus(&program, .stateIO)
    var screen = program.frame(size: Self.size).text
    #expect(screen.contains("◂ [ Each: iteration 2 of 3 (index 1, running) · 2 running, 1 not started ] ▸"))
    #expect(screen.contains("\"berry\""))
    #expect(screen.contains("[ ] iteration"))
    program.handle(.key(.character("[")))
    screen = program.frame(size: Self.size).text
    #expect(screen.contains("◂ [ Each: iteration 1 of 3 (index 0, running) · 2 running, 1 not started ] ▸"))
    #expect(screen.contains("\"apple\""))
    #expect(!screen.contains("\"berry\""))
    program.handle(.key(.character("]")))
    program.handle(.key(.character("]")))
    screen = program.frame(size: Self.size).text
    #expect(screen.contains("iteration 3 of 3 (index 2, not started)"))
    #expect(screen.contains("iteration 3 has not started yet (MaxConcurrency)"))
    // esc follows the current state again, and the latest iteration.
    program.handle(.key(.escape))
    program.selectState("Work")
    #expect(program.frame(size: Self.size).text.contains("iteration 2 of 3 (index 1, running)"))
  }
}
