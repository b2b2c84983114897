import JSONCore

@testable import ASLExpressions

/// One JSONata evaluation as jsonata-js's `evaluate(input)` does it, for the suites that check the
/// evaluator itself: a seeded `$random`, a fixed `$now`/`$millis`, no bindings.
enum JSONataEvaluation {
  static func run(_ text: String, input: JSONValue? = nil, seed: UInt64 = 1, nowMillis: Int64 = 0)
    throws(JSONataError) -> JSONValue?
  {
    var random = SeededRandom(seed: seed)
    return try JSONataExpression.compile(text).evaluate(
      input: input, bindings: [:], random: &random, nowMillis: nowMillis)
  }

  /// The error evaluating `text` raises; nil when it evaluates.
  static func error(_ text: String, input: JSONValue? = nil, seed: UInt64 = 1, nowMillis: Int64 = 0)
    -> JSONataError?
  {
    do {
      _ = try run(text, input: input, seed: seed, nowMillis: nowMillis)
      return nil
    } catch {
      return error
    }
  }
}
