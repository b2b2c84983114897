import ASLInterpreter
import ASLRuntime
import JSONCore
import Testing
@testable import DebuggerCore

@Suite struct TokenTests {
  static let waiter = """
    {"StartAt":"Ask","States":{
      "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","HeartbeatSeconds":30,"TimeoutSeconds":300,
        "Parameters":{"QueueUrl":"q","MessageBody":{"Token.$":"$$.Task.Token"}},
        "Catch":[{"ErrorEquals":["States.HeartbeatTimeout"],"ResultPath":"$.err","Next":"Late"}],"End":true},
      "Late":{"Type":"Pass","End":true}}}
    """

  func session() throws -> Session {
    try Session(machines: [machine("Waiter", Self.waiter)], mainMachine: "Waiter", input: ["x": 1])
  }

  @Test func successByStateName() throws {
    var s = try session()
    #expect(s.execute(.continue).stop == .waitingOnPerson)
    #expect(s.runtime.pending.count == 1)
    let token = try #require(s.runtime.pending.first?.token)
    #expect(token.count > 100)
    _ = s.execute(.succeed(token: .stateName("Ask"), output: ["ok": true]))
    _ = s.execute(.continue)
    #expect(s.mainExecution.status == .succeeded(output: ["ok": true]))
    let types = s.mainExecution.execution.history.map(\.type)
    #expect(types.contains("TaskSubmitted"))
  }

  @Test func failureByIndexIsCaughtOrFails() throws {
    var s = try session()
    _ = s.execute(.continue)
    _ = s.execute(.fail(token: .index(1), error: "Courier.Gone", cause: "no courier"))
    _ = s.execute(.continue)
    #expect(s.mainExecution.status == .failed(error: "Courier.Gone", cause: "no courier"))
  }

  @Test func heartbeatTimeoutOnAdvance() throws {
    var s = try session()
    _ = s.execute(.continue)
    let outcome = s.execute(.advance)
    #expect(!outcome.isError)
    _ = s.execute(.continue)
    guard case .succeeded(let out) = s.mainExecution.status else {
      Issue.record("expected the catcher to handle the heartbeat timeout: \(s.mainExecution.status)")
      return
    }
    #expect(out["err"]?["Error"] == "States.HeartbeatTimeout")
  }

  @Test func heartbeatPushesTheDeadline() throws {
    var s = try session()
    _ = s.execute(.continue)
    let before = try #require(s.runtime.pending.first?.request.heartbeatAt)
    #expect(!s.execute(.heartbeat(token: .index(1))).isError)
    #expect(s.runtime.nextTimer?.due == before)  // old timer stays; firing it is ignored when pushed
  }

  @Test func tokenErrors() throws {
    var s = try session()
    _ = s.execute(.continue)
    let token = try #require(s.runtime.pending.first?.token)
    // Unknown but well-formed token.
    let unknown = String(repeating: "A", count: 120)
    var o = s.execute(.succeed(token: .token(unknown), output: 1))
    #expect(o.isError && o.messages[0].hasPrefix("TaskDoesNotExist"))
    // Malformed token.
    o = s.execute(.succeed(token: .token("abc!"), output: 1))
    #expect(o.isError && o.messages[0].hasPrefix("InvalidToken"))
    // Resolved token used again.
    _ = s.execute(.succeed(token: .token(token), output: 1))
    o = s.execute(.succeed(token: .token(token), output: 2))
    #expect(o.isError && o.messages[0].hasPrefix("TaskTimedOut"))
  }

  @Test func oversizedOutputIsInvalidOutput() throws {
    var s = try session()
    _ = s.execute(.continue)
    let big = JSONValue.string(String(repeating: "x", count: 300_000))
    let o = s.execute(.succeed(token: .index(1), output: big))
    #expect(o.isError && o.messages[0].hasPrefix("InvalidOutput"))
    #expect(s.runtime.pending.count == 1)  // still waiting
  }

  @Test func timedOutTokenGivesTaskTimedOut() throws {
    var s = try session()
    _ = s.execute(.continue)
    let token = try #require(s.runtime.pending.first?.token)
    _ = s.execute(.advance)
    let o = s.execute(.succeed(token: .token(token), output: 1))
    #expect(o.isError && o.messages[0].hasPrefix("TaskTimedOut"))
  }
}
