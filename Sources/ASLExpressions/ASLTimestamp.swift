/// An instant parsed from an ISO-8601 extended offset date-time (RFC 3339), as Choice
/// `Timestamp…` operators, `IsTimestamp` and Wait `Timestamp` fields read them.
///
/// Accepted: `2016-03-14T01:59:00Z`, fractions `…:00.123Z` (up to 9 digits), offsets
/// `+01:00` / `-05:30`; `T` and `Z` in either case; seconds may be omitted (`01:59Z`), as
/// Java's `ISO_OFFSET_DATE_TIME` allows. A missing offset, a space instead of `T`, or
/// out-of-range fields are rejected. Comparison is by instant.
public struct ASLTimestamp: Sendable, Hashable, Comparable {
  /// Seconds since 1970-01-01T00:00:00Z.
  public var epochSeconds: Int64
  /// Nanoseconds within the second, 0..<1e9.
  public var nanoseconds: Int32

  public init(epochSeconds: Int64, nanoseconds: Int32 = 0) {
    self.epochSeconds = epochSeconds
    self.nanoseconds = nanoseconds
  }

  /// Parses `text`; nil when it is not a valid offset date-time.
  public init?(_ text: String) {
    let b = Array(text.utf8)
    var i = 0
    func digits(_ count: Int) -> Int? {
      guard i + count <= b.count else { return nil }
      var value = 0
      for k in 0..<count {
        let c = b[i + k]
        guard c >= 0x30, c <= 0x39 else { return nil }
        value = value * 10 + Int(c - 0x30)
      }
      i += count
      return value
    }
    func expect(_ c: UInt8) -> Bool {
      guard i < b.count, b[i] == c else { return false }
      i += 1
      return true
    }
    guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2),
      expect(UInt8(ascii: "-")), let day = digits(2)
    else { return nil }
    guard i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") else { return nil }
    i += 1
    guard let hour = digits(2), expect(UInt8(ascii: ":")), let minute = digits(2) else {
      return nil
    }
    var second = 0
    var nanos = 0
    if expect(UInt8(ascii: ":")) {
      guard let s = digits(2) else { return nil }
      second = s
      if expect(UInt8(ascii: ".")) {
        var count = 0
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
          guard count < 9 else { return nil }
          nanos = nanos * 10 + Int(b[i] - 0x30)
          count += 1
          i += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<9 { nanos *= 10 }
      }
    }
    var offsetSeconds = 0
    guard i < b.count else { return nil }
    if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
      i += 1
    } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
      let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
      i += 1
      guard let oh = digits(2), expect(UInt8(ascii: ":")), let om = digits(2), oh <= 18, om < 60
      else { return nil }
      var os = 0
      if expect(UInt8(ascii: ":")) {
        guard let s = digits(2), s < 60 else { return nil }
        os = s
      }
      offsetSeconds = sign * (oh * 3600 + om * 60 + os)
    } else {
      return nil
    }
    guard i == b.count else { return nil }
    guard (1...12).contains(month), day >= 1, day <= ASLTimestamp.daysIn(month, year),
      hour < 24, minute < 60, second < 60
    else { return nil }
    let days = ASLTimestamp.daysFromCivil(year, month, day)
    epochSeconds =
      Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
      - Int64(offsetSeconds)
    nanoseconds = Int32(nanos)
  }

  static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

  static func daysIn(_ month: Int, _ year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 (Howard Hinnant's algorithm).
  static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  public static func < (lhs: ASLTimestamp, rhs: ASLTimestamp) -> Bool {
    (lhs.epochSeconds, lhs.nanoseconds) < (rhs.epochSeconds, rhs.nanoseconds)
  }
}
