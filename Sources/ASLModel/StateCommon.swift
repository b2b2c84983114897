import ASLExpressions
import JSONCore

/// Fields every state type shares (ASL "Common State Fields").
///
/// Immutable and stored behind one shared reference: the interpreter copies states on every
/// transition, so a copy must cost one retain.
public struct StateCommon: Sendable {
  @usableFromInline
  final class Storage: Sendable {
    // The fields every transition reads come first, so that they share one or two cache lines
    // (a long chain of states is read cold, one state after the other).
    @usableFromInline let name: String
    @usableFromInline let enteredEventType: String
    @usableFromInline let exitedEventType: String
    @usableFromInline let expressions: StateExpressions
    @usableFromInline let queryLanguage: QueryLanguage
    @usableFromInline let readsContext: Bool
    @usableFromInline let inputPath: PathField
    @usableFromInline let outputPath: PathField
    @usableFromInline let transition: Transition?
    @usableFromInline let type: String
    @usableFromInline let comment: String?
    @usableFromInline let assign: JSONValue?
    @usableFromInline let output: JSONValue?
    @usableFromInline let pointer: JSONPointer
    @usableFromInline let jsonataFields: [String: CompiledJSONata]
    init(
      name: String, type: String, comment: String?, queryLanguage: QueryLanguage, inputPath: PathField, outputPath: PathField, transition: Transition?, assign: JSONValue?, output: JSONValue?, readsContext: Bool, pointer: JSONPointer, expressions: StateExpressions, enteredEventType: String, exitedEventType: String, jsonataFields: [String: CompiledJSONata]
    ) {
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
      self.expressions = expressions
      self.enteredEventType = enteredEventType
      self.exitedEventType = exitedEventType
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
  @inlinable public var enteredEventType: String { storage.enteredEventType }
  /// `<Type>StateExited`.
  @inlinable public var exitedEventType: String { storage.exitedEventType }
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
      enteredEventType: StateCommon.eventType(type, "StateEntered"),
      exitedEventType: StateCommon.eventType(type, "StateExited"),
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

extension StateCommon {
  /// The event types of the eight state types, built once and shared by every state (an event
  /// type over 15 bytes is a heap string; sharing one keeps the interpreter from touching a
  /// separate copy per state on every transition).
  static let sharedEventTypes: [String: String] = {
    var out: [String: String] = [:]
    for type in ["Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"] {
      for suffix in ["StateEntered", "StateExited"] { out[type + suffix] = type + suffix }
    }
    return out
  }()

  /// `type + suffix`, the shared string when it is one of the known event types.
  static func eventType(_ type: String, _ suffix: String) -> String {
    let text = type + suffix
    return sharedEventTypes[text] ?? text
  }
}
