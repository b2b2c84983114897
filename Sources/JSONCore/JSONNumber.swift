/// A JSON number that keeps its exact source text (`1.0` stays `1.0`, big integers stay exact).
///
/// Numeric equality compares values: integers exactly (as `Int` when both fit), otherwise as `Double`.
public struct JSONNumber: Sendable {
  /// The number as written in the source or as produced by arithmetic (always valid JSON number text).
  public let text: String

  /// Creates a number from JSON number text. The text is not validated; use the parser for input.
  public init(text: String) { self.text = text }

  public init(_ value: Int) { self.text = String(value) }

  /// Integral doubles within ±2^53 print as integers (`3.0` → `3`), like AWS's arithmetic results.
  public init(_ value: Double) {
    if value.isFinite, value == value.rounded(), abs(value) < 9.007_199_254_740_992e15 {
      self.text = String(Int64(value))
    } else if value.isFinite {
      self.text = JSONNumber.format(value)
    } else {
      self.text = "0"
    }
  }

  static func format(_ d: Double) -> String {
    var s = "\(d)"  // shortest round-trip representation, e.g. 1.5, 1e-07, 1.0e+20
    // Swift prints exponents as "1e-07" / "1e+20"; JSON wants no '+' and accepts 'E'.
    if s.contains("e") {
      s = String(s.map { $0 == "e" ? "E" : $0 }).split(separator: "+").joined()
    }
    return s
  }

  /// The value as a Double (may lose precision for very large integers).
  public var doubleValue: Double { Double(text) ?? 0 }

  /// The value as an Int when the text is an integer literal that fits, or an integral value.
  public var intValue: Int? {
    if let i = Int(text) { return i }
    let d = doubleValue
    if d.isFinite, d == d.rounded(), abs(d) < 9.2e18 { return Int(d) }
    return nil
  }

  /// True when the text has no fraction and no exponent (`1` but not `1.0`).
  public var isIntegerLiteral: Bool {
    !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") })
  }
}

extension JSONNumber: Equatable {
  public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
    if lhs.text == rhs.text { return true }
    if let a = Int(lhs.text), let b = Int(rhs.text) { return a == b }
    return lhs.doubleValue == rhs.doubleValue
  }
}

extension JSONNumber: Hashable {
  public func hash(into hasher: inout Hasher) {
    let d = doubleValue
    hasher.combine(d == 0 ? 0 : d)  // -0 == 0
  }
}

extension JSONNumber: Comparable {
  public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
    if let a = Int(lhs.text), let b = Int(rhs.text) { return a < b }
    return lhs.doubleValue < rhs.doubleValue
  }
}
