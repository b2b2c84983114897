/// Size and work limits that stop one expression evaluation before it exhausts memory or time.
/// Checked only where values grow (concatenation, padding, joining, appending, intrinsic string
/// results) and in regular-expression matching, never on the path that merely reads values.
public enum EvaluationBudget {
  /// AWS's payload quota (256 KiB): an intrinsic function's string result may not exceed it,
  /// since no state input, output or variable can hold a larger one.
  public static let payloadBytes = 262_144
  /// AWS's quota for the variables of an execution together: 10 MiB (each variable, and all
  /// variables of one Assign together, are held to `payloadBytes`).
  public static let variablesBytes = 10 * 1_048_576
  /// The largest string (UTF-8 bytes) one JSONata evaluation may build: `variablesBytes`, so no
  /// storable result is refused.
  public static let stringBytes = variablesBytes
  /// The most items one JSONata evaluation may put in an array: 10^7, jsonata-js's limit on
  /// the range operator.
  public static let arrayItems = 10_000_000
  /// Regular-expression work per JSONata evaluation, in ICU match-progress reports beyond one
  /// per UTF-16 unit searched (ICU reports after a fixed slice of matcher steps; 1,000 reports
  /// took 0.13 s on the development machine): ample for linear patterns on a 256 KiB string,
  /// and catastrophic backtracking stops in under a second.
  public static let regexProgressReports = 5_000
  /// Syntax-tree nodes one JSONata evaluation may evaluate: exponential recursion
  /// (`$f($x-1) + $f($x-2)` on 300) ends with U1001 within seconds, while a path over 10^5
  /// objects with a predicate and a function per item stays far below it.
  public static let jsonataSteps = 10_000_000
}
