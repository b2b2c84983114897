/// How a session serves the Step Functions API (`sfdbg serve`): it moves executions on its own
/// after every request and tick, as the service does, instead of waiting for a person to step.
public struct ServeOptions: Sendable, Equatable {
  public enum Clock: String, Sendable, CaseIterable {
    /// Waits, retries and timeouts take no real time: the virtual clock jumps to the next timer
    /// whenever nothing else can move.
    case instant
    /// The virtual clock follows the wall clock (`InternalCommand.tick`).
    case real
  }

  public var clock: Clock
  /// The URL handlers and functions get as their Step Functions endpoint.
  public var endpoint: String?

  public init(clock: Clock = .instant, endpoint: String? = nil) {
    self.clock = clock
    self.endpoint = endpoint
  }
}
