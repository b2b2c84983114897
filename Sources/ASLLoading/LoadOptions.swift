/// What `ASLLoader.load` reads besides the main file, mirroring the command-line options.
public struct LoadOptions: Sendable {
  /// `--sub KEY=VALUE`: values for `${KEY}` placeholders, template parameters, `Ref`s and
  /// `Fn::GetAtt`s (`Resource.Attribute`). They win over the template's own values.
  public var substitutions: [String: String]
  /// `--machine NAME=PATH`: extra machines (a child started by ARN, for example).
  public var extraMachines: [(name: String, path: String)]
  /// `--machines DIR`: every definition or template in these folders.
  public var machineDirectories: [String]
  /// `--state-machine NAME`: the machine to debug (name, logical id or ARN).
  public var stateMachine: String?
  /// Workflow type for definitions that do not say (plain ASL files): `STANDARD` or `EXPRESS`.
  public var defaultType: String
  /// `--all-machines`: several machines that no single one starts are all opened; the first is
  /// the main one (see `ASLLoader.rootMachines`).
  public var allMachines = false

  public init(
    substitutions: [String: String] = [:], extraMachines: [(name: String, path: String)] = [],
    machineDirectories: [String] = [], stateMachine: String? = nil, defaultType: String = "STANDARD"
  ) {
    self.substitutions = substitutions
    self.extraMachines = extraMachines
    self.machineDirectories = machineDirectories
    self.stateMachine = stateMachine
    self.defaultType = defaultType
  }

  /// Options from command-line values: `--sub KEY=VALUE`, `--machine NAME=PATH`,
  /// `--machines DIR`, `--state-machine NAME`; a malformed pair is an error naming the option.
  public static func commandLine(
    substitutions: [String] = [], machines: [String] = [], machineDirectories: [String] = [],
    stateMachine: String? = nil, defaultType: String = "STANDARD"
  ) throws(LoadError) -> LoadOptions {
    var options = LoadOptions(
      machineDirectories: machineDirectories, stateMachine: stateMachine, defaultType: defaultType.uppercased())
    for s in substitutions {
      guard let (k, v) = keyValue(s) else {
        throw LoadError("--sub expects KEY=VALUE, found \"\(s)\"", file: "<command line>")
      }
      options.substitutions[k] = v
    }
    for m in machines {
      guard let (name, path) = keyValue(m), !path.isEmpty else {
        throw LoadError("--machine expects NAME=PATH, found \"\(m)\"", file: "<command line>")
      }
      options.extraMachines.append((name: name, path: path))
    }
    return options
  }

  /// `--machine NAME=PATH` as definition files for the main file's machines (a template
  /// machine named NAME, or with logical id NAME, is read from PATH).
  public var definitionFiles: [String: String] {
    Dictionary(extraMachines.map { ($0.name, $0.path) }) { _, last in last }
  }

  /// Parses `KEY=VALUE` (as given to `--sub`, `--machine`); nil when there is no `=`.
  public static func keyValue(_ text: String) -> (key: String, value: String)? {
    guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { return nil }
    return (String(text[..<eq]), String(text[text.index(after: eq)...]))
  }
}
