import JSONCore
import Testing

@testable import DebuggerCore

/// `print {% … %}` evaluates JSONata on the focused state's input, context and variables, as a
/// JSONata state would (issue 17: the console's data-flow simulator in the debugger).
@Suite struct PrintJSONataTests {
  static let definition = """
    {"QueryLanguage": "JSONata", "StartAt": "Keep", "States": {
      "Keep": {"Type": "Pass", "Assign": {"factor": 3}, "Next": "Use"},
      "Use": {"Type": "Pass", "End": true}}}
    """

  @Test func evaluatesOnTheFocusedStatesDataAndChangesNothing() throws {
    var s = try Session(machines: [machine("M", Self.definition)], mainMachine: "M", input: ["n": 7])
    _ = s.execute(.step)
    let before = s.script
    let out = s.execute(try #require(try CommandParser.parse("print {% $states.input.n * $factor %}")))
    #expect(!out.isError, "\(out.messages)")
    #expect(out.output == .value(21))
    let name = s.execute(try #require(try CommandParser.parse("print {% $states.context.State.Name %}")))
    #expect(name.output == .value("Use"))
    #expect(s.script == before, "print is not logged")
    let bad = s.execute(try #require(try CommandParser.parse("print {% $states.input.( %}")))
    #expect(bad.isError)
    #expect(bad.messages.first?.contains("States.QueryEvaluationError") == true, "\(bad.messages)")
  }
}
