import ASLInterpreter
import ASLRuntime
import DebuggerCore
import Foundation
import HistoryReplay
import JSONCore
import SFDBGTestSupport
import Testing

/// The nesting demo's failed execution, exported in the aws CLI's form (demo/nesting/post-mortem).
func demoPostMortem() throws -> (machines: LoadedMachines, set: RecordedSet) {
  let root = packageRoot()
  let machines = try loadMachines(root + "/demo/nesting/template.yaml")
  let folder = root + "/demo/nesting/post-mortem"
  let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
  let histories = try files.map { name in
    try RecordedHistory(file: folder + "/" + name, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))))
  }
  let mainName = machines.machines.first { $0.arn == machines.main }!.name
  return (machines, try RecordedSet(histories: histories, definitions: machines.definitions, mainMachine: mainName))
}

@Suite struct RecordedHistoryTests {
  @Test func timestampsAsTheAwsCliPrintsThem() {
    #expect(RecordedTimestamp(iso8601: "2024-05-01T12:00:00.123000+02:00")?.epochMilliseconds == 1_714_557_600_123)
    #expect(RecordedTimestamp(iso8601: "2024-05-01T10:00:00.123Z")?.epochMilliseconds == 1_714_557_600_123)
    #expect(RecordedTimestamp(iso8601: "2024-05-01T10:00:00-01:30")?.epochMilliseconds == 1_714_563_000_000)
    #expect(RecordedTimestamp(epochSeconds: 1_714_557_600.123).epochMilliseconds == 1_714_557_600_123)
    #expect(RecordedTimestamp(iso8601: "2024-05-01T10:00:00") == nil)
    #expect(RecordedTimestamp(iso8601: "yesterday") == nil)
  }

  @Test func readsTheAwsCliFormAndABareList() throws {
    let events = """
      [{"timestamp": 1714557600.5, "type": "ExecutionStarted", "id": 1, "previousEventId": 0,
        "executionStartedEventDetails": {"input": "{\\"a\\":1}", "inputDetails": {"truncated": false}, "roleArn": "r"}},
       {"timestamp": "2024-05-01T12:00:00.600000+02:00", "type": "ExecutionSucceeded", "id": 2, "previousEventId": 1,
        "executionSucceededEventDetails": {"output": "[1,2]", "outputDetails": {"truncated": false}}}]
      """
    let bare = try RecordedHistory(file: "h.json", bytes: Array(events.utf8))
    let wrapped = try RecordedHistory(file: "h.json", bytes: Array("{\"events\": \(events)}".utf8))
    for history in [bare, wrapped] {
      #expect(history.events.count == 2)
      #expect(history.events[0].details["input"] == json(#"{"a": 1}"#))
      #expect(history.events[1].details["output"] == json("[1, 2]"))
      #expect(history.events[1].timestamp.epochMilliseconds - history.events[0].timestamp.epochMilliseconds == 100)
    }
  }

  @Test func badInputIsLocated() throws {
    func error(_ text: String) -> HistoryReplayError? {
      do {
        _ = try RecordedHistory(file: "h.json", bytes: Array(text.utf8))
        return nil
      } catch { return error }
    }
    let started = #"{"timestamp": 1, "type": "ExecutionStarted", "id": 1, "executionStartedEventDetails": {"input": "{}"}}"#
    let unknown = error(#"{"events": [\#(started), {"timestamp": 2, "type": "StateTeleported", "id": 2, "previousEventId": 1}]}"#)
    #expect(unknown?.pointer == "/events/1/type")
    #expect(unknown?.message.contains("unknown event type \"StateTeleported\"") == true)
    let truncated = error(#"{"events": [\#(started), {"timestamp": 2, "type": "PassStateEntered", "id": 2, "previousEventId": 1}]}"#)
    #expect(truncated?.pointer == "/events/1")
    #expect(truncated?.message.hasPrefix("truncated history: the last event is 2 PassStateEntered") == true)
    let gap = error(#"{"events": [\#(started), {"timestamp": 2, "type": "ExecutionSucceeded", "id": 3, "previousEventId": 1}]}"#)
    #expect(gap?.pointer == "/events/1/id")
    let paged = error(#"{"events": [\#(started)], "NextToken": "abc"}"#)
    #expect(paged?.pointer == "/NextToken")
    let time = error(#"{"events": [{"timestamp": "noon", "type": "ExecutionStarted", "id": 1}]}"#)
    #expect(time?.pointer == "/events/0/timestamp")
    #expect(error("{") != nil)
  }

  @Test func historyOfAnotherDefinitionIsRefused() throws {
    let history = try RecordedHistory(file: "other.json", json: json("""
      {"events": [
        {"timestamp": 1, "type": "ExecutionStarted", "id": 1, "previousEventId": 0, "executionStartedEventDetails": {"input": "{}"}},
        {"timestamp": 1, "type": "PassStateEntered", "id": 2, "previousEventId": 0, "stateEnteredEventDetails": {"name": "Elsewhere", "input": "{}"}},
        {"timestamp": 1, "type": "ExecutionSucceeded", "id": 3, "previousEventId": 2, "executionSucceededEventDetails": {"output": "{}"}}]}
      """))
    let definition = json(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#)
    #expect {
      _ = try RecordedSet(histories: [history], definitions: ["M": definition], mainMachine: "M")
    } throws: { error in
      let e = error as? HistoryReplayError
      return e?.pointer == "/events/1/stateEnteredEventDetails/name"
        && e?.message.contains("has no state 'Elsewhere'") == true
    }
  }
}

@Suite struct ReplayTests {
  @Test func demoFailureIsRebuiltWithItsChildren() throws {
    let (_, set) = try demoPostMortem()
    #expect(set.executions.count == 4)
    #expect(set.parents == [nil, 0, 0, 0])
    #expect(set.main.status == "FAILED")
    #expect(set.main.error == "Warehouse.Rejected")
    #expect(set.main.visits.map(\.name) == [
      "Log order (call and continue)", "Fulfil in parallel", "Reserve stock (wait for completion)",
      "Ship (wait for callback)",
    ])
    #expect(set.main.visits[3].error == "Warehouse.Rejected")
    let ship = set.executions[3]
    #expect(ship.machineName == "OrderWorker")
    #expect(ship.input.objectValue?["Job"] == .string("ship"))
    #expect(ship.taskResults.map(\.outcome) == [
      .failed(error: "Lambda.ServiceException", cause: "Warehouse API unavailable"),
      .failed(error: "Lambda.ServiceException", cause: "Warehouse API unavailable"),
      .succeeded(json(#"{"StatusCode": 200, "Payload": {"accepted": true}}"#)),
    ])
    let report = ReplayReport.json(set, difference: nil)
    #expect(report.objectValue?["status"] == .string("FAILED"))
    #expect(report.objectValue?["executions"]?.arrayValue?.count == 3)
  }

  @Test func recordedTaskResultsBecomeAMockTestCase() throws {
    let (_, set) = try demoPostMortem()
    let mocks = RecordedMocks.mockConfig(for: set)
    // The children run locally on their own results; the callback's answer is mocked.
    #expect(mocks.stateMachines["OrderMain"]?[RecordedMocks.testCase] == [
      "Ship (wait for callback)": "OrderMain.Ship (wait for callback)"
    ])
    #expect(mocks.response(machineNames: ["OrderWorker"], testCase: RecordedMocks.testCase, state: "Notify warehouse", attempt: 2)
      == .return(json(#"{"StatusCode": 200, "Payload": {"accepted": true}}"#)))
    let written = try MockConfig(json: mocks.json)
    #expect(written == mocks)
  }

  @Test func aLocalRunReproducesItsOwnHistoryAndNamesTheFirstDifference() throws {
    let loaded = try loadMachines(packageRoot() + "/demo/nesting/template.yaml")
    let mocks = try MockConfig(json: json("""
      {"StateMachines": {"OrderWorker": {"TestCases": {"T": {"Notify warehouse": "R"}}}},
       "MockedResponses": {"R": {"0": {"Return": {"Payload": {"accepted": true}}}}}}
      """))
    var session = try Session(
      machines: loaded.machines, mainMachine: loaded.main, input: json(#"{"OrderId": "o-1"}"#),
      configuration: SessionConfiguration(mocks: mocks, testCase: "T"))
    var performer = InstantPerformer()
    _ = EffectLoop.run(.continue, on: &session, performer: &performer)
    _ = EffectLoop.run(.succeed(token: .index(1), output: json(#"{"Carrier": "ACME"}"#)), on: &session, performer: &performer)
    _ = EffectLoop.run(.continue, on: &session, performer: &performer)
    #expect(session.mainExecution.status.name == "SUCCEEDED")
    var files: [RecordedHistory] = []
    for execution in session.runtime.executions {
      var history = json("{}").objectValue!
      history["events"] = .array(execution.execution.history.map(\.json))
      history["executionArn"] = .string(execution.arn)
      files.append(try RecordedHistory(file: "\(execution.name).json", json: .object(history)))
    }
    let set = try RecordedSet(histories: files, definitions: loaded.definitions, mainMachine: "OrderMain")
    var local = try Reproduction.session(from: session, set: set)
    #expect(Reproduction.firstDifference(running: &local, against: set, performer: &performer) == nil)

    // The recorded Reserve result differs: the local run names the event and field.
    var changed = files[0].events
    let index = changed.firstIndex { $0.type == "TaskStateExited" && $0.stateName == "Order complete" } ?? changed.count - 2
    changed[index].details["output"] = json(#"{"edited": true}"#)
    let difference = HistoryComparison.firstDifference(recorded: changed, local: files[0].events)
    #expect(difference?.eventID == changed[index].id)
    // The path goes down to the first differing value inside the output.
    #expect(difference?.field == "stateExitedEventDetails.output.edited")
    #expect(difference?.recorded == .bool(true))
    #expect(difference?.local == .null)
  }
}

@Suite struct ForkTests {
  @Test func forkAtATaskContinuesFromItsRecordedInputWithTheLaterResults() throws {
    let (machines, set) = try demoPostMortem()
    let base = try Session(machines: machines.machines, mainMachine: machines.main, input: json("{}"))
    let ship = set.executions[3]
    let visit = try #require(ship.visits.first { $0.name == "Notify warehouse" })
    var fork = try ReplayFork.session(from: base, definitions: machines.definitions, set: set, execution: 3, visit: visit)
    #expect(fork.mainExecution.input == visit.input)
    #expect(fork.mainExecution.machineName == "OrderWorker (fork at Notify warehouse)")
    runToEnd(&fork)
    let history = fork.mainExecution.execution.history
    #expect(history[1].type == "TaskStateEntered")
    #expect(history.filter { $0.type == "TaskFailed" }.count == 2)  // the two recorded Lambda failures, retried
    #expect(fork.mainExecution.status.name == "SUCCEEDED")
    #expect(fork.resultJSON.objectValue?["output"] == ship.output)
  }

  @Test func forkAtAMapIterationRunsThatIterationsItemProcessor() throws {
    let definition = json("""
      {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
        "ItemProcessor": {"StartAt": "Price", "States": {
          "Price": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "price", "Payload.$": "$"}, "OutputPath": "$.Payload", "Next": "Done"},
          "Done": {"Type": "Pass", "End": true}}},
        "End": true}}}
      """)
    let registered = try machine("Prices", definition)
    let mocks = try MockConfig(json: json("""
      {"StateMachines": {"Prices": {"TestCases": {"T": {"Price": "P"}}}},
       "MockedResponses": {"P": {"0": {"Return": {"Payload": 10}}, "1": {"Return": {"Payload": 20}}, "2": {"Return": {"Payload": 30}}}}}
      """))
    var recorded = try Session(
      machines: [registered], mainMachine: registered.arn, input: json(#"{"items": ["a", "b", "c"]}"#),
      configuration: SessionConfiguration(mocks: mocks, testCase: "T"))
    let history = try RecordedHistory(file: "prices.json", json: recordedLocally(&recorded))
    let set = try RecordedSet(histories: [history], definitions: ["Prices": definition], mainMachine: "Prices")
    #expect(set.main.output == json("[10, 20, 30]"))
    let second = try #require(set.main.visits.first { $0.name == "Price" && $0.iterations == [RecordedIteration(map: "Each", index: 1)] })
    #expect(second.input == json(#""b""#))
    #expect(second.output == json("20"))
    let base = try Session(machines: [registered], mainMachine: registered.arn, input: json("{}"))
    var fork = try ReplayFork.session(from: base, definitions: ["Prices": definition], set: set, execution: 0, visit: second)
    #expect(fork.mainExecution.input == json(#""b""#))
    runToEnd(&fork)
    #expect(fork.mainExecution.status.name == "SUCCEEDED")
    #expect(fork.resultJSON.objectValue?["output"] == json("20"))
  }
}

@Suite struct ForkVariableTests {
  @Test func aForkStartsWithTheVariablesRecordedBeforeItsState() throws {
    let definition = json("""
      {"StartAt": "Set", "States": {
        "Set": {"Type": "Pass", "Assign": {"limit": 3, "who": "ann"}, "Next": "Use"},
        "Use": {"Type": "Pass", "Parameters": {"limit.$": "$limit", "who.$": "$who"}, "End": true}}}
      """)
    let registered = try machine("Vars", definition)
    var recorded = try Session(machines: [registered], mainMachine: registered.arn, input: json("{}"))
    let history = try RecordedHistory(file: "vars.json", json: recordedLocally(&recorded))
    let set = try RecordedSet(histories: [history], definitions: ["Vars": definition], mainMachine: "Vars")
    let use = try #require(set.main.visits.first { $0.name == "Use" })
    #expect(ReplayFork.variables(at: use, in: set.main) == json(#"{"limit": 3, "who": "ann"}"#).objectValue)
    var fork = try ReplayFork.session(from: recorded, definitions: ["Vars": definition], set: set, execution: 0, visit: use)
    runToEnd(&fork)
    #expect(fork.resultJSON.objectValue?["output"] == json(#"{"limit": 3, "who": "ann"}"#))
    #expect(fork.mainExecution.execution.history[1].stateName == "Recorded variables")
  }
}
