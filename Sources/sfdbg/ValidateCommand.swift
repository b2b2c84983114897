import ASLLoading
import ArgumentParser
import JSONCore

/// `sfdbg validate FILE... [--json]`: checks definitions and templates, printing every problem.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check ASL definitions and SAM/CloudFormation templates.",
    discussion: """
      Prints every problem as FILE:LINE:COLUMN: error: MESSAGE [RULE] at /JSON/POINTER.
      Exit status: 0 when every machine is valid, 1 when a machine is invalid, 2 when a file
      cannot be read or parsed.
      """)

  @Argument(help: "Definition (.asl.json, .json, .asl.yaml, .yaml) or template files.")
  var files: [String]

  @Flag(name: .long, help: "Print the diagnostics as a JSON array.")
  var json = false

  @Option(name: .customLong("sub"), help: ArgumentHelp("Value for a ${KEY} placeholder or template parameter.", valueName: "KEY=VALUE"))
  var substitutions: [String] = []

  @Option(name: .long, help: ArgumentHelp("Workflow type of plain definitions: STANDARD or EXPRESS.", valueName: "TYPE"))
  var type: String = "STANDARD"

  @Option(name: .customLong("machine"), help: ArgumentHelp("A template machine's definition from a local file (its DefinitionUri is in S3, say).", valueName: "NAME=PATH"))
  var machines: [String] = []

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("give at least one FILE to validate") }
    for s in substitutions where LoadOptions.keyValue(s) == nil {
      throw ValidationError("--sub expects KEY=VALUE, got '\(s)'")
    }
    for m in machines where LoadOptions.keyValue(m)?.value.isEmpty != false {
      throw ValidationError("--machine expects NAME=PATH, got '\(m)'")
    }
    guard ["STANDARD", "EXPRESS"].contains(type.uppercased()) else {
      throw ValidationError("--type must be STANDARD or EXPRESS, got '\(type)'")
    }
  }

  func run() throws {
    var values: [String: String] = [:]
    for s in substitutions {
      if let (k, v) = LoadOptions.keyValue(s) { values[k] = v }
    }
    var all: [JSONValue] = []
    var unreadable = false
    var invalid = false
    for file in files {
      do {
        let definitionFiles = try LoadOptions.commandLine(machines: self.machines).definitionFiles
        let machines = try ASLLoader.loadMachines(
          file: file, substitutions: values, defaultType: type.uppercased(), definitionFiles: definitionFiles)
        for machine in machines {
          let diagnostics = Validator.validate(machine)
          if !Validator.isValid(diagnostics) { invalid = true }
          let label = machines.count > 1 || machine.logicalID != nil ? " (\(machine.logicalID ?? machine.name))" : ""
          if json {
            all += diagnostics.map { d in
              var o = d.jsonValue.objectValue ?? JSONObject()
              o["machine"] = .string(machine.logicalID ?? machine.name)
              return .object(o)
            }
          } else {
            for d in diagnostics { FileOutput.standardOutput.write(d.description + "\n") }
            let errors = diagnostics.filter { $0.severity == .error }.count
            FileOutput.standardError.write(
              errors == 0
                ? "\(file)\(label): valid\n"
                : "\(file)\(label): \(errors) error\(errors == 1 ? "" : "s")\n")
          }
        }
      } catch {
        unreadable = true
        if json {
          var o = JSONObject()
          o["file"] = .string(error.file)
          o["line"] = error.position.map { .int($0.line) } ?? .null
          o["column"] = error.position.map { .int($0.column) } ?? .null
          o["pointer"] = .string(error.pointer?.description ?? "")
          o["rule"] = "unreadable"
          o["severity"] = "error"
          o["message"] = .string(error.message)
          all.append(.object(o))
        } else {
          FileOutput.standardError.write("error: \(error)\n")
        }
      }
    }
    if json { FileOutput.standardOutput.write(JSONValue.array(all).prettyString + "\n") }
    if unreadable { throw ExitCode(2) }
    if invalid { throw ExitCode(1) }
  }
}
