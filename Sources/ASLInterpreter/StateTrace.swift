import JSONCore

/// What happened during one state visit, as plain data for the debugger: the data-flow stages,
/// Choice rule evaluations and Retry/Catch decisions. Stages are recorded as the state reaches
/// them, so a visit in flight (`Execution.openTraces`) already has its input and Parameters.
public struct StateTrace: Sendable {
  public var unitID: Int
  public var stateName: String
  public var stateType: String
  public var enteredEventID: Int
  /// In order: `Input`, `InputPath`, `Parameters`, `Result`, `ResultSelector`, `ResultPath`,
  /// `OutputPath` (only the stages the state has).
  public var stages: [DataFlowStage] = []
  public var choice: ChoiceExplanation?
  public var errorHandling: [ErrorHandlingNote] = []
  /// Variables assigned when the state exited.
  public var assigned: [(String, JSONValue)] = []
  /// The next state, or nil when the unit ended (or failed) here.
  public var nextState: String?
  /// The error the visit ended with, if any.
  public var failure: (error: String, cause: String?)?

  /// A visit's trace before any stage is recorded (the debugger shows states in flight).
  public init(unitID: Int, stateName: String, stateType: String, enteredEventID: Int) {
    self.unitID = unitID
    self.stateName = stateName
    self.stateType = stateType
    self.enteredEventID = enteredEventID
  }
}

/// One data-flow stage of a state: its name and the value after it.
public struct DataFlowStage: Sendable {
  public var name: String
  public var value: JSONValue

  public init(name: String, value: JSONValue) {
    self.name = name
    self.value = value
  }
}

/// How a Choice state decided.
public struct ChoiceExplanation: Sendable {
  public var rules: [ChoiceRuleEvaluation] = []
  /// Index of the matching rule, nil when Default was taken (or nothing matched).
  public var matchedRule: Int?
  public var usedDefault = false
}

/// One top-level Choice rule evaluated: its text, its result, and the values it read.
public struct ChoiceRuleEvaluation: Sendable {
  public var index: Int
  public var description: String
  public var matched: Bool
  /// (path, value read) for every Variable/operand path read; nil value = path missing.
  public var reads: [(path: String, value: JSONValue?)]
}

/// A Retry or Catch decision.
public enum ErrorHandlingNote: Sendable {
  /// Retrier `retrier` matched; retry number `attempt` after `delaySeconds`.
  case retry(error: String, retrier: Int, attempt: Int, delaySeconds: Double)
  /// Retrier `retrier` matched but its attempts are used up.
  case retriesExhausted(error: String, retrier: Int)
  /// Catcher `catcher` matched; going to `next`.
  case caught(error: String, catcher: Int, next: String)
  /// Nothing handled the error.
  case unhandled(error: String)
}
