import JSONCore

/// Allocation-free integer ⇄ JSON number text conversions for hot paths (MathAdd, comparisons).
enum FastNumbers {
  /// The value of `number` when its text is a plain decimal integer literal that fits `Int`.
  @inline(__always)
  static func exactInt(_ number: JSONNumber) -> Int? {
    var text = number.text
    let parsed: Int?? = text.withUTF8 { bytes -> Int?? in
      var value = 0
      var start = 0
      let negative = bytes.count > 0 && bytes[0] == UInt8(ascii: "-")
      if negative { start = 1 }
      let digits = bytes.count - start
      guard digits > 0 else { return .some(nil) }
      guard digits <= 18 else { return nil }  // may overflow: the slow path below decides
      for i in start..<bytes.count {
        let digit = Int(bytes[i]) &- 48
        guard digit >= 0, digit <= 9 else { return .some(nil) }
        value = value &* 10 &+ digit
      }
      return .some(negative ? -value : value)
    }
    if let parsed { return parsed }
    return Int(number.text)
  }

  /// `JSONNumber(value)` without going through `description`.
  @inline(__always)
  static func number(_ value: Int) -> JSONNumber {
    guard value > -1_000_000_000_000_000, value < 1_000_000_000_000_000 else {
      return JSONNumber(value)
    }
    var magnitude = value < 0 ? UInt64(-value) : UInt64(value)
    var digits = 1
    var probe = magnitude
    while probe >= 10 {
      probe /= 10
      digits += 1
    }
    let length = digits + (value < 0 ? 1 : 0)
    let text = String(unsafeUninitializedCapacity: length) { buffer in
      var index = length - 1
      repeat {
        buffer[index] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 48
        magnitude /= 10
        index -= 1
      } while magnitude > 0
      if value < 0 { buffer[0] = UInt8(ascii: "-") }
      return length
    }
    return JSONNumber(text: text)
  }

  /// A top-level `-0` integer literal becomes `0`, as AWS (Jackson) prints a parsed `-0`.
  static func normalizingNegativeZero(_ value: JSONValue) -> JSONValue {
    if case .number(let n) = value, n.text == "-0" { return .int(0) }
    return value
  }
}
