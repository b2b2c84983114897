import JSONCore

/// Allocation-free integer ⇄ JSON number text conversions for hot paths (MathAdd, comparisons).
enum FastNumbers {
  /// The value of `number` when its text is a plain decimal integer literal that fits `Int`.
  @inline(__always)
  static func exactInt(_ number: JSONNumber) -> Int? {
    let scan = number.text.utf8.withContiguousStorageIfAvailable { bytes -> IntegerScan in
      let negative = bytes.count > 0 && bytes[0] == UInt8(ascii: "-")
      let start = negative ? 1 : 0
      let digits = bytes.count - start
      guard digits > 0 else { return .notInteger }
      guard digits <= 18 else { return .tooLong }
      var value = 0
      for i in start..<bytes.count {
        let digit = Int(bytes[i]) &- 48
        guard digit >= 0, digit <= 9 else { return .notInteger }
        value = value &* 10 &+ digit
      }
      return .value(negative ? -value : value)
    }
    switch scan {
    case .value(let v)?: return v
    case .notInteger?: return nil
    case .tooLong?, nil: return Int(number.text)  // may overflow, or text not contiguous
    }
  }

  enum IntegerScan {
    case value(Int)
    case notInteger
    case tooLong
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
