import ASLInterpreter
import JSONCore

/// Something waiting on a person: a task token (`.waitForTaskToken`) or a task resolved by hand.
public struct PendingItem: Sendable {
  public enum Kind: Sendable, Equatable {
    /// A `.waitForTaskToken` task: resolved with SendTaskSuccess/Failure/Heartbeat on its token.
    case token(String)
    /// A task with no mock and no handler: the user gives its result or error.
    case task
  }
  public var kind: Kind
  public var executionID: Int
  public var request: TaskRequest
  /// For `states:startExecution.waitForTaskToken`: the child that received the token.
  public var childExecutionID: Int?

  public var stateName: String { request.stateName }
  public var resource: String { request.resource }
  /// An activity task: it waits for a worker (GetActivityTask), or a person.
  public var isActivity: Bool { Execution.isActivity(request.resource) }
  public var token: String? { if case .token(let t) = kind { return t } else { return nil } }
}
