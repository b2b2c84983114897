import Foundation
import JSONCore

/// A JSONPath filter predicate `[?(...)]` with Jayway's operators and comparison rules.
indirect enum JSONPathFilter: Sendable, Hashable {
  case or(JSONPathFilter, JSONPathFilter)
  case and(JSONPathFilter, JSONPathFilter)
  case not(JSONPathFilter)
  /// A bare path: true when the path exists on the node (whatever its value).
  case exists(JSONPath)
  /// A bare literal (`true`, `false`): its truth value.
  case constant(Bool)
  case compare(JSONPathFilterOperand, JSONPathFilterOperator, JSONPathFilterOperand)

  func matches(_ node: JSONValue, walk: inout FilterWalk) throws(ASLRuntimeError) -> Bool {
    switch self {
    // Spelled out: `||`/`&&` take autoclosures, which lose the typed error.
    case .or(let a, let b):
      if try a.matches(node, walk: &walk) { return true }
      return try b.matches(node, walk: &walk)
    case .and(let a, let b):
      if try !a.matches(node, walk: &walk) { return false }
      return try b.matches(node, walk: &walk)
    case .not(let a): return try !a.matches(node, walk: &walk)
    case .constant(let value): return value
    case .exists(let path):
      guard let value = try path.evaluate(in: node, walk: &walk) else { return false }
      if !path.isDefinite, case .array(let matches) = value { return !matches.isEmpty }
      return true
    case .compare(let lhs, let op, let rhs):
      let left = try lhs.resolve(node, walk: &walk)
      let right = try rhs.resolve(node, walk: &walk)
      return try op.evaluate(left, right, rhs, walk: &walk)
    }
  }
}

/// What one path evaluation carries through its filters: the document `$` refers to, and the
/// regular-expression work left, so a backtracking `=~` pattern stops with an error instead of
/// running for minutes (the same budget as JSONata's `$match`).
struct FilterWalk {
  let root: JSONValue
  var regexBudget = EvaluationBudget.regexProgressReports
}

/// An operand in a filter comparison.
enum JSONPathFilterOperand: Sendable, Hashable {
  case path(JSONPath)
  case literal(JSONValue)
  case regex(RegexLiteral)

  func resolve(_ node: JSONValue, walk: inout FilterWalk) throws(ASLRuntimeError) -> JSONValue? {
    switch self {
    case .path(let path): return try path.evaluate(in: node, walk: &walk)
    case .literal(let value): return value
    case .regex: return nil
    }
  }
}

/// Filter comparison operators (Jayway's set).
enum JSONPathFilterOperator: String, Sendable, Hashable, CaseIterable {
  case equal = "=="
  case notEqual = "!="
  case lessOrEqual = "<="
  case greaterOrEqual = ">="
  case less = "<"
  case greater = ">"
  case regexMatch = "=~"
  case `in` = "in"
  case notIn = "nin"
  case subsetOf = "subsetof"
  case anyOf = "anyof"
  case noneOf = "noneof"
  case size = "size"
  case empty = "empty"
  case contains = "contains"

  /// Symbolic operators, longest first, for the tokenizer.
  static let symbols: [JSONPathFilterOperator] = [
    .equal, .notEqual, .lessOrEqual, .greaterOrEqual, .regexMatch, .less, .greater,
  ]
  /// Word operators.
  static let words: [JSONPathFilterOperator] = [
    .notIn, .in, .subsetOf, .anyOf, .noneOf, .size, .empty, .contains,
  ]

  func evaluate(
    _ lhs: JSONValue?, _ rhs: JSONValue?, _ rhsOperand: JSONPathFilterOperand, walk: inout FilterWalk
  ) throws(ASLRuntimeError) -> Bool {
    switch self {
    case .equal: return JSONPathFilterOperator.equal(lhs, rhs)
    case .notEqual: return !JSONPathFilterOperator.equal(lhs, rhs)
    case .less, .lessOrEqual, .greater, .greaterOrEqual:
      guard let lhs, let rhs else { return false }
      let order: Int
      switch (lhs, rhs) {
      case (.number(let a), .number(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
      case (.string(let a), .string(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
      default: return false
      }
      switch self {
      case .less: return order < 0
      case .lessOrEqual: return order <= 0
      case .greater: return order > 0
      default: return order >= 0
      }
    case .regexMatch:
      guard case .regex(let regex) = rhsOperand, case .string(let string)? = lhs else {
        return false
      }
      guard let matched = regex.fullMatch(string, budget: &walk.regexBudget) else {
        throw .runtime(
          "The regular expression /\(regex.pattern)/\(regex.flags) in a JSONPath filter needed more "
            + "matching work than sfdbg allows (\(EvaluationBudget.regexProgressReports) ICU progress "
            + "reports per path): the pattern backtracks catastrophically on a \(string.utf16.count)-character string.")
      }
      return matched
    case .in:
      guard let lhs, case .array(let list)? = rhs else { return false }
      return list.contains { JSONPathFilterOperator.equal(lhs, $0) }
    case .notIn:
      guard case .array(let list)? = rhs else { return false }
      guard let lhs else { return true }
      return !list.contains { JSONPathFilterOperator.equal(lhs, $0) }
    case .subsetOf:
      guard case .array(let left)? = lhs, case .array(let right)? = rhs else { return false }
      return left.allSatisfy { item in right.contains { JSONPathFilterOperator.equal(item, $0) } }
    case .anyOf:
      guard case .array(let left)? = lhs, case .array(let right)? = rhs else { return false }
      return left.contains { item in right.contains { JSONPathFilterOperator.equal(item, $0) } }
    case .noneOf:
      guard case .array(let left)? = lhs, case .array(let right)? = rhs else { return false }
      return !left.contains { item in right.contains { JSONPathFilterOperator.equal(item, $0) } }
    case .size:
      guard let expected = rhs?.intValue else { return false }
      switch lhs {
      case .array(let array)?: return array.count == expected
      case .string(let string)?: return string.count == expected
      default: return false
      }
    case .empty:
      guard case .bool(let expected)? = rhs else { return false }
      switch lhs {
      case .array(let array)?: return array.isEmpty == expected
      case .string(let string)?: return string.isEmpty == expected
      default: return false
      }
    case .contains:
      switch (lhs, rhs) {
      case (.array(let array)?, let item?):
        return array.contains { JSONPathFilterOperator.equal($0, item) }
      case (.string(let string)?, .string(let part)?): return string.contains(part)
      default: return false
      }
    }
  }

  /// Jayway equality: numbers by value, a number equals a string holding that number.
  static func equal(_ lhs: JSONValue?, _ rhs: JSONValue?) -> Bool {
    guard let lhs, let rhs else { return false }
    switch (lhs, rhs) {
    case (.number(let a), .string(let b)), (.string(let b), .number(let a)):
      guard let d = Double(b) else { return false }
      return a.doubleValue == d
    default:
      return lhs == rhs
    }
  }
}
