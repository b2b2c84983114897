import ASLInterpreter
import ASLModel
import JSONCore
import SFDBGTestSupport
import Testing
@testable import ASLRuntime

/// Distributed Map iterations as child executions, as on AWS: each with its own history, ARN
/// and status, under its Map Run.
@Suite struct MapRunTests {
  static func distributed(processor: JSONValue, extra: JSONObject = [:]) -> JSONValue {
    var map: JSONObject = [
      "Type": "Map", "ItemsPath": "$.items", "Label": "Each",
      "ItemProcessor": ["ProcessorConfig": ["Mode": "DISTRIBUTED"], "StartAt": "P", "States": ["P": processor]],
      "End": true,
    ]
    for (k, v) in extra { map[k] = v }
    return ["StartAt": "M", "States": ["M": .object(map)]]
  }

  static func runAll(_ rt: inout Runtime) {
    var guardSteps = 0
    while guardSteps < 10_000 {
      guardSteps += 1
      if let next = rt.runnableExecutions.first { _ = rt.step(next); continue }
      if !rt.advanceClock() { break }
    }
  }

  @Test func eachIterationIsAChildExecutionWithItsOwnHistory() throws {
    let def = Self.distributed(processor: ["Type": "Pass", "Parameters": ["Got.$": "$"], "End": true], extra: ["MaxConcurrency": 2])
    var rt = Runtime(machines: [try machine("Parent", def)])
    let main = try rt.startExecution(machine: "Parent", input: ["items": [1, 2, 3]], name: "main")
    Self.runAll(&rt)
    #expect(rt.executions[main].status == .succeeded(output: [["Got": 1], ["Got": 2], ["Got": 3]]))
    let parentEvents = rt.executions[main].execution.history.map(\.type)
    #expect(parentEvents == [
      "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded",
      "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded",
    ])
    let children = rt.children(of: main)
    #expect(children.count == 3)
    for (index, child) in children.enumerated() {
      #expect(child.status == .succeeded(output: ["Got": .int(index + 1)]))
      #expect(child.input == .int(index + 1))
      #expect(child.execution.history.map(\.type) == [
        "ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded",
      ])
      #expect(child.machineName == "Parent/Each")
      #expect(child.arn == "arn:aws:states:us-east-1:123456789012:execution:Parent/Each:\(child.name)")
      #expect(child.machineArn == "arn:aws:states:us-east-1:123456789012:stateMachine:Parent/Each")
      #expect(child.startedBy?.mapRun?.index == index)
      #expect(child.startedBy?.patternName == "map run")
    }
    let mapRunArn = try #require(children.first?.startedBy?.mapRun?.arn)
    #expect(mapRunArn.hasPrefix("arn:aws:states:us-east-1:123456789012:mapRun:Parent/Each:"))
    #expect(rt.mapRunChildren(of: mapRunArn).count == 3)
  }

  @Test func failedChildrenBeyondTheToleranceFailTheMapAndAbortTheRest() throws {
    let def = Self.distributed(
      processor: ["Type": "Fail", "Error": "Boom", "Cause": "no"],
      extra: ["MaxConcurrency": 1, "ToleratedFailureCount": 1])
    var rt = Runtime(machines: [try machine("Parent", def)])
    let main = try rt.startExecution(machine: "Parent", input: ["items": [1, 2, 3, 4]], name: "main")
    Self.runAll(&rt)
    guard case .failed(let error, _) = rt.executions[main].status else {
      Issue.record("expected FAILED, got \(rt.executions[main].status)")
      return
    }
    #expect(error == "States.ExceedToleratedFailureThreshold")
    #expect(rt.executions[main].execution.history.map(\.type).contains("MapRunFailed"))
    // One at a time: two children started (one tolerated failure, then one too many).
    let children = rt.children(of: main)
    #expect(children.count == 2)
    #expect(children.allSatisfy { $0.status.name == "FAILED" })
  }

  @Test func stoppingTheParentAbortsRunningChildren() throws {
    let def = Self.distributed(processor: ["Type": "Wait", "Seconds": 60, "End": true])
    var rt = Runtime(machines: [try machine("Parent", def)])
    let main = try rt.startExecution(machine: "Parent", input: ["items": [1, 2]], name: "main")
    while let next = rt.runnableExecutions.first { _ = rt.step(next) }
    #expect(rt.children(of: main).count == 2)
    try rt.stopExecution(main)
    #expect(rt.children(of: main).allSatisfy { $0.status.name == "ABORTED" })
  }

  @Test func childrenCountTowardTheSessionsExecutionLimit() throws {
    let def = Self.distributed(processor: ["Type": "Pass", "End": true], extra: ["MaxConcurrency": 1])
    var rt = Runtime(machines: [try machine("Parent", def)])
    rt.maxChildExecutions = 2
    let main = try rt.startExecution(machine: "Parent", input: ["items": [1, 2, 3]], name: "main")
    Self.runAll(&rt)
    #expect(rt.children(of: main).count == 2)
    guard case .failed(let error, let cause) = rt.executions[main].status else {
      Issue.record("expected FAILED, got \(rt.executions[main].status)")
      return
    }
    #expect(error == "StepFunctions.ExecutionLimitExceededException")
    #expect(cause?.contains("--max-executions") == true)
    #expect(rt.executions[main].execution.history.map(\.type).contains("MapRunFailed"))
  }
}
