// The three points where the edge meets h14a's serving API (api-contract.md §3 and §4):
// `Session.nextWakeup`, `InternalCommand.tick(wallSeconds:)`, and a session that serves
// (`SessionConfiguration.serving`, `Session(machines:configuration:)`).
import DebuggerCore
import ProjectLoading

/// How `serve` maps virtual time (the command line's `--clock`).
public typealias ServeClock = ServeOptions.Clock

public enum ServeContract {
  /// When the session next needs a tick, in wall seconds since the server started.
  public static func nextWakeup(_ session: Session) -> Double? { session.nextWakeup }

  /// Tells the session the wall time.
  public static func tick(
    _ session: inout Session, wallSeconds: Double, performer: inout some EffectPerformer,
    incoming: () -> [InternalCommand]
  ) -> CommandOutcome {
    EffectLoop.run(.tick(wallSeconds: wallSeconds), on: &session, performer: &performer, incoming: incoming)
  }

  /// The options with the session set to serve (`sfdbg serve`): no execution until a client
  /// starts one, a mock file without a test case (each execution names its own), and executions
  /// that settle on their own after every request and tick.
  public static func serving(_ options: ProjectOptions, clock: ServeClock, endpoint: String) -> ProjectOptions {
    var options = options
    options.mocksWithoutTestCase = true
    options.startSession = { machines, _, _, configuration in
      var configuration = configuration
      configuration.serving = ServeOptions(clock: clock, endpoint: endpoint)
      return Session(machines: machines, configuration: configuration)
    }
    return options
  }

  /// A serving session with no machine yet (`sfdbg serve` with no file, as Step Functions Local
  /// starts): clients create the machines.
  public static func session(mocks: MockConfig?, seed: UInt64, clock: ServeClock, endpoint: String) -> Session {
    var configuration = SessionConfiguration(mocks: mocks, seed: seed)
    configuration.serving = ServeOptions(clock: clock, endpoint: endpoint)
    return Session(machines: [], configuration: configuration)
  }
}
