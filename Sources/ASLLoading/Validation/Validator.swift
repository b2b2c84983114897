import JSONCore

/// Checks ASL definitions against the Amazon States Language specification and the rules AWS
/// applies when a state machine is created (`ValidateStateMachineDefinition`).
///
/// Every problem is reported (not just the first), each with its position, JSON pointer, rule id
/// and a message that says what was found and what was expected.
public enum Validator {
  /// Validates a loaded machine (its type decides the Express-only rules).
  public static func validate(_ machine: MachineSource) -> [Diagnostic] {
    var run = ValidationRun(
      file: machine.file, isExpress: machine.isExpress,
      locate: { machine.position(of: $0) ?? machine.position(of: .root) })
    run.locateKey = { machine.keyPosition(of: $0) }
    run.validateRoot(machine.definition)
    run.diagnostics += machine.loadWarnings
    return run.sorted()
  }

  /// Validates a definition value; `locate` maps pointers (relative to the definition) to positions.
  public static func validate(
    definition: JSONValue, file: String = "<definition>", type: String = "STANDARD",
    locate: @escaping (JSONPointer) -> SourcePosition? = { _ in nil }
  ) -> [Diagnostic] {
    var run = ValidationRun(file: file, isExpress: type.uppercased() == "EXPRESS", locate: locate)
    run.validateRoot(definition)
    return run.sorted()
  }

  /// Loads every machine of `file` (definition or template) and validates each; the diagnostics
  /// of all machines, in file order. Throws when the file cannot be read or parsed.
  public static func validate(
    file: String, substitutions: [String: String] = [:], type: String = "STANDARD"
  ) throws(LoadError) -> [Diagnostic] {
    let machines = try ASLLoader.loadMachines(file: file, substitutions: substitutions, defaultType: type)
    return machines.flatMap { validate($0) }
  }

  /// True when `diagnostics` holds no error.
  public static func isValid(_ diagnostics: [Diagnostic]) -> Bool {
    !diagnostics.contains { $0.severity == .error }
  }
}

/// The two query languages of ASL.
enum QueryLanguage: String {
  case jsonPath = "JSONPath"
  case jsonata = "JSONata"
}

/// One validation pass over a definition, collecting diagnostics.
struct ValidationRun {
  let file: String
  let isExpress: Bool
  let locate: (JSONPointer) -> SourcePosition?
  var diagnostics: [Diagnostic] = []
  /// Every state name in the machine, with where it is declared (for scope and duplicate checks).
  var allStates: [String: [JSONPointer]] = [:]
  var rootLanguage: QueryLanguage = .jsonPath
  /// Where an object member's key is (diagnostics about a member as a whole point there).
  var locateKey: (JSONPointer) -> SourcePosition? = { _ in nil }
  /// Rules whose diagnostics point at the member's key rather than its value.
  static let keyRules: Set<String> = ["unreachable-state", "no-terminal-state", "duplicate-state-name", "unknown-field"]

  init(file: String, isExpress: Bool, locate: @escaping (JSONPointer) -> SourcePosition?) {
    self.file = file
    self.isExpress = isExpress
    self.locate = locate
  }

  func sorted() -> [Diagnostic] {
    diagnostics.enumerated().sorted { a, b in
      let pa = a.element.position, pb = b.element.position
      if let pa, let pb, pa.line != pb.line || pa.column != pb.column {
        return (pa.line, pa.column) < (pb.line, pb.column)
      }
      return a.offset < b.offset
    }.map(\.element)
  }

  mutating func report(_ pointer: JSONPointer, _ rule: String, _ message: String) {
    let position = Self.keyRules.contains(rule) ? locateKey(pointer) ?? locate(pointer) : locate(pointer)
    diagnostics.append(
      Diagnostic(file: file, position: position, pointer: pointer, rule: rule, message: message))
  }

  /// A finding that does not make the definition invalid.
  mutating func warn(_ pointer: JSONPointer, _ rule: String, _ message: String) {
    diagnostics.append(
      Diagnostic(file: file, position: locate(pointer), pointer: pointer, rule: rule, message: message, severity: .warning))
  }

  /// Describes a value for messages: `"abc"`, `12`, `an object`.
  static func show(_ value: JSONValue) -> String {
    switch value {
    case .string(let s): return JSONValue.string(s.count > 60 ? String(s.prefix(57)) + "..." : s).compactString
    case .number(let n): return n.text
    case .bool(let b): return b ? "true" : "false"
    case .null: return "null"
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  // MARK: - Machines and scopes

  mutating func validateRoot(_ definition: JSONValue) {
    guard let root = definition.objectValue else {
      report(.root, "json-type", "the definition is \(ASLLoader.article(definition.typeName)); expected a JSON object with StartAt and States")
      return
    }
    collectStateNames(root, at: .root)
    // A name may repeat in sibling branches, but not in a scope nested inside another that
    // already has it (the inner state would shadow the outer one).
    for (name, pointers) in allStates where pointers.count > 1 {
      for (i, p) in pointers.enumerated() {
        let scope = p.tokens.dropLast(2)
        if let outer = pointers[..<i].first(where: { q in
          let other = q.tokens.dropLast(2)
          return scope.starts(with: other) || other.starts(with: scope)
        }) {
          report(p, "duplicate-state-name", "state name '\(name)' is already used at \(outer) in an enclosing or the same scope; expected a unique name")
        }
      }
    }
    if let ql = root["QueryLanguage"] {
      if let s = ql.stringValue, let lang = QueryLanguage(rawValue: s) {
        rootLanguage = lang
      } else {
        report(JSONPointer.root / "QueryLanguage", "enum-value", "QueryLanguage is \(Self.show(ql)); expected \"JSONPath\" or \"JSONata\"")
      }
    }
    checkAllowed(root, at: .root, allowed: ["StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage"], what: "a state machine")
    if let t = root["TimeoutSeconds"] { checkInteger(t, at: JSONPointer.root / "TimeoutSeconds", min: 1, max: 31_622_400, field: "TimeoutSeconds") }
    if let v = root["Version"], v.stringValue == nil { report(JSONPointer.root / "Version", "json-type", "Version is \(v.typeName); expected a string") }
    if let c = root["Comment"], c.stringValue == nil { report(JSONPointer.root / "Comment", "json-type", "Comment is \(c.typeName); expected a string") }
    validateScope(root, at: .root, language: rootLanguage, what: "the state machine")
  }

  /// Records every state name of every scope (for duplicates and out-of-scope transitions).
  mutating func collectStateNames(_ machine: JSONObject, at pointer: JSONPointer) {
    guard let states = machine["States"]?.objectValue else { return }
    for (name, state) in states {
      let p = pointer / "States" / name
      allStates[name, default: []].append(p)
      guard let s = state.objectValue else { continue }
      for (i, branch) in (s["Branches"]?.arrayValue ?? []).enumerated() {
        if let b = branch.objectValue { collectStateNames(b, at: p / "Branches" / i) }
      }
      for key in ["ItemProcessor", "Iterator"] {
        if let b = s[key]?.objectValue { collectStateNames(b, at: p / key) }
      }
    }
  }

  /// Validates `StartAt`, `States` and the transitions of one scope (root, branch or processor).
  mutating func validateScope(_ machine: JSONObject, at pointer: JSONPointer, language: QueryLanguage, what: String) {
    let startAt = machine["StartAt"]
    let statesValue = machine["States"]
    if startAt == nil { report(pointer, "required-field", "\(what) has no StartAt; expected the name of its first state") }
    if statesValue == nil { report(pointer, "required-field", "\(what) has no States; expected an object of states") }
    if let startAt, startAt.stringValue == nil {
      report(pointer / "StartAt", "json-type", "StartAt is \(startAt.typeName); expected a state name (string)")
    }
    guard let statesValue else { return }
    guard let states = statesValue.objectValue else {
      report(pointer / "States", "json-type", "States is \(statesValue.typeName); expected an object of states")
      return
    }
    if states.isEmpty { report(pointer / "States", "required-field", "States is empty; expected at least one state") }

    var edges: [String: [String]] = [:]
    var terminals: Set<String> = []
    for (name, stateValue) in states {
      let p = pointer / "States" / name
      if name.isEmpty || name.count > 80 {
        report(p, "state-name", "state name is \(name.count) characters long; expected 1 to 80 characters")
      }
      guard let state = stateValue.objectValue else {
        report(p, "json-type", "state '\(name)' is \(stateValue.typeName); expected an object with a Type")
        continue
      }
      let info = validateState(name: name, state, at: p, parentLanguage: language)
      edges[name] = info.targets.map(\.name)
      if info.isTerminal { terminals.insert(name) }
      for target in info.targets where states[target.name] == nil {
        if let elsewhere = allStates[target.name]?.first {
          report(target.pointer, "out-of-scope-transition", "\(target.field) goes to '\(target.name)', which is declared in another scope (\(elsewhere)); expected a state of the same States object")
        } else {
          report(target.pointer, "unknown-state", "\(target.field) goes to '\(target.name)', which does not exist; expected one of: \(Self.list(states.keys))")
        }
      }
    }
    guard let start = startAt?.stringValue else { return }
    if states[start] == nil {
      for name in states.keys {
        report(pointer / "States" / name, "unreachable-state", "state '\(name)' cannot be reached: StartAt '\(start)' is not a state of this scope")
      }
      if let elsewhere = allStates[start]?.first {
        report(pointer / "StartAt", "out-of-scope-transition", "StartAt is '\(start)', which is declared in another scope (\(elsewhere)); expected a state of this scope")
      } else {
        report(pointer / "StartAt", "unknown-state", "StartAt is '\(start)', which does not exist; expected one of: \(Self.list(states.keys))")
      }
      return
    }
    // Reachability from StartAt.
    var reached: Set<String> = [start]
    var work = [start]
    while let n = work.popLast() {
      for t in edges[n] ?? [] where states[t] != nil && reached.insert(t).inserted { work.append(t) }
    }
    for name in states.keys where !reached.contains(name) {
      report(pointer / "States" / name, "unreachable-state", "state '\(name)' cannot be reached from StartAt '\(start)'; expected a Next, Default or Catch that leads to it")
    }
    if !states.isEmpty && reached.isDisjoint(with: terminals) {
      report(pointer / "States", "no-terminal-state", "\(what) has no reachable terminal state; expected a Succeed or Fail state, or a state with \"End\": true")
    }
  }

  static func list<S: Sequence>(_ names: S) -> String where S.Element == String {
    let all = Array(names)
    let shown = all.prefix(8).map { "'\($0)'" }.joined(separator: ", ")
    return all.count > 8 ? shown + ", ..." : shown
  }

  /// A transition out of a state, for scope checks.
  struct Transition {
    var name: String
    var pointer: JSONPointer
    var field: String
  }

  /// What the scope check needs from a state.
  struct StateInfo {
    var targets: [Transition] = []
    var isTerminal = false
  }
}

extension ValidationRun {
  /// The state that field `key` of `object` (at `p`) names, as a transition listed as `field`;
  /// nil when the field is absent, or is not a string (reported).
  mutating func transition(_ object: JSONObject, at p: JSONPointer, key: String, field: String)
    -> Transition?
  {
    guard let value = object[key] else { return nil }
    guard let name = value.stringValue else {
      report(p / key, "json-type", "\(key) is \(value.typeName); expected a state name")
      return nil
    }
    return Transition(name: name, pointer: p / key, field: field)
  }

  /// The `Next` of a choice rule or catcher (`what`); its absence is reported.
  mutating func ruleNext(_ rule: JSONObject, at p: JSONPointer, of what: String, field: String)
    -> Transition?
  {
    guard rule["Next"] != nil else {
      report(p, "required-field", "\(what) has no Next; expected the state to go to when it matches")
      return nil
    }
    return transition(rule, at: p, key: "Next", field: field)
  }
}
