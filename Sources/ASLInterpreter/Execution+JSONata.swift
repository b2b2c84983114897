import ASLExpressions
import ASLModel
import JSONCore

/// States in the JSONata query language: `Arguments`, `Output`, `Assign`, `Items`,
/// `ItemSelector`, `Condition`, and `{% … %}` values in numeric/string fields, with `$states`
/// (`input`, `context`, `result`, `errorOutput`) and the workflow variables.
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
      compiled = try CompiledJSONataTemplate(template)
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

  /// `Output` when present, else `fallback`; Assign evaluated with the same (old) variables.
  mutating func jsonataExit(
    _ unit: Int, output: JSONValue?, assign: JSONValue?, states: JSONValue, fallback: JSONValue,
    next: Transition?, stateFields: Bool = true
  ) throws(ASLRuntimeError) {
    let assigned = try jsonataAssign(unit, assign, states: states, stateField: stateFields)
    let value = try output.map { (o) throws(ASLRuntimeError) -> JSONValue in
      try jsonata(unit, o, field: "Output", states: states, stateField: stateFields)
    } ?? fallback
    trace(unit, "Output", value)
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
          + "type. Expected 'number', but was '\(result.typeName)' for value: \(result.compactString)")
    }
    return n
  }

  // MARK: States

  mutating func runPassJSONata(_ unit: Int, _ s: PassState) {
    let input = rawInput(of: unit)
    do throws(ASLRuntimeError) {
      try jsonataExit(
        unit, output: s.common.output, assign: s.common.assign,
        states: statesObject(unit, input: input), fallback: input, next: s.common.transition)
    } catch {
      stateFailed(unit, error, prefixed: true)
    }
  }

  mutating func runSucceedJSONata(_ unit: Int, _ s: SucceedState) {
    let input = rawInput(of: unit)
    do throws(ASLRuntimeError) {
      try jsonataExit(
        unit, output: s.common.output, assign: nil, states: statesObject(unit, input: input),
        fallback: input, next: .end)
    } catch {
      stateFailed(unit, error, prefixed: true)
    }
  }

  mutating func runFailJSONata(_ unit: Int, _ s: FailState) {
    let input = rawInput(of: unit)
    do throws(ASLRuntimeError) {
      let states = statesObject(unit, input: input)
      var error: String? = nil
      var cause: String? = nil
      if let e = s.error {
        let v = try jsonata(unit, .string(e), field: "Error", states: states, stateField: true)
        error = v.stringValue ?? v.compactString
      }
      if let c = s.cause {
        let v = try jsonata(unit, .string(c), field: "Cause", states: states, stateField: true)
        cause = v.stringValue ?? v.compactString
      }
      units[unit].visit = nil
      units[unit].phase = .failed(error: error ?? "", cause: cause)
      if unit == 0 {
        failExecution(error: error, cause: cause)
      } else {
        childFinished(unit)
      }
    } catch {
      stateFailed(unit, error, prefixed: true)
    }
  }

  mutating func runChoiceJSONata(_ unit: Int, _ s: ChoiceState) {
    let input = rawInput(of: unit)
    do throws(ASLRuntimeError) {
      let states = statesObject(unit, input: input)
      var explanation = options.recordTraces ? ChoiceExplanation() : nil
      for (index, rule) in s.choices.enumerated() {
        guard case .jsonata(let condition) = rule.condition else {
          throw ASLRuntimeError(
            error: "States.Runtime", cause: "A JSONata Choice rule needs a Condition.")
        }
        let value = try jsonata(unit, condition, field: "Condition", states: states)
        guard case .bool(let matched) = value else {
          throw ASLRuntimeError(
            error: "States.QueryEvaluationError",
            cause: "The JSONata expression for the field 'Condition' returned an unexpected result "
              + "type. Expected 'boolean', but was '\(value.typeName)' for value: \(value.compactString)")
        }
        explanation?.rules.append(
          ChoiceRuleEvaluation(
            index: index, description: rule.condition.summary,
            matched: matched, reads: [("$states.input", input)]))
        if matched, let next = rule.next {
          explanation?.matchedRule = index
          openTraces[unit]?.choice = explanation
          try jsonataExit(
            unit, output: rule.output, assign: rule.assign, states: states, fallback: input,
            next: .next(next), stateFields: false)
          return
        }
      }
      guard let fallback = s.defaultState else {
        throw ASLRuntimeError(
          error: "States.NoChoiceMatched",
          cause: "No Choice Rule matched and no Default was specified.")
      }
      explanation?.usedDefault = true
      openTraces[unit]?.choice = explanation
      try jsonataExit(
        unit, output: s.common.output, assign: s.common.assign, states: states, fallback: input,
        next: .next(fallback))
    } catch {
      stateFailed(unit, error, prefixed: true)
    }
  }

  mutating func runWaitJSONata(_ unit: Int, _ s: WaitState) {
    let input = rawInput(of: unit)
    do throws(ASLRuntimeError) {
      let states = statesObject(unit, input: input)
      var until = now
      if let seconds = s.seconds {
        let n = try jsonataNumber(unit, seconds, field: "Seconds", states: states)
        guard n.isIntegerLiteral || n.doubleValue == n.doubleValue.rounded(), n.doubleValue >= 0 else {
          throw ASLRuntimeError(
            error: "States.QueryEvaluationError",
            cause: "The Seconds field must be a non-negative integer: \(n.text)")
        }
        until = now.adding(seconds: n.doubleValue)
      } else if let timestamp = s.timestamp {
        let v = try jsonata(unit, timestamp, field: "Timestamp", states: states, stateField: true)
        guard case .string(let text) = v, let instant = VirtualInstant(rfc3339: text) else {
          throw ASLRuntimeError(
            error: "States.QueryEvaluationError",
            cause: "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time "
              + "format string: " + (v.stringValue ?? v.compactString))
        }
        until = max(now, instant)
      }
      units[unit].visit?.effectiveInput = input
      if until <= now {
        finishWaitJSONata(unit, s)
      } else {
        units[unit].phase = .waitingTimer(until: until, reason: .wait)
        addTimer(Timer(due: until, sequence: 0, kind: .unit(unit)))
      }
    } catch {
      stateFailed(unit, error, prefixed: true)
    }
  }

  mutating func finishWaitJSONata(_ unit: Int, _ s: WaitState) {
    let input = rawInput(of: unit)
    do throws(ASLRuntimeError) {
      try jsonataExit(
        unit, output: s.common.output, assign: s.common.assign,
        states: statesObject(unit, input: input), fallback: input, next: s.common.transition)
    } catch {
      stateFailed(unit, error, prefixed: true)
    }
  }

  /// Arguments (Task/Parallel) or the input.
  mutating func jsonataArguments(
    _ unit: Int, _ arguments: JSONValue?, input: JSONValue, taskToken: String? = nil
  ) throws(ASLRuntimeError) -> JSONValue {
    guard let arguments else { return input }
    return try jsonata(
      unit, arguments, field: "Arguments",
      states: statesObject(unit, input: input, taskToken: taskToken), stateField: true)
  }

  /// Output/Assign after a Task, Parallel or Map produced `result`.
  mutating func finishWithResultJSONata(_ unit: Int, result: JSONValue, common: StateCommon) {
    let input = rawInput(of: unit)
    trace(unit, "Result", result)
    do throws(ASLRuntimeError) {
      try jsonataExit(
        unit, output: common.output, assign: common.assign,
        states: statesObject(unit, input: input, result: result), fallback: result,
        next: common.transition)
    } catch {
      stateFailed(unit, error, prefixed: true)
    }
  }

  /// Map items in JSONata: `Items` (must give an array) or the state input.
  mutating func jsonataItems(_ unit: Int, _ s: MapState, input: JSONValue)
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
    let value = try jsonata(
      unit, items, field: "Items", states: statesObject(unit, input: input), stateField: true)
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

  /// A JSONata Map number field (MaxConcurrency, ToleratedFailureCount/Percentage).
  mutating func jsonataMapNumber(
    _ unit: Int, _ field: MapNumberField?, name: String, input: JSONValue
  ) throws(ASLRuntimeError) -> Double? {
    switch field {
    case nil: return nil
    case .value(let n)?: return n.doubleValue
    case .path?: return nil
    case .jsonata(let text)?:
      return try jsonataNumber(unit, .string(text), field: name, states: statesObject(unit, input: input))
        .doubleValue
    }
  }
}
