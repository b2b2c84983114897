// PLACEHOLDER until h14a's part of issue 14 is merged (api-contract.md §3 and §4). The edge
// calls only these three functions; when h14a's `InternalCommand.tick(wallSeconds:)`,
// `Session.nextWakeup`, `SessionConfiguration.serving` (ServeOptions) and
// `Session(machines:configuration:)` land, the integrator
// replaces each body by the line in its comment and deletes this note.
import DebuggerCore
import ProjectLoading

/// How `serve` maps virtual time: `instant` (Waits, retries, timeouts take no real time) or
/// `real` (they take wall-clock time). Mirrors h14a's `ServeOptions.clock`.
public enum ServeClock: String, Sendable, CaseIterable {
  case instant, real
}

public enum ServeContract {
  /// When the session next needs a tick, in wall seconds since the server started.
  /// h14a: `session.nextWakeup`
  public static func nextWakeup(_ session: Session) -> Double? { nil }

  /// Tells the session the wall time.
  /// h14a: `EffectLoop.run(.tick(wallSeconds: wallSeconds), on: &session, performer: &performer, incoming: incoming)`
  public static func tick(
    _ session: inout Session, wallSeconds: Double, performer: inout some EffectPerformer,
    incoming: () -> [InternalCommand]
  ) -> CommandOutcome {
    CommandOutcome()
  }

  /// The options with the session set to serve (`sfdbg serve`): no execution until a client
  /// starts one, and executions settle on their own after every request and tick.
  /// h14a: `startSession = { machines, _, _, configuration in var c = configuration;
  ///   c.serving = ServeOptions(clock: clock == .real ? .real : .instant, endpoint: endpoint);
  ///   return Session(machines: machines, configuration: c) }`
  public static func serving(_ options: ProjectOptions, clock: ServeClock, endpoint: String) -> ProjectOptions {
    var options = options
    options.mocksWithoutTestCase = true
    return options
  }
}
