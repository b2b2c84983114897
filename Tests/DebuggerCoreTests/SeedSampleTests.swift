import ASLInterpreter
import ASLRuntime
import JSONCore
import Testing
@testable import DebuggerCore

/// The AWS sample "Start a Workflow within a Workflow" (../shared/seed-sample) runs as on AWS.
@Suite(.needsSharedData) struct SeedSampleTests {
  func session() throws -> Session {
    let loaded = try loadMachines(try #require(SharedData.seedTemplate))
    let mocks = try MockConfig(json: JSONParser.parse(String(contentsOfFile: packageRoot() + "/demo/seed-sample/mocks.json", encoding: .utf8)))
    return try Session(machines: loaded.machines, mainMachine: loaded.main, input: [:],
                       configuration: SessionConfiguration(mocks: mocks, testCase: "CallbackLambda"))
  }

  @Test func withoutAnAnswerTheCallbackTokenIsPending() throws {
    var s = try session()
    #expect(s.execute(.continue).stop == .waitingOnPerson)
    #expect(s.mainExecution.status == .running)
    let pending = s.runtime.pending
    #expect(pending.count == 1)
    #expect(pending[0].stateName == "Start new workflow and wait for callback")
    #expect(pending[0].resource == "arn:aws:states:::states:startExecution.waitForTaskToken")
    #expect(pending[0].executionID == s.mainExecutionID)
    // The .sync:2 child and the call-and-continue child have finished by then.
    let byPattern = Dictionary(uniqueKeysWithValues: s.runtime.executions.compactMap { e in e.startedBy.map { ($0.pattern, e) } })
    #expect(byPattern[.requestResponse]?.status.name == "SUCCEEDED")
    #expect(byPattern[.sync2]?.status.name == "SUCCEEDED")
  }

  @Test func successGivesAWSOutput() throws {
    var s = try session()
    let script = try String(contentsOfFile: packageRoot() + "/demo/seed-sample/callback-success.sfdbg", encoding: .utf8)
    _ = try runScript(&s, script.split(separator: "\n").map(String.init))
    #expect(s.mainExecution.status == .succeeded(output: [
      "The whole execution is completed including both long-running jobs",
      "Callback right after the first long-running job is completed",
    ]))
    #expect(s.runtime.executions.count == 4)
    for child in s.runtime.executions.dropFirst() {
      #expect(child.startedBy?.parent == s.mainExecutionID)
      #expect(child.status == .succeeded(output: "The whole execution is completed including both long-running jobs"))
    }
    let patterns = Set(s.runtime.executions.compactMap { $0.startedBy?.patternName })
    #expect(patterns == ["call-and-continue", ".sync:2", ".waitForTaskToken"])
    let types = s.mainExecution.execution.history.map(\.type)
    for t in ["TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "ParallelStateStarted", "ParallelStateExited", "ExecutionSucceeded"] {
      #expect(types.contains(t), "missing \(t)")
    }
    // Each child has its own history.
    for child in s.runtime.executions.dropFirst() {
      #expect(child.execution.history.first?.type == "ExecutionStarted")
      #expect(child.execution.history.last?.type == "ExecutionSucceeded")
    }
  }

  @Test func failureFailsTheParentAsAWSWould() throws {
    var s = try session()
    let script = try String(contentsOfFile: packageRoot() + "/demo/seed-sample/callback-failure.sfdbg", encoding: .utf8)
    _ = try runScript(&s, script.split(separator: "\n").map(String.init))
    #expect(s.mainExecution.status == .failed(error: "Callback.Rejected", cause: "the warehouse said no"))
    let types = s.mainExecution.execution.history.map(\.type)
    #expect(types.contains("TaskFailed"))
    #expect(types.contains("ParallelStateFailed"))
    #expect(types.last == "ExecutionFailed")
  }
}
