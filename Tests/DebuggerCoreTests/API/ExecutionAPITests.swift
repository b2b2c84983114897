import ASLInterpreter
import ASLRuntime
import JSONCore
import Testing
@testable import DebuggerCore

@Suite struct ExecutionAPITests {
  @Test func startDescribeListAndHistory() {
    var client = APIClient([])
    let arn = client.create("Hello", APIDefinitions.pass)
    let first = client.start(arn, input: #"{"n": 1}"#, name: "one")
    #expect(first == "arn:aws:states:us-east-1:123456789012:execution:Hello:one")
    // A serving session runs it at once.
    let described = client.describe(first)
    #expect(described["status"] == "SUCCEEDED")
    #expect(described["output"] == #"{"n":1,"r":{"done":true}}"#)
    #expect(described["input"] == #"{"n":1}"#)
    #expect(described["startDate"]?.numberValue != nil && described["stopDate"]?.numberValue != nil)
    #expect(described["name"] == "one")
    // Same name, running and same input would be idempotent; this one has ended.
    client.fails("StartExecution", ["stateMachineArn": .string(arn), "name": "one", "input": "{}"], "ExecutionAlreadyExists")
    client.fails("StartExecution", ["stateMachineArn": .string(arn), "input": "{oops"], "InvalidExecutionInput")
    client.fails("StartExecution", ["stateMachineArn": .string(arn), "name": "no/slash"], "InvalidName")
    client.fails("StartExecution", ["input": "{}"], "ValidationException")
    let oversized = "\"" + String(repeating: "x", count: 262_145) + "\""
    client.fails("StartExecution", ["stateMachineArn": .string(arn), "input": .string(oversized)], "ValidationException")
    let second = client.start(arn, name: "two")
    let all = client.ok("ListExecutions", ["stateMachineArn": .string(arn)])["executions"]?.arrayValue ?? []
    #expect(all.map { $0["executionArn"] } == [.string(second), .string(first)])
    let page = client.ok("ListExecutions", ["stateMachineArn": .string(arn), "maxResults": 1])
    #expect(page["executions"]?.arrayValue?.count == 1)
    let rest = client.ok("ListExecutions", ["stateMachineArn": .string(arn), "maxResults": 1, "nextToken": page["nextToken"] ?? .null])
    #expect(rest["executions"]?.arrayValue?.first?["executionArn"] == .string(first))
    #expect(client.ok("ListExecutions", ["stateMachineArn": .string(arn), "statusFilter": "RUNNING"])["executions"] == [])
    client.fails("ListExecutions", ["stateMachineArn": .string(arn), "statusFilter": "DONE"], "ValidationException")
    client.fails("ListExecutions", ["stateMachineArn": .string(arn), "nextToken": "x"], "InvalidToken")
    client.fails("DescribeExecution", ["executionArn": .string(first + "x")], "ExecutionDoesNotExist")
    client.fails("DescribeExecution", ["executionArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Hello"], "InvalidArn")

    // GetExecutionHistory: the events `sfdbg run --history` writes, with epoch-second timestamps.
    let history = client.ok("GetExecutionHistory", ["executionArn": .string(first)])["events"]?.arrayValue ?? []
    let e = client.session.runtime.executions.first { $0.arn == first }!
    #expect(history.count == e.execution.history.count)
    for (wire, event) in zip(history, e.execution.history) {
      var expected = event.json.objectValue!
      expected["timestamp"] = ServiceResponses.epochSeconds(event.timestamp)
      #expect(wire == .object(expected))
    }
    #expect(history.first?["timestamp"] == .number(JSONNumber(text: "1735689600.000")))
    let reversed = client.ok("GetExecutionHistory", ["executionArn": .string(first), "reverseOrder": true])["events"]?.arrayValue ?? []
    #expect(reversed.first?["type"] == "ExecutionSucceeded")
    let paged = client.ok("GetExecutionHistory", ["executionArn": .string(first), "maxResults": 2])
    #expect(paged["events"]?.arrayValue?.count == 2 && paged["nextToken"] != nil)
    let noData = client.ok("GetExecutionHistory", ["executionArn": .string(first), "includeExecutionData": false])["events"]?.arrayValue ?? []
    #expect(noData.first?["executionStartedEventDetails"]?["input"] == nil)
    #expect(noData.first?["executionStartedEventDetails"]?["roleArn"] != nil)
  }

  @Test func idempotentStartOfARunningExecution() {
    var client = APIClient([], serving: ServeOptions(clock: .real))
    let arn = client.create("Waiter", APIDefinitions.wait10)
    let a = client.start(arn, input: "{}", name: "same")
    #expect(client.start(arn, input: "{}", name: "same") == a)
    client.fails("StartExecution", ["stateMachineArn": .string(arn), "name": "same", "input": #"{"x": 1}"#], "ExecutionAlreadyExists")
  }

  @Test func stopExecution() {
    var client = APIClient([], serving: ServeOptions(clock: .real))
    let arn = client.create("Waiter", APIDefinitions.wait10)
    let e = client.start(arn)
    #expect(client.describe(e)["status"] == "RUNNING")
    #expect(client.ok("StopExecution", ["executionArn": .string(e), "error": "Stopped.ByTest", "cause": "enough"])["stopDate"] != nil)
    let d = client.describe(e)
    #expect(d["status"] == "ABORTED")
    #expect(d["error"] == "Stopped.ByTest")
    client.fails("StopExecution", ["executionArn": .string(e), "error": .string(String(repeating: "E", count: 257))], "ValidationException")
    client.fails("StopExecution", ["executionArn": .string(e + "nope")], "ExecutionDoesNotExist")
  }

  @Test func realClockFollowsTicks() {
    var client = APIClient([], serving: ServeOptions(clock: .real))
    let arn = client.create("Waiter", APIDefinitions.wait10)
    let e = client.start(arn)
    #expect(client.session.nextWakeup == 10)
    client.tick(4)
    #expect(client.describe(e)["status"] == "RUNNING")
    client.tick(10)
    #expect(client.describe(e)["status"] == "SUCCEEDED")
    #expect(client.session.nextWakeup == nil)
    // The tick was an `advance`: a saved session replays it.
    #expect(client.session.script.contains("advance 4s"))
  }

  @Test func instantClockJumpsWaits() {
    var client = APIClient([])
    let arn = client.create("Waiter", APIDefinitions.wait10)
    #expect(client.describe(client.start(arn))["status"] == "SUCCEEDED")
  }

  @Test func withoutServingExecutionsWaitForTheUser() throws {
    var client = APIClient([try machine("Hello", APIDefinitions.pass)], serving: nil)
    let e = client.start(machineARN("Hello"))
    #expect(client.describe(e)["status"] == "RUNNING")
    client.run(.continue)
    #expect(client.describe(e)["status"] == "SUCCEEDED")
  }

  @Test func expressExecutionsAndStartSync() {
    var client = APIClient([])
    let express = client.create("Quick", APIDefinitions.pass, type: "EXPRESS")
    let standard = client.create("Slow", APIDefinitions.pass)
    let reply = client.ok("StartSyncExecution", ["stateMachineArn": .string(express), "input": #"{"a": 1}"#, "name": "run1"])
    #expect(reply["status"] == "SUCCEEDED")
    #expect(reply["output"] == #"{"a":1,"r":{"done":true}}"#)
    #expect(reply["billingDetails"] == ["billedMemoryUsedInMB": 64, "billedDurationInMilliseconds": 100])
    let arn = reply["executionArn"]?.stringValue ?? ""
    // arn:aws:states:REGION:ACCOUNT:express:MACHINE:NAME:UUID (definitions split it on ':').
    let parts = arn.split(separator: ":")
    #expect(parts.count == 9 && parts[5] == "express" && parts[6] == "Quick" && parts[7] == "run1")
    client.fails("DescribeExecution", ["executionArn": .string(arn)], "InvalidArn")
    client.fails("StartSyncExecution", ["stateMachineArn": .string(standard)], "StateMachineTypeNotSupported")
    client.fails("ListExecutions", ["stateMachineArn": .string(express)], "StateMachineTypeNotSupported")
    // A failing Express run is a result, not an error.
    let failing = client.create("Broken", #"{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "c"}}}"#, type: "EXPRESS")
    let failed = client.ok("StartSyncExecution", ["stateMachineArn": .string(failing)])
    #expect(failed["status"] == "FAILED" && failed["error"] == "E" && failed["cause"] == "c")
  }

  @Test func startSyncWaitsForTheUserWithoutServing() throws {
    var m = try machine("Quick", APIDefinitions.pass)
    m.type = "EXPRESS"
    var client = APIClient([m], serving: nil)
    let id = client.send("StartSyncExecution", ["stateMachineArn": .string(machineARN("Quick"))])
    #expect(client.late[id] == nil)
    client.run(.continue)
    #expect(client.late[id]?.body["status"] == "SUCCEEDED")
  }

  @Test func testCaseFromTheArn() throws {
    let mocks = try MockConfig(json: json(#"""
      {"StateMachines": {"Caller": {"TestCases": {"HappyPath": {"Call": "Ok"}}}},
       "MockedResponses": {"Ok": {"0": {"Return": {"answer": 42}}}}}
      """#))
    let definition = #"{"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}, "End": true}}}"#
    var client = APIClient([try machine("Caller", definition)], mocks: mocks)
    let e = client.start(machineARN("Caller") + "#HappyPath")
    #expect(client.describe(e)["output"] == #"{"answer":42}"#)
    client.fails("StartExecution", ["stateMachineArn": .string(machineARN("Caller") + "#Nope")], "InvalidName")
    // Without the test case the task waits for someone.
    let plain = client.start(machineARN("Caller"))
    #expect(client.describe(plain)["status"] == "RUNNING")
  }

  @Test func savedRequestsReplayWithoutTheClient() throws {
    var client = APIClient([try machine("Hello", APIDefinitions.pass)], serving: nil)
    let e = client.start(machineARN("Hello"), name: "replayed")
    client.run(.continue)
    let script = client.session.script
    #expect(script.contains(#"api StartExecution {"stateMachineArn":"#))
    var replay = Session(machines: [try machine("Hello", APIDefinitions.pass)], configuration: SessionConfiguration())
    for line in script.split(separator: "\n") {
      if let command = try CommandParser.parse(String(line)) { _ = replay.execute(command) }
    }
    #expect(replay.runtime.executions.first { $0.arn == e }?.status.name == "SUCCEEDED")
    // The command shows the reply.
    let describeLine = try CommandParser.parse(#"api DescribeExecution {"executionArn": "\#(e)"}"#)
    let out = replay.execute(try #require(describeLine))
    #expect(out.output == .value(APIClient(session: replay).session.describe(replay.runtime.executions[0])))
    let refusedLine = try CommandParser.parse(#"api DescribeExecution {}"#)
    let refused = replay.execute(try #require(refusedLine))
    #expect(refused.isError && refused.messages.first?.hasPrefix("ValidationException") == true)
  }
}
