import ASLInterpreter
import ASLRuntime
import JSONCore
import Testing
@testable import DebuggerCore

/// Breakpoints stop before their state runs (as gdb stops before a line), error breakpoints where
/// the error was raised (before Retry/Catch act); `out`, `back`, `advance DURATION` and `break`
/// as issue 12 asks.
@Suite struct BreakBeforeTests {
  /// Inc adds 1 to n; Check loops back while n < 3, then Done.
  static let loop = """
    {"StartAt":"Inc","States":{
      "Inc":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.n, 1)"},"Next":"Check"},
      "Check":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":3,"Next":"Inc"}],"Default":"Done"},
      "Done":{"Type":"Pass","End":true}}}
    """
  /// A task answered by hand that retries `Boom` once, then catches it.
  static let retried = """
    {"StartAt":"Call","States":{
      "Call":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f",
        "Retry":[{"ErrorEquals":["Boom"],"MaxAttempts":1,"IntervalSeconds":1}],
        "Catch":[{"ErrorEquals":["Boom"],"ResultPath":"$.error","Next":"Handled"}],"End":true},
      "Handled":{"Type":"Pass","End":true}}}
    """

  func session(_ definition: String = loop, input: JSONValue = ["n": 0]) throws -> Session {
    try Session(machines: [machine("M", definition)], mainMachine: "M", input: input)
  }

  func run(_ s: inout Session, _ line: String) throws -> CommandOutcome {
    s.execute(try #require(try CommandParser.parse(line)))
  }

  func types(_ s: Session) -> [String] { s.mainExecution.execution.history.map(\.type) }

  // MARK: Item 1: before the state

  @Test func aBreakpointStopsBeforeItsStateIsEntered() throws {
    var s = try session()
    _ = try run(&s, "break Check")
    let outcome = s.execute(.continue)
    #expect(outcome.stop == .breakpoint(executionID: 0, state: "Check"))
    #expect(outcome.messages.last == "breakpoint before 'Check' in #1 M: not entered yet (s runs it)")
    // Not entered: no ChoiceStateEntered (nor Exited); Check is the current state, its input on screen.
    #expect(!types(s).contains("ChoiceStateEntered"))
    #expect(types(s).last == "PassStateExited")
    #expect(s.mainExecution.execution.currentStates.map(\.stateName) == ["Check"])
    #expect(s.focusedScope.input == ["n": 1])
    #expect(s.mainExecution.status == .running)
  }

  @Test func continueFromABreakpointGoesOnToTheNextHit() throws {
    var s = try session()
    _ = try run(&s, "break Check")
    var inputs: [JSONValue] = []
    while s.execute(.continue).stop == .breakpoint(executionID: 0, state: "Check") { inputs.append(s.focusedScope.input) }
    // Each visit once, before it runs; then the end.
    #expect(inputs == [["n": 1], ["n": 2], ["n": 3]])
    #expect(s.mainExecution.status == .succeeded(output: ["n": 3]))
  }

  /// Decided: `step` runs one state from before its entry to before the next one. Before the
  /// step the state's input is on screen (it is current); after it, its trace holds the output
  /// and the next state is current.
  @Test func stepShowsTheInputBeforeAndTheOutputAfter() throws {
    var s = try session()
    _ = try run(&s, "break Check")
    _ = s.execute(.continue)
    #expect(s.focusedScope.input == ["n": 1])
    #expect(s.mainExecution.execution.traces.last?.stateName == "Inc")
    let step = s.execute(.step)
    #expect(step.stop == .stepped)
    #expect(step.messages == ["#1 M 4 ChoiceStateEntered 'Check'", "#1 M 5 ChoiceStateExited 'Check'"])
    let trace = try #require(s.mainExecution.execution.traces.last)
    #expect(trace.stateName == "Check")
    #expect(trace.stages.first?.value == ["n": 1])
    #expect(trace.nextState == "Inc")
    // Lands on the next state: Inc is current, not run.
    #expect(s.mainExecution.execution.currentStates.map(\.stateName) == ["Inc"])
    #expect(types(s).last == "ChoiceStateExited")
  }

  @Test func aConditionIsEvaluatedOnTheInputOfTheStateAboutToRun() throws {
    var s = try session()
    _ = try run(&s, "break Check if $.n == 2")
    #expect(s.execute(.continue).stop == .breakpoint(executionID: 0, state: "Check"))
    #expect(s.focusedScope.input == ["n": 2])
    #expect(types(s).filter { $0 == "ChoiceStateEntered" }.count == 1)
    #expect(s.execute(.continue).stop == .finished)
  }

  @Test func aBreakpointOnTheLastStateStopsBeforeTheExecutionEnds() throws {
    var s = try session()
    _ = try run(&s, "break Done")
    #expect(s.execute(.continue).stop == .breakpoint(executionID: 0, state: "Done"))
    #expect(s.mainExecution.status == .running)
    #expect(types(s).last != "ExecutionSucceeded")
    #expect(s.execute(.continue).stop == .finished)
  }

  @Test func anErrorBreakpointStopsWhereTheErrorIsRaisedBeforeRetryAndCatch() throws {
    var s = try session(Self.retried, input: [:])
    _ = try run(&s, "break error Boom")
    #expect(s.execute(.continue).stop == .waitingOnPerson)
    _ = try run(&s, "fail 1 Boom")
    let first = s.execute(.continue)
    #expect(first.stop == .error(executionID: 0, error: "Boom"))
    #expect(first.messages.last == "error Boom in #1 M, raised by 'Call': its Retry/Catch act on the next step")
    // Raised (TaskFailed written), not retried yet: no timer, one TaskScheduled.
    #expect(types(s).last == "TaskFailed")
    #expect(s.runtime.nextTimer == nil)
    #expect(types(s).filter { $0 == "TaskScheduled" }.count == 1)
    // Going on, the Retrier acts: the task is scheduled again after its second.
    #expect(s.execute(.continue).stop == .waitingOnPerson)
    #expect(types(s).filter { $0 == "TaskScheduled" }.count == 2)
    _ = try run(&s, "fail 1 Boom")
    #expect(s.execute(.continue).stop == .error(executionID: 0, error: "Boom"))
    #expect(!types(s).contains("PassStateEntered"))
    // Then the Catcher.
    #expect(s.execute(.continue).stop == .finished)
    #expect(types(s).contains("PassStateEntered"))
  }

  @Test func steppingOverARaisedErrorSaysWhatComesNext() throws {
    var s = try session(Self.retried, input: [:])
    _ = s.execute(.continue)
    _ = try run(&s, "fail 1 Boom")
    let raise = s.execute(.step)
    #expect(raise.messages.last == "'Call' raised Boom in #1 M: its Retry/Catch act on the next step")
    #expect(s.runtime.nextTimer == nil)
    _ = s.execute(.step)
    #expect(s.runtime.nextTimer != nil)
  }

  /// The pause between raising and handling an error changes no history: a run without
  /// breakpoints records what the interpreter alone records.
  @Test func historiesAreTheSameWithThePause() throws {
    var s = try session(Self.retried, input: [:])
    _ = s.execute(.continue)
    _ = try run(&s, "fail 1 Boom")
    _ = s.execute(.continue)
    _ = try run(&s, "fail 1 Boom")
    _ = s.execute(.continue)
    var plain = Execution(machine: try stateMachine(Self.retried), input: [:])
    plain.run(resolver: TaskResolver { _ in .failed(error: "Boom", cause: nil) })
    #expect(types(s) == plain.history.map(\.type))
  }

  // MARK: Item 2: out on the main execution

  @Test func outOnTheMainExecutionIsRefused() throws {
    var s = try session()
    let outcome = s.execute(.out)
    #expect(outcome.isError)
    #expect(outcome.messages == ["#1 M is not a child execution: out has no parent to return to (continue runs it)"])
    #expect(s.mainExecution.status == .running)
    #expect(!s.canStepBack)
    #expect(s.log.isEmpty)
  }

  // MARK: Item 3: back undoes what changed executions, not navigation

  @Test func backSkipsFocusAndUndoesTheAnswer() throws {
    var s = try session(Self.retried, input: [:])
    _ = s.execute(.continue)
    _ = try run(&s, #"succeed 1 {"ok": true}"#)
    #expect(s.runtime.pending.isEmpty)
    _ = try run(&s, "focus #1")
    #expect(s.log.last == .focus(execution: "#1"))
    // One back: the answer is undone, the task pending again.
    #expect(s.execute(.back).messages.first?.hasPrefix("stepped back") == true)
    #expect(s.runtime.pending.count == 1)
  }

  // MARK: Item 4: advance DURATION

  static let heartbeat = """
    {"StartAt":"Wait for the courier","States":{
      "Wait for the courier":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "HeartbeatSeconds":300,"TimeoutSeconds":3600,
        "Parameters":{"QueueUrl":"q","MessageBody":{"TaskToken.$":"$$.Task.Token"}},"End":true}}}
    """

  @Test func heartbeatsKeepATaskAliveWhileTheClockAdvances() throws {
    var s = try session(Self.heartbeat, input: [:])
    #expect(s.execute(.continue).stop == .waitingOnPerson)
    _ = try run(&s, "heartbeat 1")
    #expect(try run(&s, "advance 200s").messages == ["clock advanced by 3m20s to 00:03:20.000"])
    _ = try run(&s, "heartbeat 1")
    _ = try run(&s, "advance 200s")
    _ = s.execute(.continue)
    #expect(s.clock == "00:06:40.000")
    #expect(s.runtime.pending.count == 1)
    #expect(!types(s).contains("TaskTimedOut"))
    // Without a third heartbeat, the next 300 s end it.
    _ = try run(&s, "advance 5m")
    _ = s.execute(.continue)
    #expect(types(s).contains("TaskTimedOut"))
    #expect(s.mainExecution.status.name == "FAILED")
  }

  @Test func advanceDurationsParseAndSaveBack() throws {
    #expect(try CommandParser.parse("advance 10s") == .advanceBy(ClockDuration(milliseconds: 10_000)))
    #expect(try CommandParser.parse("a 1h30m") == .advanceBy(ClockDuration(milliseconds: 5_400_000)))
    #expect(try CommandParser.parse("advance") == .advance)
    #expect(DebuggerCommand.advanceBy(ClockDuration(milliseconds: 90 * 60_000)).description == "advance 1h30m")
    #expect(ClockDuration("30m1h") == nil)
    #expect(ClockDuration("0s") == nil)
    #expect(ClockDuration("250ms")?.milliseconds == 250)
    #expect(throws: CommandError.self) { try CommandParser.parse("advance soon") }
    #expect(CommandSpec.completions(for: "advance 5", in: CompletionContext()) == ["advance 5m"])
  }

  // MARK: Item 18: break

  @Test func aBreakpointOnAStateNoMachineHasIsRefused() throws {
    var s = try session()
    let outcome = try run(&s, "break Nope")
    #expect(outcome.isError)
    #expect(outcome.messages == ["no state machine has a state named 'Nope'"])
    #expect(s.breakpoints.states.isEmpty)
    #expect(s.log.isEmpty)
    #expect(try run(&s, "break check").messages == ["no state machine has a state named 'check' (did you mean 'Check'?)"])
  }

  @Test func aSingleEqualsSignIsRefusedNamingDoubleEquals() throws {
    #expect(throws: CommandError.self) { try CommandParser.parse("break X if $.a = 3") }
    do {
      _ = try CommandParser.parse("break X if $.a = 3")
    } catch {
      #expect(error.description == "column 16: '=' is not an operator: compare with '=='")
    }
    // Inside quotes it is part of the value.
    #expect(try CommandParser.parse(#"break X if $.a == "x = y""#)
      == .breakAt(state: "X", condition: BreakCondition(path: "$.a", op: .equal, value: "x = y")))
  }

  @Test func aSecondConditionOnTheSameStateSaysItReplacesTheFirst() throws {
    var s = try session()
    _ = try run(&s, "break Check if $.n == 1")
    let second = try run(&s, "break Check if $.n == 2")
    #expect(second.messages == ["breakpoint on 'Check' if $.n == 2 (replaces 'Check' if $.n == 1)"])
    #expect(s.breakpoints.states.count == 1)
  }
}
