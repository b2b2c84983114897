import ASLRuntime
import JSONCore
import Testing
@testable import DebuggerCore

@Suite struct SDKIntegrationTests {
  /// The lesson: startSyncExecution (Express), startExecution + describeExecution polling, and a
  /// child that answers the parent's token with sendTaskSuccess; no mocks, no hand answers.
  @Test func sdkNestingLessonRunsToTheEnd() throws {
    let loaded = try loadMachines(packageRoot() + "/demo/lessons/sdk-nesting.yaml")
    var session = try Session(machines: loaded.machines, mainMachine: loaded.main, input: [:])
    let out = session.execute(.continue)
    #expect(session.mainExecution.status.name == "SUCCEEDED", "\(out.messages)")
    #expect(session.runtime.pending.isEmpty)
    let children = session.runtime.children(of: session.mainExecutionID)
    #expect(children.map(\.machineName) == ["SdkNestingPricer", "SdkNestingPacker", "SdkNestingApprover"])
    #expect(children[0].arn.split(separator: ":")[5] == "express")
    #expect(children.map { $0.startedBy?.patternName } == ["sfn:startSyncExecution", "sfn:startExecution", ".waitForTaskToken"])
    guard case .succeeded(let output) = session.mainExecution.status else { return }
    #expect(output["Pricing"] == ["Status": "SUCCEEDED", "Price": ["Total": 42, "Currency": "EUR"]])
    #expect(output["PackingStatus"] == ["Status": "SUCCEEDED"])
    #expect(output["Approval"] == ["Approved": 42])
    // The parent polled while the Standard child ran (12 s, polls every 5 s).
    let entered = session.mainExecution.execution.history.filter { $0.type == "WaitStateEntered" }.count
    #expect(entered == 3)
  }

  @Test func sdkErrorsAreSfnExceptions() throws {
    let definition = #"""
      {"StartAt": "Describe", "States": {"Describe": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:describeExecution",
        "Parameters": {"ExecutionArn": "arn:aws:states:us-east-1:123456789012:execution:Nope:missing"}, "End": true}}}
      """#
    var session = try Session(machines: [try machine("Caller", definition)], mainMachine: "Caller", input: [:])
    _ = session.execute(.continue)
    guard case .failed(let error, let cause) = session.mainExecution.status else {
      Issue.record("expected FAILED, got \(session.mainExecution.status)")
      return
    }
    #expect(error == "Sfn.ExecutionDoesNotExistException")
    #expect(cause?.hasPrefix("Execution Does Not Exist: 'arn:aws:states:us-east-1:123456789012:execution:Nope:missing' (Service: Sfn, Status Code: 400, Request ID: ") == true)
    #expect(cause?.hasSuffix(") (SDK Attempt Count: 1)") == true)
    let failed = try #require(session.mainExecution.execution.history.first { $0.type == "TaskFailed" })
    let details = failed.json["taskFailedEventDetails"]
    #expect(details?["resourceType"] == "aws-sdk:sfn")
    #expect(details?["resource"] == "describeExecution")
  }

  @Test func sdkResultsArePascalCase() throws {
    let definition = #"""
      {"StartAt": "List", "States": {"List": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:listStateMachines",
        "Parameters": {}, "End": true}}}
      """#
    var session = try Session(machines: [try machine("Lister", definition)], mainMachine: "Lister", input: [:])
    _ = session.execute(.continue)
    guard case .succeeded(let output) = session.mainExecution.status else {
      Issue.record("expected SUCCEEDED, got \(session.mainExecution.status)")
      return
    }
    let first = output["StateMachines"]?.arrayValue?.first
    #expect(first?["Name"] == "Lister")
    #expect(first?["StateMachineArn"] == .string(machineARN("Lister")))
    #expect(first?["CreationDate"] == "2025-01-01T00:00:00.000Z")
  }

  @Test func startSyncOfAStandardMachineFails() throws {
    let definition = #"""
      {"StartAt": "Sync", "States": {"Sync": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:startSyncExecution",
        "Parameters": {"StateMachineArn": "\#(machineARN("Caller"))"}, "End": true}}}
      """#
    var session = try Session(machines: [try machine("Caller", definition)], mainMachine: "Caller", input: [:])
    _ = session.execute(.continue)
    #expect(session.mainExecution.status.name == "FAILED")
    if case .failed(let error, _) = session.mainExecution.status { #expect(error == "Sfn.StateMachineTypeNotSupportedException") }
  }
}
