/// Execution status of a state or transition, set by the debugger at each step; the graph
/// layout carries it as an opaque highlight tag (`Diagram.styledRows(in:nodeTags:edgeTags:)`).
public struct StepStatus: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// The state being executed now (there may be several, e.g. in Parallel branches).
  public static let current = StepStatus(rawValue: 1 << 0)
  /// Entered at least once in this execution (for an edge: taken).
  public static let visited = StepStatus(rawValue: 1 << 1)
  /// A breakpoint is set on the state.
  public static let breakpoint = StepStatus(rawValue: 1 << 2)
  /// The state failed with an error nothing caught (or the edge was taken by a Catch).
  public static let failed = StepStatus(rawValue: 1 << 3)
  /// The state waits for a task token (or a task resolved by hand).
  public static let pendingToken = StepStatus(rawValue: 1 << 4)
  /// The state failed and a Catch of it handled the error (the execution went on).
  public static let caught = StepStatus(rawValue: 1 << 5)
  /// The state ended with `States.Timeout` or `States.HeartbeatTimeout` (caught or not).
  public static let timedOut = StepStatus(rawValue: 1 << 6)

  /// How a state's visit ended: `failed`, `caught`, `timedOut` (with one of the first two), or
  /// none when it succeeded. `error` is the uncaught error, `caughtError` the one a Catch took.
  public static func outcome(error: String?, caughtError: String?) -> StepStatus {
    var status: StepStatus = []
    if error != nil { status.insert(.failed) }
    if caughtError != nil { status.insert(.caught) }
    if let name = error ?? caughtError, name == "States.Timeout" || name == "States.HeartbeatTimeout" {
      status.insert(.timedOut)
    }
    return status
  }

  /// The marks of a visit's outcome (failed, caught, timed out).
  public static let outcomes: StepStatus = [.failed, .caught, .timedOut]
}
