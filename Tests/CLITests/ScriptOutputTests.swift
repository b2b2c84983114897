import Foundation
import JSONCore
import Testing

/// `sfdbg run --script`: what `pending`, `executions`, `history` and `print` show is printed as
/// the script runs, or with `--json` kept in the result's `scriptOutput`.
@Suite struct ScriptOutputTests {
  /// One callback task: after `continue` it waits for a token nobody sends.
  static let callback = """
    {"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
      "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      "Parameters": {"QueueUrl": "q", "MessageBody": {"Token.$": "$$.Task.Token"}},
      "HeartbeatSeconds": 30, "End": true}}}
    """
  static let script = "continue\npending\nexecutions\nhistory\nprint $$.Execution.Name\nprint $$.Execution\n"

  @Test func listingsAndPrintGoToStdout() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write("callback.json", Self.callback)
    let script = try dir.write("look.sfdbg", Self.script)
    let r = try CLI.run(["run", file, "--script", script])
    #expect(r.status == 3, "still waiting for the token: \(r.stderr)")
    let out = r.stdout
    #expect(out.contains("# pending\n1. token "))
    #expect(out.contains("'Ask' arn:aws:states:::sqs:sendMessage.waitForTaskToken"))
    #expect(out.contains("heartbeat due 00:00:30.000"), "the debugger's clock, not an ISO date")
    #expect(out.contains("# executions\n*#1 "))
    #expect(out.contains("# history\n1 ExecutionStarted\n2 TaskStateEntered Ask\n"))
    #expect(out.contains("# print $$.Execution.Name\n\"main\"\n"))
    #expect(out.contains("# print $$.Execution\n{\n  \"Id\": \"arn:aws:states:"))
    #expect(out.contains("  \"Name\": \"main\",\n"), "the whole value, pretty-printed")
    // The output comes in script order, before the result.
    let order = ["# pending", "# executions", "# history", "# print $$.Execution.Name", "# print $$.Execution\n", "status: RUNNING"]
      .map { out.range(of: $0)?.lowerBound }
    #expect(!order.contains(nil) && order.map { $0! } == order.map { $0! }.sorted())
    #expect(r.stderr.isEmpty, "\(r.stderr)")
  }

  @Test func withJSONTheOutputIsInTheObject() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write("callback.json", Self.callback)
    let script = try dir.write("look.sfdbg", Self.script)
    let r = try CLI.run(["run", file, "--script", script, "--json"])
    #expect(r.status == 3, "\(r.stderr)")
    let json = try #require(r.json, "one JSON object: \(r.stdout)")
    let entries = try #require(json["scriptOutput"]?.arrayValue)
    #expect(entries.map { $0["command"]?.stringValue } == [
      "pending", "executions", "history", "print $$.Execution.Name", "print $$.Execution",
    ])
    #expect(entries[0]["text"]?.stringValue?.hasPrefix("1. token ") == true)
    #expect(entries[1]["text"]?.stringValue?.hasPrefix("*#1 ") == true)
    #expect(entries[2]["text"]?.stringValue?.hasPrefix("1 ExecutionStarted\n2 TaskStateEntered Ask") == true)
    #expect(entries[3]["value"] == "main")
    #expect(entries[4]["value"]?["Name"] == "main")
    #expect(entries[4]["value"]?["Id"]?.stringValue?.hasPrefix("arn:aws:states:") == true)
    #expect(json["status"] == "RUNNING" && json["output"] == nil, "the execution's output stays its own key")
  }

  @Test func aRunWithoutListingsHasNoScriptOutput() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write("callback.json", Self.callback)
    let script = try dir.write("answer.sfdbg", "continue\nsucceed 1 {\"ok\": true}\n")
    let r = try CLI.run(["run", file, "--script", script, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.json?["scriptOutput"] == nil)
    #expect(r.json?["output"]?["ok"] == true)
  }
}
