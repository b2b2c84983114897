import Foundation
import JSONCore

/// `$formatInteger` / `$parseInteger` (XPath 3.1 fn:format-integer): decimal digit patterns,
/// words, roman numerals and letters, ported from jsonata-js 2.2 src/datetime.js.
enum JSONataIntegerFormat {
  enum Primary { case decimal, letters, roman, words, sequence }
  enum Case { case upper, lower, title }

  struct Separator: Equatable {
    var position: Int
    var character: String
  }

  /// An analysed integer picture (`analyseIntegerPicture`).
  struct Format {
    var primary = Primary.decimal
    var letterCase = Case.lower
    var ordinal = false
    var zeroCode: UInt32 = 0x30
    var mandatoryDigits = 0
    var optionalDigits = 0
    var regular = false
    var groupingSeparators: [Separator] = []
    var token = ""
    /// Digits a parse must take when another integer follows without a literal between.
    var parseWidth: Int?
  }

  static func fail(_ code: String, _ message: String) -> JSONataError {
    JSONataError(code: code, message: message)
  }

  static let few = [
    "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
    "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen",
    "Nineteen",
  ]
  static let ordinals = [
    "Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth",
    "Ninth", "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth",
    "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth",
  ]
  static let decades = [
    "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred",
  ]
  static let magnitudes = ["Thousand", "Million", "Billion", "Trillion"]

  /// English words for a non-negative integer (`numberToWords`).
  static func words(_ value: Double, ordinal: Bool) -> String {
    func lookup(_ num: Double, _ prev: Bool, _ ord: Bool) -> String {
      var words = ""
      if num <= 19 {
        let i = Int(num)
        words = (prev ? " and " : "") + (ord ? ordinals[i] : few[i])
      } else if num < 100 {
        let tens = Int(num / 10)
        let remainder = num.truncatingRemainder(dividingBy: 10)
        words = (prev ? " and " : "") + decades[tens - 2]
        if remainder > 0 {
          words += "-" + lookup(remainder, false, ord)
        } else if ord {
          words = String(words.dropLast()) + "ieth"
        }
      } else if num < 1000 {
        let hundreds = Int(num / 100)
        let remainder = num.truncatingRemainder(dividingBy: 100)
        words = (prev ? ", " : "") + few[hundreds] + " Hundred"
        if remainder > 0 {
          words += lookup(remainder, true, ord)
        } else if ord {
          words += "th"
        }
      } else {
        var mag = Int((log10(num) / 3).rounded(.down))
        if mag > magnitudes.count { mag = magnitudes.count }
        let factor = pow(10, Double(mag * 3))
        let mant = (num / factor).rounded(.down)
        let remainder = num - mant * factor
        words = (prev ? ", " : "") + lookup(mant, false, false) + " " + magnitudes[mag - 1]
        if remainder > 0 {
          words += lookup(remainder, true, ord)
        } else if ord {
          words += "th"
        }
      }
      return words
    }
    return lookup(value, false, ordinal)
  }

  /// Lower-case word → value, in jsonata-js's insertion order (it builds the parse regex).
  static let wordValues: [(String, Double)] = {
    var out: [(String, Double)] = []
    for (i, w) in few.enumerated() { out.append((w.lowercased(), Double(i))) }
    for (i, w) in ordinals.enumerated() { out.append((w.lowercased(), Double(i))) }
    for (i, w) in decades.enumerated() {
      let l = w.lowercased()
      out.append((l, Double((i + 2) * 10)))
      out.append((String(l.dropLast()) + "ieth", Double((i + 2) * 10)))
    }
    out.append(("hundredth", 100))
    for (i, w) in magnitudes.enumerated() {
      let l = w.lowercased()
      let v = pow(10, Double((i + 1) * 3))
      out.append((l, v))
      out.append((l + "th", v))
    }
    // Later keys overwrite earlier ones in a JS object but keep the first position.
    var seen: [String: Int] = [:]
    var unique: [(String, Double)] = []
    for (k, v) in out {
      if let i = seen[k] {
        unique[i].1 = v
      } else {
        seen[k] = unique.count
        unique.append((k, v))
      }
    }
    return unique
  }()
  static let wordLookup = Dictionary(wordValues, uniquingKeysWith: { _, b in b })

  /// `wordsToNumber`.
  static func wordsToNumber(_ text: String) -> Double {
    let splitter = try! NSRegularExpression(pattern: ",\\s|\\sand\\s|[\\s\\\\-]")
    var parts: [String] = []
    var last = text.startIndex
    let ns = NSRange(text.startIndex..<text.endIndex, in: text)
    for m in splitter.matches(in: text, range: ns) {
      guard let r = Range(m.range, in: text) else { continue }
      parts.append(String(text[last..<r.lowerBound]))
      last = r.upperBound
    }
    parts.append(String(text[last...]))
    var segs: [Double] = [0]
    for part in parts {
      let value = wordLookup[part] ?? .nan
      if value < 100 {
        var top = segs.popLast() ?? 0
        if top >= 1000 {
          segs.append(top)
          top = 0
        }
        segs.append(top + value)
      } else if value.isNaN {
        // undefined compares false in JS: multiply by undefined gives NaN
        segs.append((segs.popLast() ?? 0) * .nan)
      } else {
        segs.append((segs.popLast() ?? 0) * value)
      }
    }
    return segs.reduce(0, +)
  }

  static let romanNumerals: [(Double, String)] = [
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
    (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
  ]

  static func roman(_ value: Double) -> String {
    var v = value
    var out = ""
    outer: while true {
      for (n, s) in romanNumerals where v >= n {
        out += s
        v -= n
        continue outer
      }
      return out
    }
  }

  static func romanToDecimal(_ roman: String) -> Double {
    let values: [Character: Double] = ["M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1]
    var decimal = 0.0
    var maxValue = 1.0
    for c in roman.reversed() {
      let value = values[c] ?? .nan
      if value < maxValue {
        decimal -= value
      } else {
        maxValue = value
        decimal += value
      }
    }
    return decimal
  }

  static func letters(_ value: Double, _ a: Character) -> String {
    let aCode = a.unicodeScalars.first!.value
    var v = value
    var out: [Character] = []
    while v > 0 {
      let code = UInt32((v - 1).truncatingRemainder(dividingBy: 26)) + aCode
      out.insert(Character(Unicode.Scalar(code)!), at: 0)
      v = ((v - 1) / 26).rounded(.down)
    }
    return String(out)
  }

  static func lettersToDecimal(_ letters: String, _ a: Character) -> Double {
    let aCode = Double(a.unicodeScalars.first!.value)
    let units = Array(letters.utf16)
    var decimal = 0.0
    for i in 0..<units.count {
      decimal += (Double(units[units.count - i - 1]) - aCode + 1) * pow(26, Double(i))
    }
    return decimal
  }

  /// `$formatInteger(value, picture)`.
  static func formatInteger(_ value: Double, picture: String) throws(JSONataError) -> String {
    try format(value.rounded(.down), analyse(picture))
  }

  /// `_formatInteger`.
  static func format(_ value: Double, _ format: Format) throws(JSONataError) -> String {
    var formatted: String
    let negative = value < 0
    let v = abs(value)
    switch format.primary {
    case .letters:
      formatted = letters(v, format.letterCase == .upper ? "A" : "a")
    case .roman:
      // jsonata-js recurses once per numeral: past a million its stack overflows.
      guard v < 1e6 else {
        throw JSONataEvaluator.budgetError(
          "Stack overflow error: Roman numerals are limited to values below 1,000,000.")
      }
      formatted = roman(v)
      if format.letterCase == .upper { formatted = formatted.uppercased() }
    case .words:
      formatted = words(v, ordinal: format.ordinal)
      if format.letterCase == .upper {
        formatted = formatted.uppercased()
      } else if format.letterCase == .lower {
        formatted = formatted.lowercased()
      }
    case .decimal:
      var chars = Array(JSNumberText.string(v))
      let pad = format.mandatoryDigits - chars.count
      try JSONataEvaluator.checkStringSize(pad)
      if pad > 0 { chars = Array(repeating: "0", count: pad) + chars }
      if format.zeroCode != 0x30 {
        chars = chars.map { c in
          guard let s = c.unicodeScalars.first,
            let mapped = Unicode.Scalar(s.value + format.zeroCode - 0x30)
          else { return c }
          return Character(mapped)
        }
      }
      var text = chars.map(String.init)
      if format.regular, let first = format.groupingSeparators.first, first.position > 0 {
        let n = (text.count - 1) / first.position
        if n > 0 {
          for ii in stride(from: n, through: 1, by: -1) {
            let pos = text.count - ii * first.position
            if pos >= 0 { text.insert(first.character, at: pos) }
          }
        }
      } else if !format.regular {
        for separator in format.groupingSeparators.reversed() {
          let pos = text.count - separator.position
          if pos >= 0 { text.insert(separator.character, at: pos) }
        }
      }
      formatted = text.joined()
      if format.ordinal {
        let last = formatted.last
        let secondLast = formatted.count > 1 ? formatted.dropLast().last : nil
        var suffix: String
        switch last {
        case "1": suffix = "st"
        case "2": suffix = "nd"
        case "3": suffix = "rd"
        default: suffix = "th"
        }
        if secondLast == "1" { suffix = "th" }
        formatted += suffix
      }
    case .sequence:
      throw fail(
        "D3130",
        "Formatting or parsing an integer as a sequence starting with \(format.token) is not supported by this implementation"
      )
    }
    return negative ? "-" + formatted : formatted
  }

  /// Zero code points of the Unicode decimal digit groups jsonata-js recognises.
  static let decimalGroups: [UInt32] = [
    0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66,
    0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946,
    0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0,
    0xA9F0, 0xAA50, 0xABF0, 0xFF10,
  ]

  /// `analyseIntegerPicture`.
  static func analyse(_ picture: String) throws(JSONataError) -> Format {
    var format = Format()
    var primaryFormat = picture
    if let semicolon = picture.lastIndex(of: ";") {
      primaryFormat = String(picture[..<semicolon])
      let modifier = picture[picture.index(after: semicolon)...]
      if modifier.first == "o" { format.ordinal = true }
    }
    switch primaryFormat {
    case "A":
      format.letterCase = .upper
      format.primary = .letters
    case "a": format.primary = .letters
    case "I":
      format.letterCase = .upper
      format.primary = .roman
    case "i": format.primary = .roman
    case "W":
      format.letterCase = .upper
      format.primary = .words
    case "Ww":
      format.letterCase = .title
      format.primary = .words
    case "w": format.primary = .words
    default:
      var zeroCode: UInt32?
      var mandatory = 0
      var optional = 0
      var separators: [Separator] = []
      var separatorPosition = 0
      for scalar in primaryFormat.unicodeScalars.reversed() {
        let code = scalar.value
        if let group = decimalGroups.first(where: { code >= $0 && code <= $0 + 9 }) {
          mandatory += 1
          separatorPosition += 1
          if zeroCode == nil {
            zeroCode = group
          } else if group != zeroCode {
            throw fail(
              "D3131", "In a decimal digit pattern, all digits must be from the same decimal group")
          }
        } else if code == 0x23 {
          separatorPosition += 1
          optional += 1
        } else {
          separators.append(Separator(position: separatorPosition, character: String(scalar)))
        }
      }
      if mandatory > 0 {
        format.primary = .decimal
        format.zeroCode = zeroCode ?? 0x30
        format.mandatoryDigits = mandatory
        format.optionalDigits = optional
        let regular = regularRepeat(separators)
        if regular > 0 {
          format.regular = true
          format.groupingSeparators = [Separator(position: regular, character: separators[0].character)]
        } else {
          format.regular = false
          format.groupingSeparators = separators
        }
      } else {
        format.primary = .sequence
        format.token = primaryFormat
      }
    }
    return format
  }

  static func regularRepeat(_ separators: [Separator]) -> Int {
    guard let first = separators.first else { return 0 }
    guard separators.allSatisfy({ $0.character == first.character }) else { return 0 }
    let indexes = separators.map(\.position)
    func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
    let factor = indexes.dropFirst().reduce(indexes[0], gcd)
    guard factor > 0 else { return 0 }
    for i in 1...indexes.count where !indexes.contains(i * factor) { return 0 }
    return factor
  }

  /// A regular expression for one integer or date/time component and how to read its match
  /// (`generateRegex`).
  struct Matcher {
    var regex: String
    var parse: ((String) -> Double?)?
    var component: Character?
  }

  static func matcher(_ format: Format) throws(JSONataError) -> Matcher {
    let isUpper = format.letterCase == .upper
    switch format.primary {
    case .letters:
      return Matcher(regex: isUpper ? "[A-Z]+" : "[a-z]+") {
        lettersToDecimal($0, isUpper ? "A" : "a")
      }
    case .roman:
      return Matcher(regex: isUpper ? "[MDCLXVI]+" : "[mdclxvi]+") {
        romanToDecimal(isUpper ? $0 : $0.uppercased())
      }
    case .words:
      let alternatives = wordValues.map(\.0) + ["and", "[\\-, ]"]
      return Matcher(regex: "(?:" + alternatives.joined(separator: "|") + ")+") {
        wordsToNumber($0.lowercased())
      }
    case .decimal:
      var regex = "[0-9]"
      if let width = format.parseWidth, width > 0 {
        regex += "{\(width)}"
      } else {
        regex += "+"
      }
      if format.ordinal { regex += "(?:th|st|nd|rd)" }
      return Matcher(regex: regex) { value in
        var digits = value
        if format.ordinal { digits = String(digits.dropLast(2)) }
        if format.regular {
          digits = digits.replacingOccurrences(of: ",", with: "")
        } else {
          for separator in format.groupingSeparators {
            digits = digits.replacingOccurrences(of: separator.character, with: "")
          }
        }
        if format.zeroCode != 0x30 {
          digits = String(
            String.UnicodeScalarView(
              digits.unicodeScalars.compactMap { Unicode.Scalar($0.value &- format.zeroCode &+ 0x30) }))
        }
        return parseInt(digits)
      }
    case .sequence:
      throw fail(
        "D3130",
        "Formatting or parsing an integer as a sequence starting with \(format.token) is not supported by this implementation"
      )
    }
  }

  /// JavaScript `parseInt(s, 10)`: leading sign and digits, nil (NaN) when there are none.
  static func parseInt(_ s: String) -> Double? {
    let trimmed = s.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" })
    var chars = trimmed[...]
    var sign = 1.0
    if chars.first == "-" || chars.first == "+" {
      if chars.first == "-" { sign = -1 }
      chars = chars.dropFirst()
    }
    let digits = chars.prefix(while: { $0.isASCII && $0.isNumber })
    guard !digits.isEmpty, let v = Double(digits) else { return nil }
    return sign * v
  }

  /// `$parseInteger(value, picture)`.
  static func parseInteger(_ value: String, picture: String) throws(JSONataError) -> Double? {
    let format = try analyse(picture)
    return try matcher(format).parse?(value)
  }
}

extension JSONataIntegerFormat.Matcher {
  init(regex: String, parse: @escaping (String) -> Double?) {
    self.init(regex: regex, parse: parse, component: nil)
  }
}
