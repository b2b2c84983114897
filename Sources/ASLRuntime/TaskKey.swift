/// Identifies a task request across the runtime: the execution and its request id.
public struct TaskKey: Sendable, Hashable, CustomStringConvertible {
  public var executionID: Int
  public var requestID: Int

  public init(executionID: Int, requestID: Int) {
    self.executionID = executionID
    self.requestID = requestID
  }

  public var description: String { "#\(executionID + 1)/task\(requestID)" }
}
