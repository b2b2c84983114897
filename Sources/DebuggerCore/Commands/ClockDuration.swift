/// A span of virtual time as `advance DURATION` takes it: numbers with units, largest first,
/// `10s`, `5m`, `1h30m`, `250ms`.
public struct ClockDuration: Sendable, Equatable, CustomStringConvertible {
  public var milliseconds: Int64

  public init(milliseconds: Int64) { self.milliseconds = milliseconds }

  static let units: [(name: String, milliseconds: Int64)] = [("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)]

  /// Parses `1h30m`, `10s`, `250ms`; nil when the text is not a duration (or is zero).
  public init?(_ text: String) {
    var total: Int64 = 0
    var rest = Substring(text)
    var lastUnit = -1
    while !rest.isEmpty {
      let digits = rest.prefix { $0.isASCII && $0.isNumber }
      guard !digits.isEmpty, digits.count <= 9, let value = Int64(digits) else { return nil }
      rest = rest.dropFirst(digits.count)
      let unitText = rest.prefix { $0.isLetter }
      // Units in order, each once: `1h30m`, not `30m1h`.
      guard let unit = Self.units.firstIndex(where: { $0.name == unitText }), unit > lastUnit else { return nil }
      lastUnit = unit
      rest = rest.dropFirst(unitText.count)
      total += value * Self.units[unit].milliseconds
    }
    guard total > 0 else { return nil }
    milliseconds = total
  }

  public var seconds: Double { Double(milliseconds) / 1000 }

  /// The shortest spelling, largest unit first (`90m` is written `1h30m`); parses back to itself.
  public var description: String {
    var rest = milliseconds
    var text = ""
    for unit in Self.units where rest >= unit.milliseconds {
      text += "\(rest / unit.milliseconds)\(unit.name)"
      rest %= unit.milliseconds
    }
    return text
  }
}
