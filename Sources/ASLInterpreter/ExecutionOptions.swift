import JSONCore

/// Identity and limits of one execution.
public struct ExecutionOptions: Sendable {
  public var executionName: String
  public var stateMachineName: String
  public var region: String
  public var accountID: String
  public var roleArn: String
  /// Where the virtual clock starts.
  public var startTime: VirtualInstant
  /// Seed of `States.MathRandom`, `States.UUID`, retry jitter and task tokens.
  public var seed: UInt64
  /// AWS's hard quota of history events per execution.
  public var historyLimit: Int
  /// AWS's payload quota in bytes (UTF-8) for state input/output.
  public var payloadLimitBytes: Int
  /// Record a `StateTrace` per state visit (for the debugger; off for benchmarks).
  public var recordTraces: Bool
  /// An error a state raises waits one step before its Retry and Catch act (the unit's next step
  /// handles it), so a debugger can stop where it was raised. The debugger steps the unit again
  /// at once when it does not stop, so histories are the same either way.
  public var pausesAtRaisedErrors: Bool
  /// The buckets a Distributed Map's ItemReader and ResultWriter use (none: every bucket is
  /// unmapped, and the Map fails naming `--s3`).
  public var objectStore: (any ObjectStore)? = nil
  /// Distributed Map iterations become child executions the runtime starts and steps (taken
  /// from `Execution.iterationRequests`, reported back with `completeIteration`), as on AWS;
  /// off, they run as units of this execution (the interpreter alone).
  public var runsMapIterationsAsExecutions = false
  /// For an Express execution: the id AWS appends to its ARN (`…:express:MACHINE:NAME:ID`).
  public var expressExecutionID: String?
  /// `$$.Execution` as a recorded execution had it, for a run that continues or re-runs one
  /// (replay): its ARN, name, input, start time and redrive count instead of this run's (its
  /// role is `roleArn`, which `Runtime` sets from the context).
  public var recordedContext: RecordedExecutionContext? = nil
  /// Which event a Map State's `MapStateExited` follows after a Map Run (see `MapRunEventChain`).
  public var mapRunEventChain: MapRunEventChain = .current

  public init(
    executionName: String = "sfdbg-execution", stateMachineName: String = "StateMachine",
    region: String = "us-east-1", accountID: String = "123456789012",
    roleArn: String? = nil, startTime: VirtualInstant = .defaultEpoch, seed: UInt64 = 0,
    historyLimit: Int = 25_000, payloadLimitBytes: Int = 262_144, recordTraces: Bool = false,
    pausesAtRaisedErrors: Bool = false
  ) {
    self.executionName = executionName
    self.stateMachineName = stateMachineName
    self.region = region
    self.accountID = accountID
    self.roleArn = roleArn ?? "arn:aws:iam::\(accountID):role/StepFunctions-\(stateMachineName)-role"
    self.startTime = startTime
    self.seed = seed
    self.historyLimit = historyLimit
    self.payloadLimitBytes = payloadLimitBytes
    self.recordTraces = recordTraces
    self.pausesAtRaisedErrors = pausesAtRaisedErrors
  }

  public var stateMachineArn: String {
    "arn:aws:states:\(region):\(accountID):stateMachine:\(stateMachineName)"
  }

  public var executionArn: String {
    if let id = expressExecutionID {
      return "arn:aws:states:\(region):\(accountID):express:\(stateMachineName):\(executionName):\(id)"
    }
    return "arn:aws:states:\(region):\(accountID):execution:\(stateMachineName):\(executionName)"
  }
}

/// `$$.Execution` fields taken from a recorded execution; nil fields keep the run's own. The
/// role becomes the execution's `roleArn` (ExecutionStarted and `$$.Execution.RoleArn`).
public struct RecordedExecutionContext: Sendable, Equatable {
  public var id: String?
  public var name: String?
  public var input: JSONValue?
  /// ISO 8601 text as `$$.Execution.StartTime` shows it.
  public var startTime: String?
  public var roleArn: String?
  public var redriveCount: Int?

  public init(
    id: String? = nil, name: String? = nil, input: JSONValue? = nil, startTime: String? = nil,
    roleArn: String? = nil, redriveCount: Int? = nil
  ) {
    (self.id, self.name, self.input, self.startTime) = (id, name, input, startTime)
    (self.roleArn, self.redriveCount) = (roleArn, redriveCount)
  }
}

/// How AWS chains the events that end a Distributed Map. Histories recorded on AWS until
/// mid-2024 show `MapStateExited` following `MapRunSucceeded` (LocalStack's snapshots recorded
/// 2024-02 to 2024-07); those recorded from November 2024 on show it following `MapRunStarted`,
/// with `MapRunSucceeded` and `MapStateSucceeded` aside. New runs write the current form; replay
/// re-runs a recorded history in the form it was recorded in.
public enum MapRunEventChain: String, Sendable, Equatable {
  case current
  case exitFollowsMapRunSucceeded
}

/// Where an execution stands.
public enum ExecutionStatus: Sendable, Equatable {
  case running
  case succeeded(output: JSONValue)
  case failed(error: String?, cause: String?)
  case timedOut(error: String?, cause: String?)
  case aborted(error: String?, cause: String?)

  /// `RUNNING`, `SUCCEEDED`, `FAILED`, `TIMED_OUT`, `ABORTED`.
  public var name: String {
    switch self {
    case .running: return "RUNNING"
    case .succeeded: return "SUCCEEDED"
    case .failed: return "FAILED"
    case .timedOut: return "TIMED_OUT"
    case .aborted: return "ABORTED"
    }
  }

  public var isFinished: Bool { self != .running }
}
