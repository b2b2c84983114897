/// Every state machine loaded for a session, found by ARN, name or logical id.
public struct MachineRegistry: Sendable {
  /// All machines in load order (the main file's machines first).
  public private(set) var machines: [MachineSource] = []

  public init(_ machines: [MachineSource] = []) {
    for m in machines { register(m) }
  }

  /// Adds a machine; a later machine with the same name or ARN replaces the earlier one.
  public mutating func register(_ machine: MachineSource) {
    machines.removeAll { $0.arn == machine.arn || $0.name == machine.name }
    machines.append(machine)
  }

  /// The machine with this ARN (exact match; an execution or version suffix is ignored).
  public func machine(arn: String) -> MachineSource? {
    if let m = machines.first(where: { $0.arn == arn }) { return m }
    // `...:stateMachine:Name:version` or an alias: compare up to the name.
    let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
    if parts.count > 7, parts[5] == "stateMachine" {
      let base = parts[0...6].joined(separator: ":")
      return machines.first { $0.arn == base }
    }
    return nil
  }

  /// The machine with this state machine name.
  public func machine(named name: String) -> MachineSource? { machines.first { $0.name == name } }

  /// The machine with this CloudFormation logical id.
  public func machine(logicalID: String) -> MachineSource? {
    machines.first { $0.logicalID == logicalID }
  }

  /// Looks `key` up as an ARN, then a name, then a logical id.
  public func lookup(_ key: String) -> MachineSource? {
    machine(arn: key) ?? machine(named: key) ?? machine(logicalID: key)
  }
}
