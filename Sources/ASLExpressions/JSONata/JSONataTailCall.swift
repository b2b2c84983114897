import JSONCore

/// The result of a lambda body with its last call left unapplied, so `invoke` can run that call
/// in a loop instead of nesting (jsonata-js's tail-call thunk).
enum TailCall {
  case value(JSONataValue)
  /// A call of `function` with `arguments`, written where `context` is the context.
  case invocation(JSONataFunction, [JSONataValue], name: String?, context: JSONataValue)
}

extension JSONataFunction {
  var isLambda: Bool {
    if case .lambda = kind { return true }
    return false
  }
}

extension JSONataEvaluator {
  /// Evaluates a lambda body, leaving a call in tail position unapplied. Tail positions are
  /// those jsonata-js's tailCallOptimize marks (parser.js): the body itself, both branches of a
  /// condition (`?:` and `??` are conditions there too) and the last expression of a block. A
  /// call with predicates (`$f(x)[0]`) or inside a path is not a tail call.
  mutating func evaluateTail(_ node: JSONataNode, _ context: JSONataValue, _ env: JSONataEnvironment)
    throws(JSONataError) -> TailCall
  {
    switch node {
    case .condition, .block, .call, .defaulting, .coalesce: break
    default: return .value(try evaluate(node, context, env))
    }
    // Each level counts as evaluate counts it, so the step budget and depth limit are unchanged.
    try enterStep()
    defer { depth -= 1 }
    switch node {
    case .condition(let test, let then, let otherwise):
      let tested = try evaluate(test, context, env)
      if try isTrue(tested) { return try evaluateTail(then, context, env) }
      guard let otherwise else { return .value(.undefined) }
      return try evaluateTail(otherwise, context, env)
    case .defaulting(let lhs, let rhs):
      let value = try evaluate(lhs, context, env)
      return try isTrue(value) ? .value(value) : try evaluateTail(rhs, context, env)
    case .coalesce(let lhs, let rhs):
      let value = try evaluate(lhs, context, env)
      return value.isUndefined ? try evaluateTail(rhs, context, env) : .value(value)
    case .block(let items):
      guard let last = items.last else { return .value(.undefined) }
      let scope = JSONataEnvironment(parent: env)
      for item in items.dropLast() { _ = try evaluate(item, context, scope) }
      return try evaluateTail(last, context, scope)
    case .call(let callee, let arguments):
      let call = try resolveCall(callee, arguments, prepend: nil, context, env)
      // Only a lambda's call is left to the trampoline: a built-in runs here, inside this
      // call's level, as a nested call would (a higher-order one may call back into lambdas).
      guard case .invocation(let function, let arguments, let name, _) = call,
        !function.isLambda
      else { return call }
      return .value(try invoke(function, arguments, context: context, name: name))
    default:
      return .value(try evaluate(node, context, env))
    }
  }

  /// True when a tail call of `function` with `arguments` repeats the call that made it
  /// (`previous`): the same lambda, without a signature, on the same scalar arguments. Scopes a
  /// body closes over cannot change while it runs, so with no random draw in between the call
  /// would repeat forever; it stops with U1001 at once rather than at the step budget.
  /// Structured arguments are not compared (that would cost their size on every call).
  static func repeatsItself(
    _ function: JSONataFunction, _ arguments: [JSONataValue], _ previous: [JSONataValue]
  ) -> Bool {
    guard function.signature == nil, arguments.count == previous.count else { return false }
    for (a, b) in zip(arguments, previous) {
      switch (a, b) {
      case (.undefined, .undefined): continue
      case (.function(let f), .function(let g)) where f === g: continue
      case (.json(let x), .json(let y)):
        switch x {
        case .array, .object: return false
        default: if x != y { return false }
        }
      default: return false
      }
    }
    return true
  }
}
