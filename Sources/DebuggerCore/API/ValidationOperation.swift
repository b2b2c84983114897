import ASLLoading
import JSONCore

/// ValidateStateMachineDefinition: the project's validator, reported in AWS's diagnostics shape
/// (`{code, location, message, severity}`, `result` OK/FAIL, `truncated`), as AWS records it
/// (localstack `test_sfn_api_validation.snapshot.json`): `SCHEMA_VALIDATION_FAILED` at a JSON
/// pointer, `INVALID_JSON_DESCRIPTION` for text that is not JSON.
extension Session {
  func validateStateMachineDefinition(_ f: APIRequestFields) throws(APIError) -> JSONValue {
    let text = try f.string("definition")
    let type = try machineType(f)
    let severity = try f.optionalString("severity") ?? "ERROR"
    guard severity == "ERROR" || severity == "WARNING" else {
      throw .validation("severity", severity, "Member must satisfy enum value set: [ERROR, WARNING]")
    }
    let limit = try f.optionalInt("maxResults") ?? 100
    var diagnostics: [JSONValue] = []
    do {
      let definition = try JSONParser.parse(text)
      for d in Validator.validate(definition: definition, type: type)
      where d.severity == .error || severity == "WARNING" {
        diagnostics.append([
          "code": .string(d.severity == .error ? "SCHEMA_VALIDATION_FAILED" : Self.warningCode(d.rule)),
          "location": .string(d.pointer.shownText), "message": .string(d.message),
          "severity": .string(d.severity == .error ? "ERROR" : "WARNING"),
        ])
      }
    } catch {
      diagnostics.append([
        "code": "INVALID_JSON_DESCRIPTION", "location": .string(error.position.description),
        "message": .string(error.message), "severity": "ERROR",
      ])
    }
    let failed = diagnostics.contains { $0["severity"] == "ERROR" }
    let shown = limit > 0 ? Array(diagnostics.prefix(limit)) : diagnostics
    return ["result": failed ? "FAIL" : "OK", "diagnostics": .array(shown), "truncated": .bool(shown.count < diagnostics.count)]
  }

  /// A warning's code from the validator's rule id (`unreachable-state` → `UNREACHABLE_STATE`).
  static func warningCode(_ rule: String) -> String {
    rule.uppercased().replacingOccurrences(of: "-", with: "_")
  }
}
