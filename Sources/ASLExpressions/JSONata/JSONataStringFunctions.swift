import Foundation
import JSONCore

/// The string functions of jsonata-js 2.2 (src/functions.js): positions and lengths count
/// Unicode code points as jsonata-js's `stringToArray` does, searches work on UTF-16 as
/// JavaScript's `indexOf` does, and regular expressions follow jsonata-js's matcher protocol
/// (a match, then `next` from where it ended; an empty match that would repeat is D1004).
enum JSONataStringFunctions {
  typealias Functions = JSONataFunctions

  static func fail(_ code: String, _ message: String) -> JSONataError {
    JSONataError(code: code, message: message)
  }

  /// `$string(value, prettify)`: strings as they are, functions as "", numbers as JavaScript
  /// prints them (non-integers to 15 significant digits), the rest as JSON.stringify would.
  static func string(_ value: JSONataValue, prettify: Bool = false) throws(JSONataError)
    -> String?
  {
    switch value {
    case .undefined: return nil
    case .json(.string(let s)): return s
    case .function, .regex: return ""
    case .json(let v): return try stringify(v, prettify: prettify)
    // A one-item sequence is an array input in its outer wrapper: jsonata-js unwraps it.
    case .sequence(let s) where s.count == 1: return try stringify(s[0], prettify: prettify)
    case .sequence(let s): return try stringify(.array(s), prettify: prettify)
    }
  }

  static func stringify(_ value: JSONValue, prettify: Bool) throws(JSONataError) -> String {
    if PayloadSize.exceeds(value, limit: EvaluationBudget.stringBytes) {
      try JSONataEvaluator.checkStringSize(EvaluationBudget.stringBytes + 1)
    }
    var out = ""
    write(value, into: &out, indent: prettify ? "" : nil)
    return out
  }

  /// Appends `value` as JSON.stringify(value, replacer, indent ? 2 : 0) writes it.
  static func write(_ value: JSONValue, into out: inout String, indent: String?) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n): out += JSNumberText.string(JSNumberText.precision15(n.doubleValue))
    case .string(let s): quote(s, into: &out)
    case .array(let items):
      writeContainer("[", "]", items, into: &out, indent: indent) { item, out, inner in
        write(item, into: &out, indent: inner)
      }
    case .object(let object) where JSONataEvaluator.isStoredFunction(object):
      out += "\"\""
    case .object(let object):
      writeContainer("{", "}", object.storage, into: &out, indent: indent) { member, out, inner in
        quote(member.key, into: &out)
        out += inner == nil ? ":" : ": "
        write(member.value, into: &out, indent: inner)
      }
    }
  }

  /// `open` entries `close`, one entry per line two spaces deeper when indenting; empty as `[]`.
  static func writeContainer<C: Collection>(
    _ open: String, _ close: String, _ entries: C, into out: inout String, indent: String?,
    _ entry: (C.Element, inout String, String?) -> Void
  ) {
    out += open
    guard !entries.isEmpty else {
      out += close
      return
    }
    let inner = indent.map { $0 + "  " }
    for (i, element) in entries.enumerated() {
      if i > 0 { out += "," }
      if let inner { out += "\n" + inner }
      entry(element, &out, inner)
    }
    if let indent { out += "\n" + indent }
    out += close
  }

  /// A JSON string literal as JSON.stringify writes it.
  static func quote(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      default:
        if scalar.value < 0x20 {
          out += "\\u" + String(format: "%04x", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }

  /// `$substring(str, start, length)` over code points.
  static func substring(_ s: String, _ start: Double, _ length: Double?) -> String {
    let chars = Array(s.unicodeScalars)
    let count = chars.count
    var start = start
    if Double(count) + start < 0 { start = 0 }
    // Array.prototype.slice: negative positions count from the end, then clamp.
    func slice(_ from: Double, _ to: Double?) -> String {
      func clamp(_ x: Double) -> Int {
        let i = x.isNaN ? 0 : x.rounded(.towardZero)
        if i < 0 { return max(0, count + JSONataEvaluator.clampedInt(i)) }
        return min(count, JSONataEvaluator.clampedInt(i))
      }
      let a = clamp(from)
      let b = to.map(clamp) ?? count
      guard a < b else { return "" }
      return String(String.UnicodeScalarView(chars[a..<b]))
    }
    if let length {
      if length <= 0 { return "" }
      let end = start >= 0 ? start + length : Double(count) + start + length
      return slice(start, end)
    }
    return slice(start, nil)
  }

  /// JavaScript `indexOf` over UTF-16 units.
  static func indexOf(_ s: [UInt16], _ part: [UInt16], from: Int = 0) -> Int {
    guard part.count <= s.count else { return -1 }
    if part.isEmpty { return min(from, s.count) }
    var i = max(0, from)
    while i + part.count <= s.count {
      if s[i] == part[0] && s[i..<(i + part.count)].elementsEqual(part) { return i }
      i += 1
    }
    return -1
  }

  static func utf16String(_ units: ArraySlice<UInt16>) -> String {
    String(decoding: units, as: UTF16.self)
  }

  /// `$trim`: runs of space, tab, CR and LF become one space, then one leading and one trailing
  /// space go.
  static func trim(_ s: String) -> String {
    var out = ""
    var inRun = false
    for scalar in s.unicodeScalars {
      if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
        if !inRun { out += " " }
        inRun = true
      } else {
        out.unicodeScalars.append(scalar)
        inRun = false
      }
    }
    if out.hasPrefix(" ") { out.removeFirst() }
    if out.hasSuffix(" ") { out.removeLast() }
    return out
  }

  /// `$pad(str, width, char)`.
  static func pad(_ s: String, _ width: Double, _ char: String?) throws(JSONataError) -> String {
    let padChar = (char?.isEmpty ?? true) ? " " : char!
    let w = max(-1e7, min(1e7, width.rounded(.towardZero)))
    let padLength = Int(abs(w)) - s.unicodeScalars.count
    guard padLength > 0 else { return s }
    // jsonata-js repeats the pad string padLength times, then keeps padLength code points:
    // repeating it only as often as those need gives the same text.
    let padScalars = padChar.unicodeScalars.count
    let repeats = (padLength + padScalars - 1) / padScalars
    try JSONataEvaluator.checkStringSize(s.utf8.count + padLength * 4)
    var padding = String(repeating: padChar, count: repeats)
    if padScalars > 1 { padding = substring(padding, 0, Double(padLength)) }
    return w > 0 ? s + padding : padding + s
  }

  // MARK: Regular expressions

  /// One match as jsonata-js's matcher closure reports it (positions in UTF-16 units).
  struct Match {
    var match: String
    var start: Int
    var end: Int
    var groups: [JSONValue]

    init(match: String, start: Int, end: Int, groups: [JSONValue]) {
      (self.match, self.start, self.end, self.groups) = (match, start, end, groups)
    }

    /// The match `r` found in `ns`.
    init(_ r: NSTextCheckingResult, in ns: NSString) {
      var groups: [JSONValue] = []
      if r.numberOfRanges > 1 {
        for g in 1..<r.numberOfRanges {
          let range = r.range(at: g)
          // An unmatched group is undefined in JavaScript: null once in JSON.
          groups.append(range.location == NSNotFound ? .null : .string(ns.substring(with: range)))
        }
      }
      self.init(
        match: ns.substring(with: r.range), start: r.range.location,
        end: r.range.location + r.range.length, groups: groups)
    }

    var object: JSONValue {
      .object(
        JSONObject([
          ("match", .string(match)), ("start", .int(start)), ("end", .int(end)),
          ("groups", .array(groups)),
        ]))
    }
  }

  /// The matches jsonata-js's matcher yields, first to last, stopping after `limit` (the
  /// following `next()` still runs, as it does in jsonata-js, so D1004 can come from it).
  static func regexMatches(
    _ regex: RegexLiteral, _ s: String, limit: Int?, _ evaluator: inout JSONataEvaluator
  ) throws(JSONataError) -> [Match] {
    if let problem = regex.compileError { throw fail("D1004", problem) }
    let found = try Functions.matches(regex, in: s, &evaluator)
    let ns = s as NSString
    let length = ns.length
    var out: [Match] = []
    var iterator = found.makeIterator()
    func make(_ r: NSTextCheckingResult) -> Match { Match(r, in: ns) }
    guard let first = iterator.next() else { return [] }
    var current: Match? = make(first)
    while let match = current {
      if let limit, out.count >= limit { break }
      out.append(match)
      // next(): nothing past the end; from an empty match the search would find it again.
      if match.end >= length {
        current = nil
      } else if match.start == match.end {
        throw fail("D1004", "Regular expression matches zero length string")
      } else if let next = iterator.next() {
        let m = make(next)
        if m.start == m.end {
          throw fail("D1004", "Regular expression matches zero length string")
        }
        current = m
      } else {
        current = nil
      }
    }
    return out
  }

  /// A lambda used as a matcher (jsonata-js's custom matcher protocol) is not supported: its
  /// result must hold a `next` function, which a JSON value cannot. Report T1010 as jsonata-js
  /// does for a result of the wrong shape.
  static func customMatcherError(_ name: String) -> JSONataError {
    fail(
      "T1010",
      "The matcher function argument passed to function \"\(name)\" does not return the correct object structure"
    )
  }

  static func contains(
    _ s: String, _ token: JSONataValue, _ evaluator: inout JSONataEvaluator
  ) throws(JSONataError) -> JSONataValue {
    switch token {
    case .undefined: return .undefined
    case .json(.string(let part)):
      return .json(.bool(indexOf(Array(s.utf16), Array(part.utf16)) != -1))
    case .regex(let regex):
      return .json(.bool(!(try regexMatches(regex, s, limit: 1, &evaluator)).isEmpty))
    case .function(let f):
      return .json(.bool(!(try evaluator.customMatch(f, .json(.string(s)), name: "contains")).isUndefined))
    default:
      throw Functions.mismatch("contains", 2)
    }
  }

  /// Calls a custom matcher: true when it reports a match of the right shape.
  static func customMatch(
    _ f: JSONataFunction, _ s: String, _ name: String, _ evaluator: inout JSONataEvaluator
  ) throws(JSONataError) -> Bool {
    let result = try evaluator.invoke(f, [.json(.string(s))])
    if result.isUndefined { return false }
    throw customMatcherError(name)
  }

  static func match(
    _ s: String, _ pattern: JSONataValue, _ limit: Double?, _ evaluator: inout JSONataEvaluator
  ) throws(JSONataError) -> JSONataValue {
    if let limit, limit < 0 {
      throw fail("D3040", "Third argument of match function must evaluate to a positive number")
    }
    guard case .regex(let regex) = pattern else {
      if case .function(let f) = pattern {
        return try evaluator.customMatches(f, s, limit: limit)
      }
      throw Functions.mismatch("match", 2)
    }
    if let limit, limit == 0 { return .undefined }
    let found = try regexMatches(
      regex, s, limit: limit.map { Int(min($0.rounded(.up), 1e9)) }, &evaluator)
    return .finish(
      found.map {
        .object(
          JSONObject([
            ("match", .string($0.match)), ("index", .int($0.start)), ("groups", .array($0.groups)),
          ]))
      })
  }

  /// The text of a `$n` replacement template for one match (jsonata-js's replacer).
  static func substitute(_ replacement: [UInt16], _ match: Match) -> String {
    var out: [UInt16] = []
    let dollar = UInt16(UInt8(ascii: "$"))
    var position = 0
    var index = indexOf(replacement, [dollar], from: position)
    while index != -1 && position < replacement.count {
      out += replacement[position..<index]
      position = index + 1
      let next: UInt16? = position < replacement.count ? replacement[position] : nil
      if next == dollar {
        out.append(dollar)
        position += 1
      } else if next == UInt16(UInt8(ascii: "0")) {
        out += Array(match.match.utf16)
        position += 1
      } else {
        let groupCount = match.groups.count
        let maxDigits = groupCount == 0 ? 1 : Int(log10(Double(groupCount)).rounded(.down)) + 1
        func parse(_ digits: Int) -> Int? {
          let end = min(replacement.count, position + digits)
          let text = position < end ? utf16String(replacement[position..<end]) : ""
          return JSONataIntegerFormat.parseInt(text).flatMap { $0.isFinite ? Int($0) : nil }
        }
        var n = parse(maxDigits)
        if maxDigits > 1, let value = n, value > groupCount { n = parse(maxDigits - 1) }
        if let n {
          if groupCount > 0, n >= 1, n <= groupCount, case .string(let g) = match.groups[n - 1] {
            out += Array(g.utf16)
          }
          position += String(n).utf16.count
        } else {
          out.append(dollar)
        }
      }
      index = indexOf(replacement, [dollar], from: position)
    }
    if position < replacement.count { out += replacement[position...] }
    return utf16String(out[...])
  }

  static func replace(
    _ s: String, _ pattern: JSONataValue, _ replacement: JSONataValue, _ limit: Double?,
    _ evaluator: inout JSONataEvaluator
  ) throws(JSONataError) -> String {
    if case .json(.string("")) = pattern {
      throw fail("D3010", "Second argument of replace function cannot be an empty string")
    }
    if let limit, limit < 0 {
      throw fail("D3011", "Fourth argument of replace function must evaluate to a positive number")
    }
    if let limit, limit == 0 { return s }
    let maxCount = limit.map { Int(min($0.rounded(.up), 1e9)) }
    let units = Array(s.utf16)
    var out: [UInt16] = []
    var position = 0
    switch pattern {
    case .json(.string(let p)):
      let text = try JSONataStringFunctions.string(replacement) ?? ""
      let needle = Array(p.utf16)
      var count = 0
      var index = indexOf(units, needle, from: position)
      while index != -1 && (maxCount == nil || count < maxCount!) {
        out += units[position..<index]
        out += Array(text.utf16)
        try JSONataEvaluator.checkStringSize(out.count)
        position = index + needle.count
        count += 1
        index = indexOf(units, needle, from: position)
      }
      out += units[position...]
      return utf16String(out[...])
    case .regex(let regex):
      let found = try regexMatches(regex, s, limit: maxCount, &evaluator)
      if found.isEmpty { return s }
      for match in found {
        out += units[position..<min(units.count, match.start)]
        let replaced: String
        switch replacement {
        case .json(.string(let template)):
          replaced = substitute(Array(template.utf16), match)
        case .function(let f):
          let result = try evaluator.invoke(f, [.json(match.object)])
          guard case .json(.string(let r)) = result else {
            throw fail("D3012", "Attempted to replace a matched string with a non-string value")
          }
          replaced = r
        default:
          throw Functions.mismatch("replace", 3)
        }
        out += Array(replaced.utf16)
        try JSONataEvaluator.checkStringSize(out.count)
        position = match.end
      }
      if position < units.count { out += units[position...] }
      return utf16String(out[...])
    case .function(let f):
      if try !customMatch(f, s, "replace", &evaluator) { return s }
      throw Functions.mismatch("replace", 2)
    default:
      throw Functions.mismatch("replace", 2)
    }
  }

  static func split(
    _ s: String, _ separator: JSONataValue, _ limit: Double?, _ evaluator: inout JSONataEvaluator
  ) throws(JSONataError) -> [String] {
    if let limit, limit < 0 {
      throw fail("D3020", "Third argument of split function must evaluate to a positive number")
    }
    if let limit, limit == 0 { return [] }
    // The regex loop runs while count < limit; String.prototype.split truncates the limit.
    let maxCount = limit.map { Int(min($0.rounded(.up), 1e9)) }
    let splitLimit = limit.map { Int(min($0.rounded(.towardZero), 1e9)) }
    var parts: [String] = []
    switch separator {
    case .json(.string(let sep)):
      if sep.isEmpty {
        parts = s.unicodeScalars.map { String($0) }
      } else {
        let units = Array(s.utf16)
        let needle = Array(sep.utf16)
        var position = 0
        var index = indexOf(units, needle)
        while index != -1 {
          parts.append(utf16String(units[position..<index]))
          position = index + needle.count
          index = indexOf(units, needle, from: position)
        }
        parts.append(utf16String(units[position...]))
      }
      if let splitLimit, parts.count > splitLimit { parts = Array(parts.prefix(splitLimit)) }
      return parts
    case .regex(let regex):
      let units = Array(s.utf16)
      let found = try regexMatches(regex, s, limit: maxCount, &evaluator)
      if found.isEmpty { return [s] }
      var start = 0
      for match in found {
        parts.append(utf16String(units[min(start, match.start)..<match.start]))
        start = match.end
      }
      if maxCount == nil || found.count < maxCount! {
        parts.append(utf16String(units[min(start, units.count)...]))
      }
      return parts
    case .function(let f):
      if try !customMatch(f, s, "split", &evaluator) { return [s] }
      throw Functions.mismatch("split", 2)
    default:
      throw Functions.mismatch("split", 2)
    }
  }

  // MARK: Encodings

  /// `$base64encode`: Node's Buffer.from(str, 'binary'): each UTF-16 unit's low byte.
  static func base64encode(_ s: String) -> String {
    Data(s.utf16.map { UInt8(truncatingIfNeeded: $0) }).base64EncodedString()
  }

  /// `$base64decode`: Node's Buffer.toString('binary'): one character per byte (Latin-1).
  /// Node ignores characters outside the alphabet and missing padding.
  static func base64decode(_ s: String) -> String {
    var cleaned = s.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "/") }
    cleaned = cleaned.replacingOccurrences(of: "-", with: "+")
    let remainder = cleaned.count % 4
    if remainder == 1 { cleaned.removeLast() }
    if remainder >= 2 { cleaned += String(repeating: "=", count: 4 - remainder) }
    let data = Data(base64Encoded: cleaned) ?? Data()
    return String(String.UnicodeScalarView(data.map { Unicode.Scalar($0) }))
  }

  static let uriUnreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()".utf8)
  static let uriReserved = Set(";/?:@&=+$,#".utf8)

  /// `encodeURIComponent` (keep only unreserved) or `encodeURI` (keep reserved too).
  static func encode(_ s: String, keepReserved: Bool, _ name: String) throws(JSONataError) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      // A lone surrogate cannot reach a Swift String; U+FFFD stands for one decoded badly.
      var utf8: [UInt8] = []
      utf8.append(contentsOf: String(scalar).utf8)
      if utf8.count == 1, uriUnreserved.contains(utf8[0]) || (keepReserved && uriReserved.contains(utf8[0])) {
        out.unicodeScalars.append(scalar)
      } else {
        for byte in utf8 { out += String(format: "%%%02X", byte) }
      }
    }
    return out
  }

  /// `decodeURIComponent` / `decodeURI` (the latter keeps escapes of reserved characters).
  static func decode(_ s: String, keepReserved: Bool, _ name: String) throws(JSONataError) -> String {
    let malformed = fail("D3140", "Malformed URL passed to $\(name)(): \"\(s)\"")
    let bytes = Array(s.utf8)
    var out: [UInt8] = []
    var i = 0
    func hex(_ at: Int) -> UInt8? {
      guard at + 2 < bytes.count else { return nil }
      let digits = bytes[(at + 1)...(at + 2)]
      guard digits.allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }) else { return nil }
      return UInt8(String(decoding: digits, as: UTF8.self), radix: 16)
    }
    while i < bytes.count {
      guard bytes[i] == UInt8(ascii: "%") else {
        out.append(bytes[i])
        i += 1
        continue
      }
      guard i + 2 < bytes.count, let first = hex(i) else { throw malformed }
      if first < 0x80 {
        if keepReserved && (uriReserved.contains(first)) {
          out.append(contentsOf: bytes[i...(i + 2)])
        } else {
          out.append(first)
        }
        i += 3
        continue
      }
      // A multi-byte UTF-8 sequence: every byte escaped, the whole a valid character.
      let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 0
      guard length > 0 else { throw malformed }
      var sequence = [first]
      var j = i + 3
      for _ in 1..<length {
        guard j + 2 < bytes.count, bytes[j] == UInt8(ascii: "%"), let b = hex(j), b & 0xC0 == 0x80
        else { throw malformed }
        sequence.append(b)
        j += 3
      }
      guard let decoded = String(validating: sequence, as: UTF8.self), decoded.unicodeScalars.count == 1
      else { throw malformed }
      out.append(contentsOf: sequence)
      i = j
    }
    return String(decoding: out, as: UTF8.self)
  }
}
