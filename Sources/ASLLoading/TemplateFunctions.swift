import Foundation
import JSONCore

/// The functions of a template that sfdbg can run locally: `AWS::Serverless::Function` (with the
/// template's `Globals.Function` applied) and `AWS::Lambda::Function` with a local code folder
/// (`CodeUri`, `Code` as a path) and a `python3.x` or `nodejs*` runtime. Others (S3 code, images,
/// inline `ZipFile`, other runtimes) are left to mocks, handlers or a person.
extension CloudFormationTemplate {
  static let functionTypes: Set<String> = ["AWS::Serverless::Function", "AWS::Lambda::Function"]

  var functions: [LocalFunction] {
    let globals = parsed.document.value["Globals"]?["Function"]?.objectValue ?? JSONObject()
    let directory = (parsed.source.path as NSString).deletingLastPathComponent
    var result: [LocalFunction] = []
    for r in resources where Self.functionTypes.contains(r.type) {
      var p = r.properties
      if r.type == "AWS::Serverless::Function" {
        // SAM: a function's own property wins; Environment.Variables merge key by key.
        for (key, value) in globals where p[key] == nil { p[key] = value }
        if let globalVariables = globals["Environment"]?["Variables"]?.objectValue,
          var own = r.properties["Environment"]?["Variables"]?.objectValue
        {
          for (key, value) in globalVariables where own[key] == nil { own[key] = value }
          p["Environment"] = ["Variables": .object(own)]
        }
      }
      func string(_ key: String) -> String? { p[key].flatMap { intrinsics.evaluate($0) }?.stringValue }
      func number(_ key: String) -> Double? {
        guard let v = p[key].flatMap({ intrinsics.evaluate($0) }) else { return nil }
        return v.doubleValue ?? v.stringValue.flatMap(Double.init)
      }
      guard let runtime = string("Runtime"), LocalFunction.language(of: runtime) != nil,
        let handler = string("Handler")
      else { continue }
      let code = r.type == "AWS::Serverless::Function" ? string("CodeUri") : string("Code")
      guard let relative = code, !relative.hasPrefix("s3://") else { continue }
      var path = relative.hasPrefix("/") ? relative : (directory as NSString).appendingPathComponent(relative)
      // The function runs in its own folder: LAMBDA_TASK_ROOT must not depend on ours.
      if !path.hasPrefix("/") { path = FileManager.default.currentDirectoryPath + "/" + path }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
      var environment: [String: String] = [:]
      for (key, value) in p["Environment"]?["Variables"]?.objectValue ?? JSONObject() {
        if let v = intrinsics.evaluate(value) { environment[key] = CloudFormationIntrinsics.text(v) }
      }
      let plainName = r.properties["FunctionName"]?.stringValue
      result.append(
        LocalFunction(
          name: plainName ?? r.logicalID, logicalID: r.logicalID, runtime: runtime,
          codeDirectory: (path as NSString).standardizingPath, handler: handler,
          timeoutSeconds: number("Timeout") ?? LocalFunction.defaultTimeoutSeconds,
          memorySize: number("MemorySize").map { Int($0) } ?? LocalFunction.defaultMemorySize,
          environment: environment))
    }
    return result.sorted { $0.name < $1.name }
  }
}

extension ASLLoader {
  /// The functions `file` declares that can run locally (none for an ASL definition).
  public static func functions(file: String, substitutions: [String: String] = [:]) throws(LoadError) -> [LocalFunction] {
    let values = CloudFormationIntrinsics.pseudoParameters.merging(substitutions) { _, new in new }
    let parsed = try ParsedFile.read(file, substitutions: values)
    guard let object = parsed.document.value.objectValue, CloudFormationTemplate.isTemplate(object) else { return [] }
    return CloudFormationTemplate(parsed: parsed, overrides: substitutions).functions
  }
}
