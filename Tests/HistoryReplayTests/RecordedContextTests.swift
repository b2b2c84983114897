import ASLInterpreter
import ASLRuntime
import DebuggerCore
import Foundation
@testable import HistoryReplay
import JSONCore
import SFDBGTestSupport
import Testing

@Suite struct MaskedTextTests {
  @Test func placeholdersAndAccountIDsAcceptAnyText() throws {
    let arn = try #require(MaskedText("arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>"))
    #expect(arn.matches("arn:aws:states:us-east-1:123456789012:execution:Machine:main"))
    #expect(!arn.matches("arn:aws:states:us-east-1:123456789012:stateMachine:Machine"))
    #expect(!arn.matches("arn:aws:states:us-east-1:123456789012:execution:Machine:"))  // a place is never empty
    let cause = try #require(MaskedText("The JSONPath '$.x' could not be found in the input '<json-input:1>'"))
    #expect(cause.matches(#"The JSONPath '$.x' could not be found in the input '{"a":1}'"#))
    #expect(!cause.matches(#"The JSONPath '$.y' could not be found in the input '{"a":1}'"#))
    #expect(try #require(MaskedText("<uuid:1>")).matches("910a2dec-8902-4cc1-beeb-8da1658eec67"))
  }

  @Test func aTextWithoutAPlaceholderComparesExactly() {
    #expect(MaskedText("arn:aws:states:us-east-1:111111111111:execution:M:main") == nil)
    #expect(MaskedText("a < b and c > d") == nil)
    #expect(MaskedText("<>") == nil)
    #expect(MaskedText("<1abc>") == nil)
  }

  @Test func theComparisonUsesIt() {
    #expect(HistoryComparison.firstDifference(json(#""<ArnPart_0idx>""#), json(#""main""#), at: "$") == nil)
    #expect(HistoryComparison.firstDifference(json(#""main""#), json(#""<ArnPart_0idx>""#), at: "$") != nil)
    #expect(HistoryComparison.firstDifference(json(#""date""#), json(#""2024-05-01T10:00:00Z""#), at: "$") != nil)
  }
}

@Suite struct RecordedContextTests {
  static let definition = json("""
    {"StartAt": "Show", "States": {
      "Show": {"Type": "Pass", "Parameters": {"input.$": "$$.Execution.Input", "start.$": "$$.Execution.StartTime",
        "name.$": "$$.Execution.Name", "id.$": "$$.Execution.Id", "role.$": "$$.Execution.RoleArn",
        "entered.$": "$$.State.EnteredTime"}, "Next": "Again"},
      "Again": {"Type": "Pass", "Parameters": {"input.$": "$$.Execution.Input", "start.$": "$$.Execution.StartTime",
        "name.$": "$$.Execution.Name", "entered.$": "$$.State.EnteredTime"}, "End": true}}}
    """)

  /// A history as AWS would write it for execution `run-7` of `Ctx`, started at 2025-03-04.
  static func recorded() throws -> RecordedSet {
    let text = """
      {"executionArn": "arn:aws:states:eu-west-1:555566667777:execution:Ctx:run-7", "events": [
       {"timestamp": "2025-03-04T05:06:07.000Z", "type": "ExecutionStarted", "id": 1, "previousEventId": 0,
        "executionStartedEventDetails": {"input": "{\\"k\\":1}", "inputDetails": {"truncated": false},
          "roleArn": "arn:aws:iam::555566667777:role/ctx-role"}},
       {"timestamp": "2025-03-04T05:06:07.100Z", "type": "PassStateEntered", "id": 2, "previousEventId": 0,
        "stateEnteredEventDetails": {"name": "Show", "input": "{\\"k\\":1}", "inputDetails": {"truncated": false}}},
       {"timestamp": "2025-03-04T05:06:07.200Z", "type": "PassStateExited", "id": 3, "previousEventId": 2,
        "stateExitedEventDetails": {"name": "Show", "output": "{}", "outputDetails": {"truncated": false}}},
       {"timestamp": "2025-03-04T05:06:09.500Z", "type": "PassStateEntered", "id": 4, "previousEventId": 3,
        "stateEnteredEventDetails": {"name": "Again", "input": "{\\"k\\":2}", "inputDetails": {"truncated": false}}},
       {"timestamp": "2025-03-04T05:06:09.600Z", "type": "PassStateExited", "id": 5, "previousEventId": 4,
        "stateExitedEventDetails": {"name": "Again", "output": "{}", "outputDetails": {"truncated": false}}},
       {"timestamp": "2025-03-04T05:06:09.700Z", "type": "ExecutionSucceeded", "id": 6, "previousEventId": 5,
        "executionSucceededEventDetails": {"output": "{}", "outputDetails": {"truncated": false}}}]}
      """
    let history = try RecordedHistory(file: "run-7.json", bytes: Array(text.utf8))
    return try RecordedSet(histories: [history], definitions: ["Ctx": definition], mainMachine: "Ctx")
  }

  @Test func theContextComesFromTheHistory() throws {
    let context = try Self.recorded().main.context
    #expect(context.id == "arn:aws:states:eu-west-1:555566667777:execution:Ctx:run-7")
    #expect(context.name == "run-7")
    #expect(context.input == json(#"{"k": 1}"#))
    #expect(context.startTime == "2025-03-04T05:06:07.000Z")
    #expect(context.roleArn == "arn:aws:iam::555566667777:role/ctx-role")
    #expect(context.redriveCount == 0)
  }

  @Test func aForkSeesTheRecordedExecutionAndClock() throws {
    let set = try Self.recorded()
    let registered = try machine("Ctx", Self.definition)
    let base = try Session(machines: [registered], mainMachine: registered.arn, input: json("{}"))
    let again = try #require(set.main.visits.first { $0.name == "Again" })
    var fork = try ReplayFork.session(from: base, definitions: ["Ctx": Self.definition], set: set, execution: 0, visit: again)
    runToEnd(&fork)
    // `$$.Execution` is the recorded execution's (its input, not the fork's); the clock goes on
    // from the moment the state was entered on AWS.
    #expect(fork.resultJSON.objectValue?["output"] == json("""
      {"input": {"k": 1}, "start": "2025-03-04T05:06:07.000Z", "name": "run-7",
       "entered": "2025-03-04T05:06:09.500Z"}
      """))
  }

  @Test func aReRunIsTheRecordedExecutionAgain() throws {
    let set = try Self.recorded()
    let registered = try machine("Ctx", Self.definition)
    let base = try Session(machines: [registered], mainMachine: registered.arn, input: json("{}"))
    var local = try Reproduction.session(from: base, set: set)
    runToEnd(&local)
    let show = try #require(local.mainExecution.execution.history.first { $0.type == "PassStateExited" })
    #expect(show.json.objectValue?["stateExitedEventDetails"]?.objectValue?["output"].flatMap { try? JSONParser.parse($0.stringValue ?? "") } == json("""
      {"input": {"k": 1}, "start": "2025-03-04T05:06:07.000Z", "name": "run-7",
       "id": "arn:aws:states:eu-west-1:555566667777:execution:Ctx:run-7",
       "role": "arn:aws:iam::555566667777:role/ctx-role", "entered": "2025-03-04T05:06:07.000Z"}
      """))
  }
}

@Suite struct MapRunChainTests {
  static let definition = json("""
    {"StartAt": "Each", "States": {"Each": {"Type": "Map", "Label": "L",
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "In", "States": {"In": {"Type": "Pass", "End": true}}}, "End": true}}}
    """)

  func history(exitFollows previous: Int) -> String {
    """
    [{"timestamp": 1714557600.0, "type": "ExecutionStarted", "id": 1, "previousEventId": 0,
      "executionStartedEventDetails": {"input": "[1,2]", "inputDetails": {"truncated": false}, "roleArn": "r"}},
     {"timestamp": 1714557600.1, "type": "MapStateEntered", "id": 2, "previousEventId": 0,
      "stateEnteredEventDetails": {"name": "Each", "input": "[1,2]", "inputDetails": {"truncated": false}}},
     {"timestamp": 1714557600.2, "type": "MapStateStarted", "id": 3, "previousEventId": 2, "mapStateStartedEventDetails": {"length": 2}},
     {"timestamp": 1714557600.3, "type": "MapRunStarted", "id": 4, "previousEventId": 3,
      "mapRunStartedEventDetails": {"mapRunArn": "arn:aws:states:us-east-1:111122223333:mapRun:M/L:x"}},
     {"timestamp": 1714557600.4, "type": "MapRunSucceeded", "id": 5, "previousEventId": 4},
     {"timestamp": 1714557600.5, "type": "MapStateSucceeded", "id": 6, "previousEventId": 5},
     {"timestamp": 1714557600.6, "type": "MapStateExited", "id": 7, "previousEventId": \(previous),
      "stateExitedEventDetails": {"name": "Each", "output": "[1,2]", "outputDetails": {"truncated": false}}},
     {"timestamp": 1714557600.7, "type": "ExecutionSucceeded", "id": 8, "previousEventId": 7,
      "executionSucceededEventDetails": {"output": "[1,2]", "outputDetails": {"truncated": false}}}]
    """
  }

  /// Both of AWS's chainings reproduce: the re-run writes the form the recording shows.
  @Test(arguments: [(5, MapRunEventChain.exitFollowsMapRunSucceeded), (4, .current)])
  func theReRunFollowsTheRecordedChaining(previous: Int, chain: MapRunEventChain) throws {
    let recorded = try RecordedHistory(file: "m.json", bytes: Array(history(exitFollows: previous).utf8))
    let set = try RecordedSet(histories: [recorded], definitions: ["M": Self.definition], mainMachine: "M")
    #expect(set.mapRunEventChain == chain)
    let registered = try machine("M", Self.definition)
    let base = try Session(machines: [registered], mainMachine: registered.arn, input: json("{}"))
    var local = try Reproduction.session(from: base, set: set)
    var performer = InstantPerformer()
    #expect(Reproduction.firstDifference(running: &local, against: set, performer: &performer) == nil)
  }

  @Test func newRunsWriteTheCurrentChaining() throws {
    let registered = try machine("M", Self.definition)
    var session = try Session(machines: [registered], mainMachine: registered.arn, input: json("[1, 2]"))
    runToEnd(&session)
    let exited = try #require(session.mainExecution.execution.history.first { $0.type == "MapStateExited" })
    #expect(session.mainExecution.execution.history[exited.previousEventID - 1].type == "MapRunStarted")
  }
}
