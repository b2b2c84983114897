import ASLInterpreter
import JSONCore
import Testing

@Suite struct SchedulingTests {
  @Test func mapMaxConcurrencyOneRunsIterationsInOrder() throws {
    let e = try runMachine(
      """
      {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"ItemSelector":{
        "i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value"},
        "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
      """, input: #"["a","b"]"#)
    #expect(e.output == json(#"[{"i":0,"v":"a"},{"i":1,"v":"b"}]"#))
    #expect(
      e.eventTypes == [
        "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapIterationStarted",
        "PassStateEntered", "PassStateExited", "MapIterationSucceeded", "MapIterationStarted",
        "PassStateEntered", "PassStateExited", "MapIterationSucceeded", "MapStateSucceeded",
        "MapStateExited", "ExecutionSucceeded",
      ])
    // previousEventId chains inside each iteration.
    let secondEntered = e.history[8]
    #expect(secondEntered.type == "PassStateEntered")
    #expect(secondEntered.previousEventID == 8)
  }

  @Test func parallelBranchesInterleaveAndKeepOutputOrder() throws {
    let e = try runMachine(
      """
      {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
        {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3,"Next":"A"},"A":{"Type":"Pass","Result":"slow","End":true}}},
        {"StartAt":"B","States":{"B":{"Type":"Pass","Result":"fast","End":true}}}],"End":true}}}
      """)
    #expect(e.output == json(#"["slow","fast"]"#))
    #expect(e.offsets(of: "ParallelStateExited") == [3])
    #expect(e.currentStates.isEmpty)
  }

  @Test func currentStatesListsEveryActiveBranch() throws {
    var e = try makeExecution(
      """
      {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
        {"StartAt":"X","States":{"X":{"Type":"Wait","Seconds":1,"End":true}}},
        {"StartAt":"Y","States":{"Y":{"Type":"Wait","Seconds":2,"End":true}}}],"End":true}}}
      """)
    for _ in 0..<4 { _ = e.step() }
    let current = e.currentStates
    #expect(current.map(\.stateName) == ["P", "X", "Y"])
    #expect(current.map(\.path) == ["Root", "Root/P[0]", "Root/P[1]"])
    guard case .waitingForTimer(let due) = e.step() else {
      Issue.record("expected a timer wait")
      return
    }
    #expect(due.milliseconds - e.options.startTime.milliseconds == 1000)
    let advanced = e.advanceToNextTimer()
    #expect(advanced)
    #expect(e.now == due)
  }

  @Test func stopAbortsTheExecution() throws {
    var e = try makeExecution(#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}}"#)
    _ = e.step()
    _ = e.step()
    #expect(e.status == .running)
    e.stop(error: "Stopped", cause: "by test")
    #expect(e.status.name == "ABORTED")
    #expect(e.eventTypes.last == "ExecutionAborted")
  }

  @Test func siblingFailureAbortsARunningTask() throws {
    let e = try runMachine(
      """
      {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}},
        {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"X"}}}],"End":true}}}
      """)
    #expect(e.failure?.error == "X")
    #expect(e.eventTypes.contains("TaskStateAborted"))
    #expect(e.pendingTasks.isEmpty)
  }

  @Test func distributedMapRecordsOnlyMapRunEvents() throws {
    let e = try runMachine(
      """
      {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},
        "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
      """, input: "[1,2,3]")
    #expect(e.output == json("[1,2,3]"))
    #expect(
      e.eventTypes == [
        "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded",
        "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded",
      ])
    #expect(e.transitionCount == 4)
  }

  @Test func mapOverANonArrayFails() throws {
    let e = try runMachine(
      #"{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.x","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}"#,
      input: #"{"x":5}"#)
    #expect(e.failure?.error == "States.Runtime")
  }
}

@Suite struct VariablesAndContextTests {
  @Test func choiceRuleAssignWinsAndDefaultUsesStateAssign() throws {
    let definition = """
      {"StartAt":"C","States":{"C":{"Type":"Choice","Assign":{"how":"default"},"Choices":[
        {"Variable":"$.n","NumericEquals":1,"Assign":{"how":"rule","n.$":"$.n"},"Next":"D"}],"Default":"D"},
        "D":{"Type":"Pass","Parameters":{"how.$":"$how"},"End":true}}}
      """
    #expect(try runMachine(definition, input: #"{"n":1}"#).output == json(#"{"how":"rule"}"#))
    #expect(try runMachine(definition, input: #"{"n":2}"#).output == json(#"{"how":"default"}"#))
  }

  @Test func catcherAssignSeesTheErrorOutput() throws {
    let e = try runMachine(
      """
      {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f",
        "Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"err.$":"$.Error"},"ResultPath":null,"Next":"N"}],
        "End":true},"N":{"Type":"Pass","Parameters":{"err.$":"$err","in.$":"$"},"End":true}}}
      """, input: #"{"a":1}"#, resolver: .table(["T": [.failed(error: "Oops", cause: nil)]]))
    #expect(e.output == json(#"{"err":"Oops","in":{"a":1}}"#))
  }

  @Test func retryCountInTheContextObject() throws {
    let e = try runMachine(
      """
      {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f",
        "Parameters":{"retry.$":"$$.State.RetryCount"},"Retry":[{"ErrorEquals":["E"],"MaxAttempts":2}],
        "End":true}}}
      """,
      resolver: TaskResolver { request in
        request.attempt < 2 ? .failed(error: "E", cause: nil) : .succeeded(request.parameters)
      })
    #expect(e.output == json(#"{"retry":2}"#))
  }

  @Test func passTraceRecordsDataFlowStages() throws {
    let e = try runMachine(
      """
      {"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$.in","Parameters":{"v.$":"$.x"},
        "ResultPath":"$.out","OutputPath":"$.out","End":true}}}
      """, input: #"{"in":{"x":1}}"#, options: ExecutionOptions(recordTraces: true))
    let trace = try #require(e.traces.first)
    #expect(trace.stages.map(\.name) == ["Input", "InputPath", "Parameters", "ResultPath", "OutputPath"])
    #expect(trace.stages[2].value == json(#"{"v":1}"#))
    #expect(trace.stages[3].value == json(#"{"in":{"x":1},"out":{"v":1}}"#))
  }
}

@Suite struct NestedFailureTests {
  @Test func runtimeErrorDeepInsideNestedMapsAndParallels() throws {
    let e = try runMachine(
      """
      {"StartAt":"Outer","States":{"Outer":{"Type":"Map","ItemProcessor":{"StartAt":"Par","States":{
        "Par":{"Type":"Parallel","Branches":[{"StartAt":"Inner","States":{"Inner":{"Type":"Map",
          "ItemsPath":"$.xs","ItemProcessor":{"StartAt":"Bad","States":{"Bad":{"Type":"Pass",
            "Parameters":{"v.$":"States.MathAdd($.a, 'x')"},"End":true}}},"End":true}}}],"End":true}}},
        "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true},
        "Caught":{"Type":"Pass","End":true}}}
      """, input: #"[{"xs":[{"a":1}]}]"#)
    // States.IntrinsicFailure propagates Inner → Par → Outer, where States.ALL catches it.
    #expect(e.status.name == "SUCCEEDED")
    #expect(e.output?["Error"] == "States.IntrinsicFailure")
    #expect(e.output?["Cause"]?.stringValue?.hasPrefix("An error occurred while executing the state 'Bad'") == true)
  }

  @Test func runtimeErrorsAreNotCaughtByStatesAll() throws {
    let e = try runMachine(
      """
      {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{
        "P":{"Type":"Pass","OutputPath":"$.missing","End":true}}},
        "Catch":[{"ErrorEquals":["States.ALL"],"Next":"C"}],"End":true},"C":{"Type":"Succeed"}}}
      """, input: "[1]")
    #expect(e.failure?.error == "States.Runtime")
  }

  @Test func historyLimitInsideAMapLoop() throws {
    let e = try runMachine(
      """
      {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"A","States":{
        "A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}},"End":true}}}
      """, input: "[1,2,3]")
    #expect(e.history.count == 25_000)
    #expect(e.status.name == "FAILED")
  }
}
