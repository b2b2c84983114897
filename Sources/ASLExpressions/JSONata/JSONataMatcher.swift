import Foundation
import JSONCore

/// A regular expression literal is a function in jsonata-js (evaluateRegex): called with a
/// string and an optional start offset, it returns the first match as
/// `{"match", "start", "end", "groups"}`, or undefined. So `$k ~> /^A/` and `$map(xs, /re/)`
/// work. jsonata-js also puts a `next` function in the match; a JSON object cannot hold one,
/// so sfdbg leaves it out ($match and the other string functions walk every match).
extension JSONataEvaluator {
  /// The function a value stands for when it is called: a function, or a regex as its matcher.
  static func callable(_ value: JSONataValue) -> JSONataFunction? {
    switch value {
    case .function(let f): return f
    case .regex(let regex): return JSONataFunction(.matcher(regex))
    default: return nil
    }
  }

  static func applyMatcher(
    _ regex: RegexLiteral, _ arguments: [JSONataValue], _ evaluator: inout JSONataEvaluator
  ) throws(JSONataError) -> JSONataValue {
    if let problem = regex.compileError { throw error("D1004", problem) }
    let text = javaScriptString(arguments.first ?? .undefined)
    var offset = 0
    // `re.lastIndex = fromIndex || 0`: JavaScript makes the offset an integer, NaN and
    // negatives 0.
    if arguments.count > 1, let n = numberValue(arguments[1])?.doubleValue, n > 0 {
      offset = clampedInt(n.rounded(.towardZero))
    }
    guard
      let found = try JSONataFunctions.matches(
        regex, in: text, from: offset, firstOnly: true, &evaluator
      ).first
    else { return .undefined }
    return .json(JSONataStringFunctions.Match(found, in: text as NSString).object)
  }

  /// JavaScript's `String(value)`, as `re.exec` converts its argument.
  static func javaScriptString(_ value: JSONataValue) -> String {
    switch value {
    case .undefined: return "undefined"
    case .function, .regex: return ""
    case .sequence(let items): return javaScriptString(.json(.array(items)))
    case .json(let json):
      switch json {
      case .string(let s): return s
      case .number(let n): return JSNumberText.string(n.doubleValue)
      case .bool(let b): return b ? "true" : "false"
      case .null: return "null"
      case .object: return "[object Object]"
      case .array(let items):
        // Array.prototype.join: null and undefined items are empty.
        return items.map { $0 == .null ? "" : javaScriptString(.json($0)) }.joined(separator: ",")
      }
    }
  }
}
