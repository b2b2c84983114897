import JSONCore

/// A state machine, or a nested one (Parallel branch, Map item processor): `StartAt` + `States`.
///
/// States are kept in declaration order with a name index, so lookups are O(1) and layouts can
/// follow the author's order.
public struct StateMachine: Sendable {
  public var startAt: String
  /// States in declaration order.
  public var states: [State]
  /// State name → index in `states`.
  public var stateIndex: [String: Int]
  /// For each state, the index of its `Next` state (nil for `End`/terminal states or an unknown
  /// name), resolved once so transitions need no name lookup.
  public var nextIndex: [Int?]
  public var comment: String?
  public var version: String?
  public var timeoutSeconds: Int?
  /// The effective query language of this (sub-)machine.
  public var queryLanguage: QueryLanguage
  /// JSON pointer of this machine in its definition.
  public var pointer: JSONPointer

  public init(
    startAt: String, states: [State], comment: String? = nil, version: String? = nil,
    timeoutSeconds: Int? = nil, queryLanguage: QueryLanguage = .jsonPath,
    pointer: JSONPointer = .root
  ) {
    self.startAt = startAt
    self.states = states
    var index: [String: Int] = [:]
    for (i, s) in states.enumerated() { index[s.name] = i }
    self.stateIndex = index
    self.nextIndex = states.map { state in state.common.transition?.nextStateName.flatMap { index[$0] } }
    self.comment = comment
    self.version = version
    self.timeoutSeconds = timeoutSeconds
    self.queryLanguage = queryLanguage
    self.pointer = pointer
  }

  /// The state called `name`, if any.
  public func state(named name: String) -> State? {
    guard let i = stateIndex[name] else { return nil }
    return states[i]
  }

  /// Decodes a top-level definition.
  public init(definition: JSONValue) throws(ModelDecodingError) {
    self = try StateMachine.decode(definition, at: .root, inheritedLanguage: .jsonPath)
  }

  static func decode(_ value: JSONValue, at pointer: JSONPointer, inheritedLanguage: QueryLanguage)
    throws(ModelDecodingError) -> StateMachine
  {
    let r = try FieldReader(value, at: pointer, what: "a state machine")
    let language = try r.queryLanguage() ?? inheritedLanguage
    let startAt = try r.requiredString("StartAt")
    guard let statesValue = r.raw("States") else {
      throw r.missing("States", "an object of named states")
    }
    guard case .object(let statesObject) = statesValue else {
      throw r.mismatch("States", "an object of named states", statesValue)
    }
    var states: [State] = []
    states.reserveCapacity(statesObject.count)
    for (name, stateValue) in statesObject {
      states.append(
        try State.decode(
          name: name, stateValue, at: pointer / "States" / name, machineLanguage: language))
    }
    let machine = StateMachine(
      startAt: startAt, states: states, comment: try r.string("Comment"),
      version: try r.string("Version"), timeoutSeconds: try r.integer("TimeoutSeconds"),
      queryLanguage: language, pointer: pointer)
    guard machine.stateIndex[startAt] != nil else {
      throw ModelDecodingError(
        pointer: pointer / "StartAt", message: "StartAt names '\(startAt)', which is not a state")
    }
    for state in states {
      if let next = state.common.transition?.nextStateName, machine.stateIndex[next] == nil {
        throw ModelDecodingError(
          pointer: state.common.pointer / "Next",
          message: "Next names '\(next)', which is not a state in this scope")
      }
    }
    return machine
  }
}
