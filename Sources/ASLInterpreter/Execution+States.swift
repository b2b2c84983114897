import ASLExpressions
import ASLModel
import JSONCore

extension Execution {
  // MARK: Pass

  mutating func runPass(_ language: QueryLanguage, _ unit: Int, _ s: PassState)
    throws(ASLRuntimeError)
  {
    let common = s.common
    let raw = rawInput(of: unit)
    let effective = try language.effectiveInput(&self, unit, common, raw: raw)
    let result = try language.passResult(&self, unit, s, input: consume effective)
    try language.leave(
      &self, unit, common, consume result, .pass(s), raw: raw, next: common.transition)
  }

  // MARK: Succeed

  mutating func runSucceed(_ language: QueryLanguage, _ unit: Int, _ s: SucceedState)
    throws(ASLRuntimeError)
  {
    let raw = rawInput(of: unit)
    let effective = try language.effectiveInput(&self, unit, s.common, raw: raw)
    try language.leave(&self, unit, s.common, effective, .succeed, raw: raw, next: .end)
  }

  // MARK: Fail

  mutating func runFail(_ language: QueryLanguage, _ unit: Int, _ s: FailState)
    throws(ASLRuntimeError)
  {
    let (error, cause) = try language.errorAndCause(&self, unit, s, input: rawInput(of: unit))
    // A Fail state ends its unit directly; nothing can catch it inside the same scope.
    unitFailed(unit, error: error, cause: cause)
  }

  // MARK: Choice

  mutating func runChoice(_ language: QueryLanguage, _ unit: Int, _ s: ChoiceState)
    throws(ASLRuntimeError)
  {
    let raw = rawInput(of: unit)
    let effective = try language.effectiveInput(&self, unit, s.common, raw: raw)
    let conditionScope = language.conditionScope(&self, unit, input: effective)
    var explanation = options.recordTraces ? ChoiceExplanation() : nil
    var chosen: (next: String, fields: ExitFields)? = nil
    for (index, rule) in s.choices.enumerated() {
      var reads: [(path: String, value: JSONValue?)] = []
      let matched = try conditionScope.matches(
        &self, unit, rule, reads: &reads, recording: explanation != nil)
      if explanation != nil {
        explanation!.rules.append(
          ChoiceRuleEvaluation(
            index: index, description: rule.condition.summary, matched: matched, reads: reads))
      }
      if matched, let next = rule.next {
        chosen = (next, .rule(rule))
        explanation?.matchedRule = index
        break
      }
    }
    if chosen == nil, let fallback = s.defaultState {
      chosen = (fallback, .state)
      explanation?.usedDefault = true
    }
    openTraces[unit]?.choice = explanation
    guard let (next, fields) = chosen else {
      throw ASLRuntimeError(
        error: "States.NoChoiceMatched",
        cause: "No Choice Rule matched and no Default was specified.")
    }
    try language.leave(&self, unit, s.common, effective, fields, raw: raw, next: .next(next))
  }

  /// Evaluates a Choice condition; `reads` collects the values read when `recording`.
  mutating func evaluate(
    _ condition: ChoiceCondition, scope: EvaluationScope,
    reads: inout [(path: String, value: JSONValue?)], recording: Bool
  ) throws(ASLRuntimeError) -> Bool {
    switch condition {
    case .and(let items):
      for item in items
      where !(try evaluate(item, scope: scope, reads: &reads, recording: recording)) {
        return false
      }
      return true
    case .or(let items):
      for item in items where try evaluate(item, scope: scope, reads: &reads, recording: recording)
      {
        return true
      }
      return false
    case .not(let inner):
      return !(try evaluate(inner, scope: scope, reads: &reads, recording: recording))
    case .jsonata:
      throw ASLRuntimeError(
        error: "States.Runtime",
        cause: "JSONata conditions are not supported by this interpreter yet.")
    case .comparison(let c):
      guard let op = c.comparisonOperator else {
        throw ASLRuntimeError(
          error: "States.Runtime", cause: "Unknown Choice operator '\(c.operatorName)'.")
      }
      let value = try readOptional(c.compiledVariable.get(), scope: scope)
      if recording { reads.append((c.variable, value)) }
      var operand = c.operand
      if let operandPath = c.compiledOperandPath {
        let path = try operandPath.get()
        guard let resolved = try readOptional(path, scope: scope) else {
          throw ComparisonOperator.invalidPathError(path.text)
        }
        if recording { reads.append((path.text, resolved)) }
        operand = resolved
      }
      return try op.evaluate(value: value, operand: operand, variable: c.variable)
    }
  }

  /// Reads a path without failing when it matches nothing (nil then); intrinsics evaluate.
  mutating func readOptional(_ expression: ParsedPathExpression, scope: EvaluationScope)
    throws(ASLRuntimeError) -> JSONValue?
  {
    guard let (source, path) = expression.path else {
      return try expression.evaluate(field: "Variable", scope: scope, random: &random)
    }
    let document: JSONValue
    switch source {
    case .input: document = scope.input
    case .context: document = scope.context
    case .variable(let name):
      guard let value = scope.variables[name] else { return nil }
      document = value
    }
    return try path.evaluate(in: document)
  }

  // MARK: Wait

  mutating func runWait(_ language: QueryLanguage, _ unit: Int, _ s: WaitState)
    throws(ASLRuntimeError)
  {
    let raw = rawInput(of: unit)
    let effective = try language.effectiveInput(&self, unit, s.common, raw: raw)
    units[unit].visit?.effectiveInput = effective
    let until = try language.waitUntil(&self, unit, s, input: effective)
    if until <= now {
      try finishWait(language, unit, s)
    } else {
      units[unit].phase = .waitingTimer(until: until, reason: .wait)
      addTimer(Timer(due: until, sequence: 0, kind: .unit(unit)))
    }
  }

  mutating func finishWait(_ language: QueryLanguage, _ unit: Int, _ s: WaitState)
    throws(ASLRuntimeError)
  {
    let visit = visit(of: unit)!
    try language.leave(
      &self, unit, s.common, visit.effectiveInput, .state, raw: visit.rawInput,
      next: s.common.transition)
  }
}
