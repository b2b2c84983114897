import ASLInterpreter
import JSONCore
import Testing

/// Histories event by event as AWS writes them. The expected events are those AWS recorded for
/// the same definitions in the conformance cases (shared/conformance, `expected_history`), with
/// the payload fields as the JSON text AWS sends and the timestamps left out.
@Suite struct HistoryShapeTests {
  /// The events without timestamps, for comparing with recorded ones.
  static func untimed(_ e: Execution) -> [JSONValue] {
    guard case .array(let events)? = HistoryEncoder.getExecutionHistory(e.history)["events"] else { return [] }
    return events.map { event in
      guard case .object(var o) = event else { return event }
      o["timestamp"] = nil
      return .object(o)
    }
  }

  @Test func executionStartedHasNoStateMachineArn() throws {
    let e = try runMachine(#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#, input: #"{"a":1}"#)
    let started = try #require(Self.untimed(e).first)
    #expect(
      started
        == json(
          #"{"type":"ExecutionStarted","id":1,"previousEventId":0,"executionStartedEventDetails":{"input":"{\"a\":1}","inputDetails":{"truncated":false},"roleArn":"\#(e.options.roleArn)"}}"#
        ))
    #expect(started["executionStartedEventDetails"]?["stateMachineArn"] == nil)
  }

  @Test func firstStateFollowsNoEvent() throws {
    // base/test_base::TestSnfBase::test_state_pass_result: ids 1…4, previous 0, 0, 2, 3.
    let e = try runMachine(
      #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}"#)
    #expect(e.history.map(\.previousEventID) == [0, 0, 2, 3, 4, 5])
    #expect(e.history.map(\.id) == [1, 2, 3, 4, 5, 6])
  }

  @Test func evaluationFailedNamesTheNestedField() throws {
    // assign/…::test_undefined_reference[BASE_UNDEFINED_OUTPUT_FIELD]
    let e = try runMachine(
      #"{"QueryLanguage":"JSONata","StartAt":"State0","States":{"State0":{"Type":"Pass","Output":{"result":"{% $doesNotExist %}"},"End":true}}}"#
    )
    let failed = try #require(Self.untimed(e).first { $0["type"] == "EvaluationFailed" })
    #expect(
      failed["evaluationFailedEventDetails"]
        == json(
          #"{"error":"States.QueryEvaluationError","cause":"An error occurred while executing the state 'State0' (entered at the event id #2). The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).","location":"Output/result","state":"State0"}"#
        ))
  }

  @Test func evaluationFailedNamesItemsAndTimestamp() throws {
    // scenarios/…::test_map_state_items_eval_jsonata_fail[number], test_wait_timestamp_jsonata[NO_Z]
    let items = try runMachine(
      #"{"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","Items":"{% 1 %}","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}"#
    )
    let wait = try runMachine(
      #"{"QueryLanguage":"JSONata","StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"{% $states.input.t %}","End":true}}}"#,
      input: #"{"t":"2016-12-05T21:29:29"}"#)
    func location(_ e: Execution) -> JSONValue? {
      Self.untimed(e).first { $0["type"] == "EvaluationFailed" }?["evaluationFailedEventDetails"]?["location"]
    }
    #expect(location(items) == "Items")
    #expect(location(wait) == "Timestamp")
  }

  @Test func evaluationFailedWithoutAFieldHasNoLocation() throws {
    // scenarios/…::test_map_state_items_input_types[null]: AWS writes error, cause and state only.
    let e = try runMachine(
      #"{"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}"#,
      input: "null")
    let details = try #require(
      Self.untimed(e).first { $0["type"] == "EvaluationFailed" }?["evaluationFailedEventDetails"])
    #expect(details.objectValue?.keys.sorted() == ["cause", "error", "state"])
  }

  /// `(type, id, previousEventId)` of every event.
  static func chain(_ e: Execution) -> [String] {
    e.history.map { "\($0.id) \($0.previousEventID) \($0.type)" }
  }

  @Test func mapIterationsChainLikeAWS() throws {
    // assign/test_assign_base::test_base_cases[BASE_SCOPE_MAP]: the next iteration follows the
    // last state event of the one before; MapStateSucceeded and MapStateExited both follow the
    // last MapIterationSucceeded.
    let e = try runMachine(
      """
      {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,
        "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
      """, input: "[1,2]")
    #expect(
      Self.chain(e) == [
        "1 0 ExecutionStarted", "2 0 MapStateEntered", "3 2 MapStateStarted",
        "4 3 MapIterationStarted", "5 4 PassStateEntered", "6 5 PassStateExited",
        "7 6 MapIterationSucceeded", "8 6 MapIterationStarted", "9 8 PassStateEntered",
        "10 9 PassStateExited", "11 10 MapIterationSucceeded", "12 11 MapStateSucceeded",
        "13 11 MapStateExited", "14 13 ExecutionSucceeded",
      ])
  }

  @Test func failedIterationAndRetryChainToTheLastStateEvent() throws {
    // scenarios/…::test_map_state_retry: MapIterationFailed is aside; the retry's
    // MapStateStarted and the final MapStateFailed follow the FailStateEntered.
    let e = try runMachine(
      """
      {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,
        "ItemProcessor":{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"C"}}},
        "Retry":[{"ErrorEquals":["E"],"MaxAttempts":1}],"End":true}}}
      """, input: "[1]")
    #expect(
      Self.chain(e) == [
        "1 0 ExecutionStarted", "2 0 MapStateEntered", "3 2 MapStateStarted",
        "4 3 MapIterationStarted", "5 4 FailStateEntered", "6 5 MapIterationFailed",
        "7 5 MapStateStarted", "8 7 MapIterationStarted", "9 8 FailStateEntered",
        "10 9 MapIterationFailed", "11 9 MapStateFailed", "12 11 ExecutionFailed",
      ])
  }

  @Test func distributedMapExitFollowsMapRunStarted() throws {
    // scenarios/…::test_map_state_config_distributed_items_path_from_previous (recorded 2025).
    let e = try runMachine(
      """
      {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{
        "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
        "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
      """, input: #"["a"]"#)
    #expect(
      Self.chain(e) == [
        "1 0 ExecutionStarted", "2 0 MapStateEntered", "3 2 MapStateStarted", "4 3 MapRunStarted",
        "5 4 MapRunSucceeded", "6 5 MapStateSucceeded", "7 4 MapStateExited", "8 7 ExecutionSucceeded",
      ])
  }

  @Test func parallelFollowsTheBranchThatEnded() throws {
    // scenarios/…::test_parallel_state_catch and test_parallel_state_retry.
    let e = try runMachine(
      """
      {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
        {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"C"}}}],
        "Catch":[{"ErrorEquals":["E"],"Next":"Caught"}],"End":true},
        "Caught":{"Type":"Pass","End":true}}}
      """)
    #expect(
      Self.chain(e) == [
        "1 0 ExecutionStarted", "2 0 ParallelStateEntered", "3 2 ParallelStateStarted",
        "4 3 FailStateEntered", "5 4 ParallelStateFailed", "6 5 ParallelStateExited",
        "7 6 PassStateEntered", "8 7 PassStateExited", "9 8 ExecutionSucceeded",
      ])
  }

  @Test func evaluationFailedFollowsWhatTheStateFollowed() throws {
    // A Pass whose Output fails: EvaluationFailed follows the event before PassStateEntered
    // (test_undefined_reference); a Wait's Timestamp fails after its entry (test_wait_timestamp_jsonata).
    let pass = try runMachine(
      #"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $nope %}","End":true}}}"#)
    #expect(Self.chain(pass) == ["1 0 ExecutionStarted", "2 0 PassStateEntered", "3 0 EvaluationFailed", "4 3 ExecutionFailed"])
    let wait = try runMachine(
      #"{"QueryLanguage":"JSONata","StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"{% 'x' %}","End":true}}}"#)
    #expect(Self.chain(wait) == ["1 0 ExecutionStarted", "2 0 WaitStateEntered", "3 2 EvaluationFailed", "4 3 ExecutionFailed"])
  }

  @Test func encoderWritesGetExecutionHistoryOutput() throws {
    let e = try runMachine(#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#)
    let output = HistoryEncoder.getExecutionHistory(e.history)
    #expect(output.objectValue?.keys.sorted() == ["events"])
    #expect(output["events"]?.arrayValue == e.history.map(\.json))
  }
}
