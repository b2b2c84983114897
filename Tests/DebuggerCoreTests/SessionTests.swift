import ASLInterpreter
import ASLRuntime
import JSONCore
import Testing
@testable import DebuggerCore

@Suite struct SessionTests {
  static let parent = """
    {"StartAt":"Go","States":{
      "Go":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync","Parameters":{
        "StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:Child","Input":{"n.$":"$.n"}},"End":true}}}
    """
  static let parent2 = parent.replacingOccurrences(of: "startExecution.sync", with: "startExecution.sync:2")
  static let child = """
    {"StartAt":"Think","States":{
      "Think":{"Type":"Wait","Seconds":2,"Next":"Decide"},
      "Decide":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":10,"Next":"Boom"}],"Default":"Done"},
      "Boom":{"Type":"Fail","Error":"Child.TooBig","Cause":"n is too big"},
      "Done":{"Type":"Pass","Parameters":{"doubled.$":"States.MathAdd($.n, $.n)"},"End":true}}}
    """

  func session(_ parentJSON: String, input: JSONValue) throws -> Session {
    try Session(machines: [machine("Parent", parentJSON), machine("Child", Self.child)], mainMachine: "Parent", input: input)
  }

  @Test func syncGivesOutputAsAString() throws {
    var s = try session(Self.parent, input: ["n": 4])
    let stop = s.execute(.continue).stop
    #expect(stop == .finished)
    guard case .succeeded(let out) = s.mainExecution.status else {
      Issue.record("main did not succeed: \(s.mainExecution.status)")
      return
    }
    #expect(out["Output"] == .string(#"{"doubled":8}"#))
    #expect(out["Status"] == "SUCCEEDED")
    #expect(s.runtime.executions.count == 2)
    #expect(s.runtime.executions[1].startedBy?.pattern == .sync)
    let types = s.mainExecution.execution.history.map(\.type)
    #expect(types.contains("TaskSubmitted"))
    #expect(types.contains("TaskSucceeded"))
  }

  @Test func sync2GivesOutputAsJSON() throws {
    var s = try session(Self.parent2, input: ["n": 4])
    _ = s.execute(.continue)
    guard case .succeeded(let out) = s.mainExecution.status else {
      Issue.record("main did not succeed")
      return
    }
    #expect(out["Output"] == ["doubled": 8])
    #expect(out["Input"] == ["n": 4])
  }

  @Test(arguments: [parent, parent2])
  func aFailedChildFailsTheParentsTask(definition: String) throws {
    var s = try session(definition, input: ["n": 40])
    _ = s.execute(.continue)
    guard case .failed(let error, let cause) = s.mainExecution.status else {
      Issue.record("main did not fail: \(s.mainExecution.status)")
      return
    }
    #expect(error == "States.TaskFailed")
    let describe = try JSONParser.parse(cause ?? "")
    #expect(describe["Status"] == "FAILED")
    #expect(describe["Error"] == "Child.TooBig")
    #expect(s.runtime.executions[1].status.name == "FAILED")
  }

  @Test func stoppingAParentStopsItsSyncChild() throws {
    var s = try session(Self.parent, input: ["n": 4])
    _ = s.execute(.step)  // ExecutionStarted already recorded; enter Go
    _ = s.execute(.step)
    #expect(s.runtime.executions.count == 2)
    _ = s.execute(.stop(execution: "#1", error: "User.Stop", cause: nil))
    #expect(s.mainExecution.status.name == "ABORTED")
    #expect(s.runtime.executions[1].status.name == "ABORTED")
  }

  @Test func stepBackRestoresEverything() throws {
    var s = try session(Self.parent, input: ["n": 4])
    _ = s.execute(.step)
    _ = s.execute(.step)
    let executionsBefore = s.runtime.executions.count
    let historyBefore = s.mainExecution.execution.history.count
    let clockBefore = s.runtime.now
    _ = s.execute(.continue)
    #expect(s.mainExecution.status.name == "SUCCEEDED")
    _ = s.execute(.back)
    #expect(s.runtime.executions.count == executionsBefore)
    #expect(s.mainExecution.execution.history.count == historyBefore)
    #expect(s.runtime.now == clockBefore)
    #expect(s.mainExecution.isRunning)
    _ = s.execute(.continue)
    #expect(s.mainExecution.status.name == "SUCCEEDED")
  }

  @Test func duplicateChildNameFails() throws {
    let twice = """
      {"StartAt":"A","States":{
        "A":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution","Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:Child","Name":"same","Input":{"n":1}},"Next":"B"},
        "B":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution","Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:Child","Name":"same","Input":{"n":1}},"End":true}}}
      """
    var s = try session(twice, input: [:])
    _ = s.execute(.continue)
    guard case .failed(let error, _) = s.mainExecution.status else {
      Issue.record("expected failure, got \(s.mainExecution.status)")
      return
    }
    #expect(error == "StepFunctions.ExecutionAlreadyExistsException")
  }

  @Test func callAndContinueReturnsArnAndStartDate() throws {
    let cc = Self.parent.replacingOccurrences(of: "startExecution.sync", with: "startExecution")
    var s = try session(cc, input: ["n": 1])
    _ = s.execute(.continue)
    guard case .succeeded(let out) = s.mainExecution.status else {
      Issue.record("main did not succeed")
      return
    }
    #expect(out.objectValue?.keys.elementsEqual(["ExecutionArn", "StartDate"]) == true)
    #expect(out["ExecutionArn"]?.stringValue?.hasPrefix("arn:aws:states:us-east-1:123456789012:execution:Child:") == true)
    // The child keeps running after the parent ended; continue finishes it too.
    #expect(s.runtime.executions[1].status.name == "SUCCEEDED")
  }
}
