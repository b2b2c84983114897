import ASLExpressions
import ASLModel
import JSONCore

extension Execution {
  // MARK: Pass

  mutating func runPass(_ unit: Int, _ s: PassState) {
    let common = s.common
    if common.queryLanguage == .jsonata { return runPassJSONata(unit, s) }
    let raw = rawInput(of: unit)
    do throws(ASLRuntimeError) {
      // The most common Pass states (no InputPath, no Result) hand values on without copies.
      var effective =
        !common.hasInputPath
        ? raw
        : try applyPath(unit, common.inputPath, common.expressions.inputPath, to: raw, name: "InputPath")
      trace(unit, "InputPath", effective)
      if let parameters = s.compiledParameters {
        let evaluationScope = scope(unit, input: consume effective)
        effective = try parameters.get().evaluate(scope: evaluationScope, random: &random)
        trace(unit, "Parameters", effective)
      }
      let result: JSONValue
      if s.hasResult, let fixed = s.result { result = fixed } else { result = consume effective }
      let assigned =
        s.compiledAssign == nil ? [] : try evaluateAssign(unit, s.compiledAssign, value: result)
      var output = try applyResultPath(
        s.resultPath, s.compiledResultPath, result: consume result, rawInput: raw)
      trace(unit, "ResultPath", output)
      if common.hasOutputPath {
        output = try applyPath(
          unit, common.outputPath, common.expressions.outputPath, to: output, name: "OutputPath")
      }
      trace(unit, "OutputPath", output)
      exitState(unit, output: consume output, next: common.transition, assigned: assigned)
    } catch {
      stateFailed(unit, error, prefixed: true)
    }
  }

  // MARK: Succeed

  mutating func runSucceed(_ unit: Int, _ s: SucceedState) {
    if s.common.queryLanguage == .jsonata { return runSucceedJSONata(unit, s) }
    let raw = rawInput(of: unit)
    let e = s.common.expressions
    do throws(ASLRuntimeError) {
      let effective = try applyPath(unit, s.common.inputPath, e.inputPath, to: raw, name: "InputPath")
      trace(unit, "InputPath", effective)
      let output = try applyPath(unit, s.common.outputPath, e.outputPath, to: effective, name: "OutputPath")
      trace(unit, "OutputPath", output)
      exitState(unit, output: output, next: .end, assigned: [])
    } catch {
      stateFailed(unit, error, prefixed: true)
    }
  }

  // MARK: Fail

  mutating func runFail(_ unit: Int, _ s: FailState) {
    if s.common.queryLanguage == .jsonata { return runFailJSONata(unit, s) }
    let raw = rawInput(of: unit)
    let e = s.common.expressions
    do throws(ASLRuntimeError) {
      var error = s.error
      var cause = s.cause
      if let path = e.errorPath {
        let value = try path.get().evaluate(
          field: "ErrorPath", scope: scope(unit, input: raw), random: &random)
        error = value.stringValue ?? value.compactString
      }
      if let path = e.causePath {
        let value = try path.get().evaluate(
          field: "CausePath", scope: scope(unit, input: raw), random: &random)
        cause = value.stringValue ?? value.compactString
      }
      if options.recordTraces, var trace = openTraces.removeValue(forKey: unit) {
        trace.failure = (error ?? "", cause)
        traces.append(trace)
        openTraces[unit] = nil
      }
      // A Fail state ends its unit directly; nothing can catch it inside the same scope.
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

  // MARK: Choice

  mutating func runChoice(_ unit: Int, _ s: ChoiceState) {
    if s.common.queryLanguage == .jsonata { return runChoiceJSONata(unit, s) }
    let raw = rawInput(of: unit)
    let e = s.common.expressions
    do throws(ASLRuntimeError) {
      let effective = try applyPath(unit, s.common.inputPath, e.inputPath, to: raw, name: "InputPath")
      trace(unit, "InputPath", effective)
      let evaluationScope = scope(unit, input: effective)
      var explanation = options.recordTraces ? ChoiceExplanation() : nil
      var chosen: (next: String, assign: CompiledTemplate?)? = nil
      for (index, rule) in s.choices.enumerated() {
        var reads: [(path: String, value: JSONValue?)] = []
        let matched = try evaluate(
          rule.condition, scope: evaluationScope, reads: &reads, recording: explanation != nil)
        if explanation != nil {
          explanation!.rules.append(
            ChoiceRuleEvaluation(
              index: index, description: rule.condition.summary, matched: matched, reads: reads))
        }
        if matched, let next = rule.next {
          chosen = (next, rule.compiledAssign)
          explanation?.matchedRule = index
          break
        }
      }
      if chosen == nil, let fallback = s.defaultState {
        chosen = (fallback, e.assign)
        explanation?.usedDefault = true
      }
      openTraces[unit]?.choice = explanation
      guard let (next, assign) = chosen else {
        throw ASLRuntimeError(
          error: "States.NoChoiceMatched",
          cause: "No Choice Rule matched and no Default was specified.")
      }
      let assigned = try evaluateAssign(unit, assign, value: effective)
      let output = try applyPath(unit, s.common.outputPath, e.outputPath, to: effective, name: "OutputPath")
      trace(unit, "OutputPath", output)
      exitState(unit, output: output, next: .next(next), assigned: assigned)
    } catch {
      stateFailed(unit, error, prefixed: true)
    }
  }

  /// Evaluates a Choice condition; `reads` collects the values read when `recording`.
  mutating func evaluate(
    _ condition: ChoiceCondition, scope: EvaluationScope,
    reads: inout [(path: String, value: JSONValue?)], recording: Bool
  ) throws(ASLRuntimeError) -> Bool {
    switch condition {
    case .and(let items):
      for item in items where !(try evaluate(item, scope: scope, reads: &reads, recording: recording)) {
        return false
      }
      return true
    case .or(let items):
      for item in items where try evaluate(item, scope: scope, reads: &reads, recording: recording) {
        return true
      }
      return false
    case .not(let inner):
      return !(try evaluate(inner, scope: scope, reads: &reads, recording: recording))
    case .jsonata:
      throw ASLRuntimeError(
        error: "States.Runtime", cause: "JSONata conditions are not supported by this interpreter yet.")
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
    return path.evaluate(in: document)
  }

  // MARK: Wait

  mutating func runWait(_ unit: Int, _ s: WaitState) {
    if s.common.queryLanguage == .jsonata { return runWaitJSONata(unit, s) }
    let raw = rawInput(of: unit)
    let e = s.common.expressions
    do throws(ASLRuntimeError) {
      let effective = try applyPath(unit, s.common.inputPath, e.inputPath, to: raw, name: "InputPath")
      units[unit].visit?.effectiveInput = effective
      trace(unit, "InputPath", effective)
      var until = now
      if let seconds = s.seconds {
        guard case .number(let n) = seconds, let i = n.intValue, n.isIntegerLiteral else {
          throw ASLRuntimeError(
            error: "States.Runtime", cause: "The Seconds field must be an integer: \(seconds.compactString)")
        }
        until = now.adding(seconds: Double(max(0, i)))
      } else if case .string(let text)? = s.timestamp {
        guard let instant = VirtualInstant(rfc3339: text) else {
          throw ASLRuntimeError(
            error: "States.Runtime",
            cause: "The Timestamp field does not contain a valid ISO-8601 extended offset "
              + "date-time format string: \(text)")
        }
        until = max(now, instant)
      } else if let path = e.secondsPath, let text = s.secondsPath {
        let value = try path.get().evaluate(
          field: "SecondsPath", scope: scope(unit, input: effective), random: &random)
        guard case .number(let n) = value, n.isIntegerLiteral, let i = n.intValue else {
          throw ASLRuntimeError(
            error: "States.Runtime",
            cause: "The SecondsPath parameter cannot be parsed as a long value: \(text) == "
              + (value.stringValue ?? value.compactString))
        }
        guard i >= 0 else {
          throw ASLRuntimeError(
            error: "States.Runtime",
            cause: "The SecondsPath parameter references a negative value: \(text) == \(i)")
        }
        until = now.adding(seconds: Double(i))
      } else if let path = e.timestampPath, let text = s.timestampPath {
        let value = try path.get().evaluate(
          field: "TimestampPath", scope: scope(unit, input: effective), random: &random)
        guard case .string(let stamp) = value, let instant = VirtualInstant(rfc3339: stamp) else {
          throw ASLRuntimeError(
            error: "States.Runtime",
            cause: "The TimestampPath parameter does not reference a valid ISO-8601 extended "
              + "offset date-time format string: \(text) == " + (value.stringValue ?? value.compactString))
        }
        until = max(now, instant)
      }
      if until <= now {
        finishWait(unit, s)
      } else {
        units[unit].phase = .waitingTimer(until: until, reason: .wait)
        addTimer(Timer(due: until, sequence: 0, kind: .unit(unit)))
      }
    } catch {
      stateFailed(unit, error, prefixed: true)
    }
  }

  mutating func finishWait(_ unit: Int, _ s: WaitState) {
    if s.common.queryLanguage == .jsonata { return finishWaitJSONata(unit, s) }
    let effective = visit(of: unit)!.effectiveInput
    let e = s.common.expressions
    do throws(ASLRuntimeError) {
      let assigned = try evaluateAssign(unit, e.assign, value: effective)
      let output = try applyPath(unit, s.common.outputPath, e.outputPath, to: effective, name: "OutputPath")
      trace(unit, "OutputPath", output)
      exitState(unit, output: output, next: s.common.transition, assigned: assigned)
    } catch {
      stateFailed(unit, error, prefixed: true)
    }
  }
}
