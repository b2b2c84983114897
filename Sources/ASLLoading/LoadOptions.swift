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

  /// Parses `KEY=VALUE` (as given to `--sub`, `--machine`); nil when there is no `=`.
  public static func keyValue(_ text: String) -> (key: String, value: String)? {
    guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { return nil }
    return (String(text[..<eq]), String(text[text.index(after: eq)...]))
  }
}
