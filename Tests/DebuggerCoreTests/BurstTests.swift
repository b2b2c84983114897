import Testing

@testable import DebuggerCore

/// A run in bursts (`stepsPerBurst`, what the TUI sets to check for esc) ends exactly where a
/// run in one go does, and `.interrupt` stops it between bursts.
@Suite struct BurstTests {
  static let countTo300 = """
    {"StartAt": "Init", "States": {
      "Init": {"Type": "Pass", "Result": 0, "ResultPath": "$.i", "Next": "Check"},
      "Check": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericGreaterThanEquals": 300, "Next": "Done"}],
        "Default": "Inc"},
      "Inc": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"}, "Next": "Check"},
      "Done": {"Type": "Succeed"}}}
    """

  static func session(stepsPerBurst: Int?) throws -> Session {
    var s = try Session(machines: [machine("Count", Self.countTo300)], mainMachine: "Count", input: [:])
    s.stepsPerBurst = stepsPerBurst
    return s
  }

  @Test func aRunInBurstsEndsWhereARunInOneGoDoes() throws {
    var whole = try Self.session(stepsPerBurst: nil)
    var bursts = try Self.session(stepsPerBurst: 7)
    var performer = InstantPerformer()
    let a = EffectLoop.run(.continue, on: &whole, performer: &performer)
    var resumes = 0
    let b = EffectLoop.run(.continue, on: &bursts, performer: &performer, betweenBursts: { resumes += 1; return false }) { false }
    #expect(resumes > 50)
    #expect(a == b)
    #expect(whole.mainExecution.execution.history.map(\.json) == bursts.mainExecution.execution.history.map(\.json))
    #expect(bursts.mainExecution.status.name == "SUCCEEDED")
    #expect(bursts.log == [.continue])
  }

  @Test func aRunPausesAfterABurstAndStopsAtInterrupt() throws {
    var s = try Self.session(stepsPerBurst: 10)
    let first = s.execute(.continue)
    #expect(first.effects == [.resume])
    #expect(s.mainExecution.isRunning)
    // Another command waits for the run to go on or stop.
    #expect(s.execute(.step).isError)
    let stopped = s.execute(.interrupt)
    #expect(stopped.stop == .blocked("interrupted (esc); c continues"))
    #expect(s.mainExecution.isRunning)
    #expect(s.jobsInFlight.isEmpty)
    // `back` returns to before the interrupted continue.
    let before = s.mainExecution.execution.history.count
    #expect(before > 1)
    _ = s.execute(.back)
    #expect(s.mainExecution.execution.history.count < before)
  }
}
