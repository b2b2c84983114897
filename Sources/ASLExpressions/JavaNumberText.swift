import JSONCore

/// Number text as AWS's Java runtime (Jackson) prints it in `States.Format` and
/// `States.JsonToString`: integer literals keep their digits, every other number is a `double`
/// printed by `Double.toString` (`1.50` → `1.5`, `1e2` → `100.0`, `1e7` → `1.0E7`).
enum JavaNumberText {
  static func text(_ number: JSONNumber) -> String {
    if number.isIntegerLiteral {
      return number.text == "-0" ? "0" : number.text
    }
    return doubleString(number.doubleValue)
  }

  /// `java.lang.Double.toString(d)` (shortest digits that round-trip).
  static func doubleString(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
    if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
    let sign = d < 0 ? "-" : ""
    let (digits, exponent) = shortestDigits(abs(d))
    let magnitude = abs(d)
    if magnitude >= 1e-3, magnitude < 1e7 {
      // Plain decimal with at least one fractional digit.
      if exponent >= 0 {
        let integerCount = exponent + 1
        let integerPart =
          digits.count >= integerCount
          ? String(digits.prefix(integerCount))
          : digits + String(repeating: "0", count: integerCount - digits.count)
        let fraction = digits.count > integerCount ? String(digits.dropFirst(integerCount)) : "0"
        return sign + integerPart + "." + fraction
      }
      return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits
    }
    let fraction = digits.count > 1 ? String(digits.dropFirst()) : "0"
    return sign + String(digits.prefix(1)) + "." + fraction + "E" + String(exponent)
  }

  /// Shortest round-trip decimal digits of a positive finite value and the decimal exponent of
  /// the first digit (`1234.5` → ("12345", 3)).
  static func shortestDigits(_ value: Double) -> (String, Int) {
    let text = "\(value)"  // Swift prints the shortest round-trip representation.
    var mantissa = text
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = String(text[..<e])
      exponent = Int(text[text.index(after: e)...]) ?? 0
    }
    let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    let integerPart = String(parts[0])
    let fractionPart = parts.count > 1 ? String(parts[1]) : ""
    var digits = integerPart + fractionPart
    var pointPosition = integerPart.count  // digits before the decimal point
    while digits.hasPrefix("0"), digits.count > 1 {
      digits.removeFirst()
      pointPosition -= 1
    }
    while digits.hasSuffix("0"), digits.count > 1 { digits.removeLast() }
    return (digits, pointPosition - 1 + exponent)
  }

  /// Compact JSON with numbers printed the Java way (`States.JsonToString`).
  static func compact(_ value: JSONValue) -> String {
    var out: [UInt8] = []
    write(value, into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  static func write(_ value: JSONValue, into out: inout [UInt8]) {
    switch value {
    case .number(let n): out.append(contentsOf: text(n).utf8)
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        write(item, into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let object):
      out.append(UInt8(ascii: "{"))
      var first = true
      for (key, member) in object.storage {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        JSONPrinter.writeString(key, into: &out)
        out.append(UInt8(ascii: ":"))
        write(member, into: &out)
      }
      out.append(UInt8(ascii: "}"))
    default:
      JSONPrinter.writeCompact(value, into: &out)
    }
  }
}
