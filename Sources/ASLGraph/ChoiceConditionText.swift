import JSONCore

/// Short text for a Choice rule's condition, as shown on its edge (`$.NeedCallback == true`).
public enum ChoiceConditionText {
  /// Describes a JSONPath rule (`Variable` + comparison, `And`/`Or`/`Not`) or a JSONata
  /// `Condition` (the expression between `{%` and `%}`).
  public static func describe(_ rule: JSONObject) -> String {
    if let condition = rule["Condition"] {
      if let text = condition.stringValue { return stripJSONata(text) }
      return condition.compactString
    }
    if let operands = rule["And"]?.arrayValue {
      return operands.map { describeNested($0) }.joined(separator: " and ")
    }
    if let operands = rule["Or"]?.arrayValue {
      return operands.map { describeNested($0) }.joined(separator: " or ")
    }
    if let operand = rule["Not"] {
      return "not " + describeNested(operand)
    }
    let variable = rule["Variable"]?.stringValue ?? "?"
    for (key, value) in rule {
      if let text = comparison(key, value) { return variable + " " + text }
    }
    return variable
  }

  private static func describeNested(_ value: JSONValue) -> String {
    guard let object = value.objectValue else { return value.compactString }
    let text = describe(object)
    let compound = object["And"] != nil || object["Or"] != nil
    return compound ? "(" + text + ")" : text
  }

  private static func stripJSONata(_ text: String) -> String {
    var body = Substring(text)
    if body.hasPrefix("{%") && body.hasSuffix("%}") {
      body = body.dropFirst(2).dropLast(2)
    }
    return body.trimmingCharacters(in: " \n\t")
  }

  private static let operators: [(suffix: String, symbol: String)] = [
    ("GreaterThanEquals", ">="), ("LessThanEquals", "<="), ("GreaterThan", ">"),
    ("LessThan", "<"), ("Equals", "=="),
  ]

  private static func comparison(_ key: String, _ value: JSONValue) -> String? {
    switch key {
    case "IsPresent": return value.boolValue == false ? "is absent" : "is present"
    case "IsNull": return value.boolValue == false ? "is not null" : "is null"
    case "IsString", "IsNumeric", "IsBoolean", "IsTimestamp":
      let kind = key.dropFirst(2).lowercased()
      return value.boolValue == false ? "is not \(kind)" : "is \(kind)"
    default: break
    }
    var name = Substring(key)
    let isPath = name.hasSuffix("Path")
    if isPath { name = name.dropLast(4) }
    if name == "StringMatches" { return "matches " + value.compactString }
    guard
      name.hasPrefix("String") || name.hasPrefix("Numeric") || name.hasPrefix("Boolean")
        || name.hasPrefix("Timestamp")
    else { return nil }
    for entry in operators where name.hasSuffix(entry.suffix) {
      let operand = isPath ? (value.stringValue ?? value.compactString) : value.compactString
      return entry.symbol + " " + operand
    }
    return nil
  }
}

extension StringProtocol {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var start = startIndex
    var end = endIndex
    while start < end, set.contains(self[start]) { start = index(after: start) }
    while end > start, set.contains(self[index(before: end)]) { end = index(before: end) }
    return String(self[start..<end])
  }
}
