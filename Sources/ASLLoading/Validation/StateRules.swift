import JSONCore

extension ValidationRun {
  /// Validates one state and returns its transitions.
  mutating func validateState(
    name: String, _ state: JSONObject, at p: JSONPointer, parentLanguage: QueryLanguage
  ) -> StateInfo {
    var info = StateInfo()
    guard let typeValue = state["Type"] else {
      report(p, "required-field", "state '\(name)' has no Type; expected one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map")
      return info
    }
    guard let type = typeValue.stringValue, let fields = StateFieldTable.byType[type] else {
      report(p / "Type", "enum-value", "Type is \(Self.show(typeValue)); expected one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map")
      return info
    }
    var language = parentLanguage
    if let ql = state["QueryLanguage"] {
      if let s = ql.stringValue, let l = QueryLanguage(rawValue: s) {
        if l == .jsonPath && rootLanguage == .jsonata && p.tokens.count == 2 {
          report(p / "QueryLanguage", "query-language", "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine")
        }
        language = l
      } else {
        report(p / "QueryLanguage", "enum-value", "QueryLanguage is \(Self.show(ql)); expected \"JSONPath\" or \"JSONata\"")
      }
    }
    if let c = state["Comment"], c.stringValue == nil {
      report(p / "Comment", "json-type", "Comment is \(c.typeName); expected a string")
    }
    for key in state.keys where !StateFieldTable.common.contains(key) {
      if !fields.contains(key) {
        report(p / key, "unknown-field", "field \"\(key)\" is not allowed in a \(type) state; expected only: \(Self.list(fields.sorted()))")
      } else if language == .jsonata && StateFieldTable.jsonPathOnly.contains(key) {
        report(p / key, "query-language-field", "field \"\(key)\" is JSONPath-only but state '\(name)' uses JSONata; \(Self.jsonataReplacement(key))")
      } else if language == .jsonPath && StateFieldTable.jsonataOnly.contains(key) {
        report(p / key, "query-language-field", "field \"\(key)\" is JSONata-only but state '\(name)' uses JSONPath; set \"QueryLanguage\": \"JSONata\" or use \(Self.jsonPathReplacement(key))")
      }
    }

    // Next / End.
    let hasEnd = state["End"]
    if StateFieldTable.flowing.contains(type) {
      if let end = hasEnd, end.boolValue == nil {
        report(p / "End", "json-type", "End is \(end.typeName); expected true")
      }
      let ends = hasEnd?.boolValue == true
      if let next = state["Next"] {
        if let target = next.stringValue {
          info.targets.append(Transition(name: target, pointer: p / "Next", field: "Next"))
        } else {
          report(p / "Next", "json-type", "Next is \(next.typeName); expected a state name (string)")
        }
        if ends { report(p / "Next", "next-or-end", "state '\(name)' has both Next and \"End\": true; expected exactly one of them") }
      } else if !ends {
        report(p, "next-or-end", "\(type) state '\(name)' has neither Next nor \"End\": true; expected exactly one of them")
      }
      info.isTerminal = ends
    } else {
      for key in ["Next", "End"] where state[key] != nil {
        report(p / key, "unknown-field", "field \"\(key)\" is not allowed in a \(type) state")
      }
      info.isTerminal = type == "Succeed" || type == "Fail"
    }

    // Fields shared by several types.
    if language == .jsonPath {
      for key in ["InputPath", "OutputPath"] where state[key] != nil && fields.contains(key) {
        checkPath(state[key]!, at: p / key, field: key, kind: .path, nullable: true)
      }
      if let r = state["ResultPath"], fields.contains("ResultPath") {
        checkPath(r, at: p / "ResultPath", field: "ResultPath", kind: .resultPath, nullable: true)
      }
      for key in ["Parameters", "ResultSelector"] where state[key] != nil && fields.contains(key) {
        if key == "ResultSelector" || type != "Map" || true {
          checkPayloadTemplate(state[key]!, at: p / key, field: key, requireObject: key == "ResultSelector")
        }
      }
    } else {
      for key in ["Arguments", "Output"] where state[key] != nil && fields.contains(key) {
        checkJSONataValue(state[key]!, at: p / key)
      }
      if let a = state["Arguments"], fields.contains("Arguments"), a.objectValue == nil, !Self.isJSONataExpression(a) {
        report(p / "Arguments", "json-type", "Arguments is \(a.typeName); expected an object or a JSONata expression \"{% ... %}\"")
      }
    }
    if language == .jsonPath, let result = state["Result"], type == "Pass" {
      warnJSONataLiterals(result, at: p / "Result")
    }
    if let assign = state["Assign"], fields.contains("Assign") {
      checkAssign(assign, at: p / "Assign", language: language)
    }
    if let retry = state["Retry"], fields.contains("Retry") { checkRetry(retry, at: p / "Retry") }
    if let c = state["Catch"], fields.contains("Catch") {
      info.targets += checkCatch(c, at: p / "Catch", language: language)
    }

    switch type {
    case "Pass": break
    case "Task": checkTask(state, at: p, language: language)
    case "Choice": info.targets += checkChoice(state, at: p, language: language)
    case "Wait": checkWait(state, at: p, language: language)
    case "Fail": checkFail(state, at: p, language: language)
    case "Parallel": checkParallel(state, at: p, language: language)
    case "Map": checkMap(state, at: p, language: language)
    default: break
    }
    return info
  }

  static func jsonataReplacement(_ key: String) -> String {
    switch key {
    case "Parameters": return "expected Arguments"
    case "ResultSelector", "ResultPath", "OutputPath", "InputPath": return "expected Output (and Assign)"
    case "ItemsPath": return "expected Items"
    case "Result": return "expected Output"
    default: return "expected \(key.dropLast(4)) with a JSONata expression"
    }
  }

  static func jsonPathReplacement(_ key: String) -> String {
    switch key {
    case "Arguments": return "Parameters"
    case "Output": return "OutputPath/ResultSelector"
    case "Items": return "ItemsPath"
    default: return "the JSONPath field"
    }
  }

  // MARK: - Small typed checks

  /// A JSONata expression string `{% ... %}`.
  static func isJSONataExpression(_ v: JSONValue) -> Bool {
    guard let s = v.stringValue else { return false }
    return s.hasPrefix("{%") && s.hasSuffix("%}")
  }

  mutating func checkInteger(
    _ v: JSONValue, at p: JSONPointer, min: Int?, max: Int? = nil, field: String, jsonata: Bool = false
  ) {
    if jsonata, Self.isJSONataExpression(v) { checkJSONataValue(v, at: p); return }
    if let s = v.stringValue, s.contains("${") {
      report(p, "unresolved-placeholder", "\(field) is the unresolved placeholder \(Self.show(v)); expected an integer (give it a value with --sub)")
      return
    }
    guard let n = v.numberValue, n.isIntegerLiteral || n.doubleValue == n.doubleValue.rounded(), let i = n.intValue else {
      report(p, "json-type", "\(field) is \(Self.show(v)); expected an integer\(jsonata ? " or a JSONata expression" : "")")
      return
    }
    if let min, i < min { report(p, "value-range", "\(field) is \(i); expected at least \(min)") }
    if let max, i > max { report(p, "value-range", "\(field) is \(i); expected at most \(max)") }
  }

  mutating func checkString(_ v: JSONValue, at p: JSONPointer, field: String, nonEmpty: Bool = false) {
    guard let s = v.stringValue else {
      report(p, "json-type", "\(field) is \(v.typeName); expected a string")
      return
    }
    if nonEmpty && s.isEmpty { report(p, "json-type", "\(field) is empty; expected a non-empty string") }
  }

  /// At most one of `keys` may be present.
  mutating func checkExclusive(_ object: JSONObject, _ keys: [String], at p: JSONPointer, required: Bool = false, what: String) {
    let present = keys.filter { object[$0] != nil }
    if present.count > 1 {
      report(p / present[1], "exclusive-fields", "\(what) has \(present.map { "\"\($0)\"" }.joined(separator: " and ")); expected only one of \(keys.joined(separator: ", "))")
    } else if required && present.isEmpty {
      report(p, "required-field", "\(what) has none of \(keys.joined(separator: ", ")); expected exactly one")
    }
  }

  /// Reports members of `object` not in `allowed`.
  mutating func checkAllowed(_ object: JSONObject, at p: JSONPointer, allowed: Set<String>, what: String) {
    for key in object.keys where !allowed.contains(key) {
      report(p / key, "unknown-field", "field \"\(key)\" is not allowed in \(what); expected only: \(Self.list(allowed.sorted()))")
    }
  }

  mutating func checkEnum(_ v: JSONValue, at p: JSONPointer, field: String, _ allowed: [String]) {
    guard let s = v.stringValue, allowed.contains(s) else {
      report(p, "enum-value", "\(field) is \(Self.show(v)); expected one of \(allowed.map { "\"\($0)\"" }.joined(separator: ", "))")
      return
    }
  }

  mutating func checkAssign(_ v: JSONValue, at p: JSONPointer, language: QueryLanguage) {
    guard let o = v.objectValue else {
      report(p, "json-type", "Assign is \(Self.show(v)); expected an object of variable names to values")
      return
    }
    for (k, value) in o {
      let name = k.hasSuffix(".$") ? String(k.dropLast(2)) : k
      if name.isEmpty || name.hasPrefix("$") || name.contains(".") || name.contains(where: \.isWhitespace) {
        report(p / k, "variable-name", "variable name '\(name)' is not valid; expected a name such as \"orderId\" (no '$', '.', or spaces)")
      }
      if language == .jsonata {
        if k.hasSuffix(".$") {
          report(p / k, "query-language-field", "\"\(k)\" uses the JSONPath '.$' suffix in a JSONata state; expected a plain key with a JSONata expression")
        }
        checkJSONataValue(value, at: p / k)
      } else if k.hasSuffix(".$") {
        checkPathValue(value, at: p / k, field: k)
      } else {
        checkPayloadTemplate(value, at: p / k, field: k, requireObject: false)
      }
    }
  }
}
