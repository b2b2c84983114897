/// The parent operator's analysis, ported from jsonata-js 2.x's parser (parser.js: `seekParent`,
/// `pushAncestry`, `resolveAncestry` and their calls in `processAST`). It runs on the parsed
/// tree when the text has a `%`.
///
/// Each `%` has a slot: its label (its index in the text) and a level, how many steps up it still
/// has to go (1 to start; each `%` it climbs over adds one). Bottom-up, as processAST goes, a
/// slot climbs back over a path's earlier steps (into the last expression of a block and the
/// steps of a nested path); the name or wildcard step where its level reaches 0 gets an
/// `.ancestor(label)` stage: that step binds the label to its input item in each tuple it yields,
/// and `%` reads the binding. A block or path the slot went into becomes `.ancestry`, so it
/// yields its tuple stream to the outer step and the label stays bound. A slot that meets any
/// other step, or is still seeking at the top of the expression, is S0217.
struct JSONataAncestry {
  /// Steps each slot still has to climb.
  private var levels: [Int]
  /// Where each `%` ends in the text.
  private let positions: [Int]

  static func resolve(_ node: JSONataNode, positions: [Int]) throws(JSONataError) -> JSONataNode {
    var analysis = JSONataAncestry(levels: Array(repeating: 1, count: positions.count), positions: positions)
    var root = node
    let seeking = try analysis.process(&root)
    // jsonata-js: "trying to derive ancestor at top level".
    if let slot = seeking.first ?? ownSlot(root) { throw analysis.noParent(slot) }
    return root
  }

  private func noParent(_ slot: Int) -> JSONataError {
    JSONataError(
      code: "S0217", message: "The object representing the 'parent' cannot be derived from this expression",
      position: positions[slot])
  }

  /// The slot of a `%` node (with predicates or bindings too): jsonata-js `node.type === 'parent'`.
  /// A `#` binding makes jsonata-js wrap the `%` in a one-step path, which is a `%` only once
  /// a later `.` has flattened it into a path's steps (`asStep`).
  static func ownSlot(_ node: JSONataNode, asStep: Bool = false) -> Int? {
    switch node {
    case .parent(let slot): return slot
    case .filtered(let inner, _), .group(let inner, _), .keepSingleton(let inner):
      return ownSlot(inner, asStep: asStep)
    case .path(let steps), .tuplePath(let steps):
      return steps.count == 1 && isBareFocus(steps[0]) ? ownSlot(steps[0]) : nil
    case .bindStep(let inner, let stages):
      let wrapped = stages.contains { if case .index = $0 { return true } else { return false } }
      return wrapped && !asStep ? nil : ownSlot(inner, asStep: asStep)
    default: return nil
    }
  }

  /// The step under its predicates and bindings (`.filtered`, `.bindStep`).
  static func bareStep(_ node: JSONataNode) -> JSONataNode {
    switch node {
    case .filtered(let inner, _), .bindStep(let inner, _): return bareStep(inner)
    default: return node
    }
  }

  /// True when `node` is a name step, with or without predicates and bindings (jsonata-js turns a
  /// name into a one-step path, so its predicates are the step's stages).
  static func isNameStep(_ node: JSONataNode) -> Bool {
    if case .name = bareStep(node) { return true }
    return false
  }

  static func isNamedStep(_ node: JSONataNode) -> Bool {
    switch bareStep(node) {
    case .name, .wildcard: return true
    default: return false
    }
  }

  static func isOrderBy(_ node: JSONataNode) -> Bool {
    if case .sortStep = bareStep(node) { return true }
    return false
  }

  static func isBareFocus(_ node: JSONataNode) -> Bool {
    guard case .bindStep(let inner, let stages) = node, !isNameStep(inner) else { return false }
    let binds = stages.contains { if case .focus = $0 { return true } else { return false } }
    let wraps = stages.contains { if case .index = $0 { return true } else { return false } }
    return binds && !wraps
  }

  /// True when the step binds its value with `@` (jsonata-js `step.focus`).
  static func bindsFocus(_ node: JSONataNode) -> Bool {
    switch node {
    case .bindStep(let inner, let stages):
      return stages.contains { if case .focus = $0 { return true } else { return false } }
        || bindsFocus(inner)
    case .filtered(let inner, _): return bindsFocus(inner)
    default: return false
    }
  }

  // MARK: processAST

  /// Analyses `node` in place; returns the slots still seeking a parent above it (jsonata-js
  /// `node.seekingParent`, which may hold slots already resolved).
  private mutating func process(_ node: inout JSONataNode) throws(JSONataError) -> [Int] {
    switch node {
    case .path(var steps), .tuplePath(var steps):
      let seeking = try processPath(&steps)
      node = JSONataParser.path(steps)
      return seeking
    case .filtered(let inner, _) where Self.isNameStep(inner):
      // A name with predicates is a one-step path: the slots stay on its step.
      _ = try processStep(&node)
      if JSONataParser.needsTuples(node) { node = .tuplePath([node]) }
      return []
    case .filtered, .bindStep, .sortStep:
      return try processStep(&node)
    case .negate(var x):
      var seeking: [Int] = []
      try push(&x, into: &seeking)
      node = .negate(x)
      return seeking
    case .binary(let op, var l, var r):
      var seeking: [Int] = []
      try push(&l, into: &seeking)
      try push(&r, into: &seeking)
      node = .binary(op, l, r)
      return seeking
    case .range(var l, var r):
      var seeking: [Int] = []
      try push(&l, into: &seeking)
      try push(&r, into: &seeking)
      node = .range(l, r)
      return seeking
    case .defaulting(var l, var r), .coalesce(var l, var r):
      // jsonata-js parses both as a condition over `l`.
      var seeking: [Int] = []
      try push(&l, into: &seeking)
      try push(&r, into: &seeking)
      if case .defaulting = node { node = .defaulting(l, r) } else { node = .coalesce(l, r) }
      return seeking
    case .array(var items):
      let seeking = try pushAll(&items)
      node = .array(items)
      return seeking
    case .block(var items):
      let seeking = try pushAll(&items)
      node = .block(items)
      return seeking
    case .object(var pairs):
      var seeking: [Int] = []
      for index in pairs.indices {
        try push(&pairs[index].key, into: &seeking)
        try push(&pairs[index].value, into: &seeking)
      }
      node = .object(pairs)
      return seeking
    case .group(var source, var pairs):
      // The grouping pairs' slots go nowhere (jsonata-js does not push them).
      let seeking = try process(&source)
      for index in pairs.indices {
        _ = try process(&pairs[index].key)
        _ = try process(&pairs[index].value)
      }
      node = .group(source, pairs)
      return seeking
    case .call(var callee, var arguments):
      _ = try process(&callee)
      let seeking = try pushAll(&arguments)
      node = .call(callee, arguments)
      return seeking
    case .lambda(let parameters, var body, let signature):
      _ = try process(&body)
      node = .lambda(parameters, body, signature)
      return []
    case .condition(var test, var then, var otherwise):
      var seeking: [Int] = []
      try push(&test, into: &seeking)
      try push(&then, into: &seeking)
      if var other = otherwise {
        try push(&other, into: &seeking)
        otherwise = other
      }
      node = .condition(test, then, otherwise)
      return seeking
    case .bind(let name, var value):
      var seeking: [Int] = []
      try push(&value, into: &seeking)
      node = .bind(name, value)
      return seeking
    case .apply(var l, var r):
      _ = try process(&l)
      _ = try process(&r)
      node = .apply(l, r)
      return []
    case .transform(var pattern, var update, var delete):
      _ = try process(&pattern)
      _ = try process(&update)
      if var d = delete {
        _ = try process(&d)
        delete = d
      }
      node = .transform(pattern, update, delete)
      return []
    case .keepSingleton(var inner):
      let seeking = try process(&inner)
      node = .keepSingleton(inner)
      return seeking
    default:
      return []
    }
  }

  /// jsonata-js pushAncestry: the child's seeking slots, and its own when it is a `%`.
  private mutating func push(_ child: inout JSONataNode, into seeking: inout [Int]) throws(JSONataError) {
    seeking += try process(&child)
    if let own = Self.ownSlot(child) { seeking.append(own) }
  }

  private mutating func pushAll(_ children: inout [JSONataNode]) throws(JSONataError) -> [Int] {
    var seeking: [Int] = []
    for index in children.indices { try push(&children[index], into: &seeking) }
    return seeking
  }

  /// A path step's seeking slots (jsonata-js `step.seekingParent`). A `%` in a predicate one
  /// level up is the step's own input: it resolves on the step itself.
  private mutating func processStep(_ step: inout JSONataNode) throws(JSONataError) -> [Int] {
    switch step {
    case .name, .wildcard, .descendants:
      return []
    case .filtered(var inner, var predicates):
      var seeking = try processStep(&inner)
      for index in predicates.indices {
        try resolvePredicate(&predicates[index], on: &inner, into: &seeking)
      }
      step = .filtered(inner, predicates)
      return seeking
    case .bindStep(var inner, var stages):
      var seeking = try processStep(&inner)
      for index in stages.indices {
        guard case .filter(var predicate) = stages[index] else { continue }
        try resolvePredicate(&predicate, on: &inner, into: &seeking)
        stages[index] = .filter(predicate)
      }
      step = .bindStep(inner, stages)
      return seeking
    case .sortStep(var terms):
      var seeking: [Int] = []
      for index in terms.indices { try push(&terms[index].expression, into: &seeking) }
      step = .sortStep(terms)
      return seeking
    default:
      return try process(&step)
    }
  }

  /// jsonata-js's `[` post-processing: each slot of the predicate at level 1 seeks on the step;
  /// the others go one level down; all of them stay on the step.
  private mutating func resolvePredicate(
    _ predicate: inout JSONataNode, on step: inout JSONataNode, into seeking: inout [Int]
  ) throws(JSONataError) {
    let slots = try process(&predicate)
    for slot in slots {
      if levels[slot] == 1 { try seekParent(&step, slot) } else { levels[slot] -= 1 }
    }
    seeking += slots
  }

  /// Processes each step, then resolves its slots on the steps before it (jsonata-js runs
  /// resolveAncestry as each `.` adds a step). Returns the slots that climbed past the first step.
  private mutating func processPath(_ steps: inout [JSONataNode]) throws(JSONataError) -> [Int] {
    var seeking: [Int] = []
    for position in steps.indices {
      let slots = try processStep(&steps[position])
      if position == 0 {
        // A leading `%` seeks above the path; a first step's other slots are dropped, as in
        // jsonata-js, where a non-path first step is wrapped in a new path. `%^(…)` is such a
        // new path too (jsonata-js's order-by wraps its left side without seeking).
        let sorted = steps.count > 1 && Self.isOrderBy(steps[1])
        if steps.count == 1, Self.isBareFocus(steps[0]) {
          // `x@$v` alone, on a node that is no path (not a name), stays that node in
          // jsonata-js: its slots, and its own as a `%` (ownSlot).
          seeking = slots
        } else if !sorted, let own = Self.ownSlot(steps[0]) {
          seeking = [own]
        }
        continue
      }
      let own = Self.ownSlot(steps[position], asStep: true)
      for slot in slots + (own.map { [$0] } ?? []) {
        var index = position - 1
        while levels[slot] > 0 {
          if index < 0 {
            seeking.append(slot)
            break
          }
          var target = index
          index -= 1
          // Contiguous steps binding the focus (`@`) share one input: go to the first of them.
          while index >= 0, Self.bindsFocus(steps[target]), Self.bindsFocus(steps[index]) {
            target = index
            index -= 1
          }
          try seekParent(&steps[target], slot)
        }
      }
    }
    return seeking
  }

  /// jsonata-js seekParent: climbs `node` (a step) for `slot`.
  private mutating func seekParent(_ node: inout JSONataNode, _ slot: Int) throws(JSONataError) {
    switch node {
    case .name, .wildcard:
      levels[slot] -= 1
      if levels[slot] == 0 { node = .bindStep(node, [.ancestor(slot)]) }
    case .bindStep(let inner, var stages) where Self.isNamedStep(inner):
      levels[slot] -= 1
      if levels[slot] == 0 {
        stages.append(.ancestor(slot))
        node = .bindStep(inner, stages)
      }
    case .filtered(var inner, let predicates):
      try seekParent(&inner, slot)
      node = .filtered(inner, predicates)
    case .bindStep(var inner, let stages):
      try seekParent(&inner, slot)
      node = .bindStep(inner, stages)
    case .keepSingleton(var inner):
      try seekParent(&inner, slot)
      node = .keepSingleton(inner)
    case .group(var inner, let pairs):
      // jsonata-js keeps a grouping on the node it follows.
      try seekParent(&inner, slot)
      node = .group(inner, pairs)
    case .ancestry(var inner):
      // Already yields its tuples; seeking into it again wraps it again, so unwrap first.
      try seekParent(&inner, slot)
      node = inner
    case .parent:
      levels[slot] += 1
    case .block(var items):
      guard var last = items.popLast() else { return }
      // A name is a one-step path in jsonata-js: it yields tuples only as a path.
      if Self.isNameStep(last) { last = .path([last]) }
      try seekParent(&last, slot)
      node = .ancestry(.block(items + [last]))
    case .path(var steps), .tuplePath(var steps):
      guard !steps.isEmpty else { return }
      var index = steps.count - 1
      try seekParent(&steps[index], slot)
      index -= 1
      while levels[slot] > 0, index >= 0 {
        try seekParent(&steps[index], slot)
        index -= 1
      }
      node = .ancestry(JSONataParser.path(steps))
    default:
      throw noParent(slot)
    }
  }
}
