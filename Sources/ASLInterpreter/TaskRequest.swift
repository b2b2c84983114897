import JSONCore

/// How a Task waits for its resource (ASL "Service integration patterns").
public enum IntegrationPattern: String, Sendable, Hashable {
  /// Call and continue (the default).
  case requestResponse = "REQUEST_RESPONSE"
  /// `.sync`: wait for the job to complete.
  case sync = ".sync"
  /// `.sync:2`: wait for the job, JSON output.
  case sync2 = ".sync:2"
  /// `.waitForTaskToken`: wait for SendTaskSuccess/Failure with the token.
  case waitForTaskToken = ".waitForTaskToken"

  /// The pattern of a `Resource` ARN and the ARN without the suffix.
  public static func parse(resource: String) -> (IntegrationPattern, String) {
    for pattern in [IntegrationPattern.waitForTaskToken, .sync2, .sync] {
      if resource.hasSuffix(pattern.rawValue) {
        return (pattern, String(resource.dropLast(pattern.rawValue.count)))
      }
    }
    return (.requestResponse, resource)
  }
}

/// A Task state waiting for its result: everything the outside needs to resolve it.
///
/// The interpreter never calls out. When a Task starts it records `TaskScheduled`/`TaskStarted`
/// and parks its unit with one of these; `Execution.completeTask(_:with:)` resumes it.
public struct TaskRequest: Sendable {
  /// Identifies the request within its execution.
  public var id: Int
  public var executionArn: String
  /// The unit (root, branch, iteration) that runs the Task.
  public var unitID: Int
  /// Human-readable location: `Root`, `Parallel[1]`, `Map[3]`, nested with `/`.
  public var unitPath: String
  public var stateName: String
  /// The `Resource` as written (with any `.sync`/`.waitForTaskToken` suffix).
  public var resource: String
  /// The resource without the pattern suffix.
  public var baseResource: String
  public var pattern: IntegrationPattern
  /// The evaluated `Parameters` (or the effective input when there are none).
  public var parameters: JSONValue
  /// The task token (`$$.Task.Token`) for `.waitForTaskToken`, else nil.
  public var taskToken: String?
  public var scheduledAt: VirtualInstant
  public var timeoutAt: VirtualInstant?
  public var heartbeatSeconds: Int?
  public var heartbeatAt: VirtualInstant?
  /// 0 for the first attempt, then 1, 2, … for retries.
  public var attempt: Int
  /// True once `TaskSubmitted` was recorded (.sync / callback).
  public var submitted: Bool
}

/// How the outside resolves a `TaskRequest`.
public enum TaskOutcome: Sendable {
  /// The resource returned this result.
  case succeeded(JSONValue)
  /// The resource failed with this error and cause.
  case failed(error: String, cause: String?)
  /// The resource timed out (`TimeoutSeconds` elapsed): `States.Timeout`.
  case timedOut
  /// No heartbeat within `HeartbeatSeconds`: `States.HeartbeatTimeout`.
  case heartbeatTimedOut
}

/// Resolves tasks synchronously, e.g. a table in a test or an echo resolver for headless runs.
public struct TaskResolver: Sendable {
  public var resolve: @Sendable (TaskRequest) -> TaskOutcome?

  public init(resolve: @escaping @Sendable (TaskRequest) -> TaskOutcome?) {
    self.resolve = resolve
  }

  /// Succeeds every task with its own parameters (a pass-through resource).
  public static let echo = TaskResolver { .succeeded($0.parameters) }

  /// Outcomes per state name, one per attempt (the last one repeats).
  public static func table(_ outcomes: [String: [TaskOutcome]]) -> TaskResolver {
    TaskResolver { request in
      guard let list = outcomes[request.stateName], !list.isEmpty else { return nil }
      return list[min(request.attempt, list.count - 1)]
    }
  }
}

/// Errors of the task-completion API.
public enum TaskCompletionError: Error, Sendable, Equatable {
  /// No pending task has this request id (already resolved, timed out or never existed).
  case taskDoesNotExist(Int)
  /// The execution is not running any more.
  case executionNotRunning
}
