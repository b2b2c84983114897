import ASLExpressions
import ASLModel
import JSONCore

/// The data-flow stages in which JSONPath and JSONata states differ.
///
/// Each state type has one runner, generic over its state's query language
/// (`JSONPathStages` or `JSONataStages`). `runStateBody` and `resume` pick the language once
/// per step; the runners are specialized for both, so the hot path makes no dynamic calls.
protocol QueryLanguageStages {
  /// What the rules of a Choice state read (evaluated once, used by every rule).
  associatedtype ConditionScope

  /// The input the state works on: after InputPath (JSONPath) or the raw input (JSONata).
  static func effectiveInput(
    _ x: inout Execution, _ unit: Int, _ common: StateCommon, raw: JSONValue
  ) throws(ASLRuntimeError) -> JSONValue

  /// What a Task or Parallel state hands on: Parameters (JSONPath) or Arguments (JSONata).
  static func arguments(
    _ x: inout Execution, _ unit: Int, parameters: CompiledTemplate?, arguments: JSONValue?,
    input: consuming JSONValue, taskToken: String?
  ) throws(ASLRuntimeError) -> JSONValue

  /// A Pass state's result: Parameters, then Result (JSONPath); the input (JSONata).
  static func passResult(_ x: inout Execution, _ unit: Int, _ s: PassState, input: consuming JSONValue)
    throws(ASLRuntimeError) -> JSONValue

  /// Leaves the state with `value` (see `ExitFields`): ResultSelector, Assign, ResultPath and
  /// OutputPath (JSONPath) or Assign and Output (JSONata); then `…StateExited` and `next`.
  static func leave(
    _ x: inout Execution, _ unit: Int, _ common: StateCommon, _ value: consuming JSONValue,
    _ fields: ExitFields, raw: JSONValue, next: Transition?
  ) throws(ASLRuntimeError)

  /// Leaves through `catcher` with the error output: Assign and ResultPath (JSONPath) or
  /// Assign and Output (JSONata).
  static func leave(
    _ x: inout Execution, _ unit: Int, through catcher: Catcher, errorOutput: JSONValue,
    raw: JSONValue
  ) throws(ASLRuntimeError)

  /// A Fail state's error and cause: literal or ErrorPath/CausePath (JSONPath), or JSONata
  /// Error/Cause.
  static func errorAndCause(_ x: inout Execution, _ unit: Int, _ s: FailState, input: JSONValue)
    throws(ASLRuntimeError) -> (error: String?, cause: String?)

  /// When a Wait state ends: Seconds/Timestamp (literal or …Path) or their JSONata forms.
  static func waitUntil(_ x: inout Execution, _ unit: Int, _ s: WaitState, input: JSONValue)
    throws(ASLRuntimeError) -> VirtualInstant

  static func conditionScope(_ x: inout Execution, _ unit: Int, input: JSONValue) -> ConditionScope

  /// Whether a Choice rule matches; `reads` collects the values it read when `recording`.
  static func matches(
    _ x: inout Execution, _ unit: Int, _ rule: ChoiceRule, in scope: ConditionScope,
    reads: inout [(path: String, value: JSONValue?)], recording: Bool
  ) throws(ASLRuntimeError) -> Bool

  /// A Map state's items: ItemsPath (JSONPath) or Items (JSONata).
  static func mapItems(_ x: inout Execution, _ unit: Int, _ s: MapState, input: JSONValue)
    throws(ASLRuntimeError) -> [JSONValue]

  /// Each item's iteration input: ItemSelector (or the legacy Parameters) with the item in the
  /// context; items are unchanged without one.
  static func selectItems(
    _ x: inout Execution, _ unit: Int, _ s: MapState, input: JSONValue, _ items: inout [JSONValue]
  ) throws(ASLRuntimeError)
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
  case rule(ChoiceRule)
}
