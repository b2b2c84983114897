import ASLInterpreter
import ASLRuntime
import JSONCore
import Testing
@testable import DebuggerCore

@Suite struct ResolutionTests {
  static let lambda = """
    {"StartAt":"Call","States":{
      "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f","Payload.$":"$"},
        "Retry":[{"ErrorEquals":["Lambda.TooManyRequestsException"],"IntervalSeconds":1,"MaxAttempts":3}],
        "ResultSelector":{"p.$":"$.Payload"},"End":true}}}
    """

  static let mocks = """
    {"StateMachines":{"Fn":{"TestCases":{"Flaky":{"Call":"Flaky"},"Broken":{"Call":"Broken"}}}},
     "MockedResponses":{
       "Flaky":{"0-1":{"Throw":{"Error":"Lambda.TooManyRequestsException","Cause":"slow down"}},
                "2":{"Return":{"StatusCode":200,"Payload":{"ok":1}}}},
       "Broken":{"0":{"Throw":{"Error":"Lambda.Unknown","Cause":"boom"}}}}}
    """

  func session(testCase: String? = nil, handlers: [TaskHandler] = [], runner: HandlerRunner = .process) throws -> Session {
    let cfg = SessionConfiguration(mocks: try MockConfig(json: JSONParser.parse(Self.mocks)), testCase: testCase, handlers: handlers)
    return try Session(machines: [machine("Fn", Self.lambda)], mainMachine: "Fn", input: ["in": 1], configuration: cfg, handlerRunner: runner)
  }

  @Test func mockAttemptRangesDriveRetries() throws {
    var s = try session(testCase: "Flaky")
    _ = s.execute(.continue)
    #expect(s.mainExecution.status == .succeeded(output: ["p": ["ok": 1]]))
    let failed = s.mainExecution.execution.history.filter { $0.type == "TaskFailed" }.count
    #expect(failed == 2)
  }

  @Test func mockThrowFailsTheExecution() throws {
    var s = try session(testCase: "Broken")
    _ = s.execute(.continue)
    #expect(s.mainExecution.status == .failed(error: "Lambda.Unknown", cause: "boom"))
  }

  @Test func handlerResultIsWrappedInTheInvokeResponse() throws {
    let runner = HandlerRunner { _, input, _, _ in .succeeded(["echo": input]) }
    var s = try session(handlers: [TaskHandler(target: "Call", command: "x")], runner: runner)
    _ = s.execute(.continue)
    #expect(s.mainExecution.status == .succeeded(output: ["p": ["echo": ["in": 1]]]))
  }

  @Test func aFailingHandlerFailsTheTask() throws {
    let runner = HandlerRunner { _, _, _, _ in .failed(error: "Payment.Declined", cause: "card expired") }
    var s = try session(handlers: [TaskHandler(target: "Call", command: "x")], runner: runner)
    _ = s.execute(.continue)
    #expect(s.mainExecution.status == .failed(error: "Payment.Declined", cause: "card expired"))
  }

  @Test func aStoppedHandlerLeavesTheTaskToAPerson() throws {
    let runner = HandlerRunner { _, _, _, _ in .cancelled }
    var s = try session(handlers: [TaskHandler(target: "Call", command: "slow")], runner: runner)
    _ = s.execute(.continue)
    #expect(s.mainExecution.isRunning)
    #expect(s.runtime.pending.count == 1)
    #expect(s.notes.contains { $0.contains("the handler 'slow' for 'Call'") && $0.contains("was stopped") })
    // The person answers in its place.
    _ = s.execute(.succeed(token: .index(1), output: ["by": "hand"]))
    _ = s.execute(.continue)
    #expect(s.mainExecution.status == .succeeded(output: ["p": ["by": "hand"]]))
  }

  @Test func aHungHandlerTimesTheTaskOut() throws {
    var s = try Session(
      machines: [machine("Fn", Self.lambda)], mainMachine: "Fn", input: [:],
      configuration: SessionConfiguration(handlers: [TaskHandler(target: "Call", command: "sleep 30")], defaultHandlerTimeoutSeconds: 0.3))
    _ = s.execute(.continue)
    guard case .failed(let error, _) = s.mainExecution.status else {
      Issue.record("expected failure, got \(s.mainExecution.status)")
      return
    }
    #expect(error == "States.Timeout")
  }

  @Test func byHandTaskGetsTheInvokeShape() throws {
    var s = try session()
    #expect(s.execute(.continue).stop == .waitingOnPerson)
    #expect(s.runtime.pending.first?.token == nil)
    _ = s.execute(.succeed(token: .index(1), output: ["answer": 42]))
    _ = s.execute(.continue)
    #expect(s.mainExecution.status == .succeeded(output: ["p": ["answer": 42]]))
    // And it becomes a mock file.
    let mocks = try MockConfig(json: s.mockFile)
    let r = mocks.response(machineNames: ["Fn"], testCase: Session.recordedTestCase, state: "Call", attempt: 0)
    guard case .return(let v)? = r else {
      Issue.record("no recorded response")
      return
    }
    #expect(v["Payload"] == ["answer": 42])
  }

  @Test func savedScriptReplaysToTheSameResult() throws {
    var s = try session()
    _ = s.execute(.continue)
    _ = s.execute(.succeed(token: .stateName("Call"), output: ["answer": 7]))
    _ = s.execute(.continue)
    let script = s.script
    var replay = try session()
    _ = try runScript(&replay, script.split(separator: "\n").map(String.init))
    #expect(!s.mainExecution.isRunning)
    #expect(replay.mainExecution.status == s.mainExecution.status)
    #expect(replay.mainExecution.execution.history.map(\.type) == s.mainExecution.execution.history.map(\.type))
  }
}
