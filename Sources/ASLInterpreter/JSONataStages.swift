import ASLExpressions
import ASLModel
import JSONCore

/// States in the JSONata query language: `Arguments`, `Output`, `Assign`, `Items`,
/// `ItemSelector`, `Condition`, and `{% … %}` values in numeric/string fields, evaluated with
/// `$states` (`input`, `context`, `result`, `errorOutput`) and the workflow variables.
enum JSONataStages: QueryLanguageStages {
  static func effectiveInput(
    _ x: inout Execution, _ unit: Int, _ common: StateCommon, raw: JSONValue
  ) throws(ASLRuntimeError) -> JSONValue {
    raw
  }

  static func arguments(
    _ x: inout Execution, _ unit: Int, parameters: CompiledTemplate?, arguments: JSONValue?,
    input: consuming JSONValue, taskToken: String?
  ) throws(ASLRuntimeError) -> JSONValue {
    var effective = input
    if let arguments {
      let states = x.statesObject(unit, input: effective, taskToken: taskToken)
      effective = try x.jsonata(unit, arguments, field: "Arguments", states: states, stateField: true)
    }
    x.trace(unit, "Arguments", effective)
    return effective
  }

  static func passResult(_ x: inout Execution, _ unit: Int, _ s: PassState, input: consuming JSONValue)
    throws(ASLRuntimeError) -> JSONValue
  {
    input
  }

  static func leave(
    _ x: inout Execution, _ unit: Int, _ common: StateCommon, _ value: consuming JSONValue,
    _ fields: ExitFields, raw: JSONValue, next: Transition?
  ) throws(ASLRuntimeError) {
    var assign = common.assign
    var output = common.output
    var stateFields = true
    var states: JSONValue
    switch fields {
    case .result:
      states = x.statesObject(unit, input: raw, result: value)
    case .pass, .state:
      states = x.statesObject(unit, input: raw)
    case .succeed:
      assign = nil
      states = x.statesObject(unit, input: raw)
    case .rule(let rule):
      (assign, output, stateFields) = (rule.assign, rule.output, false)
      states = x.statesObject(unit, input: raw)
    }
    try x.jsonataExit(
      unit, output: output, assign: assign, states: states, fallback: consume value, next: next,
      stateFields: stateFields)
  }

  static func leave(
    _ x: inout Execution, _ unit: Int, through catcher: Catcher, errorOutput: JSONValue,
    raw: JSONValue
  ) throws(ASLRuntimeError) {
    try x.jsonataExit(
      unit, output: catcher.output, assign: catcher.assign,
      states: x.statesObject(unit, input: raw, errorOutput: errorOutput), fallback: errorOutput,
      next: .next(catcher.next), stateFields: false, stage: "Catch")
  }

  static func errorAndCause(_ x: inout Execution, _ unit: Int, _ s: FailState, input: JSONValue)
    throws(ASLRuntimeError) -> (error: String?, cause: String?)
  {
    let states = x.statesObject(unit, input: input)
    var error: String? = nil
    var cause: String? = nil
    if let e = s.error {
      error = try x.jsonata(unit, .string(e), field: "Error", states: states, stateField: true).textValue
    }
    if let c = s.cause {
      cause = try x.jsonata(unit, .string(c), field: "Cause", states: states, stateField: true).textValue
    }
    return (error, cause)
  }

  static func waitUntil(_ x: inout Execution, _ unit: Int, _ s: WaitState, input: JSONValue)
    throws(ASLRuntimeError) -> VirtualInstant
  {
    let now = x.now
    let states = x.statesObject(unit, input: input)
    if let seconds = s.seconds {
      let n = try x.jsonataNumber(unit, seconds, field: "Seconds", states: states)
      guard n.isIntegerLiteral || n.doubleValue == n.doubleValue.rounded(), n.doubleValue >= 0 else {
        throw ASLRuntimeError(
          error: "States.QueryEvaluationError",
          cause: "The Seconds field must be a non-negative integer: \(n.text)")
      }
      return now.adding(seconds: n.doubleValue)
    }
    if let timestamp = s.timestamp {
      let v = try x.jsonata(unit, timestamp, field: "Timestamp", states: states, stateField: true)
      guard let end = x.waitEnd(at: v) else {
        throw ASLRuntimeError(
          error: "States.QueryEvaluationError",
          cause: "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time "
            + "format string: " + v.textValue)
      }
      return end
    }
    return now
  }

  static func conditionScope(_ x: inout Execution, _ unit: Int, input: JSONValue)
    -> (states: JSONValue, input: JSONValue)
  {
    (x.statesObject(unit, input: input), input)
  }

  static func matches(
    _ x: inout Execution, _ unit: Int, _ rule: ChoiceRule,
    in scope: (states: JSONValue, input: JSONValue),
    reads: inout [(path: String, value: JSONValue?)], recording: Bool
  ) throws(ASLRuntimeError) -> Bool {
    guard case .jsonata(let condition) = rule.condition else {
      throw ASLRuntimeError(error: "States.Runtime", cause: "A JSONata Choice rule needs a Condition.")
    }
    let value = try x.jsonata(unit, condition, field: "Condition", states: scope.states)
    guard case .bool(let matched) = value else {
      throw ASLRuntimeError(
        error: "States.QueryEvaluationError",
        cause: "The JSONata expression for the field 'Condition' returned an unexpected result "
          + "type. Expected 'boolean', but was '\(value.typeName)' for value: \(value.compactString)")
    }
    if recording { reads.append(("$states.input", scope.input)) }
    return matched
  }

  static func mapItems(_ x: inout Execution, _ unit: Int, _ s: MapState, input: JSONValue)
    throws(ASLRuntimeError) -> [JSONValue]
  {
    guard let items = s.items else {
      guard case .array(let array) = input else {
        throw ASLRuntimeError(
          error: "States.QueryEvaluationError",
          cause: "Map state input must be an array but was: \(input.compactString)")
      }
      return array
    }
    let value = try x.jsonata(
      unit, items, field: "Items", states: x.statesObject(unit, input: input), stateField: true)
    guard case .array(let array) = value else {
      let text = items.stringValue.flatMap(CompiledJSONataTemplate.expressionText) ?? items.compactString
      throw ASLRuntimeError(
        error: "States.QueryEvaluationError",
        cause: "The JSONata expression '\(text)' specified for the field 'Items' returned an "
          + "unexpected result type. Expected 'array', but was '\(value.typeName)' for value: "
          + value.compactString)
    }
    return array
  }

  static func selectItems(
    _ x: inout Execution, _ unit: Int, _ s: MapState, input: JSONValue, _ items: inout [JSONValue]
  ) throws(ASLRuntimeError) {
    guard let selector = s.itemSelector else { return }
    for index in items.indices {
      let states = x.statesObject(unit, input: input, mapItem: (index, items[index]))
      items[index] = try x.jsonata(unit, selector, field: "ItemSelector", states: states, stateField: true)
    }
  }
}
