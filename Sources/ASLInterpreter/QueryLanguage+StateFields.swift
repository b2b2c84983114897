import ASLExpressions
import ASLModel
import JSONCore

/// The state fields each query language writes its own way: a Fail state's Error and Cause, a
/// Wait state's time, Choice conditions, a Map state's items and item inputs.
extension QueryLanguage {
  /// A Fail state's error and cause: literal or ErrorPath/CausePath (JSONPath), or JSONata
  /// Error/Cause.
  func errorAndCause(_ x: inout Execution, _ unit: Int, _ s: FailState, input: JSONValue)
    throws(ASLRuntimeError) -> (error: String?, cause: String?)
  {
    switch self {
    case .jsonPath:
      let e = s.common.expressions
      var error = s.error
      var cause = s.cause
      if let path = e.errorPath {
        error = try x.pathValue(unit, path, field: "ErrorPath", input: input).textValue
      }
      if let path = e.causePath {
        cause = try x.pathValue(unit, path, field: "CausePath", input: input).textValue
      }
      return (error, cause)
    case .jsonata:
      let states = x.statesObject(unit, input: input)
      var error: String? = nil
      var cause: String? = nil
      if let e = s.error {
        error = try x.jsonata(unit, .string(e), field: "Error", states: states, stateField: true)
          .textValue
      }
      if let c = s.cause {
        cause = try x.jsonata(unit, .string(c), field: "Cause", states: states, stateField: true)
          .textValue
      }
      return (error, cause)
    }
  }

  /// When a Wait state ends: Seconds/Timestamp (literal or …Path) or their JSONata forms.
  func waitUntil(_ x: inout Execution, _ unit: Int, _ s: WaitState, input: JSONValue)
    throws(ASLRuntimeError) -> VirtualInstant
  {
    switch self {
    case .jsonPath:
      let now = x.now
      let e = s.common.expressions
      if let seconds = s.seconds {
        // Any integral number, as the validator accepts (`10.0`, `-0.0`, `1e-999999` is 0).
        guard case .number(let n) = seconds, let i = n.intValue else {
          throw ASLRuntimeError(
            error: "States.Runtime",
            cause: "The Seconds field must be an integer: \(seconds.compactString)")
        }
        return now.adding(seconds: Double(max(0, i)))
      }
      if let timestamp = s.timestamp, case .string = timestamp {
        return try x.waitEnd(
          at: timestamp, orFail: "States.Runtime",
          "The Timestamp field does not contain a valid ISO-8601 extended offset date-time format "
            + "string: ")
      }
      if let path = e.secondsPath, let text = s.secondsPath {
        let value = try x.pathValue(unit, path, field: "SecondsPath", input: input)
        guard case .number(let n) = value, n.isIntegerLiteral, let i = n.intValue else {
          throw ASLRuntimeError(
            error: "States.Runtime",
            cause: "The SecondsPath parameter cannot be parsed as a long value: \(text) == "
              + value.textValue)
        }
        guard i >= 0 else {
          throw ASLRuntimeError(
            error: "States.Runtime",
            cause: "The SecondsPath parameter references a negative value: \(text) == \(i)")
        }
        return now.adding(seconds: Double(i))
      }
      if let path = e.timestampPath, let text = s.timestampPath {
        return try x.waitEnd(
          at: x.pathValue(unit, path, field: "TimestampPath", input: input),
          orFail: "States.Runtime",
          "The TimestampPath parameter does not reference a valid ISO-8601 extended offset "
            + "date-time format string: \(text) == ")
      }
      return now
    case .jsonata:
      let now = x.now
      let states = x.statesObject(unit, input: input)
      if let seconds = s.seconds {
        let n = try x.jsonataNumber(unit, seconds, field: "Seconds", states: states)
        guard n.isIntegerLiteral || n.doubleValue == n.doubleValue.rounded(), n.doubleValue >= 0
        else {
          throw ASLRuntimeError(
            error: "States.QueryEvaluationError",
            cause: "The Seconds field must be a non-negative integer: \(n.text)", location: "Seconds")
        }
        return now.adding(seconds: n.doubleValue)
      }
      if let timestamp = s.timestamp {
        let v = try x.jsonata(unit, timestamp, field: "Timestamp", states: states, stateField: true)
        return try x.waitEnd(
          at: v, orFail: "States.QueryEvaluationError", location: "Timestamp",
          "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format "
            + "string: ")
      }
      return now
    }
  }

  /// What the rules of a Choice state read, built once for all of them.
  func conditionScope(_ x: inout Execution, _ unit: Int, input: JSONValue) -> ConditionScope {
    switch self {
    case .jsonPath: .jsonPath(x.scope(unit, input: input))
    case .jsonata: .jsonata(states: x.statesObject(unit, input: input), input: input)
    }
  }

  /// A Map state's items: ItemsPath (JSONPath) or Items (JSONata).
  func mapItems(_ x: inout Execution, _ unit: Int, _ s: MapState, input: JSONValue)
    throws(ASLRuntimeError) -> [JSONValue]
  {
    switch self {
    case .jsonPath:
      var items = input
      if case .path(let text) = s.itemsPath, text != "$", let path = s.common.expressions.itemsPath
      {
        items = try x.pathValue(unit, path, field: "ItemsPath", input: input)
      }
      guard case .array(let array) = items else {
        throw ASLRuntimeError(
          error: "States.Runtime",
          cause: "Map state input must be an array, but ItemsPath resolved to "
            + "\(items.typeName) \(items.compactString)")
      }
      return array
    case .jsonata:
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
        let text =
          items.stringValue.flatMap(CompiledJSONataTemplate.expressionText) ?? items.compactString
        throw ASLRuntimeError(
          error: "States.QueryEvaluationError",
          cause: "The JSONata expression '\(text)' specified for the field 'Items' returned an "
            + "unexpected result type. Expected 'array', but was '\(value.typeName)' for value: "
            + value.compactString, location: "Items")
      }
      return array
    }
  }

  /// Each item's iteration input: ItemSelector (or the legacy Parameters) with the item in the
  /// context; items are unchanged without one.
  func selectItems(
    _ x: inout Execution, _ unit: Int, _ s: MapState, input: JSONValue, _ items: inout [JSONValue]
  ) throws(ASLRuntimeError) {
    switch self {
    case .jsonPath:
      guard let selector = s.common.expressions.parameters else { return }
      let template = try selector.get()
      for index in items.indices {
        let itemScope = x.scope(unit, input: input, mapItem: (index, items[index]))
        items[index] = try template.evaluate(scope: itemScope, random: &x.random)
      }
    case .jsonata:
      guard let selector = s.itemSelector else { return }
      for index in items.indices {
        let states = x.statesObject(unit, input: input, mapItem: (index, items[index]))
        items[index] = try x.jsonata(
          unit, selector, field: "ItemSelector", states: states, stateField: true)
      }
    }
  }
}

/// What the rules of a Choice state read: the effective input's scope (JSONPath) or `$states`
/// (JSONata).
enum ConditionScope {
  case jsonPath(EvaluationScope)
  case jsonata(states: JSONValue, input: JSONValue)

  /// Whether `rule` matches; `reads` collects the values it read when `recording`.
  func matches(
    _ x: inout Execution, _ unit: Int, _ rule: ChoiceRule,
    reads: inout [(path: String, value: JSONValue?)], recording: Bool
  ) throws(ASLRuntimeError) -> Bool {
    switch self {
    case .jsonPath(let scope):
      return try x.evaluate(rule.condition, scope: scope, reads: &reads, recording: recording)
    case .jsonata(let states, let input):
      guard case .jsonata(let condition) = rule.condition else {
        throw ASLRuntimeError(
          error: "States.Runtime", cause: "A JSONata Choice rule needs a Condition.")
      }
      let value = try x.jsonata(unit, condition, field: "Condition", states: states)
      guard case .bool(let matched) = value else {
        throw ASLRuntimeError(
          error: "States.QueryEvaluationError",
          cause: "The JSONata expression for the field 'Condition' returned an unexpected result "
            + "type. Expected 'boolean', but was '\(value.typeName)' for value: \(value.compactString)",
          location: "Condition")
      }
      if recording { reads.append(("$states.input", input)) }
      return matched
    }
  }
}

extension Execution {
  /// When a Wait until `timestamp` ends (now, if that has passed). When `timestamp` is not an
  /// RFC 3339 string, throws `error` with the cause `message` followed by the value (at
  /// `location`, the field that gave it, when JSONata evaluated it).
  func waitEnd(
    at timestamp: JSONValue, orFail error: String, location: String? = nil,
    _ message: @autoclosure () -> String
  ) throws(ASLRuntimeError) -> VirtualInstant {
    guard case .string(let text) = timestamp, let instant = VirtualInstant(rfc3339: text) else {
      throw ASLRuntimeError(error: error, cause: message() + timestamp.textValue, location: location)
    }
    return max(now, instant)
  }

  /// The value of a `…Path` field read from `input`.
  mutating func pathValue(_ unit: Int, _ path: CompiledPath, field: String, input: JSONValue)
    throws(ASLRuntimeError) -> JSONValue
  {
    try path.get().evaluate(field: field, scope: scope(unit, input: input), random: &random)
  }
}

extension JSONValue {
  /// A string's text, or any other value as compact JSON (how AWS prints values in messages).
  var textValue: String { stringValue ?? compactString }
}
