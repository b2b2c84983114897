import JSONCore

extension ValidationRun {
  mutating func checkMap(_ state: JSONObject, at p: JSONPointer, language: QueryLanguage) {
    let jsonata = language == .jsonata
    checkExclusive(state, ["ItemProcessor", "Iterator"], at: p, required: true, what: "Map state")
    checkExclusive(state, ["ItemSelector", "Parameters"], at: p, what: "Map state")
    checkExclusive(state, ["Items", "ItemsPath"], at: p, what: "Map state")
    checkExclusive(state, ["MaxConcurrency", "MaxConcurrencyPath"], at: p, what: "Map state")
    checkExclusive(state, ["ToleratedFailureCount", "ToleratedFailureCountPath"], at: p, what: "Map state")
    checkExclusive(state, ["ToleratedFailurePercentage", "ToleratedFailurePercentagePath"], at: p, what: "Map state")
    if let items = state["ItemsPath"], !jsonata {
      checkPath(items, at: p / "ItemsPath", field: "ItemsPath", kind: .referencePath)
    }
    if let items = state["Items"], jsonata {
      if items.arrayValue == nil && !Self.isJSONataExpression(items) {
        report(p / "Items", "json-type", "Items is \(Self.show(items)); expected an array or a JSONata expression")
      }
      checkJSONataValue(items, at: p / "Items")
    }
    if let s = state["ItemSelector"] {
      if jsonata { checkJSONataValue(s, at: p / "ItemSelector") } else {
        checkPayloadTemplate(s, at: p / "ItemSelector", field: "ItemSelector", requireObject: true)
      }
    }
    if let m = state["MaxConcurrency"] { checkInteger(m, at: p / "MaxConcurrency", min: 0, field: "MaxConcurrency", jsonata: jsonata) }
    if let t = state["ToleratedFailureCount"] { checkInteger(t, at: p / "ToleratedFailureCount", min: 0, field: "ToleratedFailureCount", jsonata: jsonata) }
    if let t = state["ToleratedFailurePercentage"] {
      if jsonata, Self.isJSONataExpression(t) { checkJSONataValue(t, at: p / "ToleratedFailurePercentage") }
      else if let d = t.doubleValue {
        if d < 0 || d > 100 { report(p / "ToleratedFailurePercentage", "value-range", "ToleratedFailurePercentage is \(Self.show(t)); expected a number from 0 to 100") }
      } else {
        report(p / "ToleratedFailurePercentage", "json-type", "ToleratedFailurePercentage is \(Self.show(t)); expected a number from 0 to 100")
      }
    }
    if !jsonata {
      for key in ["MaxConcurrencyPath", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath"] where state[key] != nil {
        checkPath(state[key]!, at: p / key, field: key, kind: .referencePath)
      }
    }
    if let l = state["Label"] {
      if let s = l.stringValue {
        if s.count > 40 { report(p / "Label", "value-range", "Label is \(s.count) characters; expected at most 40") }
      } else {
        report(p / "Label", "json-type", "Label is \(l.typeName); expected a string")
      }
    }
    if let r = state["ItemReader"] { checkItemReader(r, at: p / "ItemReader", language: language) }
    if let b = state["ItemBatcher"] { checkItemBatcher(b, at: p / "ItemBatcher", language: language) }
    if let w = state["ResultWriter"] { checkResultWriter(w, at: p / "ResultWriter", language: language) }

    for key in ["ItemProcessor", "Iterator"] {
      guard let v = state[key] else { continue }
      let ip = p / key
      guard let processor = v.objectValue else {
        report(ip, "json-type", "\(key) is \(v.typeName); expected a state machine object with StartAt and States")
        continue
      }
      checkAllowed(processor, at: ip, allowed: ["StartAt", "States", "Comment", "ProcessorConfig", "QueryLanguage"], what: key)
      if let config = processor["ProcessorConfig"] {
        if let c = config.objectValue {
          checkAllowed(c, at: ip / "ProcessorConfig", allowed: ["Mode", "ExecutionType"], what: "ProcessorConfig")
          if let m = c["Mode"] { checkEnum(m, at: ip / "ProcessorConfig" / "Mode", field: "Mode", ["INLINE", "DISTRIBUTED"]) }
          if let e = c["ExecutionType"] { checkEnum(e, at: ip / "ProcessorConfig" / "ExecutionType", field: "ExecutionType", ["STANDARD", "EXPRESS"]) }
        } else {
          report(ip / "ProcessorConfig", "json-type", "ProcessorConfig is \(config.typeName); expected an object")
        }
      }
      validateScope(processor, at: ip, language: language, what: key)
    }
  }

  mutating func checkItemReader(_ v: JSONValue, at p: JSONPointer, language: QueryLanguage) {
    guard let r = v.objectValue else {
      report(p, "json-type", "ItemReader is \(v.typeName); expected an object")
      return
    }
    checkAllowed(r, at: p, allowed: ["Resource", "ReaderConfig", "Parameters", "Arguments"], what: "ItemReader")
    if let res = r["Resource"] { checkString(res, at: p / "Resource", field: "Resource", nonEmpty: true) } else {
      report(p, "required-field", "ItemReader has no Resource; expected e.g. \"arn:aws:states:::s3:getObject\"")
    }
    if let params = r["Parameters"] { checkPayloadTemplate(params, at: p / "Parameters", field: "Parameters", requireObject: true) }
    if let args = r["Arguments"] { checkJSONataValue(args, at: p / "Arguments") }
    if let configValue = r["ReaderConfig"] {
      guard let c = configValue.objectValue else {
        report(p / "ReaderConfig", "json-type", "ReaderConfig is \(configValue.typeName); expected an object")
        return
      }
      let cp = p / "ReaderConfig"
      checkAllowed(c, at: cp, allowed: ["InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter", "MaxItems", "MaxItemsPath", "ManifestType", "Transformation", "ItemsPointer"], what: "ReaderConfig")
      checkExclusive(c, ["MaxItems", "MaxItemsPath"], at: cp, what: "ReaderConfig")
      if let t = c["InputType"] { checkEnum(t, at: cp / "InputType", field: "InputType", ["CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"]) }
      if let h = c["CSVHeaderLocation"] { checkEnum(h, at: cp / "CSVHeaderLocation", field: "CSVHeaderLocation", ["FIRST_ROW", "GIVEN"]) }
      // ReaderConfig's CSV and manifest options, as the "ItemReader (Map)" guide lists them.
      if let d = c["CSVDelimiter"] { checkEnum(d, at: cp / "CSVDelimiter", field: "CSVDelimiter", ["COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"]) }
      if let m = c["ManifestType"] { checkEnum(m, at: cp / "ManifestType", field: "ManifestType", ["ATHENA_DATA", "S3_INVENTORY"]) }
      if let t = c["Transformation"] { checkEnum(t, at: cp / "Transformation", field: "Transformation", ["NONE", "LOAD_AND_FLATTEN"]) }
      if let headers = c["CSVHeaders"], !(headers.arrayValue?.allSatisfy({ $0.stringValue != nil }) ?? false) {
        report(cp / "CSVHeaders", "json-type", "CSVHeaders is \(headers.typeName); expected an array of strings")
      }
      if c["CSVHeaderLocation"]?.stringValue == "GIVEN" && c["CSVHeaders"] == nil {
        report(cp, "required-field", "CSVHeaderLocation is GIVEN but ReaderConfig has no CSVHeaders")
      }
      if let m = c["MaxItems"] { checkInteger(m, at: cp / "MaxItems", min: 0, max: 100_000_000, field: "MaxItems", jsonata: language == .jsonata) }
      if let m = c["MaxItemsPath"] { checkPath(m, at: cp / "MaxItemsPath", field: "MaxItemsPath", kind: .referencePath) }
    }
  }

  mutating func checkItemBatcher(_ v: JSONValue, at p: JSONPointer, language: QueryLanguage) {
    guard let b = v.objectValue else {
      report(p, "json-type", "ItemBatcher is \(v.typeName); expected an object")
      return
    }
    checkAllowed(b, at: p, allowed: ["MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath", "BatchInput"], what: "ItemBatcher")
    checkExclusive(b, ["MaxItemsPerBatch", "MaxItemsPerBatchPath"], at: p, what: "ItemBatcher")
    checkExclusive(b, ["MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"], at: p, what: "ItemBatcher")
    let jsonata = language == .jsonata
    if let m = b["MaxItemsPerBatch"] { checkInteger(m, at: p / "MaxItemsPerBatch", min: 0, field: "MaxItemsPerBatch", jsonata: jsonata) }
    if let m = b["MaxInputBytesPerBatch"] { checkInteger(m, at: p / "MaxInputBytesPerBatch", min: 0, max: 262_144, field: "MaxInputBytesPerBatch", jsonata: jsonata) }
    for key in ["MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath"] where b[key] != nil {
      checkPath(b[key]!, at: p / key, field: key, kind: .referencePath)
    }
    if let input = b["BatchInput"] {
      if jsonata { checkJSONataValue(input, at: p / "BatchInput") } else {
        checkPayloadTemplate(input, at: p / "BatchInput", field: "BatchInput", requireObject: true)
      }
    }
  }

  mutating func checkResultWriter(_ v: JSONValue, at p: JSONPointer, language: QueryLanguage) {
    guard let w = v.objectValue else {
      report(p, "json-type", "ResultWriter is \(v.typeName); expected an object")
      return
    }
    checkAllowed(w, at: p, allowed: ["Resource", "Parameters", "Arguments", "WriterConfig"], what: "ResultWriter")
    if let res = w["Resource"] { checkString(res, at: p / "Resource", field: "Resource", nonEmpty: true) }
    if w["Resource"] == nil && w["WriterConfig"] == nil {
      report(p, "required-field", "ResultWriter has neither Resource nor WriterConfig; expected at least one")
    }
    if let params = w["Parameters"] { checkPayloadTemplate(params, at: p / "Parameters", field: "Parameters", requireObject: true) }
    if let configValue = w["WriterConfig"] {
      guard let c = configValue.objectValue else {
        report(p / "WriterConfig", "json-type", "WriterConfig is \(configValue.typeName); expected an object")
        return
      }
      let cp = p / "WriterConfig"
      checkAllowed(c, at: cp, allowed: ["OutputType", "Transformation"], what: "WriterConfig")
      if let o = c["OutputType"] { checkEnum(o, at: cp / "OutputType", field: "OutputType", ["JSON", "JSONL"]) } else {
        report(cp, "required-field", "WriterConfig has no OutputType; expected \"JSON\" or \"JSONL\"")
      }
      if let t = c["Transformation"] { checkEnum(t, at: cp / "Transformation", field: "Transformation", ["NONE", "COMPACT", "FLATTEN"]) }
    }
  }
}
