import ASLExpressions
import ASLModel
import JSONCore

/// The data-flow stages in which JSONPath and JSONata states differ, each written once with a
/// case per language. Every state type has one runner, which takes its state's language and
/// calls these.
///
/// A switch on the language rather than a protocol the two languages conform to: Swift does
/// not inline protocol witnesses that have typed throws, and these run on every transition.
extension QueryLanguage {
  /// The input the state works on: after InputPath (JSONPath) or the raw input (JSONata).
  @inline(__always)
  func effectiveInput(_ x: inout Execution, _ unit: Int, _ common: StateCommon, raw: JSONValue)
    throws(ASLRuntimeError) -> JSONValue
  {
    switch self {
    case .jsonPath:
      // Most states have no InputPath: the input is handed on without a copy.
      let effective =
        !common.hasInputPath
        ? raw
        : try x.applyPath(
          unit, common.inputPath, common.expressions.inputPath, to: raw, name: "InputPath")
      x.trace(unit, "InputPath", effective)
      return effective
    case .jsonata:
      return raw
    }
  }

  /// What a Task or Parallel state hands on: Parameters (JSONPath) or Arguments (JSONata).
  @inline(__always)
  func arguments(
    _ x: inout Execution, _ unit: Int, parameters: CompiledTemplate?, arguments: JSONValue?,
    input: consuming JSONValue, taskToken: String?
  ) throws(ASLRuntimeError) -> JSONValue {
    switch self {
    case .jsonPath:
      guard let parameters else { return input }
      let scope = x.scope(unit, input: consume input, taskToken: taskToken)
      let effective = try parameters.get().evaluate(scope: scope, random: &x.random)
      x.trace(unit, "Parameters", effective)
      return effective
    case .jsonata:
      var effective = input
      if let arguments {
        let states = x.statesObject(unit, input: effective, taskToken: taskToken)
        effective = try x.jsonata(
          unit, arguments, field: "Arguments", states: states, stateField: true)
      }
      x.trace(unit, "Arguments", effective)
      return effective
    }
  }

  /// A Pass state's result: Parameters, then Result (JSONPath); the input (JSONata).
  @inline(__always)
  func passResult(_ x: inout Execution, _ unit: Int, _ s: PassState, input: consuming JSONValue)
    throws(ASLRuntimeError) -> JSONValue
  {
    switch self {
    case .jsonPath:
      let effective = try arguments(
        &x, unit, parameters: s.compiledParameters, arguments: nil, input: consume input,
        taskToken: nil)
      if s.hasResult, let fixed = s.result { return fixed }
      return effective
    case .jsonata:
      return input
    }
  }

  /// Leaves the state with `value` through `fields`: ResultSelector, Assign, ResultPath and
  /// OutputPath (JSONPath) or Assign and Output (JSONata); then `…StateExited` and `next`.
  @inline(__always)
  func leave(
    _ x: inout Execution, _ unit: Int, _ common: StateCommon, _ value: consuming JSONValue,
    _ fields: ExitFields, raw: consuming JSONValue, next: Transition?
  ) throws(ASLRuntimeError) {
    switch self {
    case .jsonPath:
      if case .result = fields, let selector = common.expressions.resultSelector {
        value = try selector.get().evaluate(scope: x.scope(unit, input: value), random: &x.random)
        x.trace(unit, "ResultSelector", value)
      }
      let assign: CompiledTemplate?
      switch fields {
      case .pass(let s): assign = s.compiledAssign
      case .result, .state: assign = common.expressions.assign
      case .succeed: assign = nil
      case .rule(let rule): assign = rule.compiledAssign
      }
      let assigned = assign == nil ? [] : try x.evaluateAssign(unit, assign, value: value)
      // The fields are read in place (not copied out): this runs on every transition.
      var output: JSONValue
      switch fields {
      case .pass(let s):
        output = try x.applyResultPath(
          s.resultPath, s.compiledResultPath, result: consume value, rawInput: raw)
        x.trace(unit, "ResultPath", output)
      case .result(let resultPath):
        output = try x.applyResultPath(
          resultPath, common.expressions.resultPath, result: consume value, rawInput: raw)
        x.trace(unit, "ResultPath", output)
      case .state, .succeed, .rule:
        output = consume value
      }
      if common.hasOutputPath {
        output = try x.applyPath(
          unit, common.outputPath, common.expressions.outputPath, to: output, name: "OutputPath")
      }
      x.trace(unit, "OutputPath", output)
      x.exitState(unit, output: consume output, next: next, assigned: assigned)
    case .jsonata:
      var assign = common.assign
      var output = common.output
      var stateFields = true
      let states: JSONValue
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
  }

  /// Leaves through `catcher` with the error output: Assign and ResultPath (JSONPath) or
  /// Assign and Output (JSONata).
  func leave(
    _ x: inout Execution, _ unit: Int, through catcher: Catcher, errorOutput: JSONValue,
    raw: JSONValue
  ) throws(ASLRuntimeError) {
    switch self {
    case .jsonPath:
      let assigned = try x.evaluateAssign(unit, catcher.compiledAssign, value: errorOutput)
      let output = try x.applyResultPath(
        catcher.resultPath, catcher.compiledResultPath, result: errorOutput, rawInput: raw)
      x.trace(unit, "Catch", output)
      x.exitState(unit, output: output, next: .next(catcher.next), assigned: assigned)
    case .jsonata:
      try x.jsonataExit(
        unit, output: catcher.output, assign: catcher.assign,
        states: x.statesObject(unit, input: raw, errorOutput: errorOutput), fallback: errorOutput,
        next: .next(catcher.next), stateFields: false, stage: "Catch")
    }
  }
}

/// Which fields a state leaves through; each query language reads those it has.
enum ExitFields {
  /// A Pass state's own: Assign, ResultPath and OutputPath, or Assign and Output. Leaves with
  /// its result.
  case pass(PassState)
  /// A Task, Parallel or Map state's: ResultSelector, Assign, ResultPath and OutputPath, or
  /// Assign and Output with `$states.result`. Leaves with the result.
  case result(resultPath: PathField)
  /// The state's Assign and OutputPath or Output (Wait, a Choice's Default). Leaves with the
  /// effective input.
  case state
  /// A Succeed state's: OutputPath or Output, no Assign.
  case succeed
  /// A matched Choice rule's Assign (and Output); OutputPath stays the state's.
  indirect case rule(ChoiceRule)
}
