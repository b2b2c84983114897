import ASLInterpreter
import ASLRuntime
import JSONCore

/// What the Step Functions API keeps besides the runtime, undone with it by `back`: when
/// machines were created, activities, which activity tasks a worker holds, and the MockConfigFile
/// test case StartExecution chose (`stateMachineArn#TestCase`) per execution.
struct ServiceState: Sendable {
  struct MachineRecord: Sendable {
    var creationDate: VirtualInstant
    var roleArn: String
  }

  struct Activity: Sendable {
    var name: String
    var arn: String
    var creationDate: VirtualInstant
  }

  /// By machine ARN; machines loaded from files were created when the session started.
  var machineRecords: [String: MachineRecord] = [:]
  var activities: [Activity] = []
  /// Tokens of activity tasks a worker took with GetActivityTask (no other worker gets them).
  var takenActivityTokens: Set<String> = []
  /// Execution id → the test case StartExecution named for it.
  var testCases: [Int: String] = [:]

  func activity(_ arn: String) -> Activity? { activities.first { $0.arn == arn } }

  /// Registers an activity once (templates and Task resources name them).
  mutating func addActivity(arn: String, at instant: VirtualInstant) {
    guard activity(arn) == nil, let name = arn.split(separator: ":", omittingEmptySubsequences: false).last else { return }
    activities.append(Activity(name: String(name), arn: arn, creationDate: instant))
  }
}

/// A request answered later, and the wall clock the edge reports: the session's side of its
/// connections, not undone by `back` (the clients are outside).
struct APIConnections: Sendable {
  enum Waiting: Sendable {
    /// StartSyncExecution: answered when the execution ends.
    case syncExecution(executionID: Int)
    /// GetActivityTask: answered when a task of the activity waits for a worker, or with no
    /// task at wall second `until`.
    case activityPoll(activityArn: String, worker: String, until: Double)
  }

  var waiting: [(id: RequestID, what: Waiting)] = []
  /// Wall seconds since the server started, as of the last tick.
  var wallSeconds: Double = 0
  /// The virtual instant at wall second 0 (the real clock maps one onto the other).
  var wallOrigin: VirtualInstant?

  /// How long GetActivityTask's long poll lasts (AWS: 60 seconds).
  static let longPollSeconds = 60.0
}
