import ASLExpressions
import JSONCore

/// Fields every state type shares (ASL "Common State Fields").
///
/// Immutable and stored behind one shared reference: the interpreter copies states on every
/// transition, so a copy must cost one retain.
public struct StateCommon: Sendable {
  @usableFromInline
  final class Storage: Sendable {
    // Layout: what every transition reads fits the first cache line (a long chain of states
    // is read cold, one state after the other): the name, a byte for the type (from which the
    // event types come as literals), flags, the transition. The rest follows.
    @usableFromInline let name: String
    @usableFromInline let kind: StateKind
    @usableFromInline let queryLanguage: QueryLanguage
    @usableFromInline let readsContext: Bool
    @usableFromInline let hasInputPath: Bool
    @usableFromInline let hasOutputPath: Bool
    @usableFromInline let transition: Transition?
    @usableFromInline let expressions: StateExpressions
    @usableFromInline let inputPath: PathField
    @usableFromInline let outputPath: PathField
    @usableFromInline let type: String
    @usableFromInline let comment: String?
    @usableFromInline let assign: JSONValue?
    @usableFromInline let output: JSONValue?
    @usableFromInline let pointer: JSONPointer
    @usableFromInline let jsonataFields: [String: CompiledJSONata]
    init(
      name: String, type: String, comment: String?, queryLanguage: QueryLanguage, inputPath: PathField, outputPath: PathField, transition: Transition?, assign: JSONValue?, output: JSONValue?, readsContext: Bool, pointer: JSONPointer, expressions: StateExpressions, jsonataFields: [String: CompiledJSONata]
    ) {
      self.name = name
      self.kind = StateKind(type)
      self.type = type
      self.comment = comment
      self.queryLanguage = queryLanguage
      self.inputPath = inputPath
      self.outputPath = outputPath
      self.hasInputPath = !inputPath.isAbsent
      self.hasOutputPath = !outputPath.isAbsent
      self.transition = transition
      self.assign = assign
      self.output = output
      self.readsContext = readsContext
      self.pointer = pointer
      self.expressions = expressions
      self.jsonataFields = jsonataFields
    }
  }

  @usableFromInline let storage: Storage

  /// The state's name (its key in `States`).
  @inlinable public var name: String { storage.name }
  /// The `Type` string as written.
  @inlinable public var type: String { storage.type }
  @inlinable public var comment: String? { storage.comment }
  /// The effective query language (the state's own, else the machine's).
  @inlinable public var queryLanguage: QueryLanguage { storage.queryLanguage }
  @inlinable public var inputPath: PathField { storage.inputPath }
  @inlinable public var outputPath: PathField { storage.outputPath }
  /// Where to go after this state; nil for terminal states.
  @inlinable public var transition: Transition? { storage.transition }
  /// `Assign` (variables), JSONPath or JSONata flavoured.
  @inlinable public var assign: JSONValue? { storage.assign }
  /// JSONata `Output`.
  @inlinable public var output: JSONValue? { storage.output }
  /// True when an expression of the state reads the context object (`$$`, `$states.context`), so the
  /// interpreter builds the context object only when it is read.
  @inlinable public var readsContext: Bool { storage.readsContext }
  /// JSON pointer of the state in its definition (for diagnostics).
  @inlinable public var pointer: JSONPointer { storage.pointer }
  /// The state's JSONPath expressions, parsed at load time (empty for JSONata states).
  @inlinable public var expressions: StateExpressions { storage.expressions }
  /// `<Type>StateEntered`, the history event type of entering this state.
  @inlinable public var enteredEventType: String {
    storage.kind.enteredEventType ?? storage.type + "StateEntered"
  }
  /// `<Type>StateExited`.
  @inlinable public var exitedEventType: String {
    storage.kind.exitedEventType ?? storage.type + "StateExited"
  }
  /// True when the state has an `InputPath` (absent means `$`).
  @inlinable public var hasInputPath: Bool { storage.hasInputPath }
  /// True when the state has an `OutputPath` (absent means `$`).
  @inlinable public var hasOutputPath: Bool { storage.hasOutputPath }
  /// The state-level JSONata fields (`Output`, `Arguments`, `Items`, …) compiled at load time.
  @inlinable public var jsonataFields: [String: CompiledJSONata] { storage.jsonataFields }

  public init(
    name: String, type: String, comment: String? = nil, queryLanguage: QueryLanguage = .jsonPath,
    inputPath: PathField = .absent, outputPath: PathField = .absent,
    transition: Transition? = nil, assign: JSONValue? = nil, output: JSONValue? = nil,
    readsContext: Bool = false, pointer: JSONPointer = .root,
    expressions: StateExpressions = StateExpressions(),
    jsonataFields: [String: CompiledJSONata] = [:]
  ) {
    storage = Storage(
      name: name, type: type, comment: comment, queryLanguage: queryLanguage,
      inputPath: inputPath, outputPath: outputPath, transition: transition, assign: assign,
      output: output, readsContext: readsContext, pointer: pointer, expressions: expressions,
      jsonataFields: jsonataFields)
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

/// The eight state types, as one byte; `other` for a type the model does not know.
@usableFromInline
enum StateKind: UInt8, Sendable {
  case pass, task, choice, wait, succeed, fail, parallel, map, other

  init(_ type: String) {
    switch type {
    case "Pass": self = .pass
    case "Task": self = .task
    case "Choice": self = .choice
    case "Wait": self = .wait
    case "Succeed": self = .succeed
    case "Fail": self = .fail
    case "Parallel": self = .parallel
    case "Map": self = .map
    default: self = .other
    }
  }

  // Event types as string literals: a literal's storage is immortal, so putting one into each
  // history event costs no reference counting.

  @inlinable var enteredEventType: String? {
    switch self {
    case .pass: "PassStateEntered"
    case .task: "TaskStateEntered"
    case .choice: "ChoiceStateEntered"
    case .wait: "WaitStateEntered"
    case .succeed: "SucceedStateEntered"
    case .fail: "FailStateEntered"
    case .parallel: "ParallelStateEntered"
    case .map: "MapStateEntered"
    case .other: nil
    }
  }

  @inlinable var exitedEventType: String? {
    switch self {
    case .pass: "PassStateExited"
    case .task: "TaskStateExited"
    case .choice: "ChoiceStateExited"
    case .wait: "WaitStateExited"
    case .succeed: "SucceedStateExited"
    case .fail: "FailStateExited"
    case .parallel: "ParallelStateExited"
    case .map: "MapStateExited"
    case .other: nil
    }
  }
}
