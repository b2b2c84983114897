/// A history event's `timestamp` as the aws CLI prints it: ISO 8601 text with an offset
/// (`2024-05-01T12:00:00.123000+02:00`, `…Z`) or epoch seconds (`1714557600.123`, the SDKs'
/// and `--cli-timestamp-format none` form). Kept as milliseconds since the epoch.
public struct RecordedTimestamp: Sendable, Hashable, Comparable {
  public var epochMilliseconds: Int64

  public init(epochMilliseconds: Int64) { self.epochMilliseconds = epochMilliseconds }

  public static func < (a: Self, b: Self) -> Bool { a.epochMilliseconds < b.epochMilliseconds }

  /// Epoch seconds, fractions to the millisecond.
  public init(epochSeconds: Double) {
    epochMilliseconds = Int64((epochSeconds * 1000).rounded())
  }

  /// Parses `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm|±hhmm)`; nil when the text is not that.
  public init?(iso8601 text: String) {
    let b = Array(text.utf8)
    func digits(_ at: Int, _ count: Int) -> Int64? {
      guard at + count <= b.count else { return nil }
      var v: Int64 = 0
      for i in at..<(at + count) {
        guard b[i] >= 48, b[i] <= 57 else { return nil }
        v = v * 10 + Int64(b[i] - 48)
      }
      return v
    }
    guard b.count >= 19, let y = digits(0, 4), b[4] == 45, let mo = digits(5, 2), b[7] == 45,
      let d = digits(8, 2), b[10] == 84 || b[10] == 32, let h = digits(11, 2), b[13] == 58,
      let mi = digits(14, 2), b[16] == 58, let s = digits(17, 2),
      (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
    else { return nil }
    var i = 19
    var millis: Int64 = 0
    if i < b.count, b[i] == 46 {
      i += 1
      var scale: Int64 = 100
      let start = i
      while i < b.count, b[i] >= 48, b[i] <= 57 {
        millis += Int64(b[i] - 48) * scale
        scale /= 10
        i += 1
      }
      guard i > start else { return nil }
    }
    var offsetMinutes: Int64 = 0
    if i < b.count, b[i] == 90 {  // Z
      i += 1
    } else if i < b.count, b[i] == 43 || b[i] == 45 {
      let sign: Int64 = b[i] == 45 ? -1 : 1
      guard let oh = digits(i + 1, 2) else { return nil }
      var j = i + 3
      if j < b.count, b[j] == 58 { j += 1 }
      guard let om = digits(j, 2) else { return nil }
      offsetMinutes = sign * (oh * 60 + om)
      i = j + 2
    } else {
      return nil  // AWS always writes an offset; a local time is ambiguous
    }
    guard i == b.count else { return nil }
    let days = Self.daysFromCivil(y, mo, d)
    epochMilliseconds = ((days * 24 + h) * 60 + mi - offsetMinutes) * 60_000 + s * 1000 + millis
  }

  /// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
  static func daysFromCivil(_ y: Int64, _ m: Int64, _ d: Int64) -> Int64 {
    let y = m <= 2 ? y - 1 : y
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}
