import Testing
import TerminalUI
@testable import DebuggerApp

/// The README walkthrough's hint line: what `s` would do next.
@Suite struct WalkthroughHintTests {
  /// With the demo's callback token the only thing left, `s` can only say that #1 waits: the
  /// hint names the token's state inside the Parallel, not the Parallel as "next".
  @Test func aTokenInsideAParallelIsWhatTheHintSaysTheExecutionWaitsFor() throws {
    var program = try demoProgram()
    program.press(.character("c"), .character("H"))
    #expect(program.app.view.nextStep == "'Ship (wait for callback)' waits for a result: S succeed, F fail")
  }

  @Test func aStateThatCanRunIsNext() throws {
    var program = try demoProgram()
    program.press(.character("s"), .character("s"))
    #expect(program.app.view.nextStep == "next: 'Fulfil in parallel' · s step, c continue")
  }
}
