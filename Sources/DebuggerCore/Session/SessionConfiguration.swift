import ASLInterpreter
import ASLLoading
import ASLRuntime
import JSONCore

/// How a session resolves Task states that the Step Functions integration does not cover.
///
/// Order: an answer given by hand at a breakpoint before the Task (`succeed "STATE" JSON`), a
/// mock from `mocks` under `testCase` (AWS Step Functions Local format), then a `--handler`
/// command, then a local function (`functions`), then a person (the task shows up in `pending`).
public struct SessionConfiguration: Sendable {
  public var mocks: MockConfig?
  public var testCase: String?
  public var handlers: [TaskHandler]
  /// Lambda functions that run locally: the template's and `--function`'s (none with
  /// `--no-functions`).
  public var functions: [LocalFunction] = []

  /// Whether processes run that may call the session's endpoint back (`--handler` commands,
  /// local functions): `sfdbg run` then serves one on a loopback port.
  public var runsProcesses: Bool { !handlers.isEmpty || !functions.isEmpty }
  /// Kill a handler after this long when its Task has no `TimeoutSeconds`.
  public var defaultHandlerTimeoutSeconds: Double
  /// Seed for task tokens, `States.UUID`, `States.MathRandom`, jitter and execution names.
  public var seed: UInt64
  /// Name of the main execution.
  public var mainExecutionName: String?
  /// At most this many child executions per session (`--max-executions`).
  public var maxChildExecutions = Runtime.defaultMaxChildExecutions
  /// The buckets Distributed Maps read and write (`--s3 BUCKET=DIR`).
  public var objectStore: (any ObjectStore)? = nil
  /// `--all-machines`: further machines (ARNs) started with the main execution and its input,
  /// for a template whose machines no single one starts.
  public var companionMachines: [String] = []
  /// Serve the Step Functions API: executions move on their own after every request and tick
  /// (`sfdbg serve`); nil: they move only when the user steps (`debug --serve`, `run`).
  public var serving: ServeOptions?
  /// Where the virtual clock starts (nil: `VirtualInstant.defaultEpoch`).
  public var startTime: VirtualInstant?
  /// `$$.Execution` of the main execution as a recorded one had it (replay re-runs and forks).
  public var mainExecutionContext: RecordedExecutionContext?
  /// The Map Run event chaining executions write (replay: the recording's).
  public var mapRunEventChain: MapRunEventChain = .current

  public init(
    mocks: MockConfig? = nil, testCase: String? = nil, handlers: [TaskHandler] = [],
    defaultHandlerTimeoutSeconds: Double = 60, seed: UInt64 = 1, mainExecutionName: String? = nil
  ) {
    self.mocks = mocks
    self.testCase = testCase
    self.handlers = handlers
    self.defaultHandlerTimeoutSeconds = defaultHandlerTimeoutSeconds
    self.seed = seed
    self.mainExecutionName = mainExecutionName
  }
}
