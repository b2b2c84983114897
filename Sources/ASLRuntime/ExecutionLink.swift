import ASLInterpreter

/// How a child execution was started by its parent's Task state.
public struct ExecutionLink: Sendable, Equatable {
  /// The parent execution's id in the runtime.
  public var parent: Int
  /// The parent's task request that started the child.
  public var requestID: Int
  /// The parent's Task state.
  public var stateName: String
  /// call-and-continue, `.sync`, `.sync:2` or `.waitForTaskToken` (a Map Run's child: `.sync`,
  /// its Map waits for it).
  public var pattern: IntegrationPattern
  /// Set for an iteration of a Distributed Map (a child execution of its Map Run).
  public var mapRun: MapRunLink? = nil
  /// For a child started through Step Functions' API (`aws-sdk:sfn:startExecution`,
  /// `startSyncExecution`): that call, e.g. `sfn:startSyncExecution`.
  public var apiCall: String? = nil

  /// What the link means, in the words the debugger shows.
  public var patternName: String {
    if mapRun != nil { return "map run" }
    if let apiCall { return apiCall }
    switch pattern {
    case .requestResponse: return "call-and-continue"
    case .sync: return ".sync"
    case .sync2: return ".sync:2"
    case .waitForTaskToken: return ".waitForTaskToken"
    }
  }
}

/// Which Map Run a child execution belongs to, and which of its items it runs.
public struct MapRunLink: Sendable, Equatable {
  public var arn: String
  /// The parent's unit running the Map state.
  public var unit: Int
  /// The item's index.
  public var index: Int
}
