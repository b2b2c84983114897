import JSONCore

/// Paths that carry bindings from step to step (jsonata-js evaluateTupleStep): `@$v` binds a
/// step's value while the context stays, `#$i` binds its position, and a step a `%` refers to
/// binds the `%`'s label to its input (see JSONataAncestry). Each item of the stream is a tuple:
/// its value (`@`) and its bindings.
extension JSONataEvaluator {
  struct Tuple {
    var value: JSONataValue
    var bindings: [String: JSONataValue]
  }

  /// What a step yields for one tuple: plain values, or a nested path's tuple stream.
  enum StepOutput {
    case value(JSONataValue)
    case tuples([Tuple])
  }

  /// The binding name of a `%` label: a variable name cannot start with `!` (as in jsonata-js).
  static func labelKey(_ label: Int) -> String { "!\(label)" }

  static func frame(_ env: JSONataEnvironment, _ tuple: Tuple) -> JSONataEnvironment {
    let frame = JSONataEnvironment(parent: env)
    frame.bindings = tuple.bindings
    return frame
  }

  mutating func evaluateTuplePath(
    _ steps: [JSONataNode], _ context: JSONataValue, _ env: JSONataEnvironment
  ) throws(JSONataError) -> JSONataValue {
    .finish(try tuples(steps, context, env).compactMap { $0.value.json })
  }

  /// The tuple stream a path yields. The steps before the first tuple step run as a plain path
  /// (jsonata-js switches to tuples at the first step marked `tuple`).
  mutating func tuples(
    _ steps: [JSONataNode], _ context: JSONataValue, _ env: JSONataEnvironment
  ) throws(JSONataError) -> [Tuple] {
    let start = steps.firstIndex(where: JSONataParser.needsTuples) ?? 0
    var tuples: [Tuple]
    if start > 0 {
      let value = try evaluatePath(Array(steps[..<start]), context, env)
      tuples = value.items.map { Tuple(value: .json($0), bindings: [:]) }
    } else if let first = steps.first, Self.isVariableStep(first) {
      tuples = [Tuple(value: context, bindings: [:])]
    } else {
      switch context {
      case .json(.array(let a)):
        tuples = a.map { Tuple(value: .json($0), bindings: [:]) }
      case .sequence(let s):
        tuples = s.map { Tuple(value: .json($0), bindings: [:]) }
      default: tuples = [Tuple(value: context, bindings: [:])]
      }
    }
    for index in steps.indices.dropFirst(start) {
      tuples = try tupleStep(steps[index], tuples, env, first: index == 0)
    }
    return tuples
  }

  /// The step's own node and its stages. Predicates filter the step's whole tuple stream
  /// (jsonata-js `stages`), except on a first step that is not a name (jsonata-js `predicate`,
  /// applied to each evaluation).
  static func tupleStepParts(_ step: JSONataNode, first: Bool) -> (JSONataNode, [JSONataStage]) {
    var base = step
    var stages: [JSONataStage] = []
    while true {
      switch base {
      case .bindStep(let inner, let rest):
        stages = rest + stages
        base = inner
      case .filtered(let inner, let predicates) where !first || JSONataAncestry.isNameStep(inner):
        stages = predicates.map(JSONataStage.filter) + stages
        base = inner
      default:
        return (base, stages)
      }
    }
  }

  mutating func tupleStep(
    _ step: JSONataNode, _ tuples: [Tuple], _ env: JSONataEnvironment, first: Bool
  ) throws(JSONataError) -> [Tuple] {
    if let (terms, predicates) = Self.sortStep(step) {
      var sorted = try sortTuples(tuples, terms, env)
      for predicate in predicates { sorted = try filterTuples(sorted, predicate, env) }
      return sorted
    }
    var (base, stages) = Self.tupleStepParts(step, first: first)
    var labels: [String] = []
    stages.removeAll { stage in
      guard case .ancestor(let label) = stage else { return false }
      labels.append(Self.labelKey(label))
      return true
    }
    var focus: String?
    var index: String?
    while let first = stages.first {
      if case .focus(let name) = first, focus == nil {
        focus = name
      } else if case .index(let name) = first, index == nil {
        index = name
      } else {
        break
      }
      stages.removeFirst()
    }
    var next: [Tuple] = []
    if case .sortStep(let terms) = base {
      next = try sortTuples(tuples, terms, env)
      if let index { for position in next.indices { next[position].bindings[index] = .json(.int(position)) } }
    }
    for tuple in tuples where !Self.isSortStep(base) {
      let result: JSONataValue
      switch try stepOutput(base, tuple.value, Self.frame(env, tuple)) {
      case .tuples(let stream):
        // A nested tuple stream's bindings join the tuple's (jsonata-js Object.assign).
        for inner in stream {
          var merged = tuple
          merged.value = inner.value
          merged.bindings.merge(inner.bindings) { $1 }
          next.append(merged)
        }
        continue
      case .value(let value): result = value
      }
      if result.isUndefined { continue }
      let items: [JSONValue]
      switch result {
      case .json(.array(let a)): items = a
      case .sequence(let s): items = s
      case .json(let v): items = [v]
      default: items = []
      }
      for (position, item) in items.enumerated() {
        var bound = tuple
        if let focus {
          bound.bindings[focus] = .json(item)
        } else {
          bound.value = .json(item)
        }
        if let index { bound.bindings[index] = .json(.int(position)) }
        for label in labels { bound.bindings[label] = tuple.value }
        next.append(bound)
      }
    }
    for stage in stages {
      switch stage {
      case .focus(let name), .index(let name):
        for position in next.indices { next[position].bindings[name] = .json(.int(position)) }
      case .filter(let predicate):
        next = try filterTuples(next, predicate, env)
      case .ancestor:
        continue
      }
    }
    return next
  }

  /// `node` evaluated as a tuple step: a block or path a `%` reaches into yields its tuples.
  mutating func stepOutput(_ node: JSONataNode, _ context: JSONataValue, _ env: JSONataEnvironment)
    throws(JSONataError) -> StepOutput
  {
    switch node {
    case .ancestry(.tuplePath(let steps)):
      return .tuples(try tuples(steps, context, env))
    case .ancestry(.block(let items)) where !items.isEmpty:
      let scope = JSONataEnvironment(parent: env)
      for item in items.dropLast() { _ = try evaluate(item, context, scope) }
      return try stepOutput(items[items.count - 1], context, scope)
    case .filtered(let inner, let predicates):
      switch try stepOutput(inner, context, env) {
      case .tuples(var stream):
        for predicate in predicates { stream = try filterTuples(stream, predicate, env) }
        return .tuples(stream)
      case .value(var value):
        for predicate in predicates { value = try applyPredicate(predicate, to: value, env) }
        return .value(value)
      }
    default:
      return .value(try evaluateStep(node, context, env))
    }
  }

  static func isSortStep(_ node: JSONataNode) -> Bool {
    if case .sortStep = node { return true }
    return false
  }

  mutating func filterTuples(_ tuples: [Tuple], _ predicate: JSONataNode, _ env: JSONataEnvironment)
    throws(JSONataError) -> [Tuple]
  {
    var kept: [Tuple] = []
    for (position, tuple) in tuples.enumerated() {
      let result = try evaluate(predicate, tuple.value, Self.frame(env, tuple))
      if let numbers = Self.positions(result) {
        // Numbers select by position; the tuple is kept once per number naming it.
        for n in numbers {
          var wanted = Self.clampedInt(n.rounded(.down))
          if wanted < 0 { wanted += tuples.count }
          if wanted == position { kept.append(tuple) }
        }
      } else if Self.truthy(result) {
        kept.append(tuple)
      }
    }
    return kept
  }

  mutating func sortTuples(_ tuples: [Tuple], _ terms: [JSONataSortTerm], _ env: JSONataEnvironment)
    throws(JSONataError) -> [Tuple]
  {
    var keys: [[JSONataValue]] = []
    for tuple in tuples {
      let frame = Self.frame(env, tuple)
      var row: [JSONataValue] = []
      for term in terms { row.append(try evaluate(term.expression, tuple.value, frame)) }
      keys.append(row)
    }
    return try Self.sortedOrder(keys, terms).map { tuples[$0] }
  }
}
