import ASLInterpreter
import JSONCore
import Testing

@Suite struct ErrorHandlingTests {
  let failingTask = """
    {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f",
      "Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":2,"BackoffRate":2,"MaxDelaySeconds":5,
                "MaxAttempts":3}],
      "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Caught"}],"End":true},
      "Caught":{"Type":"Pass","End":true}}}
    """

  @Test func retryDelaysFollowBackoffAndMaxDelay() throws {
    let e = try runMachine(
      failingTask, input: #"{"k":1}"#,
      resolver: .table(["T": [.failed(error: "Boom", cause: "bad")]]))
    // Attempts at 0, then after 2, 4 and 5 more seconds.
    #expect(e.offsets(of: "TaskScheduled") == [0, 2, 6, 11])
    #expect(e.output == json(#"{"k":1,"error":{"Error":"Boom","Cause":"bad"}}"#))
    #expect(
      Array(e.eventTypes.suffix(5)) == [
        "TaskFailed", "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded",
      ])
  }

  @Test func retrySucceedsOnALaterAttempt() throws {
    let e = try runMachine(
      failingTask,
      resolver: .table(["T": [.failed(error: "Boom", cause: nil), .succeeded(json(#"{"ok":true}"#))]]))
    #expect(e.output == json(#"{"ok":true}"#))
    #expect(e.offsets(of: "TaskScheduled") == [0, 2])
  }

  @Test func fullJitterIsSeededAndBounded() throws {
    let definition = """
      {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f",
        "Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":10,"MaxAttempts":1,"JitterStrategy":"FULL"}],
        "End":true}}}
      """
    let resolver = TaskResolver.table(["T": [.failed(error: "Boom", cause: nil)]])
    let a = try runMachine(definition, resolver: resolver, options: ExecutionOptions(seed: 7))
    let b = try runMachine(definition, resolver: resolver, options: ExecutionOptions(seed: 7))
    let delay = a.offsets(of: "TaskScheduled")[1]
    #expect(delay == b.offsets(of: "TaskScheduled")[1])
    #expect(delay >= 0 && delay <= 10)
    #expect(a.failure?.error == "Boom")
  }

  @Test func taskTimeoutIsCaughtAsStatesTimeout() throws {
    let e = try runMachine(
      """
      {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "TimeoutSeconds":30,"Parameters":{"token.$":"$$.Task.Token"},
        "Catch":[{"ErrorEquals":["States.Timeout"],"Next":"Late"}],"End":true},
        "Late":{"Type":"Pass","End":true}}}
      """)
    #expect(e.eventTypes.contains("TaskTimedOut"))
    #expect(e.offsets(of: "TaskTimedOut") == [30])
    #expect(e.output == json(#"{"Error":"States.Timeout"}"#))
  }

  @Test func heartbeatTimeout() throws {
    var e = try makeExecution(
      """
      {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
        "HeartbeatSeconds":10,"TimeoutSeconds":100,"End":true}}}
      """)
    e.run()
    #expect(e.status.name == "FAILED")
    #expect(e.failure?.error == "States.HeartbeatTimeout")
    #expect(e.offsets(of: "TaskTimedOut") == [10])
  }

  @Test func completeTaskByToken() throws {
    var e = try makeExecution(
      """
      {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters":{"MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}}
      """)
    #expect(e.run() == .running)
    let request = try #require(e.pendingTasks.first)
    #expect(request.pattern == .waitForTaskToken)
    let token = try #require(request.taskToken)
    #expect(token.count > 200)
    #expect(request.parameters["MessageBody"]?["token"] == .string(token))
    try e.submitTask(request.id, output: json(#"{"MessageId":"m-1"}"#))
    try e.completeTask(token: token, with: .succeeded(json(#"{"done":1}"#)))
    e.run()
    #expect(e.output == json(#"{"done":1}"#))
    #expect(e.eventTypes.contains("TaskSubmitted"))
    #expect(throws: TaskCompletionError.self) { try e.completeTask(request.id, with: .timedOut) }
  }

  @Test func parallelBranchFailureIsCaught() throws {
    let e = try runMachine(
      """
      {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
        {"StartAt":"Ok","States":{"Ok":{"Type":"Wait","Seconds":5,"End":true}}},
        {"StartAt":"Bad","States":{"Bad":{"Type":"Fail","Error":"E1","Cause":"c1"}}}],
        "Catch":[{"ErrorEquals":["E1"],"Next":"H"}],"End":true},"H":{"Type":"Pass","End":true}}}
      """)
    #expect(e.output == json(#"{"Error":"E1","Cause":"c1"}"#))
    #expect(e.eventTypes.contains("WaitStateAborted"))
    #expect(e.eventTypes.contains("ParallelStateFailed"))
  }

  @Test func mapIterationFailureFailsTheMap() throws {
    let e = try runMachine(
      """
      {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"ItemProcessor":{"StartAt":"C",
        "States":{"C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"F"}],
          "Default":"Ok"},"Ok":{"Type":"Pass","End":true},"F":{"Type":"Fail","Error":"Two"}}},
        "End":true}}}
      """, input: "[1,2,3]")
    #expect(e.failure?.error == "Two")
    #expect(e.eventTypes.filter { $0 == "MapIterationStarted" }.count == 2)
    #expect(e.eventTypes.suffix(3) == ["MapIterationFailed", "MapStateFailed", "ExecutionFailed"])
  }

  @Test func runtimeErrorInsideAnIterationHasTheStatePrefix() throws {
    let e = try runMachine(
      """
      {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"P",
        "States":{"P":{"Type":"Pass","Parameters":{"v.$":"$.missing"},"End":true}}},"End":true}}}
      """, input: #"[{"a":1}]"#)
    #expect(e.failure?.error == "States.Runtime")
    #expect(e.failure?.cause?.hasPrefix("An error occurred while executing the state 'P'") == true)
  }

  @Test func distributedMapToleratesFailures() throws {
    let definition = """
      {"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":1,
        "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"C","States":{
          "C":{"Type":"Choice","Choices":[{"Variable":"$","NumericGreaterThan":2,"Next":"F"}],
            "Default":"Ok"},"Ok":{"Type":"Pass","End":true},"F":{"Type":"Fail","Error":"Big"}}},
        "End":true}}}
      """
    let tolerated = try runMachine(definition, input: "[1,2,3]")
    #expect(tolerated.status.name == "SUCCEEDED")
    #expect(tolerated.eventTypes.contains("MapRunSucceeded"))
    let exceeded = try runMachine(definition, input: "[1,3,4]")
    #expect(exceeded.failure?.error == "States.ExceedToleratedFailureThreshold")
    #expect(exceeded.eventTypes.contains("MapRunFailed"))
  }

  @Test func itemBatcherGroupsItems() throws {
    let e = try runMachine(
      """
      {"StartAt":"M","States":{"M":{"Type":"Map","ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":{"b":1}},
        "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"P","States":{
          "P":{"Type":"Pass","End":true}}},"End":true}}}
      """, input: "[1,2,3]")
    #expect(e.output == json(#"[{"BatchInput":{"b":1},"Items":[1,2]},{"BatchInput":{"b":1},"Items":[3]}]"#))
  }

  @Test func mapRetryRestartsAllIterations() throws {
    let e = try runMachine(
      """
      {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"F","States":{
        "F":{"Type":"Fail","Error":"E"}}},"Retry":[{"ErrorEquals":["E"],"MaxAttempts":1}],"End":true}}}
      """, input: "[1]")
    #expect(e.eventTypes.filter { $0 == "MapStateStarted" }.count == 2)
    #expect(e.failure?.error == "E")
  }
}

@Suite struct ActivityTests {
  @Test func activityTasksRecordActivityEvents() throws {
    let e = try runMachine(
      """
      {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:us-east-1:123456789012:activity:work",
        "End":true}}}
      """, input: #"{"x":1}"#, resolver: .echo)
    #expect(
      e.eventTypes == [
        "ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
        "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded",
      ])
    #expect(e.history[2].json["activityScheduledEventDetails"]?["input"] == #"{"x":1}"#)
  }
}
