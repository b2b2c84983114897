import ASLExpressions
import JSONCore

/// Fields every state type shares (ASL "Common State Fields").
public struct StateCommon: Sendable {
  /// The state's name (its key in `States`).
  public var name: String
  /// The `Type` string as written.
  public var type: String
  public var comment: String?
  /// The effective query language (the state's own, else the machine's).
  public var queryLanguage: QueryLanguage
  public var inputPath: PathField
  public var outputPath: PathField
  /// Where to go after this state; nil for terminal states.
  public var transition: Transition?
  /// `Assign` (variables), JSONPath or JSONata flavoured.
  public var assign: JSONValue?
  /// JSONata `Output`.
  public var output: JSONValue?
  /// True when any expression of the state mentions the context object (`$$`, `$states.context`),
  /// so the interpreter builds the context object only when it is read.
  public var readsContext: Bool
  /// JSON pointer of the state in its definition (for diagnostics).
  public var pointer: JSONPointer
  /// The state's JSONPath expressions, parsed at load time (empty for JSONata states).
  public var expressions: StateExpressions

  public init(
    name: String, type: String, comment: String? = nil, queryLanguage: QueryLanguage = .jsonPath,
    inputPath: PathField = .absent, outputPath: PathField = .absent,
    transition: Transition? = nil, assign: JSONValue? = nil, output: JSONValue? = nil,
    readsContext: Bool = false, pointer: JSONPointer = .root,
    expressions: StateExpressions = StateExpressions()
  ) {
    self.expressions = expressions
    self.name = name
    self.type = type
    self.comment = comment
    self.queryLanguage = queryLanguage
    self.inputPath = inputPath
    self.outputPath = outputPath
    self.transition = transition
    self.assign = assign
    self.output = output
    self.readsContext = readsContext
    self.pointer = pointer
  }
}

/// `Next: "X"` or `End: true`.
public enum Transition: Sendable, Hashable {
  case next(String)
  case end

  public var nextStateName: String? {
    if case .next(let n) = self { return n } else { return nil }
  }
}
