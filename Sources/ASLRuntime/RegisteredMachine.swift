import ASLModel
import JSONCore

/// A state machine the runtime can start, known by ARN, name and (from a template) logical id.
public struct RegisteredMachine: Sendable {
  public var name: String
  public var arn: String
  public var logicalID: String?
  /// `STANDARD` or `EXPRESS`.
  public var type: String
  public var machine: StateMachine
  /// Further names it answers to: its names before `--machine-name` renamed it, and the name a
  /// mock file gives it.
  public var otherNames: [String] = []
  /// The definition as loaded (DescribeStateMachine returns it), when known.
  public var definition: JSONValue?
  /// Activities declared beside it (a template's `AWS::StepFunctions::Activity` resources).
  public var activities: [String] = []

  public init(
    name: String, arn: String, logicalID: String? = nil, type: String = "STANDARD", machine: StateMachine,
    definition: JSONValue? = nil
  ) {
    self.definition = definition
    self.name = name
    self.arn = arn
    self.logicalID = logicalID
    self.type = type
    self.machine = machine
  }

  public var isExpress: Bool { type.uppercased() == "EXPRESS" }

  /// Every name a command or a mock file may use for this machine.
  public var aliases: [String] { [name, arn] + (logicalID.map { [$0] } ?? []) + otherNames }

  /// Renamed as if created with `newName` (Step Functions Local suites create their machines
  /// under their own names): the ARN's last part follows; the old name and ARN still resolve.
  public mutating func rename(to newName: String) {
    guard newName != name else { return }
    otherNames += [name, arn]
    let prefix = arn.hasSuffix(":" + name) ? String(arn.dropLast(name.count)) : arn + ":"
    name = newName
    arn = prefix + newName
  }
}
