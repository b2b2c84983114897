import ASLInterpreter
import ASLRuntime
import JSONCore
import Testing
@testable import DebuggerCore

/// At a breakpoint before a Task (issue 12, item 1): the request it will send can be seen and
/// printed, and answered by hand before it is sent, instead of by its mock or handler.
@Suite struct TaskRequestBeforeTests {
  /// Prepare sets n; Call invokes a Lambda with Parameters built from the input.
  static let invoke = """
    {"StartAt":"Prepare","States":{
      "Prepare":{"Type":"Pass","Result":{"order":"o-1","n":1},"Next":"Call"},
      "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
        "Parameters":{"FunctionName":"f","Payload":{"order.$":"$.order","next.$":"States.MathAdd($.n, 1)"}},
        "ResultSelector":{"ok.$":"$.Payload.ok"},"End":true}}}
    """
  static let request: JSONValue = ["FunctionName": "f", "Payload": ["order": "o-1", "next": 2]]
  static let mocks = """
    {"StateMachines":{"M":{"TestCases":{"T":{"Call":"Boom"}}}},
     "MockedResponses":{"Boom":{"0":{"Throw":{"Error":"Mocked.Error","Cause":"from the mock"}}}}}
    """

  func session(
    _ definition: String = invoke, handlers: [TaskHandler] = [], mocks: MockConfig? = nil
  ) throws -> Session {
    try Session(
      machines: [machine("M", definition)], mainMachine: "M", input: [:],
      configuration: SessionConfiguration(mocks: mocks, testCase: mocks == nil ? nil : "T", handlers: handlers))
  }

  func run(_ s: inout Session, _ line: String) throws -> CommandOutcome {
    s.execute(try #require(try CommandParser.parse(line)))
  }

  func types(_ s: Session) -> [String] { s.mainExecution.execution.history.map(\.type) }
  func events(_ s: Session) -> [JSONValue] { s.mainExecution.execution.history.map(\.json) }

  /// Paused before Call: `break Call`, `c`.
  func pausedBeforeCall(handlers: [TaskHandler] = [], mocks: MockConfig? = nil) throws -> Session {
    var s = try session(handlers: handlers, mocks: mocks)
    _ = try run(&s, "break Call")
    #expect(s.execute(.continue).stop == .breakpoint(executionID: 0, state: "Call"))
    return s
  }

  @Test func theRequestIsShownAndPrintedBeforeItIsSent() throws {
    var s = try pausedBeforeCall()
    let data = s.stateData(nil)
    #expect(data.stateName == "Call")
    #expect(data.stages.first?.name == "input")
    #expect(data.stages.last?.name == "request (not sent yet)")
    #expect(data.stages.last?.value == Self.request)
    #expect(data.explanation.last == #"⏸ not sent yet: s sends it · succeed/fail "Call" … answers it by hand first"#)
    #expect(try run(&s, "print request").output == .value(Self.request))
    #expect(try run(&s, "p request $.Payload.next").output == .value(2))
    // Working it out sent nothing: Call is not entered.
    #expect(!types(s).contains("TaskStateEntered"))
    #expect(s.runtime.undispatched.isEmpty && s.runtime.pending.isEmpty)
    // The step sends exactly that request; in flight, `print request` shows what was sent.
    _ = s.execute(.step)
    #expect(s.runtime.pending.first?.request.parameters == Self.request)
    #expect(try run(&s, "print request $.FunctionName").output == .value("f"))
    #expect(!s.stateData(nil).stages.contains { $0.name == "request (not sent yet)" })
  }

  @Test func printRequestSaysWhyThereIsNone() throws {
    var s = try session()
    _ = try run(&s, "break Prepare")
    _ = s.execute(.continue)
    let outcome = try run(&s, "print request")
    #expect(outcome.isError)
    #expect(outcome.messages == ["'Prepare' is not a Task waiting on or about to send a request"])
  }

  /// The hand answer given before the Task is entered makes the same history as one given
  /// once it waits, and its handler never runs.
  @Test func anAnswerGivenBeforeTheTaskIsUsedInsteadOfItsHandler() throws {
    var s = try pausedBeforeCall(handlers: [TaskHandler(target: "Call", command: "fn")])
    let armed = try run(&s, #"succeed "Call" {"ok": true}"#)
    #expect(!armed.isError)
    #expect(armed.messages == [#"'Call' in #1 M is not entered yet: it gets success {"ok":true} when it is, instead of its mock or handler (s sends it)"#])
    #expect(armed.stop == .breakpoint(executionID: 0, state: "Call"))
    #expect(s.stateData(nil).explanation.last == #"⏸ not sent yet: s enters it and answers with your success {"ok":true}, not its mock or handler"#)
    let step = s.execute(.step)
    #expect(step.effects.isEmpty)
    #expect(s.jobsInFlight.isEmpty)
    #expect(Array(types(s).suffix(3)) == ["TaskStateEntered", "TaskScheduled", "TaskStarted"])
    #expect(step.notes == [#"'Call' in #1 M answered by hand before it was sent (success {"ok":true})."#])
    #expect(s.execute(.continue).stop == .finished)
    #expect(s.mainExecution.status == .succeeded(output: ["ok": true]))

    // The same answer given by hand once the Task waits (no handler).
    var byHand = try session()
    _ = byHand.execute(.continue)
    _ = try run(&byHand, #"succeed "Call" {"ok": true}"#)
    _ = byHand.execute(.continue)
    #expect(events(s) == events(byHand))
    #expect(s.handResults == byHand.handResults)
  }

  @Test func aFailureGivenBeforeTheTaskIsUsedInsteadOfItsMock() throws {
    var s = try pausedBeforeCall(mocks: try MockConfig(json: JSONParser.parse(Self.mocks)))
    _ = try run(&s, #"fail "Call" My.Error "by hand""#)
    _ = s.execute(.continue)
    let failed = try #require(s.mainExecution.execution.history.first { $0.type == "TaskFailed" })
    #expect(failed.json["taskFailedEventDetails"]?["error"] == "My.Error")
    #expect(failed.json["taskFailedEventDetails"]?["cause"] == "by hand")
    #expect(s.mainExecution.status.name == "FAILED")
    // One-shot: after `restart`, the mock answers again.
    _ = s.execute(.restart(input: nil))
    _ = s.execute(.continue)
    _ = s.execute(.continue)
    #expect(s.mainExecution.execution.history.contains { $0.json["taskFailedEventDetails"]?["error"] == "Mocked.Error" })
  }

  @Test func backUndoesTheAnswerAndSaveReplaysIt() throws {
    var s = try pausedBeforeCall(handlers: [TaskHandler(target: "Call", command: "fn")])
    _ = try run(&s, #"succeed "Call" {"ok": 1}"#)
    #expect(s.script.contains(#"succeed "Call" {"ok":1}"#))
    _ = s.execute(.back)
    #expect(s.armedAnswers.isEmpty)
    #expect(s.execute(.step).effects.count == 1)

    // Replaying the saved script answers it the same way, with no handler job.
    var armed = try pausedBeforeCall(handlers: [TaskHandler(target: "Call", command: "fn")])
    _ = try run(&armed, #"succeed "Call" {"ok": 1}"#)
    _ = armed.execute(.continue)
    var replay = try session(handlers: [TaskHandler(target: "Call", command: "fn")])
    for line in armed.script.split(separator: "\n") {
      if let command = try CommandParser.parse(String(line)) { #expect(replay.execute(command).effects.isEmpty) }
    }
    #expect(events(replay) == events(armed))
    #expect(replay.mainExecution.status == .succeeded(output: ["ok": 1]))
  }

  @Test func aTokenTaskAnsweredBeforeItIsEnteredIsSubmittedThenSucceeds() throws {
    let callback = """
      {"StartAt":"Wait","States":{"Wait":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters":{"QueueUrl":"q","MessageBody":{"TaskToken.$":"$$.Task.Token"}},"End":true}}}
      """
    var s = try session(callback)
    _ = try run(&s, "break Wait")
    _ = s.execute(.continue)
    // The token the request will carry is the one the step creates.
    guard case .value(.string(let token))? = try run(&s, "print request $.MessageBody.TaskToken").output else {
      Issue.record("no token in the request")
      return
    }
    _ = try run(&s, #"succeed "Wait" "done""#)
    _ = s.execute(.step)
    #expect(Array(types(s).suffix(4)) == ["TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted"])
    let scheduled = try #require(s.mainExecution.execution.history.first { $0.type == "TaskScheduled" })
    guard case .string(let sent)? = scheduled.json["taskScheduledEventDetails"]?["parameters"] else {
      Issue.record("TaskScheduled has no parameters")
      return
    }
    #expect(try JSONParser.parse(sent)["MessageBody"]?["TaskToken"] == .string(token))
    _ = s.execute(.continue)
    #expect(s.mainExecution.status == .succeeded(output: "done"))
  }

  @Test func anAnswerForAStateNotAboutToRunIsRefusedAsBefore() throws {
    var s = try session()
    let outcome = try run(&s, #"succeed "Call" {}"#)
    #expect(outcome.isError)
    #expect(outcome.messages == ["TaskDoesNotExist: no pending token or task waits in a state named 'Call'"])
    #expect(s.armedAnswers.isEmpty && s.log.isEmpty)
  }
}
