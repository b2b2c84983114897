import Foundation
import JSONCore

/// A runtime value: JSONata distinguishes "nothing" (undefined), single values, sequences
/// (flattened path results) and functions.
enum JSONataValue {
  case undefined
  case json(JSONValue)
  case sequence([JSONValue])
  case function(JSONataFunction)
  case regex(RegexLiteral)

  var isUndefined: Bool { if case .undefined = self { return true } else { return false } }

  /// The items of a value seen as a sequence (arrays contribute their elements).
  var items: [JSONValue] {
    switch self {
    case .undefined, .function, .regex: return []
    case .json(.array(let a)): return a
    case .json(let v): return [v]
    case .sequence(let s): return s
    }
  }

  /// A JSON value (sequences become arrays); nil for undefined.
  var json: JSONValue? {
    switch self {
    case .undefined, .function, .regex: return nil
    case .json(let v): return v
    case .sequence(let s): return .array(s)
    }
  }

  /// 0 items → undefined, 1 → the item, more → a sequence.
  static func finish(_ items: [JSONValue]) -> JSONataValue {
    switch items.count {
    case 0: return .undefined
    case 1: return .json(items[0])
    default: return .sequence(items)
    }
  }
}

/// A callable: a built-in function or a lambda closing over its environment.
final class JSONataFunction {
  enum Kind {
    case builtin(String)
    case lambda([String], JSONataNode, JSONataEnvironment, JSONataValue)
    /// A regular expression used as a function (see JSONataMatcher).
    case matcher(RegexLiteral)
  }
  let kind: Kind
  /// The lambda's own signature (`function($a)<n:n>{…}`); built-ins use
  /// `JSONataFunctions.signatures`.
  var signature: JSONataSignature?
  init(_ kind: Kind, signature: JSONataSignature? = nil) {
    self.kind = kind
    self.signature = signature
  }
}

/// Variable bindings with lexical parent scopes.
final class JSONataEnvironment {
  var bindings: [String: JSONataValue] = [:]
  let parent: JSONataEnvironment?

  init(parent: JSONataEnvironment?) { self.parent = parent }

  func lookup(_ name: String) -> JSONataValue? {
    // Every scope of the chain lives as long as `self`: walking it needs no reference counting,
    // and an empty scope (a lambda without parameters, a block without bindings) no hashing.
    unowned(unsafe) var current = self
    while true {
      if !current.bindings.isEmpty, let value = current.bindings[name] { return value }
      guard let parent = current.parent else { return nil }
      current = parent
    }
  }
}

/// Evaluates JSONata syntax trees.
struct JSONataEvaluator {
  var random: SeededRandom
  /// The virtual "now" for `$now()` / `$millis()`, in milliseconds since the epoch.
  var nowMillis: Int64
  var depth = 0
  /// Regular-expression work left for this evaluation (see EvaluationBudget).
  var regexBudget = EvaluationBudget.regexProgressReports
  /// Expression steps left for this evaluation (see EvaluationBudget.jsonataSteps).
  var stepsLeft = EvaluationBudget.jsonataSteps
  /// Whether arithmetic has made a non-finite number (see JSONataNonFinite).
  var nonFiniteSeen = false
  /// Functions stored inside arrays and objects, by marker index (JSONataStoredFunctions).
  var storedFunctions: [JSONataValue] = []

  static func error(_ code: String, _ message: String) -> JSONataError {
    JSONataError(code: code, message: message)
  }

  /// Evaluation limits use U1001, the code jsonata-js gives its own evaluation guards (stack
  /// depth, timeout).
  static func budgetError(_ message: String) -> JSONataError { error("U1001", message) }

  /// Throws when a string of `bytes` UTF-8 bytes is past the evaluation's string budget.
  static func checkStringSize(_ bytes: Int) throws(JSONataError) {
    guard bytes > EvaluationBudget.stringBytes else { return }
    throw budgetError(
      "String size limit exceeded: one evaluation may build strings of at most"
        + " \(EvaluationBudget.stringBytes) bytes (10 MiB).")
  }

  /// Throws when an array of `count` items is past the evaluation's array budget.
  static func checkArraySize(_ count: Int) throws(JSONataError) {
    guard count > EvaluationBudget.arrayItems else { return }
    throw budgetError(
      "Array size limit exceeded: one evaluation may build arrays of at most"
        + " \(EvaluationBudget.arrayItems) items.")
  }

  /// Counts one expression step against the budget and enters one level of nesting (the caller
  /// leaves it with `depth -= 1`).
  mutating func enterStep() throws(JSONataError) {
    stepsLeft -= 1
    if stepsLeft < 0 {
      throw Self.budgetError(
        "Expression evaluation timeout: Check for infinite loop. One evaluation may evaluate at"
          + " most \(EvaluationBudget.jsonataSteps) expression steps.")
    }
    guard depth + 1 < 500 else {
      throw Self.error(
        "U1001", "Stack overflow error: Check for non-terminating recursive function.")
    }
    depth += 1
  }

  mutating func evaluate(_ node: JSONataNode, _ context: JSONataValue, _ env: JSONataEnvironment)
    throws(JSONataError) -> JSONataValue
  {
    try enterStep()
    defer { depth -= 1 }
    switch node {
    case .literal(let value): return .json(value)
    case .regex(let regex): return .regex(regex)
    case .defaulting(let lhs, let rhs):
      let value = try evaluate(lhs, context, env)
      return try isTrue(value) ? value : try evaluate(rhs, context, env)
    case .coalesce(let lhs, let rhs):
      let value = try evaluate(lhs, context, env)
      return value.isUndefined ? try evaluate(rhs, context, env) : value
    case .sortStep:
      return try evaluatePath([node], context, env)
    case .placeholder:
      return .undefined
    case .transform(let pattern, let update, let delete):
      return transformFunction(pattern, update, delete, context, env)
    case .transformBody(let pattern, let update, let delete):
      return try applyTransform(pattern, update, delete, env)
    case .keepSingleton(let inner):
      let value = try evaluate(inner, context, env)
      switch value {
      case .sequence(let items): return .json(.array(items))
      case .json(.array):
        return Self.endsWithArrayConstructor(inner) ? .json(.array([value.json!])) : value
      case .json(let single): return .json(.array([single]))
      default: return value
      }
    case .variable(let name):
      if name.isEmpty { return Self.unwrapped(context) }
      if name == "$" { return Self.unwrapped(env.lookup("$$") ?? .undefined) }
      if let value = env.lookup(name) { return value }
      if JSONataFunctions.names.contains(name) { return .function(JSONataFunction(.builtin(name))) }
      return .undefined
    case .filtered(let inner, let predicates) where Self.isWholeValue(inner):
      // jsonata-js puts a predicate on a node that is not a path on the node itself: the node
      // is evaluated once on the whole context, then filtered (evaluate's expr.predicate).
      var value = try evaluate(inner, context, env)
      for predicate in predicates { value = try applyPredicate(predicate, to: value, env) }
      return value
    case .name, .wildcard, .descendants, .filtered:
      return try evaluatePath([node], context, env)
    case .path(let steps):
      return try evaluatePath(steps, context, env)
    case .tuplePath(let steps):
      if let bare = Self.bareFocus(steps) { return try evaluate(bare, context, env) }
      return try evaluateTuplePath(steps, context, env)
    case .parent(let label):
      return env.lookup(Self.labelKey(label)) ?? .undefined
    case .ancestry(let inner):
      return try evaluate(inner, context, env)
    case .bindStep:
      return try evaluateTuplePath([node], context, env)
    case .negate(let inner):
      let value = try evaluate(inner, context, env)
      if value.isUndefined { return .undefined }
      guard case .json(.number(let n)) = value, !n.doubleValue.isNaN else {
        throw Self.error("D1002", "Cannot negate a non-numeric value: \(Self.display(value))")
      }
      if n.doubleValue.isInfinite { throw Self.outOfRange() }
      return .json(.number(JSONNumber(-n.doubleValue)))
    case .binary(let op, let lhs, let rhs):
      return try binary(op, lhs, rhs, context, env)
    case .array(let items):
      var out: [JSONValue] = []
      for item in items {
        if case .range(let low, let high) = item {
          out.append(contentsOf: try range(low, high, context, env))
          continue
        }
        let value = try evaluate(item, context, env)
        switch value {
        case .undefined: continue
        case .function, .regex:
          out.append(stored(value))
        case .json(let v):
          if case .array(let a) = v, !Self.isArrayConstructor(item) {
            try Self.checkArraySize(out.count + a.count)
            out.append(contentsOf: a)
          } else {
            out.append(v)
          }
        case .sequence(let s):
          try Self.checkArraySize(out.count + s.count)
          out.append(contentsOf: s)
        }
      }
      return .json(.array(out))
    case .range(let low, let high):
      return .json(.array(try range(low, high, context, env)))
    case .object(let pairs):
      let names = try objectKeys(pairs, context, env)
      var object = JSONObject()
      for (pair, name) in zip(pairs, names) {
        guard let name else { continue }
        let value = try evaluate(pair.value, context, env)
        if value.isUndefined { continue }
        object[name] = value.json ?? stored(value)
      }
      return .json(.object(object))
    case .group(let source, let pairs):
      if case .tuplePath(let steps) = source {
        return try group(tuples: try tuples(steps, context, env), pairs, env)
      }
      return try group(try evaluate(source, context, env), pairs, env)
    case .call(let callee, let arguments):
      return try call(callee, arguments, prepend: nil, context, env)
    case .lambda(let parameters, let body, let signature):
      return .function(
        JSONataFunction(
          .lambda(parameters, body, env, context), signature: signature?.signature))
    case .condition(let test, let then, let otherwise):
      let tested = try evaluate(test, context, env)
      if try isTrue(tested) { return try evaluate(then, context, env) }
      if let otherwise { return try evaluate(otherwise, context, env) }
      return .undefined
    case .block(let items):
      let scope = JSONataEnvironment(parent: env)
      var result = JSONataValue.undefined
      for item in items { result = try evaluate(item, context, scope) }
      return result
    case .bind(let name, let valueNode):
      let value = try evaluate(valueNode, context, env)
      env.bindings[name] = value
      return value
    case .apply(let lhs, let rhs):
      if case .keepSingleton(let applied) = rhs, case .call = applied {
        // `x ~> $f()[]`: jsonata-js keeps the array of the whole application (apply keepArray).
        return try evaluate(.keepSingleton(.apply(lhs, applied)), context, env)
      }
      let value = try evaluate(lhs, context, env)
      if case .call(let callee, let arguments) = rhs, !arguments.contains(.placeholder) {
        return try call(callee, arguments, prepend: value, context, env)
      }
      // Evaluated first: `resolved(try evaluate(…))` would read the table before the call fills it.
      let applied = try evaluate(rhs, context, env)
      let function = resolved(applied)
      guard let f = Self.callable(function) else {
        throw Self.error(
          "T2006", "The right side of the function application operator ~> must be a function")
      }
      if case .function(let first) = resolved(value) {
        // `$f ~> $g` composes: λ($x){ $g($f($x)) } (jsonata-js chainAST).
        let scope = JSONataEnvironment(parent: env)
        scope.bindings["\u{0}f"] = .function(first)
        scope.bindings["\u{0}g"] = .function(f)
        let body = JSONataNode.call(
          .variable("\u{0}g"), [.call(.variable("\u{0}f"), [.variable("\u{0}x")])])
        return .function(JSONataFunction(.lambda(["\u{0}x"], body, scope, .undefined)))
      }
      return try invoke(f, [value])
    }
  }

  /// JSONata grouping: items keyed by each pair's key expression, values evaluated per group.
  mutating func group(_ input: JSONataValue, _ pairs: [JSONataPair], _ env: JSONataEnvironment)
    throws(JSONataError) -> JSONataValue
  {
    let items: [JSONValue] = input.isUndefined ? [] : input.items
    return try group(
      tuples: items.map { Tuple(value: .json($0), bindings: [:]) }, pairs, env)
  }

  /// Grouping over a tuple stream (jsonata-js evaluateGroupExpression): keys see each tuple's
  /// bindings; a group's value sees its items as the context and each binding's values
  /// appended across the group (reduceTupleStream).
  mutating func group(tuples: [Tuple], _ pairs: [JSONataPair], _ env: JSONataEnvironment)
    throws(JSONataError) -> JSONataValue
  {
    var order: [String] = []
    var groups: [String: (pair: Int, tuples: [Tuple])] = [:]
    let stream: [Tuple?] = tuples.isEmpty ? [nil] : tuples.map(Optional.some)
    for tuple in stream {
      let context = tuple?.value ?? .undefined
      let scope = tuple.map { $0.bindings.isEmpty ? env : Self.frame(env, $0) } ?? env
      for (index, pair) in pairs.enumerated() {
        let key = try evaluate(pair.key, context, scope)
        if key.isUndefined { continue }
        guard case .json(.string(let name)) = key else {
          throw Self.error(
            "T1003", "Key in object structure must evaluate to a string; got: \(Self.display(key))")
        }
        if var existing = groups[name] {
          guard existing.pair == index else {
            throw Self.error("D1009", "Multiple key definitions evaluate to same key: \"\(name)\"")
          }
          if let tuple { existing.tuples.append(tuple) }
          groups[name] = existing
        } else {
          order.append(name)
          groups[name] = (index, tuple.map { [$0] } ?? [])
        }
      }
    }
    var object = JSONObject()
    for name in order {
      guard let group = groups[name] else { continue }
      let context: JSONataValue = .finish(group.tuples.compactMap { $0.value.json })
      var scope = env
      if group.tuples.contains(where: { !$0.bindings.isEmpty }) {
        var merged: [String: [JSONValue]] = [:]
        for tuple in group.tuples {
          for (key, value) in tuple.bindings { merged[key, default: []] += value.items }
        }
        scope = JSONataEnvironment(parent: env)
        for (key, values) in merged { scope.bindings[key] = .finish(values) }
      }
      let value = try evaluate(pairs[group.pair].value, context, scope)
      if value.isUndefined { continue }
      object[name] = value.json ?? stored(value)
    }
    return .json(.object(object))
  }

  /// True when jsonata-js evaluates `node` once on the whole context before a predicate on it:
  /// a node that its parser does not make a path (processAST '[' on a non-path).
  static func isWholeValue(_ node: JSONataNode) -> Bool {
    switch node {
    case .block, .call, .condition, .apply, .binary, .object, .group, .literal, .negate: return true
    default: return false
    }
  }

  /// `$@$v` alone (an `@` binding on a step that is not a path): jsonata-js's parser marks the
  /// node with a focus that only a path reads, so the node is evaluated as it is, with its
  /// predicates; nil for any other tuple path.
  static func bareFocus(_ steps: [JSONataNode]) -> JSONataNode? {
    guard steps.count == 1, case .bindStep(let inner, let stages) = steps[0],
      case .focus = stages.first
    else { return nil }
    switch inner {
    case .name, .wildcard, .descendants, .path, .tuplePath, .sortStep, .filtered:
      return nil
    default: break
    }
    var predicates: [JSONataNode] = []
    for stage in stages.dropFirst() {
      switch stage {
      case .filter(let predicate): predicates.append(predicate)
      case .focus: continue
      case .index, .ancestor: return nil  // a % label needs the tuple path
      }
    }
    return predicates.isEmpty ? inner : .filtered(inner, predicates)
  }

  /// An object constructor's keys, all evaluated before any value as jsonata-js's
  /// evaluateGroupExpression does: nil for an undefined key (its pair is skipped), T1003 for a
  /// non-string, D1009 when two pairs give the same key.
  mutating func objectKeys(_ pairs: [JSONataPair], _ context: JSONataValue, _ env: JSONataEnvironment)
    throws(JSONataError) -> [String?]
  {
    var names: [String?] = []
    names.reserveCapacity(pairs.count)
    // A linear scan for the usual few pairs; a set past that.
    var seen: Set<String>? = pairs.count > 16 ? [] : nil
    for pair in pairs {
      let key = try evaluate(pair.key, context, env)
      switch key {
      case .undefined:
        names.append(nil)
      case .json(.string(let name)):
        let repeated = seen.map { $0.contains(name) } ?? names.contains(name)
        if repeated {
          throw Self.error("D1009", "Multiple key definitions evaluate to same key: \"\(name)\"")
        }
        seen?.insert(name)
        names.append(name)
      default:
        throw Self.error(
          "T1003", "Key in object structure must evaluate to a string; got: \(Self.display(key))")
      }
    }
    return names
  }

  /// `Int(d)` that never traps: NaN → 0, out-of-range values clamp to ±2^53.
  static func clampedInt(_ d: Double) -> Int {
    guard d == d else { return 0 }
    return Int(min(max(d, -9_007_199_254_740_992), 9_007_199_254_740_992))
  }

  static func isArrayConstructor(_ node: JSONataNode) -> Bool {
    switch node {
    case .array: return true
    case .filtered(let inner, _): return isArrayConstructor(inner)
    default: return false
    }
  }

  /// An array input is wrapped in a one-item sequence (jsonata-js's `outerWrapper`) so a path
  /// treats it as one value; `$` and `$$` see the array itself. Only the input is a one-item
  /// sequence: `finish` makes one item a plain value.
  static func outerWrapped(_ input: JSONValue) -> JSONataValue {
    if case .array = input { return .sequence([input]) }
    return .json(input)
  }

  static func unwrapped(_ value: JSONataValue) -> JSONataValue {
    if case .sequence(let items) = value, items.count == 1 { return .json(items[0]) }
    return value
  }

  static func numberValue(_ value: JSONataValue) -> JSONNumber? {
    if case .json(.number(let n)) = value { return n }
    return nil
  }

  static func isInteger(_ value: JSONataValue) -> Bool {
    guard let n = numberValue(value)?.doubleValue else { return false }
    return n.isFinite && n == n.rounded()
  }

  /// The terms of an order-by step and the predicates after it.
  static func sortStep(_ node: JSONataNode) -> ([JSONataSortTerm], [JSONataNode])? {
    switch node {
    case .sortStep(let terms): return (terms, [])
    case .filtered(.sortStep(let terms), let predicates): return (terms, predicates)
    default: return nil
    }
  }

  /// True when a path starting with `node` starts from a variable (absolute, not per item).
  static func isVariableStep(_ node: JSONataNode) -> Bool {
    switch node {
    case .variable: return true
    case .filtered(let inner, _): return isVariableStep(inner)
    default: return false
    }
  }

  /// True when `node` is a path whose last step is an array constructor (jsonata-js `consarray`).
  static func endsWithArrayConstructor(_ node: JSONataNode) -> Bool {
    if case .path(let steps) = node, let last = steps.last { return isArrayConstructor(last) }
    return isArrayConstructor(node)
  }

  mutating func range(
    _ low: JSONataNode, _ high: JSONataNode, _ context: JSONataValue, _ env: JSONataEnvironment
  )
    throws(JSONataError) -> [JSONValue]
  {
    let lower = try evaluate(low, context, env)
    let upper = try evaluate(high, context, env)
    if !lower.isUndefined, !Self.isInteger(lower) {
      throw Self.error(
        "T2003", "The left side of the range operator (..) must evaluate to an integer")
    }
    if !upper.isUndefined, !Self.isInteger(upper) {
      throw Self.error(
        "T2004", "The right side of the range operator (..) must evaluate to an integer")
    }
    if lower.isUndefined || upper.isUndefined { return [] }
    guard case .json(.number(let a)) = lower, a.doubleValue == a.doubleValue.rounded() else {
      throw Self.error(
        "T2003", "The left side of the range operator (..) must evaluate to an integer")
    }
    guard case .json(.number(let b)) = upper, b.doubleValue == b.doubleValue.rounded() else {
      throw Self.error(
        "T2004", "The right side of the range operator (..) must evaluate to an integer")
    }
    let start = JSONataEvaluator.clampedInt(a.doubleValue)
    let end = JSONataEvaluator.clampedInt(b.doubleValue)
    guard start <= end else { return [] }
    guard end - start < 10_000_000 else {
      throw Self.error(
        "D2014",
        "The size of the sequence allocated by the range operator (..) must not exceed 1e7.")
    }
    return (start...end).map { .int($0) }
  }

  // MARK: Paths

  mutating func evaluatePath(
    _ steps: [JSONataNode], _ context: JSONataValue, _ env: JSONataEnvironment
  )
    throws(JSONataError) -> JSONataValue
  {
    var input: [JSONataValue]
    if let first = steps.first, Self.isVariableStep(first) {
      input = [context]
    } else {
      switch context {
      case .json(.array(let a)): input = a.map { .json($0) }
      case .sequence(let s): input = s.map { .json($0) }
      default: input = [context]
      }
    }
    for (index, step) in steps.enumerated() {
      var results: [JSONataValue] = []
      if let (terms, predicates) = Self.sortStep(step) {
        // Order-by sorts the whole sequence that reaches it (jsonata-js evaluateSortExpression),
        // then its predicates filter the sorted sequence.
        var sorted: JSONataValue = .finish(try sort(input.compactMap(\.json), terms, env))
        for predicate in predicates { sorted = try applyPredicate(predicate, to: sorted, env) }
        if index == steps.count - 1 { return sorted }
        input = sorted.items.map { .json($0) }
        if input.isEmpty { return .undefined }
        continue
      }
      if index == 0, Self.isArrayConstructor(step) {
        // A leading array constructor is evaluated once, on the whole input (consarray).
        let value = try evaluateStep(step, context, env)
        if index == steps.count - 1 { return value }
        input = value.items.map { .json($0) }
        // jsonata-js stops the path at an empty step and returns what it has: here the
        // constructor's own empty array (`[X].y` is []), not an empty sequence.
        if input.isEmpty { return value }
        continue
      }
      let keepsArrays = Self.isArrayConstructor(step)
      for item in input {
        let value = try evaluateStep(step, item, env)
        if value.isUndefined { continue }
        if keepsArrays, case .json(.array) = value {
          results.append(.sequence([value.json!]))
        } else {
          results.append(value)
        }
      }
      let isLast = index == steps.count - 1
      if isLast, results.count == 1, case .json(.array) = results[0] {
        return results[0]
      }
      if isLast, results.count == 1, case .function = results[0] { return results[0] }
      var flattened: [JSONValue] = []
      for result in results {
        switch result {
        case .json(.array(let a)): flattened.append(contentsOf: a)
        case .json(let v): flattened.append(v)
        case .sequence(let s): flattened.append(contentsOf: s)
        case .undefined: break
        case .function, .regex:
          flattened.append(stored(result))
        }
      }
      if flattened.isEmpty { return .undefined }
      if isLast { return .finish(flattened) }
      input = flattened.map { .json($0) }
    }
    return .undefined
  }

  mutating func evaluateStep(_ step: JSONataNode, _ item: JSONataValue, _ env: JSONataEnvironment)
    throws(JSONataError) -> JSONataValue
  {
    switch step {
    case .name(let name):
      guard case .json(.object(let object)) = item, let value = object[name] else {
        if case .json(.array(let a)) = item {
          // A name applied to an array maps over its elements, nested arrays included
          // (jsonata-js fn.lookup).
          var out: [JSONValue] = []
          Self.lookup(name, inArray: a, into: &out)
          return .finish(out)
        }
        return .undefined
      }
      return .json(value)
    case .wildcard:
      // An array's "fields" are its items (jsonata-js evaluateWildcard on the input array).
      if case .json(.array(let items)) = item { return .finish(items.flatMap { $0.arrayValue ?? [$0] }) }
      guard case .json(.object(let object)) = item, !Self.isStoredFunction(object) else {
        return .undefined
      }
      var out: [JSONValue] = []
      for (key, value) in object.storage where key != Self.identityKey {
        if case .array(let a) = value { out.append(contentsOf: a) } else { out.append(value) }
      }
      return .finish(out)
    case .descendants:
      var out: [JSONValue] = []
      if let json = item.json { Self.collectDescendants(json, into: &out) }
      return .finish(out)
    case .filtered(let inner, let predicates):
      var value = try evaluateStep(inner, item, env)
      for predicate in predicates {
        value = try applyPredicate(predicate, to: value, env)
      }
      return value
    default:
      return try evaluate(step, item, env)
    }
  }

  static func lookup(_ name: String, inArray items: [JSONValue], into out: inout [JSONValue]) {
    for element in items {
      switch element {
      case .object(let o):
        guard let v = o[name] else { continue }
        if case .array(let inner) = v { out.append(contentsOf: inner) } else { out.append(v) }
      case .array(let nested):
        var found: [JSONValue] = []
        lookup(name, inArray: nested, into: &found)
        out.append(contentsOf: found)
      default: continue
      }
    }
  }

  static func collectDescendants(_ value: JSONValue, into out: inout [JSONValue]) {
    switch value {
    case .array(let a): for element in a { collectDescendants(element, into: &out) }
    case .object(let o):
      out.append(value)
      if isStoredFunction(o) { return }
      for (_, member) in o.storage { collectDescendants(member, into: &out) }
    default: out.append(value)
    }
  }

  mutating func applyPredicate(
    _ predicate: JSONataNode, to value: JSONataValue, _ env: JSONataEnvironment
  )
    throws(JSONataError) -> JSONataValue
  {
    let items = value.items
    if case .literal(.number(let n)) = predicate {
      var index = JSONataEvaluator.clampedInt(n.doubleValue.rounded(.down))
      if index < 0 { index += items.count }
      return index >= 0 && index < items.count ? .json(items[index]) : .undefined
    }
    var out: [JSONValue] = []
    for (position, item) in items.enumerated() {
      var result = try evaluate(predicate, .json(item), env)
      if nonFiniteSeen { result = try Self.finitePredicate(result) }
      if let numbers = Self.positions(result) {
        let matched = numbers.contains { n in
          var index = JSONataEvaluator.clampedInt(n.rounded(.down))
          if index < 0 { index += items.count }
          return index == position
        }
        if matched { out.append(item) }
      } else if Self.truthy(result) {
        out.append(item)
      }
    }
    return .finish(out)
  }

  /// The positions a predicate's value selects: a number or an array of numbers (jsonata-js
  /// isNumeric / isArrayOfNumbers); nil for a value tested for truth.
  static func positions(_ result: JSONataValue) -> [Double]? {
    switch result {
    case .json(.number(let n)): return [n.doubleValue]
    case .json(.array(let a)) where !a.isEmpty && a.allSatisfy({ $0.numberValue != nil }):
      return a.map { $0.doubleValue ?? 0 }
    case .sequence(let s) where s.allSatisfy({ $0.numberValue != nil }):
      return s.map { $0.doubleValue ?? 0 }
    default: return nil
    }
  }

  /// jsonata-js's order-by comparator: undefined sorts last, only numbers or only strings.
  mutating func sort(_ items: [JSONValue], _ terms: [JSONataSortTerm], _ env: JSONataEnvironment)
    throws(JSONataError) -> [JSONValue]
  {
    var keys: [[JSONataValue]] = []
    keys.reserveCapacity(items.count)
    for item in items {
      var row: [JSONataValue] = []
      for term in terms { row.append(try evaluate(term.expression, .json(item), env)) }
      keys.append(row)
    }
    return try Self.sortedOrder(keys, terms).map { items[$0] }
  }

  /// The positions of `keys` (one row of term values per item) in order-by order.
  static func sortedOrder(_ keys: [[JSONataValue]], _ terms: [JSONataSortTerm])
    throws(JSONataError) -> [Int]
  {
    func compare(_ a: [JSONataValue], _ b: [JSONataValue]) throws(JSONataError) -> Int {
      for (index, term) in terms.enumerated() {
        let (x, y) = (a[index], b[index])
        var order: Int
        if x.isUndefined {
          order = y.isUndefined ? 0 : 1
          if order != 0 { return order }
          continue
        }
        if y.isUndefined { return -1 }
        switch (x, y) {
        case (.json(.number(let p)), .json(.number(let q))):
          order = p.doubleValue == q.doubleValue ? 0 : (p.doubleValue < q.doubleValue ? -1 : 1)
        case (.json(.string(let p)), .json(.string(let q))):
          order = p == q ? 0 : ComparisonOperator.compareUTF16(p, q) < 0 ? -1 : 1
        case (.json(.number), .json(.string)), (.json(.string), .json(.number)):
          throw Self.error(
            "T2007",
            "Type mismatch when comparing values \(Self.display(x)) and \(Self.display(y)) in order-by clause")
        default:
          throw Self.error(
            "T2008", "The expressions within an order-by clause must evaluate to numeric or string values")
        }
        if term.descending { order = -order }
        if order != 0 { return order }
      }
      return 0
    }
    let indices = (0..<keys.count).map { JSONValue.int($0) }
    let sorted = try JSONataFunctions.mergeSort(indices[...]) { (a, b) throws(JSONataError) -> Bool in
      try compare(keys[a.intValue ?? 0], keys[b.intValue ?? 0]) > 0
    }
    return sorted.compactMap { $0.intValue }
  }

  // MARK: Operators

  mutating func binary(
    _ op: String, _ lhs: JSONataNode, _ rhs: JSONataNode, _ context: JSONataValue,
    _ env: JSONataEnvironment
  ) throws(JSONataError) -> JSONataValue {
    if op == "and" {
      let first = try evaluate(lhs, context, env)
      guard try isTrue(first) else { return .json(.bool(false)) }
      let second = try evaluate(rhs, context, env)
      return .json(.bool(try isTrue(second)))
    }
    if op == "or" {
      let first = try evaluate(lhs, context, env)
      if try isTrue(first) { return .json(.bool(true)) }
      let second = try evaluate(rhs, context, env)
      return .json(.bool(try isTrue(second)))
    }
    let left = try evaluate(lhs, context, env)
    let right = try evaluate(rhs, context, env)
    switch op {
    case "+", "-", "*", "/", "%":
      // Types first, then undefined (jsonata-js evaluateNumericExpression).
      if !left.isUndefined, Self.numberValue(left) == nil {
        throw Self.error(
          "T2001", "The left side of the \"\(op)\" operator must evaluate to a number")
      }
      if !right.isUndefined, Self.numberValue(right) == nil {
        throw Self.error(
          "T2002", "The right side of the \"\(op)\" operator must evaluate to a number")
      }
      if nonFiniteSeen { try Self.checkFiniteOperands(left, right, op) }
      guard let a = Self.numberValue(left), let b = Self.numberValue(right) else { return .undefined }
      let x = a.doubleValue
      let y = b.doubleValue
      let result: Double
      switch op {
      case "+": result = x + y
      case "-": result = x - y
      case "*": result = x * y
      case "/": result = x / y
      default: result = x.truncatingRemainder(dividingBy: y)
      }
      guard result.isFinite else { return nonFinite(result) }
      return .json(.number(JSONNumber(result)))
    case "=", "!=":
      if left.isUndefined || right.isUndefined { return .json(.bool(false)) }
      let equal = left.json == right.json && !(nonFiniteSeen && Self.isNaN(left))
      return .json(.bool(op == "=" ? equal : !equal))
    case "<", "<=", ">", ">=":
      // Only strings, numbers and undefined compare; undefined on a side gives undefined
      // (jsonata-js evaluateComparisonExpression).
      for side in [left, right] {
        switch side {
        case .undefined, .json(.string), .json(.number): continue
        default:
          throw Self.error(
            "T2010",
            "The expressions either side of operator \"\(op)\" must evaluate to numeric or string values")
        }
      }
      if left.isUndefined || right.isUndefined { return .undefined }
      let order: Int
      switch (left, right) {
      case (.json(.number(let a)), .json(.number(let b))):
        order = a.doubleValue < b.doubleValue ? -1 : (a.doubleValue == b.doubleValue ? 0 : 1)
      case (.json(.string(let a)), .json(.string(let b))):
        order = ComparisonOperator.compareUTF16(a, b)
      case (.json(.number), .json(.string)), (.json(.string), .json(.number)):
        throw Self.error(
          "T2009",
          "The values \(Self.display(left)) and \(Self.display(right)) either side of operator \"\(op)\" must be of the same data type"
        )
      default:
        throw Self.error(
          "T2010",
          "The expressions either side of operator \"\(op)\" must evaluate to numeric or string values"
        )
      }
      switch op {
      case "<": return .json(.bool(order < 0))
      case "<=": return .json(.bool(order <= 0))
      case ">": return .json(.bool(order > 0))
      default: return .json(.bool(order >= 0))
      }
    case "&":
      if nonFiniteSeen { try Self.checkFiniteConcatenation(left, right) }
      let (l, r) = (try Self.stringify(left), try Self.stringify(right))
      try Self.checkStringSize(l.utf8.count + r.utf8.count)
      return .json(.string(l + r))
    case "in":
      if left.isUndefined || right.isUndefined { return .json(.bool(false)) }
      guard let needle = left.json else { return .json(.bool(false)) }
      return .json(.bool(right.items.contains(needle)))
    default:
      throw Self.error("S0201", "Unsupported operator \"\(op)\"")
    }
  }

  /// JSONata's boolean cast.
  static func truthy(_ value: JSONataValue) -> Bool {
    switch value {
    case .undefined: return false
    case .function, .regex: return false
    case .sequence(let s): return s.contains { truthy(.json($0)) }
    case .json(let v):
      switch v {
      case .null: return false
      case .bool(let b): return b
      case .number(let n): return n.doubleValue != 0 && !n.doubleValue.isNaN
      case .string(let s): return !s.isEmpty
      case .array(let a):
        if a.count == 1 { return truthy(.json(a[0])) }
        return a.contains { truthy(.json($0)) }
      case .object(let o): return !o.isEmpty && !isStoredFunction(o)
      }
    }
  }

  /// `$string` conversion (strings as is, numbers like JavaScript, others as compact JSON).
  static func stringify(_ value: JSONataValue) throws(JSONataError) -> String {
    switch value {
    case .undefined: return ""
    case .function, .regex: return ""
    case .json(.string(let s)): return s
    case .json(.number(let n)): return formatNumber(n.doubleValue)
    case .json(let v) where isStoredFunction(v): return ""
    case .json(let v): return try boundedCompactJS(v)
    case .sequence(let s): return try boundedCompactJS(.array(s))
    }
  }

  /// `compactJS` of a value measured first: a structure built from shared parts may be far
  /// larger as text than in memory.
  static func boundedCompactJS(_ value: JSONValue) throws(JSONataError) -> String {
    if PayloadSize.exceeds(value, limit: EvaluationBudget.stringBytes) {
      try checkStringSize(EvaluationBudget.stringBytes + 1)
    }
    return compactJS(value)
  }

  /// Compact JSON with numbers printed as JavaScript prints them.
  static func compactJS(_ value: JSONValue) -> String {
    switch value {
    case .number(let n): return formatNumber(n.doubleValue)
    case .array(let a): return "[" + a.map(compactJS).joined(separator: ",") + "]"
    case .object(let o) where isStoredFunction(o): return "\"\""
    case .object(let o):
      return "{"
        + o.storage.map { JSONValue.string($0.key).compactString + ":" + compactJS($0.value) }
        .joined(separator: ",") + "}"
    default: return value.compactString
    }
  }

  /// JavaScript number formatting after rounding to 15 significant digits (as `$string` does).
  static func formatNumber(_ value: Double) -> String {
    JSNumberText.string(JSNumberText.precision15(value))
  }

  /// Short rendering of a value for error messages.
  static func display(_ value: JSONataValue) -> String {
    switch value {
    case .undefined: return "undefined"
    case .function: return "a function"
    case .regex: return "a regular expression"
    default: return compactJS(value.json ?? .null)
    }
  }

  // MARK: Calls

  mutating func call(
    _ callee: JSONataNode, _ argumentNodes: [JSONataNode], prepend: JSONataValue?,
    _ context: JSONataValue, _ env: JSONataEnvironment
  ) throws(JSONataError) -> JSONataValue {
    switch try resolveCall(callee, argumentNodes, prepend: prepend, context, env) {
    case .value(let value): return value
    case .invocation(let function, let arguments, let name, _):
      return try invoke(function, arguments, context: context, name: name)
    }
  }

  /// Evaluates a call's function and arguments without applying it; a partial application is
  /// already its value.
  mutating func resolveCall(
    _ callee: JSONataNode, _ argumentNodes: [JSONataNode], prepend: JSONataValue?,
    _ context: JSONataValue, _ env: JSONataEnvironment
  ) throws(JSONataError) -> TailCall {
    let called = try evaluate(callee, context, env)
    let function = resolved(called)
    let isPartial = argumentNodes.contains { $0 == .placeholder }
    guard let f = Self.callable(function) else {
      // jsonata-js's hint when a function name lost its `$`.
      if function.isUndefined, case .path(let steps) = callee, case .name(let name) = steps.first,
        env.lookup(name) != nil || JSONataFunctions.names.contains(name)
      {
        throw Self.error(
          isPartial ? "T1007" : "T1005",
          "Attempted to \(isPartial ? "partially apply" : "invoke") a non-function. Did you mean ${{{\(name)}}}?"
            .replacingOccurrences(of: "{{{\(name)}}}", with: name))
      }
      if function.isUndefined, case .name(let name) = callee,
        env.lookup(name) != nil || JSONataFunctions.names.contains(name)
      {
        throw Self.error(
          isPartial ? "T1007" : "T1005",
          "Attempted to \(isPartial ? "partially apply" : "invoke") a non-function. Did you mean $\(name)?")
      }
      throw Self.error(
        isPartial ? "T1008" : "T1006",
        "Attempted to \(isPartial ? "partially apply" : "invoke") a non-function")
    }
    if isPartial {
      return .value(try partiallyApply(f, argumentNodes, prepend: prepend, context, env))
    }
    var arguments: [JSONataValue] = []
    if let prepend { arguments.append(prepend) }
    for node in argumentNodes { arguments.append(try evaluate(node, context, env)) }
    let name = Self.calleeName(callee)
    return .invocation(f, arguments, name: name.isEmpty ? nil : name, context: context)
  }

  /// `$f(?, x)`: a lambda taking the `?` arguments in order, with the other arguments
  /// evaluated now (jsonata-js partialApplyProcedure).
  mutating func partiallyApply(
    _ function: JSONataFunction, _ argumentNodes: [JSONataNode], prepend: JSONataValue?,
    _ context: JSONataValue, _ env: JSONataEnvironment
  ) throws(JSONataError) -> JSONataValue {
    let scope = JSONataEnvironment(parent: env)
    scope.bindings["\u{0}partial"] = .function(function)
    var parameters: [String] = []
    var arguments: [JSONataNode] = []
    if let prepend {
      scope.bindings["\u{0}prepend"] = prepend
      arguments.append(.variable("\u{0}prepend"))
    }
    for (index, node) in argumentNodes.enumerated() {
      let name = "\u{0}argument\(index)"
      if node == .placeholder {
        parameters.append(name)
      } else {
        scope.bindings[name] = try evaluate(node, context, env)
      }
      arguments.append(.variable(name))
    }
    let body = JSONataNode.call(.variable("\u{0}partial"), arguments)
    return .function(JSONataFunction(.lambda(parameters, body, scope, context)))
  }

  /// The name jsonata-js puts in call errors: the variable or path step naming the function.
  static func calleeName(_ callee: JSONataNode) -> String {
    switch callee {
    case .variable(let name), .name(let name): return name.hasPrefix("\u{0}") ? "" : name
    case .path(let steps): return steps.first.map(calleeName) ?? ""
    default: return ""
    }
  }

  /// Calls `function` as a higher-order function does (no context value to substitute).
  mutating func invoke(_ function: JSONataFunction, _ arguments: [JSONataValue])
    throws(JSONataError)
    -> JSONataValue
  {
    try invoke(function, arguments, context: .undefined, name: nil)
  }

  /// Calls `function` with `arguments` checked against its signature; `context` stands in for a
  /// missing argument the signature marks `-`.
  mutating func invoke(
    _ function: JSONataFunction, _ arguments: [JSONataValue], context: JSONataValue,
    name: String?
  ) throws(JSONataError) -> JSONataValue {
    var next = (function: function, arguments: arguments, context: context, name: name)
    // The trampoline: a lambda whose body ends in a call returns that call unapplied and it runs
    // here, so tail recursion takes no native stack (jsonata-js apply's thunk loop).
    var trampolined = false
    while true {
      let randomBefore = random
      let outcome: TailCall
      if trampolined {
        // A trampolined call runs outside the evaluation level of the call node that made it, so
        // it takes a level (and a step) of its own while it runs: recursion that goes through a
        // built-in (`$map` calling back a lambda whose last call is `$map` again) still meets
        // the depth limit instead of the native stack's end.
        try enterStep()
        defer { depth -= 1 }
        outcome = try applyOnce(next.function, next.arguments, context: next.context, name: next.name)
      } else {
        outcome = try applyOnce(next.function, next.arguments, context: next.context, name: next.name)
      }
      switch outcome {
      case .value(let value): return value
      // The tail call's `-` context is where it is written, as if it were not trampolined.
      case .invocation(let f, let a, let name, let context):
        if f === next.function, random == randomBefore, Self.repeatsItself(f, a, next.arguments) {
          throw Self.budgetError(
            "Infinite loop: a function calls itself with the same arguments as its last expression.")
        }
        next = (f, a, context, name)
        trampolined = true
      }
    }
  }

  /// Calls `function` once; a lambda's tail call comes back unapplied.
  mutating func applyOnce(
    _ function: JSONataFunction, _ arguments: [JSONataValue], context: JSONataValue,
    name: String?
  ) throws(JSONataError) -> TailCall {
    var arguments = storedFunctions.isEmpty ? arguments : arguments.map(resolved)
    switch function.kind {
    case .builtin(let builtin):
      if let signature = JSONataFunctions.compiledSignatures[builtin] {
        arguments = try signature.validate(
          arguments, context: Self.unwrapped(context), function: name ?? builtin)
        // A trailing undefined is an argument left out, as a JavaScript built-in sees it;
        // except to $zip, which counts its arguments (an undefined one zips to []).
        while builtin != "zip", let last = arguments.last, last.isUndefined { arguments.removeLast() }
      }
      if nonFiniteSeen { try Self.checkFiniteArguments(builtin, arguments) }
      return .value(try JSONataFunctions.call(builtin, arguments, &self))
    case .lambda(let parameters, let body, let closure, let definitionContext):
      if let signature = function.signature {
        arguments = try signature.validate(
          arguments, context: Self.unwrapped(context), function: name ?? "")
      }
      let scope = JSONataEnvironment(parent: closure)
      for (index, parameter) in parameters.enumerated() {
        scope.bindings[parameter] = index < arguments.count ? arguments[index] : .undefined
      }
      return try evaluateTail(body, definitionContext, scope)
    case .matcher(let regex):
      return .value(try Self.applyMatcher(regex, arguments, &self))
    }
  }
}
