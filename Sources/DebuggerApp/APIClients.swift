import DebuggerCore

/// The API clients of a debugger that serves an endpoint (`sfdbg debug --serve`): the TUI loop
/// runs what they sent between key polls, and serves them while a command waits on a handler
/// (a handler that calls back waits for its reply). The edge (StepFunctionsServer) provides both.
public struct APIClients: Sendable {
  /// How long the loop waits for a key before it looks for requests again.
  public var pollInterval: Duration
  /// Runs the requests that arrived (and a due clock tick) on the session; their outcomes.
  public var drain: @Sendable (inout Session, inout any EffectPerformer) -> [CommandOutcome]
  /// The requests that arrived, as commands.
  public var incoming: @Sendable () -> [InternalCommand]

  public init(
    pollInterval: Duration = .milliseconds(20),
    drain: @escaping @Sendable (inout Session, inout any EffectPerformer) -> [CommandOutcome],
    incoming: @escaping @Sendable () -> [InternalCommand]
  ) {
    self.pollInterval = pollInterval
    self.drain = drain
    self.incoming = incoming
  }
}
