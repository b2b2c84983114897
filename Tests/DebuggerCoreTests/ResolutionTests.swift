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

  func session(testCase: String? = nil) throws -> Session {
    let cfg = SessionConfiguration(mocks: try MockConfig(json: JSONParser.parse(Self.mocks)), testCase: testCase)
    return try Session(machines: [machine("Fn", Self.lambda)], mainMachine: "Fn", input: ["in": 1], configuration: cfg)
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
