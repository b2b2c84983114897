import ASLExpressions
import ASLModel
import JSONCore

/// States in the JSONPath query language: InputPath, Parameters, ResultSelector, ResultPath,
/// OutputPath, `…Path` fields and Choice comparisons, each stage traced.
enum JSONPathStages: QueryLanguageStages {
  static func effectiveInput(
    _ x: inout Execution, _ unit: Int, _ common: StateCommon, raw: JSONValue
  ) throws(ASLRuntimeError) -> JSONValue {
    // Most states have no InputPath: the input is handed on without a copy.
    let effective =
      !common.hasInputPath
      ? raw
      : try x.applyPath(unit, common.inputPath, common.expressions.inputPath, to: raw, name: "InputPath")
    x.trace(unit, "InputPath", effective)
    return effective
  }

  static func arguments(
    _ x: inout Execution, _ unit: Int, parameters: CompiledTemplate?, arguments: JSONValue?,
    input: consuming JSONValue, taskToken: String?
  ) throws(ASLRuntimeError) -> JSONValue {
    guard let parameters else { return input }
    let scope = x.scope(unit, input: consume input, taskToken: taskToken)
    let effective = try parameters.get().evaluate(scope: scope, random: &x.random)
    x.trace(unit, "Parameters", effective)
    return effective
  }

  static func passResult(_ x: inout Execution, _ unit: Int, _ s: PassState, input: consuming JSONValue)
    throws(ASLRuntimeError) -> JSONValue
  {
    let effective = try arguments(
      &x, unit, parameters: s.compiledParameters, arguments: nil, input: consume input,
      taskToken: nil)
    if s.hasResult, let fixed = s.result { return fixed }
    return effective
  }

  static func leave(
    _ x: inout Execution, _ unit: Int, _ common: StateCommon, _ value: consuming JSONValue,
    _ fields: ExitFields, raw: JSONValue, next: Transition?
  ) throws(ASLRuntimeError) {
    let assign: CompiledTemplate?
    var resultPath: (field: PathField, compiled: CompiledReferencePath?)? = nil
    switch fields {
    case .pass(let s):
      assign = s.compiledAssign
      resultPath = (s.resultPath, s.compiledResultPath)
    case .result(let field):
      let e = common.expressions
      if let selector = e.resultSelector {
        value = try selector.get().evaluate(scope: x.scope(unit, input: value), random: &x.random)
        x.trace(unit, "ResultSelector", value)
      }
      assign = e.assign
      resultPath = (field, e.resultPath)
    case .state: assign = common.expressions.assign
    case .succeed: assign = nil
    case .rule(let rule): assign = rule.compiledAssign
    }
    let assigned = assign == nil ? [] : try x.evaluateAssign(unit, assign, value: value)
    var output: JSONValue
    if let resultPath {
      output = try x.applyResultPath(
        resultPath.field, resultPath.compiled, result: consume value, rawInput: raw)
      x.trace(unit, "ResultPath", output)
    } else {
      output = consume value
    }
    if common.hasOutputPath {
      output = try x.applyPath(
        unit, common.outputPath, common.expressions.outputPath, to: output, name: "OutputPath")
    }
    x.trace(unit, "OutputPath", output)
    x.exitState(unit, output: consume output, next: next, assigned: assigned)
  }

  static func leave(
    _ x: inout Execution, _ unit: Int, through catcher: Catcher, errorOutput: JSONValue,
    raw: JSONValue
  ) throws(ASLRuntimeError) {
    let assigned = try x.evaluateAssign(unit, catcher.compiledAssign, value: errorOutput)
    let output = try x.applyResultPath(
      catcher.resultPath, catcher.compiledResultPath, result: errorOutput, rawInput: raw)
    x.trace(unit, "Catch", output)
    x.exitState(unit, output: output, next: .next(catcher.next), assigned: assigned)
  }

  static func errorAndCause(_ x: inout Execution, _ unit: Int, _ s: FailState, input: JSONValue)
    throws(ASLRuntimeError) -> (error: String?, cause: String?)
  {
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
  }

  static func waitUntil(_ x: inout Execution, _ unit: Int, _ s: WaitState, input: JSONValue)
    throws(ASLRuntimeError) -> VirtualInstant
  {
    let now = x.now
    let e = s.common.expressions
    if let seconds = s.seconds {
      guard case .number(let n) = seconds, let i = n.intValue, n.isIntegerLiteral else {
        throw ASLRuntimeError(
          error: "States.Runtime", cause: "The Seconds field must be an integer: \(seconds.compactString)")
      }
      return now.adding(seconds: Double(max(0, i)))
    }
    if let timestamp = s.timestamp, case .string(let text) = timestamp {
      guard let end = x.waitEnd(at: timestamp) else {
        throw ASLRuntimeError(
          error: "States.Runtime",
          cause: "The Timestamp field does not contain a valid ISO-8601 extended offset "
            + "date-time format string: \(text)")
      }
      return end
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
      let value = try x.pathValue(unit, path, field: "TimestampPath", input: input)
      guard let end = x.waitEnd(at: value) else {
        throw ASLRuntimeError(
          error: "States.Runtime",
          cause: "The TimestampPath parameter does not reference a valid ISO-8601 extended "
            + "offset date-time format string: \(text) == " + value.textValue)
      }
      return end
    }
    return now
  }

  static func conditionScope(_ x: inout Execution, _ unit: Int, input: JSONValue) -> EvaluationScope {
    x.scope(unit, input: input)
  }

  static func matches(
    _ x: inout Execution, _ unit: Int, _ rule: ChoiceRule, in scope: EvaluationScope,
    reads: inout [(path: String, value: JSONValue?)], recording: Bool
  ) throws(ASLRuntimeError) -> Bool {
    try x.evaluate(rule.condition, scope: scope, reads: &reads, recording: recording)
  }

  static func mapItems(_ x: inout Execution, _ unit: Int, _ s: MapState, input: JSONValue)
    throws(ASLRuntimeError) -> [JSONValue]
  {
    var items = input
    if case .path(let text) = s.itemsPath, text != "$", let path = s.common.expressions.itemsPath {
      items = try x.pathValue(unit, path, field: "ItemsPath", input: input)
    }
    guard case .array(let array) = items else {
      throw ASLRuntimeError(
        error: "States.Runtime",
        cause: "Map state input must be an array, but ItemsPath resolved to "
          + "\(items.typeName) \(items.compactString)")
    }
    return array
  }

  static func selectItems(
    _ x: inout Execution, _ unit: Int, _ s: MapState, input: JSONValue, _ items: inout [JSONValue]
  ) throws(ASLRuntimeError) {
    guard let selector = s.common.expressions.parameters else { return }
    let template = try selector.get()
    for index in items.indices {
      let itemScope = x.scope(unit, input: input, mapItem: (index, items[index]))
      items[index] = try template.evaluate(scope: itemScope, random: &x.random)
    }
  }
}

extension Execution {
  /// When a Wait until `timestamp` ends (now, if that has passed); nil when `timestamp` is not
  /// an RFC 3339 string.
  func waitEnd(at timestamp: JSONValue) -> VirtualInstant? {
    guard case .string(let text) = timestamp, let instant = VirtualInstant(rfc3339: text) else {
      return nil
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
