import JSONCore

/// Finds `${Name}` placeholders left in fields that must be numbers (`Seconds: ${Delay}` in YAML
/// loads as a string), so loading can stop with a located error instead of running a machine
/// that would fail later.
enum NumericPlaceholders {
  /// ASL fields whose value is a number.
  static let numericFields: Set<String> = [
    "Seconds", "TimeoutSeconds", "HeartbeatSeconds", "IntervalSeconds", "MaxAttempts", "BackoffRate",
    "MaxDelaySeconds", "MaxConcurrency", "ToleratedFailureCount", "ToleratedFailurePercentage",
    "MaxItems", "MaxItemsPerBatch", "MaxInputBytesPerBatch",
  ]

  /// Payload fields whose contents are user data, not ASL fields.
  static let payloadFields: Set<String> = [
    "Parameters", "Arguments", "ResultSelector", "ItemSelector", "Result", "Output", "Assign",
    "Credentials", "BatchInput",
  ]

  /// The first numeric field holding a placeholder: its pointer and the placeholder name.
  static func first(in value: JSONValue, at pointer: JSONPointer = .root) -> (JSONPointer, String)? {
    switch value {
    case .object(let o):
      for (key, member) in o {
        if numericFields.contains(key), let s = member.stringValue, s.contains("${"),
          let name = Placeholders.names(in: s).first
        {
          return (pointer / key, name)
        }
        if payloadFields.contains(key) { continue }
        if let found = first(in: member, at: pointer / key) { return found }
      }
    case .array(let items):
      for (i, item) in items.enumerated() {
        if let found = first(in: item, at: pointer / i) { return found }
      }
    default:
      break
    }
    return nil
  }

  /// Throws when `machine` has a placeholder where a number is expected.
  static func check(_ machine: MachineSource) throws(LoadError) {
    guard !machine.unresolvedPlaceholders.isEmpty,
      let (pointer, name) = first(in: machine.definition)
    else { return }
    throw LoadError(
      "unresolved placeholder ${\(name)} where a number is expected (\(pointer.tokens.last ?? "")); "
        + "give it a value with --sub \(name)=VALUE", file: machine.file,
      position: machine.position(of: pointer), pointer: pointer)
  }
}
