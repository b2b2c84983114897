/// A point on the virtual clock: milliseconds since the Unix epoch (UTC).
///
/// The interpreter never reads the wall clock: executions start at a fixed instant and time only
/// moves when the engine advances to the next timer.
public struct VirtualInstant: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var milliseconds: Int64

  public init(milliseconds: Int64) { self.milliseconds = milliseconds }

  /// 2025-01-01T00:00:00.000Z, the default start of every execution (reproducible output).
  public static let defaultEpoch = VirtualInstant(milliseconds: 1_735_689_600_000)

  public static func < (a: VirtualInstant, b: VirtualInstant) -> Bool {
    a.milliseconds < b.milliseconds
  }

  /// This instant plus `seconds` (fractions kept to the millisecond).
  public func adding(seconds: Double) -> VirtualInstant {
    let ms = (seconds * 1000).rounded()
    if ms >= Double(Int64.max / 2) { return VirtualInstant(milliseconds: Int64.max / 2) }
    return VirtualInstant(milliseconds: milliseconds + Int64(ms))
  }

  /// ISO 8601 with milliseconds, `2025-01-01T00:00:00.000Z`.
  public var iso8601: String {
    var ms = milliseconds
    var days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
    ms -= days * 86_400_000
    let hour = ms / 3_600_000
    let minute = (ms / 60_000) % 60
    let second = (ms / 1000) % 60
    let milli = ms % 1000
    // Civil-from-days (Howard Hinnant).
    days += 719_468
    let era = (days >= 0 ? days : days - 146_096) / 146_097
    let doe = days - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    var year = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    if month <= 2 { year += 1 }
    func pad(_ v: Int64, _ width: Int) -> String {
      let s = String(v)
      return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):"
      + "\(pad(second, 2)).\(pad(milli, 3))Z"
  }

  public var description: String { iso8601 }

  /// Days since 1970-01-01 of a civil date.
  static func daysFromCivil(_ y: Int64, _ m: Int64, _ d: Int64) -> Int64 {
    let y = m <= 2 ? y - 1 : y
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// Parses an RFC 3339 timestamp as the Wait state accepts it: `YYYY-MM-DDThh:mm:ss`, optional
  /// fraction (any number of digits), and a mandatory `Z` or `±hh:mm` offset. Nil when invalid.
  public init?(rfc3339 text: String) {
    let b = Array(text.utf8)
    func digits(_ at: Int, _ n: Int) -> Int64? {
      guard at + n <= b.count else { return nil }
      var v: Int64 = 0
      for i in at..<(at + n) {
        guard b[i] >= 48, b[i] <= 57 else { return nil }
        v = v * 10 + Int64(b[i] - 48)
      }
      return v
    }
    guard b.count >= 20, let year = digits(0, 4), b[4] == 45, let month = digits(5, 2), b[7] == 45,
      let day = digits(8, 2), b[10] == 84 || b[10] == 116, let hour = digits(11, 2), b[13] == 58,
      let minute = digits(14, 2), b[16] == 58, let second = digits(17, 2)
    else { return nil }
    guard (1...12).contains(month), day >= 1, hour <= 23, minute <= 59, second <= 60 else {
      return nil
    }
    let monthDays: [Int64] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    guard day <= (month == 2 && !leap ? 28 : monthDays[Int(month - 1)]) else { return nil }
    var i = 19
    var fractionMs: Int64 = 0
    if i < b.count, b[i] == 46 {
      i += 1
      var count = 0
      while i < b.count, b[i] >= 48, b[i] <= 57 {
        if count < 3 { fractionMs = fractionMs * 10 + Int64(b[i] - 48) }
        count += 1
        i += 1
      }
      guard count > 0 else { return nil }
      for _ in min(count, 3)..<3 { fractionMs *= 10 }
    }
    guard i < b.count else { return nil }
    var offsetMinutes: Int64 = 0
    if b[i] == 90 || b[i] == 122 {
      i += 1
    } else if b[i] == 43 || b[i] == 45 {
      guard let oh = digits(i + 1, 2), i + 3 < b.count, b[i + 3] == 58, let om = digits(i + 4, 2)
      else { return nil }
      offsetMinutes = (oh * 60 + om) * (b[i] == 45 ? -1 : 1)
      i += 6
    } else {
      return nil
    }
    guard i == b.count else { return nil }
    let days = VirtualInstant.daysFromCivil(year, month, day)
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
    self.milliseconds = seconds * 1000 + fractionMs
  }
}
