import JSONCore

extension ValidationRun {
  /// `ErrorEquals`: a non-empty array of strings; `States.ALL` alone and in the last rule.
  mutating func checkErrorEquals(_ rule: JSONObject, at p: JSONPointer, isLast: Bool, what: String) {
    guard let value = rule["ErrorEquals"] else {
      report(p, "required-field", "\(what) has no ErrorEquals; expected a non-empty array of error names")
      return
    }
    guard let names = value.arrayValue else {
      report(p / "ErrorEquals", "json-type", "ErrorEquals is \(value.typeName); expected a non-empty array of error names")
      return
    }
    if names.isEmpty {
      report(p / "ErrorEquals", "json-type", "ErrorEquals is empty; expected a non-empty array of error names")
    }
    for (i, n) in names.enumerated() where n.stringValue == nil {
      report(p / "ErrorEquals" / i, "json-type", "ErrorEquals[\(i)] is \(Self.show(n)); expected an error name string")
    }
    if names.contains(.string("States.ALL")) {
      if names.count > 1 {
        report(p / "ErrorEquals", "states-all", "\"States.ALL\" is combined with other error names; expected it alone in its ErrorEquals")
      }
      if !isLast {
        report(p / "ErrorEquals", "states-all", "\"States.ALL\" appears in a \(what) that is not the last one; expected it only in the last \(what)")
      }
    }
  }

  mutating func checkRetry(_ v: JSONValue, at p: JSONPointer) {
    guard let rules = v.arrayValue else {
      report(p, "json-type", "Retry is \(v.typeName); expected an array of retriers")
      return
    }
    for (i, r) in rules.enumerated() {
      let rp = p / i
      guard let rule = r.objectValue else {
        report(rp, "json-type", "retrier is \(r.typeName); expected an object")
        continue
      }
      checkAllowed(rule, at: rp, allowed: ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"], what: "a retrier")
      checkErrorEquals(rule, at: rp, isLast: i == rules.count - 1, what: "retrier")
      if let x = rule["IntervalSeconds"] { checkInteger(x, at: rp / "IntervalSeconds", min: 1, max: 99_999_999, field: "IntervalSeconds") }
      if let x = rule["MaxAttempts"] { checkInteger(x, at: rp / "MaxAttempts", min: 0, max: 99_999_999, field: "MaxAttempts") }
      if let x = rule["MaxDelaySeconds"] { checkInteger(x, at: rp / "MaxDelaySeconds", min: 1, max: 31_622_400, field: "MaxDelaySeconds") }
      if let x = rule["BackoffRate"] {
        if let d = x.doubleValue {
          if d < 1 { report(rp / "BackoffRate", "value-range", "BackoffRate is \(Self.show(x)); expected a number >= 1.0 (allowed minimum is 1)") }
        } else {
          report(rp / "BackoffRate", "json-type", "BackoffRate is \(Self.show(x)); expected a number >= 1.0")
        }
      }
      if let x = rule["JitterStrategy"] { checkEnum(x, at: rp / "JitterStrategy", field: "JitterStrategy", ["FULL", "NONE"]) }
    }
  }

  mutating func checkCatch(_ v: JSONValue, at p: JSONPointer, language: QueryLanguage) -> [Transition] {
    guard let rules = v.arrayValue else {
      report(p, "json-type", "Catch is \(v.typeName); expected an array of catchers")
      return []
    }
    var targets: [Transition] = []
    for (i, r) in rules.enumerated() {
      let cp = p / i
      guard let rule = r.objectValue else {
        report(cp, "json-type", "catcher is \(r.typeName); expected an object")
        continue
      }
      var allowed: Set<String> = ["ErrorEquals", "Next", "Comment", "Assign"]
      allowed.insert(language == .jsonPath ? "ResultPath" : "Output")
      for key in rule.keys where !allowed.contains(key) {
        let hint = (key == "ResultPath" || key == "Output") ? " (\(key) belongs to the other query language)" : ""
        report(cp / key, "unknown-field", "field \"\(key)\" is not allowed in a catcher\(hint); expected only: \(Self.list(allowed.sorted()))")
      }
      checkErrorEquals(rule, at: cp, isLast: i == rules.count - 1, what: "catcher")
      if let next = ruleNext(rule, at: cp, of: "catcher", field: "Catch Next") { targets.append(next) }
      if let rp = rule["ResultPath"], language == .jsonPath {
        checkPath(rp, at: cp / "ResultPath", field: "ResultPath", kind: .resultPath, nullable: true)
      }
      if let o = rule["Output"], language == .jsonata { checkJSONataValue(o, at: cp / "Output") }
      if let a = rule["Assign"] { checkAssign(a, at: cp / "Assign", language: language) }
    }
    return targets
  }
}
