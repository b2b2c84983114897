import ASLInterpreter
import ASLRuntime
import Foundation
import JSONCore
import Testing
@testable import DebuggerCore

/// Every machine in demo/ runs and teaches what its comment says.
@Suite struct DemoTests {
  let root = packageRoot()

  func session(_ file: String, input: JSONValue = [:], mocks: String? = nil, testCase: String? = nil) throws -> Session {
    let loaded = try loadMachines(root + "/" + file)
    let config = try SessionConfiguration(
      mocks: mocks.map { try MockConfig(json: JSONParser.parse(String(contentsOfFile: root + "/" + $0, encoding: .utf8))) },
      testCase: testCase)
    return try Session(machines: loaded.machines, mainMachine: loaded.main, input: input, configuration: config)
  }

  @Test func nestingDemoWaitsForTheShippingToken() throws {
    var s = try session("demo/nesting/template.yaml", input: ["OrderId": "order-1001"], mocks: "demo/nesting/mocks.json", testCase: "HappyPath")
    #expect(s.execute(.continue).stop == .waitingOnPerson)
    #expect(s.runtime.pending.map(\.stateName) == ["Ship (wait for callback)"])
    #expect(s.runtime.executions.count == 4)
    let script = try String(contentsOfFile: root + "/demo/nesting/ship-success.sfdbg", encoding: .utf8)
    var fresh = try session("demo/nesting/template.yaml", input: ["OrderId": "order-1001"], mocks: "demo/nesting/mocks.json", testCase: "HappyPath")
    _ = try runScript(&fresh, script.split(separator: "\n").map(String.init))
    guard case .succeeded(let out) = fresh.mainExecution.status else {
      Issue.record("demo did not succeed: \(fresh.mainExecution.status)")
      return
    }
    #expect(out["Shipping"] == ["Carrier": "ACME", "TrackingId": "TRK-42"])
    #expect(out["Reserved"]?["Status"] == "done")
    #expect(fresh.runtime.executions[1].name == "order-1001-log")
  }

  /// `step` on a child whose Wait is not due while its parent can still move at the present
  /// moment: the parent moves first, then time passes, so the child's 1 s Wait lasts 1 s from
  /// when it was entered (it used to start after a clock jump the parent's steps had not needed).
  @Test func stepOnAWaitingChildLetsTheOthersMoveBeforeTheClock() throws {
    var s = try session("demo/nesting/template.yaml", input: ["OrderId": "order-1001"], mocks: "demo/nesting/mocks.json", testCase: "HappyPath")
    for _ in 0..<5 { _ = s.execute(.step) }
    _ = s.execute(.into)
    let child = s.focus
    #expect(child != s.mainExecutionID)
    var outcomes: [CommandOutcome] = []
    for _ in 0..<4 { outcomes.append(s.execute(.step)) }
    #expect(outcomes.contains { $0.messages.contains { $0.hasPrefix("waited: clock") } })
    let history = s.runtime.executions[child].execution.history
    let entered = try #require(history.first { $0.type == "WaitStateEntered" })
    let exited = try #require(history.first { $0.type == "WaitStateExited" })
    #expect(entered.timestamp == VirtualInstant.defaultEpoch)
    #expect(exited.timestamp.milliseconds - entered.timestamp.milliseconds == 1_000)
    #expect(s.focus == child)
  }

  @Test func warehouseDownRetriesFromTheMockThenWaits() throws {
    var s = try session("demo/nesting/template.yaml", input: ["OrderId": "o"], mocks: "demo/nesting/mocks.json", testCase: "WarehouseDown")
    _ = s.execute(.continue)
    // Attempts 0 and 1 throw, the Retry (2 attempts, 1 s then 2 s) carries it to attempt 2.
    let callbackChild = try #require(s.runtime.executions.first { $0.startedBy?.pattern == .waitForTaskToken })
    let history = callbackChild.execution.history
    #expect(history.filter { $0.type == "TaskFailed" }.count == 2)
    #expect(history.filter { $0.type == "TaskSucceeded" }.count == 1)
    #expect(callbackChild.status.name == "SUCCEEDED")
    #expect(s.runtime.pending.map(\.stateName) == ["Ship (wait for callback)"])
  }

  @Test func childFailureLessonCatchesTaskFailed() throws {
    var s = try session("demo/lessons/child-failure.yaml")
    _ = s.execute(.continue)
    #expect(s.mainExecution.status == .succeeded(output: ["Message": "Sorry, that item is out of stock.", "Error": "States.TaskFailed"]))
    #expect(s.runtime.executions[1].status == .failed(error: "Worker.OutOfStock", cause: "No stock left for this order"))
  }

  @Test func mapLessonStartsOneChildPerItem() throws {
    var s = try session("demo/lessons/map-children.yaml", input: ["Items": ["book", "lamp", "mug"]])
    _ = s.execute(.continue)
    guard case .succeeded(let out) = s.mainExecution.status else {
      Issue.record("lesson did not succeed: \(s.mainExecution.status)")
      return
    }
    #expect(out.arrayValue?.count == 3)
    #expect(out.arrayValue?[1]["Packed"]?["OrderId"] == "lamp")
    #expect(s.runtime.executions.count == 4)
    #expect(s.runtime.executions.dropFirst().allSatisfy { $0.startedBy?.pattern == .sync })
  }

  @Test func heartbeatLessonTimesOutOnAdvance() throws {
    var s = try session("demo/lessons/heartbeat-timeout.yaml")
    #expect(s.execute(.continue).stop == .waitingOnPerson)
    #expect(s.runtime.pending.first?.request.heartbeatAt != nil)
    _ = s.execute(.advance)
    _ = s.execute(.continue)
    #expect(s.mainExecution.status == .failed(error: "Courier.NoAnswer", cause: "The courier service sent no heartbeat in time."))
  }
}
