import JSONCore

/// Paths that carry bindings from step to step (jsonata-js evaluateTupleStep): `@$v` binds a
/// step's value while the context stays, `#$i` binds its position, and `%` reads the value the
/// context was reached from. Each item of the stream is a tuple: its value (`@`), its bindings,
/// and its ancestors (the values of the earlier steps that led to it).
extension JSONataEvaluator {
  struct Tuple {
    var value: JSONataValue
    var bindings: [String: JSONataValue]
    var ancestors: [JSONataValue]
  }

  static let parentsKey = "\u{0}parents"

  /// The ancestors visible where `env` is: those of the tuple whose step is evaluating.
  static func ancestors(in env: JSONataEnvironment) -> [JSONataValue] {
    guard case .sequence(let values)? = env.lookup(parentsKey) else { return [] }
    return values.map { .json($0) }
  }

  /// `%` outside a path step: the parent of the current context.
  static func parentValue(_ env: JSONataEnvironment) -> JSONataValue {
    ancestors(in: env).last ?? .undefined
  }

  static func frame(_ env: JSONataEnvironment, _ tuple: Tuple, parents: [JSONataValue])
    -> JSONataEnvironment
  {
    let frame = JSONataEnvironment(parent: env)
    frame.bindings = tuple.bindings
    // Undefined ancestors cannot sit in a sequence; null stands in (a parent is never null).
    frame.bindings[parentsKey] = .sequence(parents.map { $0.json ?? .null })
    return frame
  }

  mutating func evaluateTuplePath(
    _ steps: [JSONataNode], _ context: JSONataValue, _ env: JSONataEnvironment
  ) throws(JSONataError) -> JSONataValue {
    .finish(try tuples(steps, context, env).compactMap { $0.value.json })
  }

  /// The tuple stream a path yields.
  mutating func tuples(
    _ steps: [JSONataNode], _ context: JSONataValue, _ env: JSONataEnvironment
  ) throws(JSONataError) -> [Tuple] {
    let inherited = Self.ancestors(in: env)
    var tuples: [Tuple]
    let absolute: Bool
    switch steps.first {
    case .some(.parent): absolute = true
    case .some(let first): absolute = Self.isVariableStep(first)
    case .none: absolute = true
    }
    if absolute {
      tuples = [Tuple(value: context, bindings: [:], ancestors: inherited)]
    } else {
      switch context {
      case .json(.array(let a)):
        tuples = a.map { Tuple(value: .json($0), bindings: [:], ancestors: inherited) }
      case .sequence(let s):
        tuples = s.map { Tuple(value: .json($0), bindings: [:], ancestors: inherited) }
      default: tuples = [Tuple(value: context, bindings: [:], ancestors: inherited)]
      }
    }
    for step in steps {
      tuples = try tupleStep(step, tuples, env)
    }
    return tuples
  }

  mutating func tupleStep(_ step: JSONataNode, _ tuples: [Tuple], _ env: JSONataEnvironment)
    throws(JSONataError) -> [Tuple]
  {
    if let (terms, predicates) = Self.sortStep(step) {
      var sorted = try sortTuples(tuples, terms, env)
      for predicate in predicates { sorted = try filterTuples(sorted, predicate, env) }
      return sorted
    }
    var base = step
    var stages: [JSONataStage] = []
    if case .bindStep(let inner, let rest) = step {
      base = inner
      stages = rest
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
      var result: JSONataValue
      var ancestors = tuple.ancestors
      if case .parent = base {
        result = ancestors.popLast() ?? .undefined
      } else if case .filtered(.parent, let predicates) = base {
        result = ancestors.popLast() ?? .undefined
        let inside = Self.frame(env, tuple, parents: ancestors)
        for predicate in predicates { result = try applyPredicate(predicate, to: result, inside) }
      } else if case .filtered(let inner, let predicates) = base {
        result = try evaluateStep(inner, tuple.value, Self.frame(env, tuple, parents: ancestors))
        let inside = Self.frame(env, tuple, parents: ancestors + [tuple.value])
        for predicate in predicates { result = try applyPredicate(predicate, to: result, inside) }
        ancestors.append(tuple.value)
      } else {
        result = try evaluateStep(base, tuple.value, Self.frame(env, tuple, parents: ancestors))
        ancestors.append(tuple.value)
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
          bound.ancestors = ancestors
        }
        if let index { bound.bindings[index] = .json(.int(position)) }
        next.append(bound)
      }
    }
    for stage in stages {
      switch stage {
      case .focus(let name), .index(let name):
        for position in next.indices { next[position].bindings[name] = .json(.int(position)) }
      case .filter(let predicate):
        next = try filterTuples(next, predicate, env)
      }
    }
    return next
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
      let result = try evaluate(predicate, tuple.value, Self.frame(env, tuple, parents: tuple.ancestors))
      if case .json(.number(let n)) = result {
        var wanted = Self.clampedInt(n.doubleValue.rounded(.down))
        if wanted < 0 { wanted += tuples.count }
        if wanted == position { kept.append(tuple) }
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
      let frame = Self.frame(env, tuple, parents: tuple.ancestors)
      var row: [JSONataValue] = []
      for term in terms { row.append(try evaluate(term.expression, tuple.value, frame)) }
      keys.append(row)
    }
    return try Self.sortedOrder(keys, terms).map { tuples[$0] }
  }
}
