import ASLExpressions

/// The validator's JSONata syntax check: the evaluator's own parser, so the validator rejects
/// exactly what evaluation would reject, with the same JSONata error code and position.
enum JSONataSyntax {
  /// Why `expression` is not valid JSONata (message, JSONata code, character offset), or nil
  /// when it parses.
  static func problem(in expression: String) -> String? {
    do {
      _ = try JSONataExpression.compile(expression)
      return nil
    } catch {
      let place = error.position.map { ", character \($0)" } ?? ""
      return "\(error.message) (JSONata \(error.code)\(place))"
    }
  }
}
