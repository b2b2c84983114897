import JSONCore

/// The first place where a local history differs from the recorded one.
public struct HistoryDifference: Sendable, Equatable {
  public var eventID: Int
  /// `type`, `previousEventId`, `event` (one history is longer), or the details field, e.g.
  /// `stateEnteredEventDetails.input`.
  public var field: String
  public var recorded: JSONValue
  public var local: JSONValue

  public init(eventID: Int, field: String, recorded: JSONValue, local: JSONValue) {
    (self.eventID, self.field, self.recorded, self.local) = (eventID, field, recorded, local)
  }

  public var json: JSONValue {
    .object(["eventId": .int(eventID), "field": .string(field), "recorded": recorded, "local": local])
  }
}

/// Compares histories event by event, as `GetExecutionHistory` writes them: type, id,
/// previousEventId, the details key and every details field (JSON text fields compared as JSON).
/// Timestamps are not compared (the local clock is virtual), nor the values of fields naming the
/// AWS account's resources (role, state machine, Map Run ARNs), which a local run cannot have.
/// A recorded text a snapshot recorder masked (`MaskedText`) accepts any text in the masked
/// places.
public enum HistoryComparison {
  static let identityFields: Set<String> = [
    "roleArn", "stateMachineArn", "stateMachineAliasArn", "stateMachineVersionArn", "mapRunArn",
  ]

  public static func firstDifference(recorded: [RecordedEvent], local: [RecordedEvent]) -> HistoryDifference? {
    for (r, l) in zip(recorded, local) {
      func diff(_ field: String, _ a: JSONValue, _ b: JSONValue) -> HistoryDifference {
        HistoryDifference(eventID: r.id, field: field, recorded: a, local: b)
      }
      if r.type != l.type { return diff("type", .string(r.type), .string(l.type)) }
      if r.previousEventID != l.previousEventID {
        return diff("previousEventId", .int(r.previousEventID), .int(l.previousEventID))
      }
      if r.detailsKey != l.detailsKey {
        return diff("details", r.detailsKey.map(JSONValue.string) ?? .null, l.detailsKey.map(JSONValue.string) ?? .null)
      }
      let key = r.detailsKey ?? "details"
      for (field, value) in r.details {
        guard let other = l.details[field] else { return diff("\(key).\(field)", value, .null) }
        if identityFields.contains(field) { continue }
        if let (path, a, b) = firstDifference(value, other, at: "\(key).\(field)") { return diff(path, a, b) }
      }
      for (field, value) in l.details where r.details[field] == nil {
        return diff("\(key).\(field)", .null, value)
      }
    }
    guard recorded.count != local.count else { return nil }
    let id = min(recorded.count, local.count) + 1
    return HistoryDifference(
      eventID: id, field: "event",
      recorded: recorded.count >= id ? .string(recorded[id - 1].type) : .null,
      local: local.count >= id ? .string(local[id - 1].type) : .null)
  }

  /// Where two JSON values first differ (a dotted path, `[i]` for array items) and the values
  /// there; nil when equal. Numbers compare by value (`1` equals `1.0`), object keys in any order.
  static func firstDifference(_ a: JSONValue, _ b: JSONValue, at path: String) -> (String, JSONValue, JSONValue)? {
    switch (a, b) {
    case (.number(let x), .number(let y)):
      return x == y || x.doubleValue == y.doubleValue ? nil : (path, a, b)
    case (.array(let x), .array(let y)) where x.count == y.count:
      for (index, (p, q)) in zip(x, y).enumerated() {
        if let found = firstDifference(p, q, at: "\(path)[\(index)]") { return found }
      }
      return nil
    case (.object(let x), .object(let y)):
      for (key, value) in x {
        guard let other = y[key] else { return ("\(path).\(key)", value, .null) }
        if let found = firstDifference(value, other, at: "\(path).\(key)") { return found }
      }
      for (key, value) in y where x[key] == nil { return ("\(path).\(key)", .null, value) }
      return nil
    case (.string(let recorded), .string(let local)):
      return recorded == local || MaskedText(recorded)?.matches(local) == true ? nil : (path, a, b)
    default:
      return a == b ? nil : (path, a, b)
    }
  }

  /// A local history (`HistoryEvent.json` objects) read the way recorded files are.
  public static func events(fromLocal json: [JSONValue]) -> [RecordedEvent] {
    var out: [RecordedEvent] = []
    for (index, value) in json.enumerated() {
      guard let event = try? RecordedHistory.event(value, at: JSONPointer.root / index, expectedID: index + 1, file: "local")
      else { break }
      out.append(event)
    }
    return out
  }
}
