import ASLInterpreter
import ASLModel
import JSONCore
import SFDBGTestSupport
import Testing
@testable import ASLRuntime

@Suite struct RuntimeTests {
  static let sleeper: JSONValue = ["StartAt": "Nap", "States": ["Nap": ["Type": "Wait", "Seconds": 5, "End": true]]]

  @Test func executionsShareOneClock() throws {
    var rt = Runtime(machines: [try machine("Sleeper", Self.sleeper)])
    let a = try rt.startExecution(machine: "Sleeper", input: [:], name: "a")
    _ = rt.step(a)  // enters Nap, waits 5 s
    #expect(rt.nextTimer?.due == VirtualInstant.defaultEpoch.adding(seconds: 5))
    let advanced = rt.advanceClock()
    #expect(advanced)
    #expect(rt.now == VirtualInstant.defaultEpoch.adding(seconds: 5))
    // A second execution started now begins at the shared clock.
    let b = try rt.startExecution(machine: "Sleeper", input: [:], name: "b")
    #expect(rt.executions[b].startedAt == rt.now)
    while !rt.runnableExecutions.isEmpty { _ = rt.step(rt.runnableExecutions[0]) }
    #expect(rt.executions[a].status.name == "SUCCEEDED")
    #expect(rt.executions[b].isRunning)
    #expect(rt.nextTimer?.due == VirtualInstant.defaultEpoch.adding(seconds: 10))
  }

  @Test func namesAreUUIDShapedDeterministicAndUnique() throws {
    var rt1 = Runtime(machines: [try machine("Sleeper", Self.sleeper)], seed: 7)
    var rt2 = Runtime(machines: [try machine("Sleeper", Self.sleeper)], seed: 7)
    let names1 = try (0..<3).map { _ in rt1.executions[try rt1.startExecution(machine: "Sleeper", input: [:])].name }
    let names2 = try (0..<3).map { _ in rt2.executions[try rt2.startExecution(machine: "Sleeper", input: [:])].name }
    #expect(names1 == names2)
    #expect(Set(names1).count == 3)
    for n in names1 {
      #expect(n.count == 36)
      #expect(n.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
    }
  }

  @Test func duplicateAndUnknownMachinesGiveAWSErrors() throws {
    var rt = Runtime(machines: [try machine("Sleeper", Self.sleeper)])
    _ = try rt.startExecution(machine: "Sleeper", input: [:], name: "x")
    func attempt(_ machine: String, _ name: String?) -> RuntimeError? {
      do {
        _ = try rt.startExecution(machine: machine, input: [:], name: name)
        return nil
      } catch {
        return error
      }
    }
    #expect(attempt("Sleeper", "x") == RuntimeError("ExecutionAlreadyExists", "Execution Already Exists: 'arn:aws:states:us-east-1:123456789012:execution:Sleeper:x'"))
    #expect(attempt("Nope", nil)?.code == "StateMachineDoesNotExist")
    #expect(attempt("Sleeper", "bad name")?.code == "InvalidName")
  }

  @Test func lookupByIndexNameAndArn() throws {
    var rt = Runtime(machines: [try machine("Sleeper", Self.sleeper)])
    let id = try rt.startExecution(machine: "arn:aws:states:us-east-1:123456789012:stateMachine:Sleeper", input: [:], name: "first")
    #expect(rt.execution("#1")?.id == id)
    #expect(rt.execution("1")?.id == id)
    #expect(rt.execution("first")?.id == id)
    #expect(rt.execution(rt.executions[id].arn)?.id == id)
    #expect(rt.execution("#2") == nil)
  }
}
