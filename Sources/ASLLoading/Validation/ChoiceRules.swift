import JSONCore

extension ValidationRun {
  mutating func checkChoice(_ state: JSONObject, at p: JSONPointer, language: QueryLanguage) -> [Transition] {
    var targets: [Transition] = []
    if let d = transition(state, at: p, key: "Default", field: "Default") { targets.append(d) }
    guard let choicesValue = state["Choices"] else {
      report(p, "required-field", "Choice state has no Choices; expected a non-empty array of choice rules")
      return targets
    }
    guard let choices = choicesValue.arrayValue, !choices.isEmpty else {
      report(p / "Choices", "json-type", "Choices is \(Self.show(choicesValue)); expected a non-empty array of choice rules")
      return targets
    }
    for (i, c) in choices.enumerated() {
      let cp = p / "Choices" / i
      guard let rule = c.objectValue else {
        report(cp, "json-type", "choice rule is \(c.typeName); expected an object")
        continue
      }
      if let next = ruleNext(rule, at: cp, of: "choice rule", field: "Next") { targets.append(next) }
      if let a = rule["Assign"] { checkAssign(a, at: cp / "Assign", language: language) }
      if language == .jsonata {
        checkAllowed(rule, at: cp, allowed: ["Condition", "Next", "Comment", "Assign", "Output"], what: "a JSONata choice rule")
        if let o = rule["Output"] { checkJSONataValue(o, at: cp / "Output") }
        if let cond = rule["Condition"] {
          if cond.boolValue == nil && !Self.isJSONataExpression(cond) {
            report(cp / "Condition", "json-type", "Condition is \(Self.show(cond)); expected a JSONata expression \"{% ... %}\" or a boolean")
          } else {
            checkJSONataValue(cond, at: cp / "Condition")
          }
        } else {
          report(cp, "required-field", "JSONata choice rule has no Condition; expected \"Condition\": \"{% ... %}\"")
        }
      } else {
        checkChoiceRule(rule, at: cp, topLevel: true)
      }
    }
    return targets
  }

  /// A JSONPath choice rule: exactly one comparison (with `Variable`) or one of And/Or/Not.
  mutating func checkChoiceRule(_ rule: JSONObject, at p: JSONPointer, topLevel: Bool) {
    let comparisons = Array(rule.keys.filter { StateFieldTable.comparisons[$0] != nil })
    let combinators = Array(rule.keys.filter { ["And", "Or", "Not"].contains($0) })
    for key in rule.keys {
      let known = StateFieldTable.comparisons[key] != nil || ["And", "Or", "Not", "Variable", "Comment"].contains(key)
        || (topLevel && ["Next", "Assign"].contains(key))
      if !known {
        let why = key == "End" ? "a choice rule cannot end the execution; expected Next" :
          key == "Condition" ? "Condition is JSONata-only; expected a comparison operator with Variable" :
          (key == "Next" || key == "Assign") ? "\(key) belongs on the top-level choice rule, not inside And/Or/Not" :
          "expected a comparison operator (StringEquals, NumericGreaterThan, IsPresent, ...), And, Or, Not, Variable, Next or Comment"
        report(p / key, "unknown-field", "field \"\(key)\" is not allowed in a choice rule; \(why)")
      }
    }
    if comparisons.count + combinators.count == 0 {
      report(p, "choice-rule", "choice rule has no comparison; expected one operator such as StringEquals, or And/Or/Not")
      return
    }
    if comparisons.count + combinators.count > 1 {
      for key in (comparisons + combinators).dropFirst() {
        report(p / key, "choice-rule", "choice rule has more than one operator (\((comparisons + combinators).joined(separator: ", "))); expected exactly one (combine with And/Or)")
      }
    }
    if let op = comparisons.first, combinators.isEmpty {
      if let variable = rule["Variable"] {
        checkPath(variable, at: p / "Variable", field: "Variable", kind: .referencePath)
      } else {
        report(p, "required-field", "choice rule with \(op) has no Variable; expected the path to compare")
      }
      let operand = rule[op]!
      switch StateFieldTable.comparisons[op]! {
      case "path":
        checkPath(operand, at: p / op, field: op, kind: .referencePath)
      case "string":
        if operand.stringValue == nil { report(p / op, "json-type", "\(op) is \(Self.show(operand)); expected a string") }
        else if op.hasPrefix("Timestamp"), let s = operand.stringValue, !Self.isTimestamp(s) {
          report(p / op, "timestamp", "\(op) is \(Self.show(operand)); expected an RFC 3339 timestamp such as \"2016-03-14T01:59:00Z\"")
        }
      case "number":
        if operand.numberValue == nil { report(p / op, "json-type", "\(op) is \(Self.show(operand)); expected a number") }
      default:
        if operand.boolValue == nil { report(p / op, "json-type", "\(op) is \(Self.show(operand)); expected true or false") }
      }
    }
    if let combinator = combinators.first {
      if rule["Variable"] != nil {
        report(p / "Variable", "choice-rule", "Variable is not allowed next to \(combinator); expected it inside the nested rules")
      }
      let operand = rule[combinator]!
      if combinator == "Not" {
        if let inner = operand.objectValue {
          checkChoiceRule(inner, at: p / "Not", topLevel: false)
        } else {
          report(p / "Not", "json-type", "Not is \(operand.typeName); expected one choice rule object")
        }
      } else if let items = operand.arrayValue, !items.isEmpty {
        for (i, item) in items.enumerated() {
          if let inner = item.objectValue {
            checkChoiceRule(inner, at: p / combinator / i, topLevel: false)
          } else {
            report(p / combinator / i, "json-type", "\(combinator)[\(i)] is \(item.typeName); expected a choice rule object")
          }
        }
      } else {
        report(p / combinator, "json-type", "\(combinator) is \(Self.show(operand)); expected a non-empty array of choice rules")
      }
    }
  }

  /// RFC 3339 timestamp with a time zone, as Step Functions accepts.
  static func isTimestamp(_ s: String) -> Bool {
    let u = Array(s.utf8)
    func digits(_ r: Range<Int>) -> Bool { r.upperBound <= u.count && u[r].allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    guard u.count >= 20, digits(0..<4), u[4] == UInt8(ascii: "-"), digits(5..<7), u[7] == UInt8(ascii: "-"),
      digits(8..<10), u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: "t"), digits(11..<13),
      u[13] == UInt8(ascii: ":"), digits(14..<16), u[16] == UInt8(ascii: ":"), digits(17..<19)
    else { return false }
    var i = 19
    if i < u.count, u[i] == UInt8(ascii: ".") {
      i += 1
      let start = i
      while i < u.count, u[i] >= 0x30 && u[i] <= 0x39 { i += 1 }
      if i == start { return false }
    }
    guard i < u.count else { return false }
    if u[i] == UInt8(ascii: "Z") || u[i] == UInt8(ascii: "z") { return i + 1 == u.count }
    guard u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") else { return false }
    return u.count == i + 6 && digits((i + 1)..<(i + 3)) && u[i + 3] == UInt8(ascii: ":") && digits((i + 4)..<(i + 6))
  }
}
