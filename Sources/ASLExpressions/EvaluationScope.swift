import JSONCore

/// What expressions can read: state input `$`, context object `$$`, variables `$name` (Assign).
public struct EvaluationScope: Sendable {
  /// The state input (`$`).
  public var input: JSONValue
  /// The context object (`$$`).
  public var context: JSONValue
  /// Workflow variables visible to the state (`$name`).
  public var variables: [String: JSONValue]
  /// The generator the scope-only entry points copy for `States.MathRandom` / `States.UUID`.
  /// Callers that need the sequence to advance pass their own `inout SeededRandom` instead.
  public var random: SeededRandom = SeededRandom(seed: 0)

  public init(
    input: JSONValue, context: JSONValue = .object(JSONObject()),
    variables: [String: JSONValue] = [:]
  ) {
    self.input = input
    self.context = context
    self.variables = variables
  }
}
