import Foundation
import JSONCore

/// Loads state machines from ASL definitions (JSON or YAML) and SAM/CloudFormation templates.
public enum ASLLoader {
  /// Loads `file` plus the extra machines of `options`, and picks the main machine.
  ///
  /// The main machine is `options.stateMachine` when given (name, logical id or ARN); else the
  /// only machine of `file`; else the one machine of `file` that no other machine starts (its ARN
  /// appears in no other definition). Anything else is an error that lists the choices.
  public static func load(file: String, options: LoadOptions = LoadOptions()) throws(LoadError)
    -> (registry: MachineRegistry, main: MachineSource)
  {
    let fileMachines = try loadMachines(
      file: file, substitutions: options.substitutions, defaultType: options.defaultType,
      definitionFiles: options.definitionFiles)
    var registry = MachineRegistry()
    for m in fileMachines { registry.register(m) }
    for directory in options.machineDirectories {
      for m in try loadDirectory(directory, options: options) { registry.register(m) }
    }
    // `--machine NAME=PATH` naming a machine of the template gave that machine's definition.
    let replaced = Set(fileMachines.flatMap { [$0.name] + ($0.logicalID.map { [$0] } ?? []) })
    for (name, path) in options.extraMachines where !replaced.contains(name) {
      let machines = try loadMachines(
        file: path, substitutions: options.substitutions, name: name, defaultType: options.defaultType)
      for m in machines { registry.register(m) }
    }
    let main = try chooseMain(
      among: fileMachines, registry: registry, requested: options.stateMachine, file: file,
      all: options.allMachines)
    // Machines about to run need real numbers; `loadMachines` (validate, graph) leaves such
    // placeholders for the validator to report.
    for m in registry.machines { try NumericPlaceholders.check(m) }
    return (registry, main)
  }

  /// Every machine in one file: one for an ASL definition (named `name`, else after the file),
  /// all `AWS::Serverless::StateMachine` / `AWS::StepFunctions::StateMachine` of a template.
  /// Placeholders left in numeric fields (YAML `Seconds: ${Delay}`) stay strings here, for the
  /// validator to report; `load` refuses them.
  /// `definitionFiles` (from `--machine NAME=PATH`) gives a template machine, by name or logical
  /// id, its definition from a local file: how a machine whose DefinitionUri is in S3 is loaded.
  public static func loadMachines(
    file: String, substitutions: [String: String] = [:], name: String? = nil,
    defaultType: String = "STANDARD", definitionFiles: [String: String] = [:]
  ) throws(LoadError) -> [MachineSource] {
    try loadMachines(
      file: file, substitutions: substitutions, name: name, defaultType: defaultType, inFolder: false,
      definitionFiles: definitionFiles)
  }

  /// `inFolder`: a file met while scanning `--machines DIR`; templates without state machines
  /// and JSON that is not a definition are skipped instead of being errors.
  static func loadMachines(
    file: String, substitutions: [String: String], name: String?, defaultType: String, inFolder: Bool,
    definitionFiles: [String: String] = [:]
  ) throws(LoadError) -> [MachineSource] {
    let values = CloudFormationIntrinsics.pseudoParameters.merging(substitutions) { _, new in new }
    let parsed = try ParsedFile.read(file, substitutions: values)
    guard let object = parsed.document.value.objectValue else {
      throw LoadError(
        "expected a JSON object (an ASL definition with StartAt and States, or a template), "
          + "found \(article(parsed.document.value.typeName))", file: file,
        position: parsed.document.position(of: .root))
    }
    if CloudFormationTemplate.isTemplate(object) {
      var template = CloudFormationTemplate(parsed: parsed, overrides: substitutions)
      template.definitionFiles = definitionFiles
      if inFolder && !template.declaresStateMachine { return [] }
      var machines = try template.machines(defaultType: defaultType)
      if let name, machines.count == 1 { machines[0].rename(name) }
      return machines
    }
    if inFolder && object["States"] == nil { return [] }
    return [definitionMachine(parsed, substitutions: values, name: name, type: defaultType)]
  }

  /// One machine from definition text (tests, `--definition` strings, in-memory sources).
  public static func loadDefinition(
    text: String, file: String = "<definition>", name: String = "StateMachine",
    substitutions: [String: String] = [:], type: String = "STANDARD", yaml: Bool = false
  ) throws(LoadError) -> MachineSource {
    let values = CloudFormationIntrinsics.pseudoParameters.merging(substitutions) { _, new in new }
    let source = SourceFile(path: yaml ? file + ".yaml" : file, bytes: Array(text.utf8))
    var parsed = try ParsedFile.parse(source, substitutions: values)
    parsed.source.path = file
    return definitionMachine(parsed, substitutions: values, name: name, type: type, file: file)
  }

  /// A plain ASL definition file as a machine: substitutions applied, CloudFormation intrinsics
  /// (from YAML short tags) evaluated with local values.
  static func definitionMachine(
    _ parsed: ParsedFile, substitutions: [String: String], name: String?, type: String,
    file: String? = nil
  ) -> MachineSource {
    var value = parsed.document.value
    if CloudFormationTemplate.containsIntrinsic(value) {
      let intrinsics = CloudFormationIntrinsics(overrides: substitutions)
      value = intrinsics.evaluate(value) ?? value
    }
    value = Placeholders.substitute(value, substitutions, plainPointers: parsed.plainPlaceholderPointers)
    var document = parsed.document
    document.value = value
    let machineName = name ?? stem(parsed.source.path)
    return MachineSource(
      name: machineName, logicalID: nil, arn: LocalAccount.stateMachineARN(machineName),
      type: type.uppercased(), definition: value, document: document, file: file ?? parsed.source.path,
      unresolvedPlaceholders: Placeholders.unresolved(in: value))
  }

  static func loadDirectory(_ directory: String, options: LoadOptions) throws(LoadError) -> [MachineSource] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
    else { throw LoadError("--machines expects a directory", file: directory) }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    var machines: [MachineSource] = []
    for entry in names {
      let lower = entry.lowercased()
      guard [".json", ".yaml", ".yml", ".asl"].contains(where: { lower.hasSuffix($0) }) else { continue }
      let path = (directory as NSString).appendingPathComponent(entry)
      // Folders often hold inputs and other JSON: only definitions and templates count.
      machines += try loadMachines(
        file: path, substitutions: options.substitutions, name: nil, defaultType: options.defaultType,
        inFolder: true)
    }
    return machines
  }

  static func chooseMain(
    among candidates: [MachineSource], registry: MachineRegistry, requested: String?, file: String,
    all: Bool = false
  ) throws(LoadError) -> MachineSource {
    if let requested {
      if let m = registry.lookup(requested) { return m }
      throw LoadError(
        "no state machine named '\(requested)'; choose one of: "
          + registry.machines.map(describe).joined(separator: ", "), file: file)
    }
    if candidates.count == 1 { return candidates[0] }
    let roots = rootMachines(candidates, registry: registry)
    if roots.count == 1 || (all && !roots.isEmpty) { return roots[0] }
    let choices = (roots.isEmpty ? candidates : roots).map(describe).joined(separator: ", ")
    throw LoadError(
      "\(candidates.count) state machines and no single one that the others start; "
        + "choose one with --state-machine NAME, or open them all with --all-machines: \(choices)", file: file)
  }

  /// The machines of `candidates` that no other registered machine starts (by ARN), in order:
  /// the ones a user would start by hand.
  public static func rootMachines(_ candidates: [MachineSource], registry: MachineRegistry) -> [MachineSource] {
    let started = Set(
      candidates.filter { c in
        registry.machines.contains { other in other.arn != c.arn && starts(other, c) }
      }.map(\.arn))
    return candidates.filter { !started.contains($0.arn) }
  }

  /// True when `machine`'s definition mentions `child`'s ARN.
  static func starts(_ machine: MachineSource, _ child: MachineSource) -> Bool {
    func visit(_ v: JSONValue) -> Bool {
      switch v {
      case .string(let s): return s.contains(child.arn)
      case .array(let a): return a.contains(where: visit)
      case .object(let o): return o.contains { visit($0.value) }
      default: return false
      }
    }
    return visit(machine.definition)
  }

  private static func describe(_ m: MachineSource) -> String {
    if let id = m.logicalID, id != m.name { return "\(m.name) (\(id))" }
    return m.name
  }

  static func article(_ typeName: String) -> String {
    ["array", "object"].contains(typeName) ? "an \(typeName)" : "a \(typeName)"
  }

  /// `dir/order.asl.json` → `order`.
  static func stem(_ path: String) -> String {
    var base = (path as NSString).lastPathComponent
    for suffix in [".asl.json", ".asl.yaml", ".asl.yml", ".json5", ".json", ".yaml", ".yml", ".asl", ".txt"]
    where base.lowercased().hasSuffix(suffix) && base.count > suffix.count {
      base = String(base.dropLast(suffix.count))
      break
    }
    return base
  }
}

extension MachineSource {
  /// Gives the machine another name (and the ARN that goes with it).
  mutating func rename(_ newName: String) {
    name = newName
    arn = LocalAccount.stateMachineARN(newName)
  }
}
