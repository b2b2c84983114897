import Foundation
import JSONCore

/// Numbers as JavaScript writes them, and the numeric functions whose results depend on that
/// text: `$round`, `$formatBase`, `$formatNumber` (ported from jsonata-js 2.2 src/functions.js).
enum JSNumberText {
  /// `Number.prototype.toString()`: the shortest digits that round-trip, laid out by
  /// ECMA-262 Number::toString (plain for 1e-7 < |x| < 1e21, else `d.ddde±n`).
  static func string(_ x: Double) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x < 0 ? "-Infinity" : "Infinity" }
    if x == 0 { return "0" }
    // An integer below 2^53 is its digits (ids, counts: the common case, without the text
    // round trip of shortestDigits).
    if x == x.rounded(), abs(x) < 9_007_199_254_740_992 { return String(Int64(x)) }
    let (digits, n) = shortestDigits(abs(x))
    let k = digits.count
    let sign = x < 0 ? "-" : ""
    if k <= n && n <= 21 {
      return sign + digits + String(repeating: "0", count: n - k)
    }
    if 0 < n && n <= 21 {
      return sign + digits.prefix(n) + "." + digits.dropFirst(n)
    }
    if -6 < n && n <= 0 {
      return sign + "0." + String(repeating: "0", count: -n) + digits
    }
    let e = n - 1
    let exponent = (e < 0 ? "-" : "+") + String(abs(e))
    if k == 1 { return sign + digits + "e" + exponent }
    return sign + digits.prefix(1) + "." + digits.dropFirst() + "e" + exponent
  }

  /// `Number.prototype.toString(radix)` of an integral `x`, as V8 writes it: past 2^53 the
  /// low digits are zeros.
  static func string(_ x: Double, radix: Int) -> String {
    guard x.isFinite else { return string(x) }
    if radix == 10 { return string(x) }
    let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz")
    let r = Double(radix)
    var integer = abs(x).rounded(.down)
    var out: [Character] = []
    while integer / r >= 9_007_199_254_740_992 {
      integer /= r
      out.append("0")
    }
    repeat {
      let remainder = integer.truncatingRemainder(dividingBy: r)
      out.append(digits[Int(remainder)])
      integer = (integer - remainder) / r
    } while integer > 0
    return (x < 0 ? "-" : "") + String(out.reversed())
  }

  /// The shortest round-trip decimal digits of a positive finite `x` (no leading or trailing
  /// zeros) and n such that x = 0.digits × 10^n.
  static func shortestDigits(_ x: Double) -> (String, Int) {
    let text = "\(x)"  // Swift prints the shortest round-trip form, e.g. 1.5, 1e-07, 1.2e+20
    var mantissa = Substring(text)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = text[..<e]
      exponent = Int(text[text.index(after: e)...]) ?? 0
    }
    var intPart = mantissa
    var fracPart: Substring = ""
    if let dot = mantissa.firstIndex(of: ".") {
      intPart = mantissa[..<dot]
      fracPart = mantissa[mantissa.index(after: dot)...]
    }
    var digits = String(intPart) + fracPart
    var pointAt = intPart.count + exponent
    while digits.hasPrefix("0") {
      digits.removeFirst()
      pointAt -= 1
    }
    while digits.hasSuffix("0") { digits.removeLast() }
    return (digits.isEmpty ? "0" : digits, pointAt)
  }

  /// `Number(x.toPrecision(15))`, the rounding `$string` applies to non-integers.
  static func precision15(_ x: Double) -> Double {
    guard x.isFinite, x != x.rounded() else { return x }
    return Double(String(format: "%.15g", x)) ?? x
  }

  /// `Math.abs(x).toFixed(dp)` for |x| < 1e21 (larger values print as toString does).
  static func fixed(_ x: Double, _ dp: Int) -> String {
    let a = abs(x)
    if a >= 1e21 { return string(a) }
    return String(format: "%.\(max(0, min(100, dp)))f", a)
  }

  /// JavaScript's `Math.round`: halves go up.
  static func jsRound(_ x: Double) -> Double {
    let r = (x + 0.5).rounded(.down)
    // x + 0.5 can round up in binary (0.49999999999999994); Math.round gives 0 there.
    if r - x > 0.5 { return r - 1 }
    return r
  }
}

enum JSONataNumberFunctions {
  static func fail(_ code: String, _ message: String) -> JSONataError {
    JSONataError(code: code, message: message)
  }

  /// `$round(x, precision)`: round half to even, shifting the decimal point in the text as
  /// jsonata-js does (multiplying by 10^n would add binary error).
  static func round(_ arg: Double, _ precision: Double?) -> Double {
    var x = arg
    let p = precision.map { JSONataEvaluator.clampedInt($0) } ?? 0
    if p != 0 { x = shift(x, by: p) }
    var result = JSNumberText.jsRound(x)
    let diff = result - x
    if abs(diff) == 0.5 && abs(result.truncatingRemainder(dividingBy: 2)) == 1 {
      result -= 1
    }
    if p != 0 { result = shift(result, by: -p) }
    return result == 0 ? 0 : result
  }

  /// `+(m + 'e' + (e + by))` over the JavaScript text `m[e]` of `x`.
  static func shift(_ x: Double, by: Int) -> Double {
    let text = JSNumberText.string(x)
    let parts = text.split(separator: "e", maxSplits: 1)
    let exponent = (parts.count > 1 ? Int(parts[1]) ?? 0 : 0) + by
    return Double(parts[0] + "e" + String(exponent)) ?? .nan
  }

  /// `$formatBase(value, radix)`.
  static func formatBase(_ value: Double, _ radix: Double?) throws(JSONataError) -> String {
    let v = round(value, nil)
    let r = radix.map { round($0, nil) } ?? 10
    guard r >= 2, r <= 36 else {
      throw fail(
        "D3100",
        "The radix of the formatBase function must be between 2 and 36.  It was given \(JSNumberText.string(r))"
      )
    }
    return JSNumberText.string(v, radix: Int(r))
  }

  // MARK: $formatNumber (XPath 3.1 F&O 4.7)

  struct Parts {
    var prefix: [Character]
    var suffix: [Character]
    var activePart: [Character]
    var mantissaPart: [Character]
    var exponentPart: [Character]?
    var integerPart: [Character]
    var fractionalPart: [Character]
    var subpicture: [Character]
  }

  struct Variables {
    var integerPartGroupingPositions: [Int]
    var regularGrouping: Int
    var minimumIntegerPartSize: Int
    var scalingFactor: Int
    var prefix: [Character]
    var fractionalPartGroupingPositions: [Int]
    var minimumFactionalPartSize: Int
    var maximumFactionalPartSize: Int
    var minimumExponentSize: Int
    var suffix: [Character]
    var picture: [Character]
  }

  /// JavaScript `substring(start, end)`: clamped, swapped when start > end.
  static func sub(_ a: [Character], _ start: Int, _ end: Int? = nil) -> [Character] {
    var s = max(0, min(a.count, start))
    var e = max(0, min(a.count, end ?? a.count))
    if s > e { swap(&s, &e) }
    return Array(a[s..<e])
  }

  static func index(_ a: [Character], _ c: Character, from: Int = 0) -> Int {
    var i = max(0, from)
    while i < a.count {
      if a[i] == c { return i }
      i += 1
    }
    return -1
  }

  static func lastIndex(_ a: [Character], _ c: Character) -> Int {
    a.lastIndex(of: c) ?? -1
  }

  static func char(at a: [Character], _ i: Int) -> Character? {
    i >= 0 && i < a.count ? a[i] : nil
  }

  /// `$formatNumber(value, picture, options)`.
  static func formatNumber(_ value: Double, picture: String, options: JSONObject?)
    throws(JSONataError) -> String
  {
    var properties: [String: String] = [
      "decimal-separator": ".", "grouping-separator": ",", "exponent-separator": "e",
      "infinity": "Infinity", "minus-sign": "-", "NaN": "NaN", "percent": "%",
      "per-mille": "\u{2030}", "zero-digit": "0", "digit": "#", "pattern-separator": ";",
    ]
    if let options {
      for (key, value) in options.storage {
        if case .string(let s) = value { properties[key] = s }
      }
    }
    func property(_ name: String) -> Character { properties[name]?.first ?? " " }
    let decimalSeparator = property("decimal-separator")
    let groupingSeparator = property("grouping-separator")
    let exponentSeparator = property("exponent-separator")
    let percent = property("percent")
    let perMille = property("per-mille")
    let digit = property("digit")
    let patternSeparator = property("pattern-separator")
    let zeroDigit = property("zero-digit")
    let minusSign = Array(properties["minus-sign"] ?? "-")

    let zeroCode = zeroDigit.unicodeScalars.first?.value ?? 0x30
    let family: [Character] = (0..<10).compactMap { Unicode.Scalar(zeroCode + $0).map(Character.init) }
    let active = family + [decimalSeparator, exponentSeparator, groupingSeparator, digit, patternSeparator]
    let isDigit = { (c: Character) in family.contains(c) }

    let subPictures = Array(picture).split(
      separator: patternSeparator, omittingEmptySubsequences: false
    ).map(Array.init)
    if subPictures.count > 2 {
      throw fail("D3080", "The picture string must only contain a maximum of two sub-pictures")
    }

    func splitParts(_ subpicture: [Character]) -> Parts {
      var prefix: [Character] = []
      if let i = subpicture.firstIndex(where: { active.contains($0) && $0 != exponentSeparator }) {
        prefix = Array(subpicture[..<i])
      }
      var suffix: [Character] = []
      if let i = subpicture.lastIndex(where: { active.contains($0) && $0 != exponentSeparator }) {
        suffix = Array(subpicture[(i + 1)...])
      }
      let activePart = sub(subpicture, prefix.count, subpicture.count - suffix.count)
      var mantissaPart: [Character]
      var exponentPart: [Character]?
      let exponentPosition = index(subpicture, exponentSeparator, from: prefix.count)
      if exponentPosition == -1 || exponentPosition > subpicture.count - suffix.count {
        mantissaPart = activePart
        exponentPart = nil
      } else {
        // jsonata-js indexes the active part with the sub-picture position (kept as is).
        mantissaPart = sub(activePart, 0, exponentPosition)
        exponentPart = sub(activePart, exponentPosition + 1)
      }
      let integerPart: [Character]
      let fractionalPart: [Character]
      let decimalPosition = index(mantissaPart, decimalSeparator)
      if decimalPosition == -1 {
        integerPart = mantissaPart
        fractionalPart = suffix
      } else {
        integerPart = sub(mantissaPart, 0, decimalPosition)
        fractionalPart = sub(mantissaPart, decimalPosition + 1)
      }
      return Parts(
        prefix: prefix, suffix: suffix, activePart: activePart, mantissaPart: mantissaPart,
        exponentPart: exponentPart, integerPart: integerPart, fractionalPart: fractionalPart,
        subpicture: subpicture)
    }

    func validate(_ parts: Parts) throws(JSONataError) {
      var error: (String, String)?
      let subpicture = parts.subpicture
      let decimalPos = index(subpicture, decimalSeparator)
      if decimalPos != lastIndex(subpicture, decimalSeparator) {
        error = ("D3081", "The sub-picture must not contain more than one instance of the 'decimal-separator' character")
      }
      if index(subpicture, percent) != lastIndex(subpicture, percent) {
        error = ("D3082", "The sub-picture must not contain more than one instance of the 'percent' character")
      }
      if index(subpicture, perMille) != lastIndex(subpicture, perMille) {
        error = ("D3083", "The sub-picture must not contain more than one instance of the 'per-mille' character")
      }
      if subpicture.contains(percent) && subpicture.contains(perMille) {
        error = ("D3084", "The sub-picture must not contain both a 'percent' and a 'per-mille' character")
      }
      if !parts.mantissaPart.contains(where: { isDigit($0) || $0 == digit }) {
        error = ("D3085", "The mantissa part of a sub-picture must contain at least one character that is either an 'optional digit character' or a member of the 'decimal digit family'")
      }
      if parts.activePart.contains(where: { !active.contains($0) }) {
        error = ("D3086", "The sub-picture must not contain a passive character that is preceded by an active character and that is followed by another active character")
      }
      if decimalPos != -1 {
        if char(at: subpicture, decimalPos - 1) == groupingSeparator
          || char(at: subpicture, decimalPos + 1) == groupingSeparator
        {
          error = ("D3087", "The sub-picture must not contain a 'grouping-separator' character that appears adjacent to a 'decimal-separator' character")
        }
      } else if parts.integerPart.last == groupingSeparator {
        error = ("D3088", "The sub-picture must not contain a 'grouping-separator' at the end of the integer part")
      }
      if zip(subpicture, subpicture.dropFirst()).contains(where: {
        $0 == groupingSeparator && $1 == groupingSeparator
      }) {
        error = ("D3089", "The sub-picture must not contain two adjacent instances of the 'grouping-separator' character")
      }
      let optionalDigitPos = index(parts.integerPart, digit)
      if optionalDigitPos != -1 && parts.integerPart[..<optionalDigitPos].contains(where: isDigit) {
        error = ("D3090", "The integer part of the sub-picture must not contain a member of the 'decimal digit family' that is followed by an instance of the 'optional digit character'")
      }
      let lastOptional = lastIndex(parts.fractionalPart, digit)
      if lastOptional != -1 && parts.fractionalPart[lastOptional...].contains(where: isDigit) {
        error = ("D3091", "The fractional part of the sub-picture must not contain an instance of the 'optional digit character' that is followed by a member of the 'decimal digit family'")
      }
      if let exponentPart = parts.exponentPart {
        if !exponentPart.isEmpty && (subpicture.contains(percent) || subpicture.contains(perMille)) {
          error = ("D3092", "A sub-picture that contains a 'percent' or 'per-mille' character must not contain a character treated as an 'exponent-separator'")
        }
        if exponentPart.isEmpty || exponentPart.contains(where: { !isDigit($0) }) {
          error = ("D3093", "The exponent part of the sub-picture must comprise only of one or more characters that are members of the 'decimal digit family'")
        }
      }
      if let error { throw fail(error.0, error.1) }
    }

    func analyse(_ parts: Parts) -> Variables {
      func groupingPositions(_ part: [Character], toLeft: Bool) -> [Int] {
        var positions: [Int] = []
        var position = index(part, groupingSeparator)
        while position != -1 {
          let side = toLeft ? sub(part, 0, position) : sub(part, position)
          positions.append(side.filter { isDigit($0) || $0 == digit }.count)
          // jsonata-js continues the search in the integer part for both sides (kept as is).
          position = index(parts.integerPart, groupingSeparator, from: position + 1)
        }
        return positions
      }
      let integerPositions = groupingPositions(parts.integerPart, toLeft: false)
      func regular(_ indexes: [Int]) -> Int {
        guard let first = indexes.first else { return 0 }
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let factor = indexes.dropFirst().reduce(first, gcd)
        guard factor > 0 else { return 0 }
        for i in 1...indexes.count where !indexes.contains(i * factor) { return 0 }
        return factor
      }
      var minimumIntegerPartSize = parts.integerPart.filter(isDigit).count
      let scalingFactor = minimumIntegerPartSize
      var minimumFractional = parts.fractionalPart.filter(isDigit).count
      var maximumFractional = parts.fractionalPart.filter { isDigit($0) || $0 == digit }.count
      let exponentPresent = parts.exponentPart != nil
      if minimumIntegerPartSize == 0 && maximumFractional == 0 {
        if exponentPresent {
          minimumFractional = 1
          maximumFractional = 1
        } else {
          minimumIntegerPartSize = 1
        }
      }
      if exponentPresent && minimumIntegerPartSize == 0 && parts.integerPart.contains(digit) {
        minimumIntegerPartSize = 1
      }
      if minimumIntegerPartSize == 0 && minimumFractional == 0 { minimumFractional = 1 }
      let minimumExponentSize = parts.exponentPart?.filter(isDigit).count ?? 0
      return Variables(
        integerPartGroupingPositions: integerPositions, regularGrouping: regular(integerPositions),
        minimumIntegerPartSize: minimumIntegerPartSize, scalingFactor: scalingFactor,
        prefix: parts.prefix,
        fractionalPartGroupingPositions: groupingPositions(parts.fractionalPart, toLeft: true),
        minimumFactionalPartSize: minimumFractional, maximumFactionalPartSize: maximumFractional,
        minimumExponentSize: minimumExponentSize, suffix: parts.suffix, picture: parts.subpicture)
    }

    let parts = subPictures.map(splitParts)
    for part in parts { try validate(part) }
    var variables = parts.map(analyse)
    if variables.count == 1 {
      var negative = variables[0]
      negative.prefix = minusSign + negative.prefix
      variables.append(negative)
    }

    let pic = value >= 0 ? variables[0] : variables[1]
    var adjusted = value
    if pic.picture.contains(percent) {
      adjusted = value * 100
    } else if pic.picture.contains(perMille) {
      adjusted = value * 1000
    }
    var mantissa = adjusted
    var exponent: Int?
    if pic.minimumExponentSize != 0 {
      let maxMantissa = pow(10, Double(pic.scalingFactor))
      let minMantissa = pow(10, Double(pic.scalingFactor - 1))
      var e = 0
      if mantissa != 0 && mantissa.isFinite {
        while abs(mantissa) < minMantissa {
          mantissa *= 10
          e -= 1
        }
        while abs(mantissa) > maxMantissa {
          mantissa /= 10
          e += 1
        }
      }
      exponent = e
    }
    let rounded = round(mantissa, Double(pic.maximumFactionalPartSize))

    func makeString(_ value: Double, _ dp: Int) -> [Character] {
      let text = Array(JSNumberText.fixed(value, dp))
      guard zeroDigit != "0" else { return text }
      return text.map { c in
        guard let v = c.asciiValue, v >= 48, v <= 57 else { return c }
        return family[Int(v - 48)]
      }
    }
    var s = makeString(rounded, pic.maximumFactionalPartSize)
    if let dot = s.firstIndex(of: ".") {
      s[dot] = decimalSeparator
    } else {
      s.append(decimalSeparator)
    }
    while s.first == zeroDigit { s.removeFirst() }
    while s.last == zeroDigit { s.removeLast() }
    var decimalPos = index(s, decimalSeparator)
    let padLeft = pic.minimumIntegerPartSize - decimalPos
    let padRight = pic.minimumFactionalPartSize - (s.count - decimalPos - 1)
    if padLeft > 0 { s = Array(repeating: zeroDigit, count: padLeft) + s }
    if padRight > 0 { s += Array(repeating: zeroDigit, count: padRight) }
    decimalPos = index(s, decimalSeparator)
    // `[s.slice(0, at), separator, s.slice(at)].join('')`: a negative `at` counts from the end.
    func insertSeparator(at position: Int) {
      let at = position < 0 ? max(0, s.count + position) : min(position, s.count)
      s.insert(groupingSeparator, at: at)
    }
    if pic.regularGrouping > 0 {
      let groupCount = Int((Double(decimalPos - 1) / Double(pic.regularGrouping)).rounded(.down))
      if groupCount >= 1 {
        for group in 1...groupCount { insertSeparator(at: decimalPos - group * pic.regularGrouping) }
      }
    } else {
      for position in pic.integerPartGroupingPositions {
        insertSeparator(at: decimalPos - position)
        decimalPos += 1
      }
    }
    decimalPos = index(s, decimalSeparator)
    for position in pic.fractionalPartGroupingPositions {
      insertSeparator(at: position + decimalPos + 1)
    }
    decimalPos = index(s, decimalSeparator)
    if !pic.picture.contains(decimalSeparator) || decimalPos == s.count - 1 {
      if !s.isEmpty { s.removeLast() }
    }
    if let exponent {
      var digits = makeString(Double(exponent), 0)
      let pad = pic.minimumExponentSize - digits.count
      if pad > 0 { digits = Array(repeating: zeroDigit, count: pad) + digits }
      s += [exponentSeparator] + (exponent < 0 ? minusSign : []) + digits
    }
    return String(pic.prefix + s + pic.suffix)
  }
}
