import ASLExpressions
import JSONCore

/// A Choice rule (ASL "Choice Rules"): a condition and, at the top level, where to go.
public struct ChoiceRule: Sendable {
  public var condition: ChoiceCondition
  /// `Next` (top-level rules only).
  public var next: String?
  public var assign: JSONValue?
  /// JSONata `Output`.
  public var output: JSONValue?
  public var comment: String?
  /// `Assign` compiled at load time (JSONPath states).
  public var compiledAssign: CompiledTemplate?

  public init(
    condition: ChoiceCondition, next: String? = nil, assign: JSONValue? = nil,
    output: JSONValue? = nil, comment: String? = nil
  ) {
    self.condition = condition
    self.next = next
    self.assign = assign
    self.output = output
    self.comment = comment
    if let assign { compiledAssign = CompiledTemplate(assign) }
  }
}

/// The boolean expression of a Choice rule.
public indirect enum ChoiceCondition: Sendable {
  case and([ChoiceCondition])
  case or([ChoiceCondition])
  case not(ChoiceCondition)
  /// `Variable` compared with an operator; for `…Path` operators `operand` is the path string.
  case comparison(ChoiceComparison)
  /// JSONata `Condition` (a `{% … %}` string, or a literal boolean).
  case jsonata(JSONValue)
}

/// `"Variable": "$.x", "<Operator>": operand`.
public struct ChoiceComparison: Sendable {
  public var variable: String
  /// The operator's ASL name, e.g. `NumericGreaterThanEquals`, `StringEqualsPath`, `IsPresent`.
  public var operatorName: String
  public var operand: JSONValue
  /// The operator, when it is one ASL defines.
  public var comparisonOperator: ComparisonOperator?
  /// `Variable` parsed at load time.
  public var compiledVariable: CompiledPath
  /// The operand path of a `…Path` operator, parsed at load time.
  public var compiledOperandPath: CompiledPath?

  public init(variable: String, operatorName: String, operand: JSONValue) {
    self.variable = variable
    self.operatorName = operatorName
    self.operand = operand
    self.comparisonOperator = ComparisonOperator(rawValue: operatorName)
    self.compiledVariable = CompiledPath(variable)
    if operatorName.hasSuffix("Path"), case .string(let p) = operand {
      compiledOperandPath = CompiledPath(p)
    }
  }

  /// True for the `…Path` operators whose operand is a path to resolve.
  public var operandIsPath: Bool { operatorName.hasSuffix("Path") }
}

extension ChoiceCondition {
  static let combinatorKeys: Set<String> = ["And", "Or", "Not"]
  static let nonOperatorKeys: Set<String> = [
    "Variable", "Next", "Comment", "Assign", "Output", "Condition", "And", "Or", "Not",
  ]

  static func decode(_ value: JSONValue, at pointer: JSONPointer, language: QueryLanguage)
    throws(ModelDecodingError) -> ChoiceCondition
  {
    let r = try FieldReader(value, at: pointer, what: "a Choice rule")
    if let condition = r.raw("Condition") { return .jsonata(condition) }
    let nested = { (item: JSONValue, at: JSONPointer) throws(ModelDecodingError) in
      try decode(item, at: at, language: language)
    }
    if let items = try r.decodeEach("And", nested) { return .and(items) }
    if let items = try r.decodeEach("Or", nested) { return .or(items) }
    if let inner = r.raw("Not") {
      return .not(try decode(inner, at: pointer / "Not", language: language))
    }
    let operators = r.object.keys.filter { !nonOperatorKeys.contains($0) }
    guard let variable = try r.string("Variable") else {
      throw r.missing("Variable", "a path, or And/Or/Not/Condition")
    }
    guard operators.count == 1, let op = operators.first, let operand = r.raw(op) else {
      throw ModelDecodingError(
        pointer: pointer,
        message: "expected exactly one comparison operator next to 'Variable', found "
          + (operators.isEmpty ? "none" : operators.joined(separator: ", ")))
    }
    return .comparison(ChoiceComparison(variable: variable, operatorName: op, operand: operand))
  }
}

extension ChoiceRule {
  static func decode(_ value: JSONValue, at pointer: JSONPointer, language: QueryLanguage)
    throws(ModelDecodingError) -> ChoiceRule
  {
    let r = try FieldReader(value, at: pointer, what: "a Choice rule")
    return ChoiceRule(
      condition: try ChoiceCondition.decode(value, at: pointer, language: language),
      next: try r.string("Next"), assign: r.raw("Assign"), output: r.raw("Output"),
      comment: try r.string("Comment"))
  }
}
