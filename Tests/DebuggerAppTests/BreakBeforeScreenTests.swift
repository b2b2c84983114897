import DebuggerCore
import Testing
import TerminalUI

@testable import DebuggerApp

/// Issue 12, the session semantics as the screen shows them: a breakpoint stops before its state,
/// `u` undoes what changed executions (not navigation), `:break "Or<tab>` completes.
@Suite struct BreakBeforeScreenTests {
  let size = Size(width: 100, height: 30)

  mutating func command(_ program: inout DebuggerProgram, _ line: String) {
    program.handle(.key(.character(":")))
    for c in line { program.handle(.key(.character(c))) }
    program.handle(.key(.enter))
  }

  @Test mutating func aBreakpointOnTheLastStateStopsBeforeTheExecutionSucceeds() throws {
    var program = try demoProgram(size: size)
    command(&program, #"break "Order complete""#)
    program.handle(.key(.character("c")))
    command(&program, #"succeed 1 {"Carrier": "ACME", "TrackingId": "TRK-42"}"#)
    program.handle(.key(.character("c")))
    let screen = program.frame(size: size).text
    #expect(program.session.lastStop == .breakpoint(executionID: 0, state: "Order complete"))
    #expect(program.session.mainExecution.status == .running)
    let lines = screen.split(separator: "\n").map(String.init)
    #expect(lines[0].contains("#1 OrderMain RUNNING"), "\(screen)")
    #expect(!screen.contains("ExecutionSucceeded"))
    // The state is current (▶), with its input; the message says it once.
    #expect(screen.contains("◉ Order complete │ Pass ▶"))
    #expect(screen.contains("State I/O · Order complete"))
    #expect(screen.contains("▾ input: {"))
    #expect(lines[lines.count - 2].hasPrefix(" breakpoint before 'Order complete' in #1 OrderMain: not entered yet (s runs it)"))
    // c again: it runs and the execution ends.
    program.handle(.key(.character("c")))
    #expect(program.session.mainExecution.status.name == "SUCCEEDED")
  }

  @Test mutating func enterOnARowIsNotAnUndoStep() throws {
    var program = try demoProgram(size: size)
    program.handle(.key(.character("c")))
    let afterContinue = program.session.runtime.executions.count
    #expect(afterContinue == 4)
    command(&program, "focus #2")
    #expect(program.session.focus == 1)
    // One u undoes the continue, not the focus.
    program.handle(.key(.character("u")))
    #expect(program.session.runtime.executions.count == 1)
    #expect(program.session.mainExecution.execution.history.count == 1)
  }

  @Test func completionAfterAnOpeningQuoteInTheDemo() throws {
    var program = try demoProgram(size: size)
    _ = program.frame(size: size)
    program.handle(.key(.character(":")))
    for c in #"break "Or"# { program.handle(.key(.character(c))) }
    program.handle(.key(.tab))
    #expect(program.app.prompt.line == #"break "Order complete""#)
  }

  /// At 80x24 the Parallel is one collapsed box: its branch states still complete, as do the
  /// states of the child machine.
  @Test func completionOffersStatesInCollapsedFramesAndOtherMachines() throws {
    let small = Size(width: 80, height: 24)
    var program = try demoProgram(size: small)
    _ = program.frame(size: small)
    program.handle(.key(.character(":")))
    for c in #"break "Res"# { program.handle(.key(.character(c))) }
    program.handle(.key(.tab))
    #expect(program.app.prompt.line.hasPrefix(#"break "Reserve stock"#))
    program.handle(.key(.escape))
    program.handle(.key(.character(":")))
    for c in "break Do" { program.handle(.key(.character(c))) }
    program.handle(.key(.tab))
    #expect(program.app.prompt.line == #"break "Do the work""#)
  }

  @Test func completionWorksAfterAnOpeningQuote() {
    var app = AppState(view: SampleView.make())
    _ = press(&app, .character(":"))
    _ = type(&app, #"break "Lo"#)
    _ = press(&app, .tab)
    #expect(app.prompt.line == #"break "Log order""#)
    _ = press(&app, .escape)
    _ = press(&app, .character(":"))
    _ = type(&app, #"break "Ship (w"#)
    _ = press(&app, .tab)
    #expect(app.prompt.line == #"break "Ship (wait for callback)""#)
  }
}

/// Issue 12, item 1: at a breakpoint before a Task, State I/O shows the request it will send, and
/// `succeed "STATE" JSON` answers it by hand instead of its mock.
@Suite struct TaskRequestBeforeScreenTests {
  let size = Size(width: 100, height: 30)

  func command(_ program: inout DebuggerProgram, _ line: String) {
    program.handle(.key(.character(":")))
    for c in line { program.handle(.key(.character(c))) }
    program.handle(.key(.enter))
  }

  @Test func theRequestIsOnScreenAndAnsweredByHandInsteadOfTheMock() throws {
    var program = try demoProgram(size: size)
    command(&program, #"break "Notify warehouse""#)
    program.handle(.key(.character("c")))
    #expect(program.session.lastStop == .breakpoint(executionID: 3, state: "Notify warehouse"))
    let before = program.frame(size: size).text
    #expect(before.contains("State I/O · Notify warehouse"))
    #expect(before.contains("▾ request (not sent yet): {"))
    #expect(before.contains(#""FunctionName": "arn:aws:lambda:"#))
    #expect(before.contains(#"⏸ not sent yet: s sends it · succeed/fail "Notify warehouse""#))
    command(&program, #"succeed "Notify warehouse" {"accepted": false}"#)
    let armed = program.frame(size: size).text
    #expect(armed.contains("⏸ not sent yet: s enters it and answers with your success"))
    #expect(armed.contains(#"{"accepted":false}, not its mock or handler"#))
    program.handle(.key(.character("s")))
    let stepped = program.frame(size: size).text
    #expect(stepped.contains("TaskStarted"), "\(stepped)")
    #expect(!stepped.contains("request (not sent yet)"))
    program.handle(.key(.character("c")))
    // The mock would have accepted; the hand answer did not.
    let worker = program.session.runtime.executions[3]
    #expect(worker.status.name == "SUCCEEDED")
    #expect(worker.execution.history.contains { $0.type == "TaskSucceeded" && $0.json.compactString.contains(#"\"accepted\":false"#) })
  }
}
