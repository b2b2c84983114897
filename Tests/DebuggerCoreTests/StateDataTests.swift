import ASLInterpreter
import ASLRuntime
import JSONCore
import Testing
@testable import DebuggerCore

/// State I/O's data for states in flight (issue 12, item 6) and Map iterations (item 7).
@Suite struct StateDataTests {
  /// A callback Task inside a Parallel, beside a Pass branch.
  static let parallel = """
    {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
      {"StartAt":"Wait for callback","States":{"Wait for callback":{"Type":"Task",
        "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters":{"QueueUrl":"q","MessageBody":{"Token.$":"$$.Task.Token","Order.$":"$.order"}},"End":true}}},
      {"StartAt":"Quick","States":{"Quick":{"Type":"Pass","End":true}}}]}}}
    """

  /// A Task resolved by hand that retries `Boom` after 5s, at most twice.
  static let retrying = """
    {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
      "Parameters":{"FunctionName":"f","Payload.$":"$"},
      "Retry":[{"ErrorEquals":["Other"]},{"ErrorEquals":["Boom"],"IntervalSeconds":5,"MaxAttempts":2}],"End":true}}}
    """

  /// A Map over four items, two at a time, each iteration a Task resolved by hand.
  static let map = """
    {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"End":true,
      "ItemProcessor":{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
        "Parameters":{"FunctionName":"f","Payload.$":"$"},"End":true}}}}}}
    """

  func session(_ definition: String, input: JSONValue = [:]) throws -> Session {
    try Session(machines: [machine("M", definition)], mainMachine: "M", input: input)
  }

  @discardableResult
  func run(_ s: inout Session, _ line: String) throws -> CommandOutcome {
    s.execute(try #require(try CommandParser.parse(line)))
  }

  func stage(_ data: StateData, _ name: String) -> JSONValue? {
    data.stages.first { $0.name == name }?.value
  }

  @Test func aTaskWaitingInsideAParallelShowsItsInputParametersAndToken() throws {
    var s = try session(Self.parallel, input: ["order": 7])
    #expect(s.execute(.continue).stop == .waitingOnPerson)
    let token = try #require(s.runtime.pending.first?.token)
    let data = s.stateData("Wait for callback")
    #expect(data.stages.map(\.name) == ["input", "after InputPath", "parameters"])
    #expect(stage(data, "after InputPath") == "(same as input)")
    #expect(stage(data, "input") == ["order": 7])
    #expect(stage(data, "parameters")?["MessageBody"] == ["Token": .string(token), "Order": 7])
    let waiting = try #require(data.explanation.first)
    #expect(waiting.hasPrefix("⧗ waiting for SendTaskSuccess / SendTaskFailure with token "))
    // The Parallel itself says what it waits for.
    #expect(s.stateData("Both").explanation.first == "⧗ waiting for 2 branches: 1 succeeded, 1 running")
  }

  @Test func aTaskResolvedByHandWaitsForAPerson() throws {
    var s = try session(Self.retrying, input: ["n": 1])
    #expect(s.execute(.continue).stop == .waitingOnPerson)
    let data = s.stateData(nil)
    #expect(data.stateName == "Call")
    #expect(stage(data, "parameters") == ["FunctionName": "f", "Payload": ["n": 1]])
    #expect(data.explanation.first == "⧗ waiting for a result by hand (S succeed, F fail)")
  }

  @Test func aTaskWaitingOnASyncChildNamesIt() throws {
    let parent = """
      {"StartAt":"Go","States":{"Go":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
        "Parameters":{"StateMachineArn":"\(machineARN("Child"))","Input":{}},"End":true}}}
      """
    let child = #"{"StartAt":"Nap","States":{"Nap":{"Type":"Wait","Seconds":2,"End":true}}}"#
    var s = try Session(machines: [machine("M", parent), machine("Child", child)], mainMachine: "M", input: [:])
    var steps = 0
    while s.runtime.executions.count < 2 && steps < 20 {
      s.execute(.step)
      steps += 1
    }
    #expect(s.stateData("Go").explanation.first == "⧗ waiting for child execution #2 Child (.sync:2)")
  }

  @Test func aRetryInProgressSaysWhichRetrierAttemptAndWhen() throws {
    var s = try session(Self.retrying)
    #expect(s.execute(.continue).stop == .waitingOnPerson)
    try run(&s, "fail 1 Boom bad")
    #expect(s.stateData("Call").explanation.first == "⧗ waiting for the next step: it handles the error Boom")
    // A step raises the error (TaskFailed), the next one hands it to Retry/Catch.
    _ = s.execute(.step)
    #expect(s.stateData("Call").explanation.first == "⧗ waiting for the next step: its Retry/Catch handle the error Boom")
    _ = s.execute(.step)
    let data = s.stateData("Call")
    #expect(data.explanation.first == "⧗ waiting for the retry at 00:00:05.000")
    #expect(data.explanation.contains("Boom: Retrier 2 matched → retry 1 after 5s"))
    #expect(data.explanation.contains("retrying: Retrier 2 matched Boom · attempt 1 of 2 · next attempt at 00:00:05.000"))
  }

  @Test func mapIterationsCanBePickedAndAreCounted() throws {
    var s = try session(Self.map, input: ["items": ["a", "b", "c", "d"]])
    #expect(s.execute(.continue).stop == .waitingOnPerson)
    // By default: the latest iteration to reach the state; the count says how all stand.
    var data = s.stateData("Work")
    var map = try #require(data.iterations)
    #expect(map.mapState == "Each")
    #expect((map.shown, map.total, map.running, map.notStarted) == (1, 4, 2, 2))
    #expect(map.summary == "iteration 2 of 4 (index 1, running) · 2 running, 2 not started")
    #expect(stage(data, "input") == "b")
    #expect(stage(s.stateData("Work", iteration: 0), "input") == "a")

    try run(&s, #"succeed 1 {"done":"a"}"#)
    s.execute(.continue)
    data = s.stateData("Work", iteration: 0)
    map = try #require(data.iterations)
    #expect(map.summary == "iteration 1 of 4 (index 0, succeeded) · 1 succeeded, 2 running, 1 not started")
    #expect(stage(data, "result")?["Payload"] == ["done": "a"])
    #expect(data.explanation.isEmpty)
    // An iteration MaxConcurrency holds back has no data yet.
    data = s.stateData("Work", iteration: 3)
    #expect(data.iterations?.shownStatus == "not started")
    #expect(data.stages.isEmpty)
    #expect(data.explanation == ["iteration 4 has not started yet (MaxConcurrency)"])
    // The Map state itself counts its iterations.
    #expect(s.stateData("Each").explanation.first == "⧗ waiting for 4 iterations: 1 succeeded, 2 running, 1 not started")
  }
}
