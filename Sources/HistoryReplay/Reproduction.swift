import ASLInterpreter
import DebuggerCore
import JSONCore

/// Whether a local run writes the recorded history: the definition, on the recorded input, with
/// the recorded task results as mocks (`RecordedMocks`), run to its end.
public enum Reproduction {
  /// The session to run: `base`'s machines and options, the recorded input, the recorded mocks,
  /// and the recorded execution's context and start time.
  public static func session(from base: Session, set: RecordedSet) throws -> Session {
    var configuration = base.configuration
    configuration.mocks = RecordedMocks.mockConfig(for: set, tokens: false)
    configuration.testCase = RecordedMocks.testCase
    // The re-run is the recorded execution again: its `$$.Execution`, clock and event chaining.
    configuration.mainExecutionContext = set.main.context
    configuration.startTime = set.main.instant(ofEvent: 1)
    configuration.mapRunEventChain = set.mapRunEventChain
    return try Session(
      machines: base.runtime.machines, mainMachine: base.mainExecution.machineArn, input: set.main.input,
      configuration: configuration)
  }

  /// Runs `session` to its end and compares the main execution's history with the recorded one;
  /// nil when they are the same.
  public static func firstDifference(
    running session: inout Session, against set: RecordedSet, performer: inout some EffectPerformer
  ) -> HistoryDifference? {
    var answers = RecordedMocks.tokenAnswers(for: set)
    _ = EffectLoop.run(.continue, on: &session, performer: &performer)
    // A token waits: send what was sent on AWS, then go on (bounded by the recorded answers).
    while session.mainExecution.isRunning, let item = session.runtime.pending.first {
      let machine = session.runtime.executions[item.executionID].machineName
      let key = "\(machine)/\(item.stateName)"
      guard let answer = answers[key]?.first else { break }
      answers[key]?.removeFirst()
      switch answer.outcome {
      case .succeeded(let output):
        _ = EffectLoop.run(.succeed(token: .index(1), output: output), on: &session, performer: &performer)
      case .failed(let error, let cause):
        _ = EffectLoop.run(.fail(token: .index(1), error: error, cause: cause), on: &session, performer: &performer)
      }
      _ = EffectLoop.run(.continue, on: &session, performer: &performer)
    }
    let local = HistoryComparison.events(fromLocal: session.mainExecution.execution.history.map(\.json))
    return HistoryComparison.firstDifference(recorded: set.main.events, local: local)
  }
}
