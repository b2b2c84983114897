import ASLInterpreter
import JSONCore

/// One execution inside the runtime: the interpreter's `Execution` plus its identity and parent.
public struct RuntimeExecution: Sendable {
  /// Index in `Runtime.executions` (stable for the session).
  public let id: Int
  public let name: String
  public let arn: String
  public let machineName: String
  public let machineArn: String
  /// The interpreter value that steps this execution.
  public internal(set) var execution: Execution
  /// The parent's task that started this execution, nil for executions started by the user.
  public let startedBy: ExecutionLink?
  public let startedAt: VirtualInstant
  public internal(set) var stoppedAt: VirtualInstant?

  public var status: ExecutionStatus { execution.status }
  public var input: JSONValue { execution.input }
  public var isRunning: Bool {
    // A pattern match reads the status in place (`==` copied every execution on each step).
    if case .running = execution.status { return true }
    return false
  }

  /// A short label for lists: `#2 OrderWorker`.
  public var label: String { "#\(id + 1) \(machineName)" }
}
