import ASLExpressions

extension ChoiceCondition {
  /// The condition in one line, as a Choice edge of the graph and State I/O show it:
  /// `$.n >= 3 and not $.s == "x"`, `$.a is absent`, a JSONata condition without `{% %}`.
  public var summary: String {
    switch self {
    case .and(let items): return items.map(\.operandSummary).joined(separator: " and ")
    case .or(let items): return items.map(\.operandSummary).joined(separator: " or ")
    case .not(let inner): return "not " + inner.operandSummary
    case .comparison(let comparison): return comparison.summary
    case .jsonata(let value):
      guard case .string(let text) = value else { return value.compactString }
      return CompiledJSONataTemplate.expressionText(text) ?? text
    }
  }

  /// The summary as an operand of and/or/not: a nested and/or is parenthesized.
  private var operandSummary: String {
    switch self {
    case .and, .or: return "(" + summary + ")"
    default: return summary
    }
  }
}

extension ChoiceComparison {
  /// `Variable` with its operator as a symbol: `$.n >= 3`, `$.a < $.b`, `$.s matches "log-*"`,
  /// `$.x is not null`; the bare variable for an operator ASL does not define.
  public var summary: String {
    guard let op = comparisonOperator else { return variable }
    let operandText = op.isPathVariant ? (operand.stringValue ?? operand.compactString) : operand.compactString
    let negated = operand.boolValue == false
    switch op.relation {
    case .equal: return variable + " == " + operandText
    case .less: return variable + " < " + operandText
    case .lessOrEqual: return variable + " <= " + operandText
    case .greater: return variable + " > " + operandText
    case .greaterOrEqual: return variable + " >= " + operandText
    case .matches: return variable + " matches " + operandText
    case nil:
      switch op {
      case .isPresent: return variable + (negated ? " is absent" : " is present")
      case .isNull: return variable + (negated ? " is not null" : " is null")
      default:
        let kind = op.rawValue.dropFirst(2).lowercased()
        return variable + (negated ? " is not " : " is ") + kind
      }
    }
  }
}
