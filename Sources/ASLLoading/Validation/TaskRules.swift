import JSONCore

extension ValidationRun {
  mutating func checkTask(_ state: JSONObject, at p: JSONPointer, language: QueryLanguage) {
    if let r = state["Resource"] {
      if let resource = r.stringValue {
        checkResource(resource, at: p / "Resource")
      } else if !(language == .jsonata && Self.isJSONataExpression(r)) {
        report(p / "Resource", "json-type", "Resource is \(Self.show(r)); expected an ARN string")
      }
    } else {
      report(p, "required-field", "Task state has no Resource; expected an ARN such as \"arn:aws:states:::lambda:invoke\"")
    }
    let jsonata = language == .jsonata
    checkExclusive(state, ["TimeoutSeconds", "TimeoutSecondsPath"], at: p, what: "Task state")
    checkExclusive(state, ["HeartbeatSeconds", "HeartbeatSecondsPath"], at: p, what: "Task state")
    if let t = state["TimeoutSeconds"] { checkInteger(t, at: p / "TimeoutSeconds", min: 1, max: 99_999_999, field: "TimeoutSeconds", jsonata: jsonata) }
    if let t = state["HeartbeatSeconds"] { checkInteger(t, at: p / "HeartbeatSeconds", min: 1, max: 99_999_999, field: "HeartbeatSeconds", jsonata: jsonata) }
    if let t = state["TimeoutSeconds"]?.intValue, let h = state["HeartbeatSeconds"]?.intValue, h >= t {
      report(p / "HeartbeatSeconds", "value-range", "HeartbeatSeconds is \(h); expected less than TimeoutSeconds (\(t))")
    }
    if !jsonata {
      for key in ["TimeoutSecondsPath", "HeartbeatSecondsPath"] where state[key] != nil {
        checkPath(state[key]!, at: p / key, field: key, kind: .referencePath)
      }
    }
    if let c = state["Credentials"] {
      // A payload template (RoleArn / RoleArn.$ in practice; AWS checks the role at run time).
      if c.objectValue != nil {
        if jsonata { checkJSONataValue(c, at: p / "Credentials") } else {
          checkPayloadTemplate(c, at: p / "Credentials", field: "Credentials", requireObject: true)
        }
      } else {
        report(p / "Credentials", "json-type", "Credentials is \(Self.show(c)); expected an object with RoleArn")
      }
    }
  }

  /// Resource ARNs: placeholders must be complete; Lambda qualifiers well formed; Express
  /// workflows cannot wait (`.sync`, `.waitForTaskToken`) or use activities.
  mutating func checkResource(_ resource: String, at p: JSONPointer) {
    if let open = resource.range(of: "${"), resource[open.upperBound...].firstIndex(of: "}") == nil {
      report(p, "resource-arn", "Resource \"\(resource)\" has an unterminated placeholder; expected \"${Name}\" or an ARN")
      return
    }
    let parts = resource.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    if resource.hasPrefix("arn:") {
      if parts.count < 6 {
        report(p, "resource-arn", "Resource \"\(resource)\" is not a complete ARN; expected arn:partition:service:region:account:resource")
        return
      }
      if parts[2] == "lambda", parts.count >= 7, parts[5] == "function" {
        if parts.count > 8 {
          report(p, "resource-arn", "Lambda ARN \"\(resource)\" has too many ':' parts; expected arn:aws:lambda:region:account:function:name[:qualifier]")
        } else if parts.count == 8 {
          let q = parts[7]
          let ok = !q.isEmpty && !q.contains("${") ? (q == "$LATEST" || q.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) : !q.isEmpty
          if !ok {
            report(p, "resource-arn", "Lambda ARN \"\(resource)\" has qualifier \"\(q)\"; expected a version number, $LATEST or an alias of letters, digits, - and _")
          }
        }
      }
    }
    if isExpress {
      if resource.hasSuffix(".sync") || resource.hasSuffix(".sync:2") {
        report(p, "express-unsupported", "Express state machine does not support '.sync' service integration (\(resource)); expected a request-response resource or a STANDARD machine")
      } else if resource.hasSuffix(".waitForTaskToken") {
        report(p, "express-unsupported", "Express state machine does not support '.waitForTaskToken' service integration; expected a request-response resource or a STANDARD machine")
      } else if parts.count >= 6, parts[2] == "states", parts[5] == "activity" {
        report(p, "express-unsupported", "Express state machine does not support activities; expected a STANDARD machine")
      }
    }
  }

  mutating func checkWait(_ state: JSONObject, at p: JSONPointer, language: QueryLanguage) {
    let keys = language == .jsonata ? ["Seconds", "Timestamp"] : ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"]
    let present = ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"].filter { state[$0] != nil }
    if present.count > 1 {
      report(p / present[1], "exclusive-fields", "Wait state has \(present.map { "\"\($0)\"" }.joined(separator: " and ")); expected exactly one of \(keys.joined(separator: ", "))")
    } else if present.isEmpty {
      report(p, "required-field", "Wait state has none of \(keys.joined(separator: ", ")); expected exactly one")
    }
    let jsonata = language == .jsonata
    if let s = state["Seconds"] { checkInteger(s, at: p / "Seconds", min: 0, max: 99_999_999, field: "Seconds", jsonata: jsonata) }
    if let t = state["Timestamp"] {
      if jsonata, Self.isJSONataExpression(t) {
        checkJSONataValue(t, at: p / "Timestamp")
      } else if let s = t.stringValue {
        if !s.contains("${") && !Self.isTimestamp(s) {
          report(p / "Timestamp", "timestamp", "Timestamp is \(Self.show(t)); expected an RFC 3339 timestamp such as \"2016-03-14T01:59:00Z\"")
        }
      } else {
        report(p / "Timestamp", "json-type", "Timestamp is \(t.typeName); expected an RFC 3339 timestamp string")
      }
    }
    if !jsonata {
      for key in ["SecondsPath", "TimestampPath"] where state[key] != nil {
        checkPath(state[key]!, at: p / key, field: key, kind: .referencePath)
      }
    }
  }

  mutating func checkFail(_ state: JSONObject, at p: JSONPointer, language: QueryLanguage) {
    checkExclusive(state, ["Error", "ErrorPath"], at: p, what: "Fail state")
    checkExclusive(state, ["Cause", "CausePath"], at: p, what: "Fail state")
    for key in ["Error", "Cause"] where state[key] != nil {
      let v = state[key]!
      if v.stringValue == nil { report(p / key, "json-type", "\(key) is \(v.typeName); expected a string") }
      if language == .jsonata { checkJSONataValue(v, at: p / key) }
    }
    if language == .jsonPath {
      for key in ["ErrorPath", "CausePath"] where state[key] != nil {
        checkPath(state[key]!, at: p / key, field: key, kind: .pathOrIntrinsic)
        if let text = state[key]!.stringValue, text.hasPrefix("States."),
          let paren = text.firstIndex(of: "("), !Self.stringIntrinsics.contains(String(text[..<paren]))
        {
          report(p / key, "invalid-path-or-intrinsic", "\(key) calls \(text[..<paren]), which does not return a string; expected a path or one of \(Self.stringIntrinsics.sorted().joined(separator: ", "))")
        }
      }
    }
  }

  /// Intrinsic functions whose result can be a string (for `ErrorPath` and `CausePath`).
  static let stringIntrinsics: Set<String> = [
    "States.Format", "States.JsonToString", "States.ArrayGetItem", "States.UUID", "States.Base64Encode",
    "States.Base64Decode", "States.Hash",
  ]

  mutating func checkParallel(_ state: JSONObject, at p: JSONPointer, language: QueryLanguage) {
    guard let branchesValue = state["Branches"] else {
      report(p, "required-field", "Parallel state has no Branches; expected a non-empty array of state machines")
      return
    }
    guard let branches = branchesValue.arrayValue, !branches.isEmpty else {
      report(p / "Branches", "json-type", "Branches is \(Self.show(branchesValue)); expected a non-empty array of state machines")
      return
    }
    for (i, b) in branches.enumerated() {
      let bp = p / "Branches" / i
      guard let branch = b.objectValue else {
        report(bp, "json-type", "branch \(i) is \(b.typeName); expected a state machine object with StartAt and States")
        continue
      }
      checkAllowed(branch, at: bp, allowed: ["StartAt", "States", "Comment", "QueryLanguage"], what: "a Parallel branch")
      validateScope(branch, at: bp, language: language, what: "branch \(i)")
    }
  }
}
