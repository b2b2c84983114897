import ASLInterpreter
import JSONCore
import Testing

@Suite struct DataFlowTests {
  @Test func passResultResultPathOutputPath() throws {
    let e = try runMachine(
      """
      {"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"x":1},"ResultPath":"$.r",
        "OutputPath":"$.r","End":true}}}
      """, input: #"{"keep":true}"#)
    #expect(e.output == json(#"{"x":1}"#))
    #expect(e.eventTypes == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
  }

  @Test func inputPathAndParametersWithIntrinsic() throws {
    let e = try runMachine(
      """
      {"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$.in",
        "Parameters":{"sum.$":"States.MathAdd($.a, $.b)","lit":"v","nested":{"a.$":"$.a"}},
        "End":true}}}
      """, input: #"{"in":{"a":2,"b":3}}"#)
    #expect(e.output == json(#"{"sum":5,"lit":"v","nested":{"a":2}}"#))
  }

  @Test func nullPaths() throws {
    let e = try runMachine(
      """
      {"StartAt":"A","States":{
        "A":{"Type":"Pass","InputPath":null,"Next":"B"},
        "B":{"Type":"Pass","Result":1,"ResultPath":null,"Next":"C"},
        "C":{"Type":"Pass","OutputPath":null,"End":true}}}
      """, input: #"{"x":1}"#)
    #expect(e.output == json("{}"))
    #expect(e.history[2].type == "PassStateExited")
    if case .stateExited(_, let output, _) = e.history[2].details {
      #expect(output == json("{}"))
    }
  }

  @Test func resultPathIntoNestedCreatesObjects() throws {
    let e = try runMachine(
      #"{"StartAt":"A","States":{"A":{"Type":"Pass","Result":7,"ResultPath":"$.a.b","End":true}}}"#,
      input: #"{"z":0}"#)
    #expect(e.output == json(#"{"z":0,"a":{"b":7}}"#))
  }

  @Test func resultPathMatchFailure() throws {
    let e = try runMachine(
      #"{"StartAt":"A","States":{"A":{"Type":"Pass","Result":7,"ResultPath":"$.a.b","End":true}}}"#,
      input: #"{"a":"text"}"#)
    #expect(e.failure?.error == "States.ResultPathMatchFailure")
    #expect(e.failure?.cause?.hasPrefix("An error occurred while executing the state 'A' (entered at the event id #2). ") == true)
  }

  @Test func missingPathFailsWithAWSCause() throws {
    let e = try runMachine(
      #"{"StartAt":"A","States":{"A":{"Type":"Pass","OutputPath":"$.nope","End":true}}}"#)
    #expect(e.failure?.error == "States.Runtime")
    #expect(e.failure?.cause?.hasSuffix("Invalid path '$.nope' : No results for path: $['nope']") == true)
    #expect(e.eventTypes == ["ExecutionStarted", "PassStateEntered", "ExecutionFailed"])
  }

  @Test func taskResultSelectorAndResultPath() throws {
    let e = try runMachine(
      """
      {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f",
        "Parameters":{"v.$":"$.n"},"ResultSelector":{"got.$":"$.v"},"ResultPath":"$.res","End":true}}}
      """, input: #"{"n":5}"#, resolver: .echo)
    #expect(e.output == json(#"{"n":5,"res":{"got":5}}"#))
    #expect(
      e.eventTypes == [
        "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
        "TaskStateExited", "ExecutionSucceeded",
      ])
  }

  @Test func contextObject() throws {
    let e = try runMachine(
      """
      {"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"name.$":"$$.State.Name",
        "input.$":"$$.Execution.Input","sm.$":"$$.StateMachine.Name","start.$":"$$.Execution.StartTime"},
        "End":true}}}
      """, input: #"{"k":1}"#, options: ExecutionOptions(executionName: "run1", stateMachineName: "Demo"))
    #expect(
      e.output
        == json(#"{"name":"A","input":{"k":1},"sm":"Demo","start":"2025-01-01T00:00:00.000Z"}"#))
  }

  @Test func variablesAssignAndScoping() throws {
    let e = try runMachine(
      """
      {"StartAt":"A","States":{
        "A":{"Type":"Pass","Result":{"v":42},"Assign":{"x.$":"$.v","items":[1,2]},"Next":"M"},
        "M":{"Type":"Map","ItemsPath":"$items","ItemProcessor":{"StartAt":"I","States":{
          "I":{"Type":"Pass","Assign":{"inner":1},"Parameters":{"outer.$":"$x","item.$":"$"},"End":true}}},
          "Next":"B"},
        "B":{"Type":"Pass","Parameters":{"x.$":"$x","m.$":"$"},"End":true}}}
      """)
    #expect(
      e.output
        == json(#"{"x":42,"m":[{"outer":42,"item":1},{"outer":42,"item":2}]}"#))
    if case .stateExited(_, _, let assigned) = e.history[2].details {
      #expect(assigned.map(\.0) == ["x", "items"])
    }
  }

  @Test func payloadLimit() throws {
    let big = String(repeating: "a", count: 300_000)
    let e = try runMachine(
      #"{"StartAt":"A","States":{"A":{"Type":"Pass","Result":"\#(big)","End":true}}}"#)
    #expect(e.failure?.error == "States.DataLimitExceeded")
  }

  @Test func historyJSONShape() throws {
    let e = try runMachine(#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#, input: #"{"a":1}"#)
    let first = e.history[0].json
    #expect(first["type"] == "ExecutionStarted")
    #expect(first["id"] == 1)
    #expect(first["previousEventId"] == 0)
    #expect(first["executionStartedEventDetails"]?["input"] == #"{"a":1}"#)
    let entered = e.history[1].json
    #expect(entered["stateEnteredEventDetails"]?["name"] == "A")
    #expect(entered["previousEventId"] == 0)  // AWS: the first state follows no event
  }
}
