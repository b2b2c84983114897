import JSONCore

/// Choice-rule comparison operators (ASL spec), including `…Path` variants and `Is…` tests.
public enum ComparisonOperator: String, Sendable, CaseIterable {
  case booleanEquals = "BooleanEquals"
  case booleanEqualsPath = "BooleanEqualsPath"
  case isBoolean = "IsBoolean"
  case isNull = "IsNull"
  case isNumeric = "IsNumeric"
  case isPresent = "IsPresent"
  case isString = "IsString"
  case isTimestamp = "IsTimestamp"
  case numericEquals = "NumericEquals"
  case numericEqualsPath = "NumericEqualsPath"
  case numericGreaterThan = "NumericGreaterThan"
  case numericGreaterThanPath = "NumericGreaterThanPath"
  case numericGreaterThanEquals = "NumericGreaterThanEquals"
  case numericGreaterThanEqualsPath = "NumericGreaterThanEqualsPath"
  case numericLessThan = "NumericLessThan"
  case numericLessThanPath = "NumericLessThanPath"
  case numericLessThanEquals = "NumericLessThanEquals"
  case numericLessThanEqualsPath = "NumericLessThanEqualsPath"
  case stringEquals = "StringEquals"
  case stringEqualsPath = "StringEqualsPath"
  case stringGreaterThan = "StringGreaterThan"
  case stringGreaterThanPath = "StringGreaterThanPath"
  case stringGreaterThanEquals = "StringGreaterThanEquals"
  case stringGreaterThanEqualsPath = "StringGreaterThanEqualsPath"
  case stringLessThan = "StringLessThan"
  case stringLessThanPath = "StringLessThanPath"
  case stringLessThanEquals = "StringLessThanEquals"
  case stringLessThanEqualsPath = "StringLessThanEqualsPath"
  case stringMatches = "StringMatches"
  case timestampEquals = "TimestampEquals"
  case timestampEqualsPath = "TimestampEqualsPath"
  case timestampGreaterThan = "TimestampGreaterThan"
  case timestampGreaterThanPath = "TimestampGreaterThanPath"
  case timestampGreaterThanEquals = "TimestampGreaterThanEquals"
  case timestampGreaterThanEqualsPath = "TimestampGreaterThanEqualsPath"
  case timestampLessThan = "TimestampLessThan"
  case timestampLessThanPath = "TimestampLessThanPath"
  case timestampLessThanEquals = "TimestampLessThanEquals"
  case timestampLessThanEqualsPath = "TimestampLessThanEqualsPath"

  /// True for `…Path` operators, whose operand is a path to resolve against the input.
  public var isPathVariant: Bool { info.isPath }

  /// True for `Is…` type tests (operand is a boolean).
  public var isTypeTest: Bool { info.kind == .typeTest }

  /// The value kind the operator compares.
  public enum Kind: Sendable, Hashable {
    case boolean, numeric, string, timestamp, typeTest
  }

  /// The comparison an operator performs.
  public enum Relation: Sendable, Hashable {
    case equal, less, lessOrEqual, greater, greaterOrEqual, matches
  }

  /// The value kind the operator compares.
  public var kind: Kind { info.kind }

  /// The comparison performed (nil for `Is…` tests).
  public var relation: Relation? { info.relation }

  /// The operator's non-Path counterpart (`StringEqualsPath` → `StringEquals`).
  public var valueVariant: ComparisonOperator {
    isPathVariant ? ComparisonOperator(rawValue: String(rawValue.dropLast(4)))! : self
  }

  /// Static facts about the operator (a jump table, no string work at evaluation time).
  var info: (kind: Kind, relation: Relation?, isPath: Bool) {
    switch self {
    case .booleanEquals: return (.boolean, .equal, false)
    case .booleanEqualsPath: return (.boolean, .equal, true)
    case .isBoolean, .isNull, .isNumeric, .isPresent, .isString, .isTimestamp:
      return (.typeTest, nil, false)
    case .numericEquals: return (.numeric, .equal, false)
    case .numericEqualsPath: return (.numeric, .equal, true)
    case .numericGreaterThan: return (.numeric, .greater, false)
    case .numericGreaterThanPath: return (.numeric, .greater, true)
    case .numericGreaterThanEquals: return (.numeric, .greaterOrEqual, false)
    case .numericGreaterThanEqualsPath: return (.numeric, .greaterOrEqual, true)
    case .numericLessThan: return (.numeric, .less, false)
    case .numericLessThanPath: return (.numeric, .less, true)
    case .numericLessThanEquals: return (.numeric, .lessOrEqual, false)
    case .numericLessThanEqualsPath: return (.numeric, .lessOrEqual, true)
    case .stringEquals: return (.string, .equal, false)
    case .stringEqualsPath: return (.string, .equal, true)
    case .stringGreaterThan: return (.string, .greater, false)
    case .stringGreaterThanPath: return (.string, .greater, true)
    case .stringGreaterThanEquals: return (.string, .greaterOrEqual, false)
    case .stringGreaterThanEqualsPath: return (.string, .greaterOrEqual, true)
    case .stringLessThan: return (.string, .less, false)
    case .stringLessThanPath: return (.string, .less, true)
    case .stringLessThanEquals: return (.string, .lessOrEqual, false)
    case .stringLessThanEqualsPath: return (.string, .lessOrEqual, true)
    case .stringMatches: return (.string, .matches, false)
    case .timestampEquals: return (.timestamp, .equal, false)
    case .timestampEqualsPath: return (.timestamp, .equal, true)
    case .timestampGreaterThan: return (.timestamp, .greater, false)
    case .timestampGreaterThanPath: return (.timestamp, .greater, true)
    case .timestampGreaterThanEquals: return (.timestamp, .greaterOrEqual, false)
    case .timestampGreaterThanEqualsPath: return (.timestamp, .greaterOrEqual, true)
    case .timestampLessThan: return (.timestamp, .less, false)
    case .timestampLessThanPath: return (.timestamp, .less, true)
    case .timestampLessThanEquals: return (.timestamp, .lessOrEqual, false)
    case .timestampLessThanEqualsPath: return (.timestamp, .lessOrEqual, true)
    }
  }

  /// AWS's error when the Variable (or a `…Path` operand) matches nothing.
  public static func invalidPathError(_ path: String) -> ASLRuntimeError {
    ASLRuntimeError(
      error: "States.Runtime",
      cause: "Invalid path '\(path)': The choice state's condition path references an invalid"
        + " value.")
  }

  /// Checks the operand of a non-Path operator as written in a definition; returns a
  /// description of the problem or nil when valid.
  public func operandProblem(_ operand: JSONValue) -> String? {
    if isPathVariant {
      return operand.stringValue?.hasPrefix("$") == true
        ? nil : "\(rawValue) must be a path string starting with '$'"
    }
    switch kind {
    case .typeTest, .boolean:
      return operand.boolValue == nil ? "\(rawValue) must be a boolean" : nil
    case .numeric:
      return operand.numberValue == nil ? "\(rawValue) must be a number" : nil
    case .string:
      return operand.stringValue == nil ? "\(rawValue) must be a string" : nil
    case .timestamp:
      guard let text = operand.stringValue else { return "\(rawValue) must be a string" }
      return ASLTimestamp(text) == nil ? "\(rawValue) must be an RFC3339 timestamp" : nil
    }
  }

  /// Evaluates `variable OP operand` like AWS: a type mismatch is false, timestamps compare as
  /// instants, `StringMatches` supports `*` wildcards with `\*` / `\\` escapes. `value` is nil
  /// when the Variable matched nothing: `IsPresent` then tests absence; every other operator
  /// throws `invalidPathError`. For `…Path` operators pass the already-resolved operand.
  public func evaluate(value: JSONValue?, operand: JSONValue) throws(ASLRuntimeError) -> Bool {
    try evaluate(value: value, operand: operand, variable: "$")
  }

  /// `evaluate(value:operand:)` naming `variable` (the Variable path) in the error.
  public func evaluate(value: JSONValue?, operand: JSONValue, variable: String)
    throws(ASLRuntimeError) -> Bool
  {
    if case .isPresent = self {
      guard case .bool(let expected) = operand else { throw badOperand(operand) }
      return (value != nil) == expected
    }
    guard let value else { throw ComparisonOperator.invalidPathError(variable) }
    let info = self.info
    let isPathVariant = info.isPath
    switch info.kind {
    case .typeTest:
      guard case .bool(let expected) = operand else { throw badOperand(operand) }
      let actual: Bool
      switch self {
      case .isBoolean: actual = value.boolValue != nil
      case .isNull: actual = value.isNull
      case .isNumeric: actual = value.numberValue != nil
      case .isString: actual = value.stringValue != nil
      default:
        if case .string(let s) = value { actual = ASLTimestamp(s) != nil } else { actual = false }
      }
      return actual == expected
    case .boolean:
      guard let (actual, expected) = try both(value, operand, isPathVariant, { $0.boolValue })
      else { return false }
      return actual == expected
    case .numeric:
      guard let (actual, expected) = try both(value, operand, isPathVariant, { $0.numberValue })
      else { return false }
      return compare(ComparisonOperator.order(actual, expected))
    case .string:
      guard let (actual, expected) = try both(value, operand, isPathVariant, { $0.stringValue })
      else { return false }
      if info.relation == .matches {
        return ComparisonOperator.wildcardMatch(actual, pattern: expected)
      }
      return compare(ComparisonOperator.compareUTF16(actual, expected))
    case .timestamp:
      guard
        let (actual, expected) = try both(
          value, operand, isPathVariant, { $0.stringValue.flatMap(ASLTimestamp.init) })
      else { return false }
      return compare(actual < expected ? -1 : (actual == expected ? 0 : 1))
    }
  }

  /// The value and the operand as the operator's type (`read`). Nil, so the rule is false, when
  /// the value is not of that type, or a `…Path` operand is not; a literal operand that is not
  /// is an error.
  func both<T>(
    _ value: JSONValue, _ operand: JSONValue, _ isPathVariant: Bool, _ read: (JSONValue) -> T?
  ) throws(ASLRuntimeError) -> (actual: T, expected: T)? {
    guard let expected = read(operand) else {
      if isPathVariant { return nil }
      throw badOperand(operand)
    }
    guard let actual = read(value) else { return nil }
    return (actual, expected)
  }

  func badOperand(_ operand: JSONValue) -> ASLRuntimeError {
    ASLRuntimeError(
      error: "States.Runtime",
      cause: "Invalid operand for \(rawValue): \(operand.compactString)")
  }

  func compare(_ order: Int) -> Bool {
    switch info.relation {
    case .equal?: return order == 0
    case .less?: return order < 0
    case .lessOrEqual?: return order <= 0
    case .greater?: return order > 0
    case .greaterOrEqual?: return order >= 0
    default: return false
    }
  }

  /// Numeric order: exact for integers that fit `Int`, otherwise by `Double` value.
  static func order(_ a: JSONNumber, _ b: JSONNumber) -> Int {
    if let x = FastNumbers.exactInt(a), let y = FastNumbers.exactInt(b) {
      return x < y ? -1 : (x == y ? 0 : 1)
    }
    let x = a.doubleValue
    let y = b.doubleValue
    return x < y ? -1 : (x == y ? 0 : 1)
  }

  /// Java `String.compareTo` order (UTF-16 code units).
  static func compareUTF16(_ a: String, _ b: String) -> Int {
    var ia = a.utf16.makeIterator()
    var ib = b.utf16.makeIterator()
    while true {
      switch (ia.next(), ib.next()) {
      case (nil, nil): return 0
      case (nil, _): return -1
      case (_, nil): return 1
      case (let x?, let y?):
        if x != y { return x < y ? -1 : 1 }
      }
    }
  }

  /// `StringMatches`: `*` matches any sequence; `\*` is a literal star and `\\` a backslash.
  public static func wildcardMatch(_ text: String, pattern: String) -> Bool {
    enum Token: Equatable {
      case literal(Unicode.Scalar)
      case star
    }
    var tokens: [Token] = []
    var scalars = pattern.unicodeScalars.makeIterator()
    while let s = scalars.next() {
      if s == "\\" {
        if let next = scalars.next() {
          tokens.append(.literal(next))
        } else {
          tokens.append(.literal(s))
        }
      } else if s == "*" {
        if tokens.last != .star { tokens.append(.star) }
      } else {
        tokens.append(.literal(s))
      }
    }
    let input = Array(text.unicodeScalars)
    // Greedy matching with single backtrack point (classic glob algorithm).
    var t = 0
    var p = 0
    var starToken = -1
    var starInput = 0
    while t < input.count {
      if p < tokens.count, case .literal(let c) = tokens[p], c == input[t] {
        t += 1
        p += 1
      } else if p < tokens.count, tokens[p] == .star {
        starToken = p
        starInput = t
        p += 1
      } else if starToken >= 0 {
        p = starToken + 1
        starInput += 1
        t = starInput
      } else {
        return false
      }
    }
    while p < tokens.count, tokens[p] == .star { p += 1 }
    return p == tokens.count
  }
}
