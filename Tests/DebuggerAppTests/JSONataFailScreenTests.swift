import DebuggerCore
import JSONCore
import Testing
import TerminalUI
@testable import DebuggerApp

/// A JSONata Fail state shows on screen like a JSONPath one: failed in the graph, its error in
/// State I/O.
@Suite struct JSONataFailScreenTests {
  static let definition = json("""
    {"QueryLanguage": "JSONata", "StartAt": "Check", "States": {
      "Check": {"Type": "Pass", "Next": "Boom"},
      "Boom": {"Type": "Fail", "Error": "{% 'Bad' & 'Input' %}", "Cause": "{% $states.input.why %}"}}}
    """)
  static let size = Size(width: 100, height: 30)

  /// The program after `c` (continue) ran the machine into its Fail state.
  static func failedProgram() throws -> DebuggerProgram {
    let session = try Session(
      machines: [machine("Boom", definition)], mainMachine: "Boom", input: ["why": "no items"],
      configuration: SessionConfiguration())
    var program = DebuggerProgram(
      session: session, title: "boom", definitions: ["Boom": definition], size: size)
    program.handle(.key(.escape))  // past the tour
    program.handle(.key(.character("c")))
    return program
  }

  @Test func graphDrawsTheFailStateFailed() throws {
    let program = try Self.failedProgram()
    #expect(!program.session.mainExecution.isRunning)
    let screen = program.frame(size: Self.size).text
    #expect(screen.contains("│ Boom │ Fail ✗"))
    #expect(!screen.contains("Fail ✓"))
  }

  @Test func stateIOShowsTheError() throws {
    var program = try Self.failedProgram()
    program.selectState("Boom")
    let model = program.app.view.stateIO
    #expect(model.stateName == "Boom")
    #expect(model.explanation.contains("failed: BadInput · no items"))
    #expect(!model.explanation.contains { $0.contains("has not run") })
    #expect(program.frame(size: Self.size).text.contains("failed: BadInput · no items"))
  }
}
