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

  /// The token task beside a 10 s Wait, so the clock can move while the token is pending.
  static let waiterBesideAWait = """
    {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
      {"StartAt":"Nap","States":{"Nap":{"Type":"Wait","Seconds":10,"End":true}}},
      {"StartAt":"Ask","States":{
        "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","HeartbeatSeconds":30,"TimeoutSeconds":300,
          "Parameters":{"QueueUrl":"q","MessageBody":{"Token.$":"$$.Task.Token"}},"End":true}}}]}}}
    """

  @Test func heartbeatPushesTheDeadline() throws {
    var s = try Session(machines: [machine("Waiter", Self.waiterBesideAWait)], mainMachine: "Waiter", input: [:])
    let start = s.runtime.now
    // The Wait's timer fires on its own; the heartbeat deadline needs a person.
    #expect(s.execute(.continue).stop == .waitingOnPerson)
    #expect(s.runtime.now == start.adding(seconds: 10))
    let first = try #require(s.runtime.pending.first?.request.heartbeatAt)
    #expect(first == start.adding(seconds: 30))

    #expect(!s.execute(.heartbeat(token: .index(1))).isError)
    let pushed = try #require(s.runtime.pending.first?.request.heartbeatAt)
    #expect(pushed == s.runtime.now.adding(seconds: 30))  // HeartbeatSeconds from the heartbeat
    #expect(pushed == start.adding(seconds: 40))

    // The old deadline passes without a timeout.
    #expect(s.runtime.nextTimer?.due == first)
    _ = s.execute(.advance)
    #expect(s.runtime.now == first)
    #expect(s.runtime.pending.count == 1)
    #expect(s.mainExecution.isRunning)

    // The new one times the task out.
    _ = s.execute(.advance)
    #expect(s.runtime.now == pushed)
    #expect(s.runtime.pending.isEmpty)
    _ = s.execute(.continue)
    let timedOut = try #require(s.mainExecution.execution.history.first { $0.type == "TaskTimedOut" })
    #expect(timedOut.timestamp == pushed)
    #expect(s.mainExecution.status == .failed(error: "States.HeartbeatTimeout", cause: nil))
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
