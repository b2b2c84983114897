import ASLRuntime
import JSONCore
import Testing
@testable import DebuggerCore

/// Handler commands as effects: the session asks for a job and waits; results come back as
/// `.handlerFinished`. A fake performer answers (no processes, no sleeps).
@Suite struct HandlerTests {
  /// `lambda:invoke` (the result wraps the payload), with a Retry.
  static let invoke = """
    {"StartAt":"Call","States":{
      "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f","Payload.$":"$"},
        "Retry":[{"ErrorEquals":["Lambda.TooManyRequestsException"],"IntervalSeconds":1,"MaxAttempts":3}],
        "ResultSelector":{"p.$":"$.Payload"},"End":true}}}
    """

  /// Two branches, each calling a Lambda function by ARN twice (results as is).
  static let parallel = """
    {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
      {"StartAt":"A1","States":{
        "A1":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:a","Next":"A2"},
        "A2":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:a","End":true}}},
      {"StartAt":"B1","States":{
        "B1":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:b","TimeoutSeconds":7,"Next":"B2"},
        "B2":{"Type":"Wait","Seconds":3,"Next":"B3"},
        "B3":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:b","End":true}}}]}}}
    """

  func session(_ json: String = invoke, handlers: [TaskHandler] = [TaskHandler(target: "Call", command: "fn")], timeout: Double = 60) throws -> Session {
    try Session(
      machines: [machine("Fn", json)], mainMachine: "Fn", input: ["in": 1],
      configuration: SessionConfiguration(handlers: handlers, defaultHandlerTimeoutSeconds: timeout))
  }

  /// Answers every job with `answer`.
  func performer(_ answer: @escaping @Sendable (HandlerJob) -> HandlerResult?) -> InstantPerformer {
    InstantPerformer(runHandler: answer)
  }

  @Test func parsesSpecsAndMatches() throws {
    let h = try TaskHandler(spec: "arn:aws:states:::lambda:invoke=./fn.sh --fast")
    #expect(h.target == "arn:aws:states:::lambda:invoke")
    #expect(h.command == "./fn.sh --fast")
    #expect(h.matches(state: "X", resource: "arn:aws:states:::lambda:invoke.waitForTaskToken", baseResource: "arn:aws:states:::lambda:invoke"))
    #expect(try TaskHandler(spec: "Charge card=cat").matches(state: "Charge card", resource: "r", baseResource: "r"))
    #expect(try TaskHandler(spec: "arn:aws:states:::sqs:*=cat").matches(state: "S", resource: "arn:aws:states:::sqs:sendMessage", baseResource: "arn:aws:states:::sqs:sendMessage"))
    #expect(throws: CommandError.self) { try TaskHandler(spec: "no-equals") }
  }

  @Test func aHandlerTaskIsAnEffectAndWaitsInFlight() throws {
    var s = try session(timeout: 12)
    let waiting = s.execute(.continue)
    let job = HandlerJob(id: JobID(1), handler: TaskHandler(target: "Call", command: "fn"), input: ["in": 1], taskToken: nil, timeoutSeconds: 12)
    #expect(waiting.effects == [.runHandler(job)])
    #expect(waiting.messages.isEmpty && waiting.stop == nil)
    #expect(s.jobsInFlight == [job])
    // In flight: the task has started, nothing else moved, the session still describes itself.
    #expect(s.mainExecution.execution.history.last?.type == "TaskStarted")
    #expect(s.mainExecution.isRunning && s.runtime.pending.isEmpty)
    #expect(!s.executionLines.isEmpty)
    // Other commands wait until the handler answers.
    let refused = s.execute(.step)
    #expect(refused.isError && refused.messages == ["a handler is running for 'Call': wait for it or stop it"])
    let done = s.execute(.handlerFinished(job: JobID(1), result: .succeeded(["echo": 1])))
    #expect(done.stop == .finished)
    #expect(s.jobsInFlight.isEmpty)
    #expect(s.mainExecution.status == .succeeded(output: ["p": ["echo": 1]]))
    #expect(done.notes.contains("'Call' in #1 Fn answered by handler 'fn'."))
    // A late answer for a job nobody waits on changes nothing.
    #expect(s.execute(.handlerFinished(job: JobID(1), result: .cancelled)) == CommandOutcome())
  }

  @Test func handlerResultIsWrappedInTheInvokeResponse() throws {
    var s = try session()
    var fake = performer { .succeeded(["echo": $0.input]) }
    let out = EffectLoop.run(.continue, on: &s, performer: &fake)
    #expect(out.stop == .finished)
    #expect(s.mainExecution.status == .succeeded(output: ["p": ["echo": ["in": 1]]]))
    #expect(fake.started.map(\.handler.command) == ["fn"])
  }

  @Test func aFailingHandlerFailsTheTask() throws {
    var s = try session()
    var fake = performer { _ in .failed(error: "Payment.Declined", cause: "card expired") }
    _ = EffectLoop.run(.continue, on: &s, performer: &fake)
    #expect(s.mainExecution.status == .failed(error: "Payment.Declined", cause: "card expired"))
  }

  @Test func aRetriedTaskRunsTheHandlerAgain() throws {
    var s = try session()
    var fake = performer { job in
      job.id.rawValue < 3 ? .failed(error: "Lambda.TooManyRequestsException", cause: "slow down") : .succeeded(["ok": 1])
    }
    _ = EffectLoop.run(.continue, on: &s, performer: &fake)
    #expect(fake.started.map(\.id) == [JobID(1), JobID(2), JobID(3)])
    #expect(s.mainExecution.status == .succeeded(output: ["p": ["ok": 1]]))
    #expect(s.mainExecution.execution.history.filter { $0.type == "TaskFailed" }.count == 2)
  }

  @Test func aTimedOutHandlerTimesTheTaskOut() throws {
    var s = try session(timeout: 0.3)
    var fake = performer { _ in .timedOut }
    _ = EffectLoop.run(.continue, on: &s, performer: &fake)
    #expect(fake.started.first?.timeoutSeconds == 0.3)
    #expect(s.mainExecution.status == .failed(
      error: "States.Timeout", cause: "The handler 'fn' did not answer within 0.3 seconds and was stopped."))
  }

  @Test func theTasksTimeoutSecondsIsTheHandlersTimeLimit() throws {
    var s = try session(Self.parallel, handlers: [TaskHandler(target: "arn:aws:lambda:*", command: "fn")], timeout: 60)
    var fake = performer { _ in .succeeded([:]) }
    _ = EffectLoop.run(.continue, on: &s, performer: &fake)
    #expect(fake.started.count == 4)
    #expect(fake.started.map(\.timeoutSeconds).sorted() == [7, 60, 60, 60])
  }

  @Test func aStoppedHandlerLeavesTheTaskToAPerson() throws {
    var s = try session(handlers: [TaskHandler(target: "Call", command: "slow")])
    // The job never ends on its own; the host stops it while waiting (esc in the TUI).
    var fake = performer { _ in nil }
    var waits = 0
    let out = EffectLoop.run(.continue, on: &s, performer: &fake) {
      waits += 1
      return waits == 3
    }
    #expect(waits == 3)
    #expect(out.stop == .waitingOnPerson)
    #expect(s.mainExecution.isRunning)
    #expect(s.runtime.pending.count == 1)
    #expect(out.notes.contains { $0.contains("the handler 'slow' for 'Call'") && $0.contains("was stopped") })
    // The person answers in its place.
    _ = s.execute(.succeed(token: .index(1), output: ["by": "hand"]))
    _ = s.execute(.continue)
    #expect(s.mainExecution.status == .succeeded(output: ["p": ["by": "hand"]]))
  }

  @Test func handlerFinishedIsNeitherLoggedNorAnUndoStep() throws {
    var s = try session()
    var fake = performer { _ in .succeeded(["ok": 1]) }
    _ = EffectLoop.run(.step, on: &s, performer: &fake)
    let afterFirstStep = s.mainExecution.execution.history.count
    _ = EffectLoop.run(.continue, on: &s, performer: &fake)
    #expect(!s.mainExecution.isRunning)
    #expect(s.log == [.step, .continue])
    #expect(s.script.hasSuffix("step\ncontinue\n"))
    // One `back` undoes the whole continue, handler answer included.
    _ = s.execute(.back)
    #expect(s.mainExecution.execution.history.count == afterFirstStep)
    #expect(s.mainExecution.isRunning)
  }

  /// A handler answering later gives the same histories as a mock answering at once: the
  /// session waits where it stood (no other execution moves, the clock stands still).
  @Test func answersLaterAreTheSameAsAnswersAtOnce() throws {
    let mocks = try MockConfig(json: JSONParser.parse("""
      {"StateMachines":{"Fn":{"TestCases":{"T":{"A1":"R","A2":"R","B1":"R","B3":"R"}}}},
       "MockedResponses":{"R":{"0":{"Return":{"ok":true}}}}}
      """))
    var mocked = try Session(
      machines: [machine("Fn", Self.parallel)], mainMachine: "Fn", input: ["in": 1],
      configuration: SessionConfiguration(mocks: mocks, testCase: "T"))
    var handled = try session(Self.parallel, handlers: [TaskHandler(target: "arn:aws:lambda:*", command: "fn")])
    var fake = performer { _ in .succeeded(["ok": true]) }
    for command in [DebuggerCommand.step, .step, .next, .continue] {
      let a = mocked.execute(command)
      let b = EffectLoop.run(command, on: &handled, performer: &fake)
      #expect(a.messages == b.messages)
      #expect(a.stop == b.stop)
    }
    #expect(fake.started.count == 4)
    #expect(handled.mainExecution.status == .succeeded(output: [["ok": true], ["ok": true]]))
    #expect(handled.mainExecution.execution.history.map(\.json) == mocked.mainExecution.execution.history.map(\.json))
  }

  @Test func stepIntoAHandlerTaskDescribesTheStep() throws {
    var s = try session()
    var fake = performer { _ in .succeeded(["ok": 1]) }
    let out = EffectLoop.run(.step, on: &s, performer: &fake)
    #expect(out.stop == .stepped)
    #expect(out.messages == ["#1 Fn 2 TaskStateEntered 'Call'", "#1 Fn 3 TaskScheduled", "#1 Fn 4 TaskStarted"])
    #expect(out.notes == ["'Call' in #1 Fn answered by handler 'fn'."])
    #expect(fake.started.count == 1)
  }

  @Test func saveIsAWriteEffectThePerformerDoes() throws {
    var s = try session()
    final class Files: @unchecked Sendable { var written: [String: String] = [:] }
    let files = Files()
    var fake = InstantPerformer(writeFile: { path, contents in
      files.written[path] = contents
      return path.hasPrefix("/nowhere") ? "cannot write \(path): no such folder" : nil
    })
    let ok = EffectLoop.run(.save(file: "/tmp/x.sfdbg"), on: &s, performer: &fake)
    // One message each: what was written, or only what went wrong.
    #expect(!ok.isError && ok.messages == ["wrote 0 command(s) to /tmp/x.sfdbg"])
    #expect(files.written["/tmp/x.sfdbg"] == s.script)
    let bad = EffectLoop.run(.save(file: "/nowhere/x"), on: &s, performer: &fake)
    #expect(bad.isError && bad.messages == ["cannot write /nowhere/x: no such folder"])
    let mocks = EffectLoop.run(.saveMocks(file: "/nowhere/m.json"), on: &s, performer: &fake)
    #expect(mocks.isError && mocks.messages == ["cannot write /nowhere/m.json: no such folder"])
  }
}
