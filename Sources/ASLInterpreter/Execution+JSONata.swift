import ASLExpressions
import ASLModel
import JSONCore

/// Evaluating JSONata fields, with `$states` (`input`, `context`, `result`, `errorOutput`) and
/// the workflow variables.
extension Execution {
  /// The `$states` object for the state `unit` is in.
  func statesObject(
    _ unit: Int, input: JSONValue, result: JSONValue? = nil, errorOutput: JSONValue? = nil,
    mapItem: (index: Int, value: JSONValue)? = nil, taskToken: String? = nil
  ) -> JSONValue {
    var o = JSONObject(minimumCapacity: 4)
    o["input"] = input
    o["context"] = contextObject(unit, mapItem: mapItem, taskToken: taskToken)
    if let result { o["result"] = result }
    if let errorOutput { o["errorOutput"] = errorOutput }
    return .object(o)
  }

  /// Evaluates a JSONata template (a value whose strings may be `{% … %}`). A state-level
  /// field (`stateField: true`) uses the template compiled at load time.
  mutating func jsonata(
    _ unit: Int, _ template: JSONValue, field: String, states: JSONValue, stateField: Bool = false
  ) throws(ASLRuntimeError) -> JSONValue {
    let compiled: CompiledJSONataTemplate
    if stateField, let cached = visit(of: unit)?.common.jsonataFields[field] {
      compiled = try cached.get()
    } else {
      do throws(ASLRuntimeError) {
        compiled = try CompiledJSONataTemplate(template)
      } catch {
        var located = error
        located.location = field
        throw located
      }
    }
    if compiled.isConstant { return template }
    return try compiled.evaluate(
      states: states, variables: variables(of: unit), field: field, random: &random,
      nowMillis: now.milliseconds)
  }

  /// Evaluates an `Assign` block (JSONata) into the assignments it makes.
  mutating func jsonataAssign(
    _ unit: Int, _ assign: JSONValue?, states: JSONValue, stateField: Bool = false
  ) throws(ASLRuntimeError) -> [(String, JSONValue)] {
    guard let assign else { return [] }
    guard
      case .object(let o) = try jsonata(
        unit, assign, field: "Assign", states: states, stateField: stateField)
    else {
      return []
    }
    return o.storage.map { ($0.key, $0.value) }
  }

  /// Leaves with `Output` when present, else `fallback`, traced as `stage`; Assign is evaluated
  /// with the same (old) variables.
  mutating func jsonataExit(
    _ unit: Int, output: JSONValue?, assign: JSONValue?, states: JSONValue,
    fallback: consuming JSONValue, next: Transition?, stateFields: Bool, stage: String = "Output"
  ) throws(ASLRuntimeError) {
    let assigned = try jsonataAssign(unit, assign, states: states, stateField: stateFields)
    var value = fallback
    if let output {
      value = try jsonata(unit, output, field: "Output", states: states, stateField: stateFields)
    }
    trace(unit, stage, value)
    exitState(unit, output: value, next: next, assigned: assigned)
  }

  /// A JSONata field that must be a number (Seconds, MaxConcurrency, …).
  mutating func jsonataNumber(_ unit: Int, _ value: JSONValue, field: String, states: JSONValue)
    throws(ASLRuntimeError) -> JSONNumber
  {
    let result = try jsonata(unit, value, field: field, states: states, stateField: true)
    guard case .number(let n) = result else {
      throw ASLRuntimeError(
        error: "States.QueryEvaluationError",
        cause: "The JSONata expression for the field '\(field)' returned an unexpected result "
          + "type. Expected 'number', but was '\(result.typeName)' for value: \(result.compactString)",
        location: field)
    }
    return n
  }

  /// A numeric field written as a JSONata string, evaluated with the state's input.
  mutating func jsonataNumber(_ unit: Int, _ text: String, field: String, input: JSONValue)
    throws(ASLRuntimeError) -> JSONNumber
  {
    try jsonataNumber(unit, .string(text), field: field, states: statesObject(unit, input: input))
  }
}
