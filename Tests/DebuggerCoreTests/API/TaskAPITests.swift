import ASLRuntime
import JSONCore
import Testing
@testable import DebuggerCore

@Suite struct TaskAPITests {
  /// A callback execution and its token.
  static func waitingCallback() -> (APIClient, execution: String, token: String) {
    var client = APIClient([])
    let arn = client.create("Callback", APIDefinitions.callback)
    let e = client.start(arn)
    let token = client.session.runtime.pending.first?.token ?? ""
    return (client, e, token)
  }

  @Test func sendTaskSuccessCompletesTheTask() {
    var (client, e, token) = Self.waitingCallback()
    #expect(token.count > 64)
    #expect(client.ok("SendTaskSuccess", ["taskToken": .string(token), "output": #"{"ok": true}"#]) == [:])
    #expect(client.describe(e)["status"] == "SUCCEEDED")
    #expect(client.describe(e)["output"] == #"{"ok":true}"#)
    #expect(client.notes.contains { $0.contains("sent by test-client") })
    // The task has ended: its token is spent.
    client.fails("SendTaskSuccess", ["taskToken": .string(token), "output": "{}"], "TaskTimedOut")
  }

  @Test func sendTaskFailureAndHeartbeat() {
    var (client, e, token) = Self.waitingCallback()
    #expect(client.ok("SendTaskHeartbeat", ["taskToken": .string(token)]) == [:])
    client.fails(
      "SendTaskFailure", ["taskToken": .string(token), "error": .string(String(repeating: "E", count: 257))], "ValidationException")
    client.fails(
      "SendTaskFailure", ["taskToken": .string(token), "cause": .string(String(repeating: "c", count: 32_769))], "ValidationException")
    #expect(client.ok("SendTaskFailure", ["taskToken": .string(token), "error": "Worker.Broke", "cause": "no"]) == [:])
    let d = client.describe(e)
    #expect(d["status"] == "FAILED" && d["error"] == "Worker.Broke" && d["cause"] == "no")
  }

  @Test func tokenErrors() {
    var (client, _, token) = Self.waitingCallback()
    #expect(client.fails("SendTaskSuccess", ["taskToken": "not-a-token", "output": "{}"], "InvalidToken") == "Invalid Token: 'Invalid token'")
    client.fails("SendTaskHeartbeat", ["taskToken": "not-a-token"], "InvalidToken")
    client.fails("SendTaskSuccess", ["taskToken": .string(String(repeating: "A", count: 276)), "output": "{}"], "TaskDoesNotExist")
    client.fails("SendTaskSuccess", ["taskToken": .string(token), "output": "{nope"], "InvalidOutput")
    let big = "\"" + String(repeating: "x", count: 262_145) + "\""
    client.fails("SendTaskSuccess", ["taskToken": .string(token), "output": .string(big)], "InvalidOutput")
    client.fails("SendTaskSuccess", ["output": "{}"], "ValidationException")
    client.fails("SendTaskSuccess", ["taskToken": .string(String(repeating: "A", count: 2049)), "output": "{}"], "ValidationException")
  }

  @Test func timedOutTokens() {
    var (client, e, token) = Self.waitingCallback()
    client.run(.advance)
    client.run(.continue)
    #expect(client.describe(e)["status"] == "FAILED")
    #expect(client.describe(e)["error"] == "States.Timeout")
    client.fails("SendTaskSuccess", ["taskToken": .string(token), "output": "{}"], "TaskTimedOut")
    let timedOut = client.fails("SendTaskHeartbeat", ["taskToken": .string(token)], "TaskTimedOut")
    #expect(timedOut == "Task Timed Out: 'Provided task does not exist anymore'")
  }

  @Test func aPersonStillSeesClientAnswers() throws {
    // debug --serve: a token sent by a client leaves Pending.
    var client = APIClient([try machine("Callback", APIDefinitions.callback)], serving: nil)
    _ = client.start(machineARN("Callback"))
    client.run(.continue)
    let token = try #require(client.session.runtime.pending.first?.token)
    _ = client.ok("SendTaskSuccess", ["taskToken": .string(token), "output": "{}"])
    #expect(client.session.runtime.pending.isEmpty)
    // `back` undoes the client's answer like a hand answer.
    client.run(.back)
    #expect(client.session.runtime.pending.count == 1)
  }
}
