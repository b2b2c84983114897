import JSONCore

/// Non-finite numbers, as jsonata-js handles them. Arithmetic may yield ±Infinity or NaN
/// (`1/0`, `10 % 0`); jsonata-js carries such a value on and stops it where it is used:
/// `isNumeric` (utils.js) raises D1001 for ±Infinity as an operand, a negation, a predicate or
/// a `$type`, `$string` (functions.js) raises D3001 for a bare one and D1001 for one inside a
/// structure, and NaN is "not a number" to the operators (T2001/T2002, D1002).
///
/// sfdbg carries the value as a JSON number with the text JavaScript prints ("Infinity",
/// "-Infinity", "NaN"; `doubleValue` reads it back). Where sfdbg's JSON cannot take it further
/// it stops it with D1001: in the result of the whole expression, and in the arguments of
/// every built-in function but `$string` and `$exists`, and `$boolean`/`$not` for NaN (jsonata-js
/// would let `$sum([1/0])` through and print null).
extension JSONataEvaluator {
  /// A number for a non-finite arithmetic result; noted so the checks below run at all.
  mutating func nonFinite(_ value: Double) -> JSONataValue {
    nonFiniteSeen = true
    return .json(.number(JSONNumber(text: JSNumberText.string(value))))
  }

  static func outOfRange() -> JSONataError {
    // JSONata fills in the value with JSON.stringify, which writes null for ±Infinity and NaN.
    error("D1001", "Number out of range: null")
  }

  /// The arithmetic operands as jsonata-js's `isNumeric` sees them: ±Infinity is D1001, NaN is
  /// not a number.
  static func checkFiniteOperands(_ left: JSONataValue, _ right: JSONataValue, _ op: String)
    throws(JSONataError)
  {
    for (side, code, name) in [(left, "T2001", "left"), (right, "T2002", "right")] {
      guard let d = numberValue(side)?.doubleValue, !d.isFinite else { continue }
      if d.isNaN {
        throw error(code, "The \(name) side of the \"\(op)\" operator must evaluate to a number")
      }
      throw outOfRange()
    }
  }

  /// NaN equals nothing, itself included (JavaScript's `===`, which jsonata-js's `=` uses).
  static func isNaN(_ value: JSONataValue) -> Bool {
    numberValue(value)?.doubleValue.isNaN ?? false
  }

  /// The boolean cast of a condition, `and`/`or` or `?:`: jsonata-js's `$boolean` meets
  /// ±Infinity (alone or in an array) in `isNumeric`, which raises D1001. Evaluate the value
  /// first: `isTrue(try evaluate(…))` would read `nonFiniteSeen` before the evaluation sets it.
  func isTrue(_ value: JSONataValue) throws(JSONataError) -> Bool {
    if nonFiniteSeen, value.items.contains(where: Self.holdsInfinity) {
      throw Self.outOfRange()
    }
    return Self.truthy(value)
  }

  /// A predicate's numeric result: ±Infinity is D1001; with a NaN the result is no index but
  /// a truth value (NaN is not a number to `isNumeric`, and false to `$boolean`).
  static func finitePredicate(_ result: JSONataValue) throws(JSONataError) -> JSONataValue {
    var sawNaN = false
    for item in result.items {
      guard case .number(let n) = item, !n.doubleValue.isFinite else { continue }
      if n.doubleValue.isInfinite { throw outOfRange() }
      sawNaN = true
    }
    return sawNaN ? .json(.bool(truthy(result))) : result
  }

  /// A built-in function's arguments (see the type comment).
  static func checkFiniteArguments(_ function: String, _ arguments: [JSONataValue])
    throws(JSONataError)
  {
    if function == "exists" { return }
    // $boolean and $not read NaN as false; ±Infinity stops in isNumeric there too.
    let stops: (Double) -> Bool =
      function == "boolean" || function == "not" ? { $0.isInfinite } : { !$0.isFinite }
    for (index, argument) in arguments.enumerated() {
      if function == "string", index == 0, case .json(.number(let n)) = argument,
        !n.doubleValue.isFinite
      {
        throw error("D3001", "Attempting to invoke string function on Infinity or NaN")
      }
      if argument.items.contains(where: { contains($0, stops) }) { throw outOfRange() }
    }
  }

  /// `&` converts each side as `$string` does.
  static func checkFiniteConcatenation(_ left: JSONataValue, _ right: JSONataValue)
    throws(JSONataError)
  {
    try checkFiniteArguments("string", [left])
    try checkFiniteArguments("string", [right])
  }

  static func containsNonFinite(_ value: JSONValue) -> Bool {
    contains(value) { !$0.isFinite }
  }

  /// True when `value` is ±Infinity or an array holding one (objects are not looked into: the
  /// boolean cast only counts their keys).
  static func holdsInfinity(_ value: JSONValue) -> Bool {
    switch value {
    case .number(let n): return n.doubleValue.isInfinite
    case .array(let items): return items.contains(where: holdsInfinity)
    default: return false
    }
  }

  /// True when a number in `value` passes `test`.
  static func contains(_ value: JSONValue, _ test: (Double) -> Bool) -> Bool {
    switch value {
    case .number(let n): return test(n.doubleValue)
    case .array(let items): return items.contains { contains($0, test) }
    case .object(let object): return object.storage.contains { contains($0.value, test) }
    default: return false
    }
  }

  /// The value of a whole expression, which must be JSON: a non-finite number in it is D1001.
  func finished(_ value: JSONataValue) throws(JSONataError) -> JSONataValue {
    if nonFiniteSeen, value.items.contains(where: Self.containsNonFinite) { throw Self.outOfRange() }
    return value
  }
}
