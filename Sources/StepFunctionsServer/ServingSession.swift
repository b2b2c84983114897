import DebuggerCore
import ProjectLoading

/// How `serve` maps virtual time (the command line's `--clock`).
public typealias ServeClock = ServeOptions.Clock

/// The sessions `sfdbg serve` runs: they serve the Step Functions API, and their executions
/// settle on their own after every request and tick (`SessionConfiguration.serving`).
public enum ServingSession {
  /// The options with the session set to serve: no execution until a client starts one, a mock
  /// file without a test case (each execution names its own, `stateMachineArn#TestCase`).
  public static func options(_ options: ProjectOptions, clock: ServeClock, endpoint: String) -> ProjectOptions {
    var options = options
    options.mocksWithoutTestCase = true
    options.startSession = { machines, _, _, configuration in
      var configuration = configuration
      configuration.serving = ServeOptions(clock: clock, endpoint: endpoint)
      return Session(machines: machines, configuration: configuration)
    }
    return options
  }

  /// A session with no machine yet (`sfdbg serve` with no file, as Step Functions Local starts):
  /// clients create the machines.
  public static func empty(mocks: MockConfig?, seed: UInt64, clock: ServeClock, endpoint: String) -> Session {
    var configuration = SessionConfiguration(mocks: mocks, seed: seed)
    configuration.serving = ServeOptions(clock: clock, endpoint: endpoint)
    return Session(machines: [], configuration: configuration)
  }
}
