import Foundation
import JSONCore

/// A SAM or CloudFormation template and the state machines it declares.
struct CloudFormationTemplate {
  var parsed: ParsedFile
  var overrides: [String: String]
  /// Definition files given on the command line, by machine name or logical id: they replace
  /// the resource's own definition (an S3 DefinitionUri cannot be read here).
  var definitionFiles: [String: String] = [:]
  var resources: [TemplateResource] = []
  var intrinsics: CloudFormationIntrinsics

  /// True for a template (has `Resources`, a `Transform` or `AWSTemplateFormatVersion`) rather
  /// than an ASL definition.
  static func isTemplate(_ object: JSONObject) -> Bool {
    if object["States"] != nil && object["StartAt"] != nil { return false }
    return object["Resources"]?.objectValue != nil || object["AWSTemplateFormatVersion"] != nil
      || object["Transform"] != nil
  }

  /// True when `value` holds an intrinsic function object (`{"Ref": ...}`, `{"Fn::Sub": ...}`).
  static func containsIntrinsic(_ value: JSONValue) -> Bool {
    switch value {
    case .array(let a): return a.contains(where: containsIntrinsic)
    case .object(let o):
      if o.count == 1, let key = o.keys.first, key == "Ref" || key.hasPrefix("Fn::") { return true }
      return o.contains { containsIntrinsic($0.value) }
    default: return false
    }
  }

  init(parsed: ParsedFile, overrides: [String: String]) {
    self.parsed = parsed
    self.overrides = overrides
    let root = parsed.document.value
    var intrinsics = CloudFormationIntrinsics(overrides: overrides)
    for (name, declaration) in root["Parameters"]?.objectValue ?? JSONObject() {
      guard let d = declaration["Default"] else { continue }
      if declaration["Type"]?.stringValue == "CommaDelimitedList", let s = d.stringValue {
        intrinsics.parameters[name] = .array(
          s.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) })
      } else {
        intrinsics.parameters[name] = d.arrayValue == nil ? .string(CloudFormationIntrinsics.text(d)) : d
      }
    }
    intrinsics.mappings = root["Mappings"]?.objectValue ?? JSONObject()
    intrinsics.conditions = root["Conditions"]?.objectValue ?? JSONObject()
    for (id, body) in root["Resources"]?.objectValue ?? JSONObject() {
      let resource = TemplateResource(
        logicalID: id, type: body["Type"]?.stringValue ?? "",
        properties: body["Properties"]?.objectValue ?? JSONObject())
      resources.append(resource)
      intrinsics.resources[id] = resource
    }
    // Names given by intrinsics (`Name: !Sub "${AWS::StackName}-orders"`) are known only now.
    for (i, r) in resources.enumerated() where TemplateResource.stateMachineTypes.contains(r.type) {
      let nameValue = r.properties["Name"] ?? r.properties["StateMachineName"]
      if let nameValue, nameValue.stringValue == nil,
        let n = intrinsics.evaluate(nameValue)?.stringValue, !n.contains("${")
      {
        resources[i].name = n
        intrinsics.resources[r.logicalID]?.name = n
      }
    }
    self.intrinsics = intrinsics
  }

  private var file: String { parsed.source.path }

  /// True when some resource is a state machine.
  var declaresStateMachine: Bool {
    resources.contains { TemplateResource.stateMachineTypes.contains($0.type) }
  }

  private func position(_ pointer: JSONPointer) -> SourcePosition? {
    parsed.document.position(of: pointer)
  }

  /// Every state machine resource, with its definition loaded and substituted.
  func machines(defaultType: String) throws(LoadError) -> [MachineSource] {
    let machineResources = resources.filter { TemplateResource.stateMachineTypes.contains($0.type) }
    guard !machineResources.isEmpty else {
      throw LoadError(
        "the template declares no state machine (no resource of type AWS::Serverless::StateMachine "
          + "or AWS::StepFunctions::StateMachine)", file: file, position: parsed.document.keyPositions["/Resources"] ?? position("/Resources"))
    }
    var result: [MachineSource] = []
    for r in machineResources { result.append(try machine(r, defaultType: defaultType)) }
    let activities = resources.filter { $0.type == "AWS::StepFunctions::Activity" }.map(\.arn)
    for i in result.indices { result[i].templateActivities = activities }
    // Reported once, with the first machine (the keys belong to the template, not a machine).
    result[0].loadWarnings += parsed.duplicateKeyWarnings.map {
      Diagnostic(file: file, position: $0.position, pointer: .root, rule: "duplicate-key", message: $0.message, severity: .warning)
    }
    return result
  }

  private func machine(_ r: TemplateResource, defaultType: String) throws(LoadError) -> MachineSource {
    let base = JSONPointer("/Resources") / r.logicalID / "Properties"
    let p = r.properties
    let isSAM = r.type == "AWS::Serverless::StateMachine"
    let typeValue = (isSAM ? p["Type"] : p["StateMachineType"]).flatMap { intrinsics.evaluate($0) }
    let type = typeValue?.stringValue?.uppercased() ?? "STANDARD"

    // Substitutions: pseudo parameters < DefinitionSubstitutions < --sub.
    var values = CloudFormationIntrinsics.pseudoParameters
    if let subs = p["DefinitionSubstitutions"]?.objectValue {
      for (k, v) in subs {
        if let e = intrinsics.evaluate(v) { values[k] = CloudFormationIntrinsics.text(e) }
      }
    }
    values.merge(overrides) { _, new in new }

    func make(_ definition: JSONValue, document: JSONDocument?, file: String, pointer: JSONPointer)
      -> MachineSource
    {
      MachineSource(
        name: r.name, logicalID: r.logicalID, arn: r.arn, type: type, definition: definition,
        document: document, file: file, definitionPointer: pointer,
        unresolvedPlaceholders: Placeholders.unresolved(in: definition))
    }

    var warnings: [Diagnostic] = []
    for (key, value) in p {
      let definition = key == "Definition" ? base / key : nil
      try checkCalls(value, at: base / key, definition: definition, warnings: &warnings)
    }

    if let path = definitionFiles[r.logicalID] ?? definitionFiles[r.name] {
      let definitionFile = try ParsedFile.read(path, substitutions: values)
      var machine = ASLLoader.definitionMachine(definitionFile, substitutions: values, name: r.name, type: type)
      machine.logicalID = r.logicalID
      machine.arn = r.arn
      return machine
    }
    if let uri = p["DefinitionUri"] {
      guard let relative = intrinsics.evaluate(uri)?.stringValue else {
        throw LoadError(
          "\(r.logicalID): DefinitionUri points to S3 (an object with Bucket/Key); sfdbg needs a local "
            + "file: give it with --machine \(r.logicalID)=PATH", file: file,
          position: position(base / "DefinitionUri"))
      }
      if relative.hasPrefix("s3://") {
        throw LoadError(
          "\(r.logicalID): DefinitionUri '\(relative)' is in S3; sfdbg needs a local file: give it with "
            + "--machine \(r.logicalID)=PATH", file: file,
          position: position(base / "DefinitionUri"))
      }
      let directory = (file as NSString).deletingLastPathComponent
      let path = relative.hasPrefix("/") ? relative : (directory as NSString).appendingPathComponent(relative)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
      else {
        throw LoadError(
          "\(r.logicalID): DefinitionUri file '\(relative)' not found (looked for \(path))", file: file,
          position: position(base / "DefinitionUri"), pointer: base / "DefinitionUri")
      }
      let definitionFile = try ParsedFile.read(path, substitutions: values)
      var machine = ASLLoader.definitionMachine(definitionFile, substitutions: values, name: r.name, type: type)
      machine.logicalID = r.logicalID
      machine.arn = r.arn
      return machine
    }
    if let inline = p["Definition"] {
      let pointer = base / "Definition"
      var value = intrinsics.evaluate(inline) ?? inline
      let plain = Set(
        parsed.plainPlaceholderPointers.compactMap { ptr -> JSONPointer? in
          guard ptr.tokens.starts(with: pointer.tokens) else { return nil }
          return JSONPointer(tokens: Array(ptr.tokens.dropFirst(pointer.tokens.count)))
        })
      value = Placeholders.substitute(value, values, plainPointers: plain)
      var machine = make(value, document: parsed.document, file: file, pointer: pointer)
      machine.loadWarnings = warnings
      return machine
    }
    if let string = p["DefinitionString"] {
      let pointer = base / "DefinitionString"
      guard let text = intrinsics.evaluate(string)?.stringValue else {
        throw LoadError(
          "\(r.logicalID): DefinitionString does not evaluate to a string", file: file,
          position: position(pointer), pointer: pointer)
      }
      let substituted = Placeholders.substitute(text, values)
      let source = SourceFile(path: file, bytes: Array(substituted.utf8))
      let bytes: [UInt8]
      do {
        bytes = try Placeholders.fillOutsideStrings(source.bytes, values, file: file, source: source)
      } catch {
        throw LoadError(
          "\(r.logicalID): DefinitionString: \(error.message)", file: file, position: position(pointer),
          pointer: pointer)
      }
      let definition: JSONValue
      do {
        definition = try JSONParser.parse(bytes)
      } catch {
        throw LoadError(
          "\(r.logicalID): DefinitionString is not valid JSON: \(error.description) (in the string)",
          file: file, position: position(pointer), pointer: pointer)
      }
      // Positions inside an assembled string are unknown: diagnostics point at DefinitionString.
      return make(definition, document: parsed.document, file: file, pointer: pointer)
    }
    if p["DefinitionS3Location"] != nil {
      throw LoadError(
        "\(r.logicalID): DefinitionS3Location is in S3; sfdbg needs a local file: give it with "
          + "--machine \(r.logicalID)=PATH", file: file, position: position(base / "DefinitionS3Location"))
    }
    throw LoadError(
      "\(r.logicalID): state machine has no Definition, DefinitionUri or DefinitionString", file: file,
      position: position(JSONPointer("/Resources") / r.logicalID))
  }

  /// Checks the CloudFormation calls under `value`, at `pointer` of the template: a wrong shape
  /// or an unknown function is a located error (CloudFormation refuses the template); a name only
  /// deploying would reject is a warning, kept when `value` is inside the `definition`.
  private func checkCalls(
    _ value: JSONValue, at pointer: JSONPointer, definition: JSONPointer?, warnings: inout [Diagnostic]
  ) throws(LoadError) {
    switch value {
    case .array(let items):
      for (i, item) in items.enumerated() {
        try checkCalls(item, at: pointer / i, definition: definition, warnings: &warnings)
      }
    case .object(let object):
      if object.count == 1, let (key, argument) = object.storage.elements.first,
        key == "Ref" || key.hasPrefix("Fn::")
      {
        let at = pointer / key
        let place = parsed.document.keyPositions[at] ?? position(at)
        if let problem = CloudFormationIntrinsics.shapeProblem(key, argument) {
          throw LoadError(problem, file: file, position: place, pointer: at)
        }
        if let definition, let problem = intrinsics.deployProblem(key, argument) {
          warnings.append(
            Diagnostic(
              file: file, position: place,
              pointer: JSONPointer(tokens: Array(at.tokens.dropFirst(definition.tokens.count))),
              rule: "cloudformation-reference", message: problem, severity: .warning))
        }
        try checkCalls(argument, at: at, definition: definition, warnings: &warnings)
        return
      }
      for (key, member) in object {
        try checkCalls(member, at: pointer / key, definition: definition, warnings: &warnings)
      }
    default:
      return
    }
  }
}
