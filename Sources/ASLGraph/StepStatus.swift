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
  /// The state failed (or the edge was taken by a Catch).
  public static let failed = StepStatus(rawValue: 1 << 3)
  /// The state waits for a task token (or a task resolved by hand).
  public static let pendingToken = StepStatus(rawValue: 1 << 4)
}
