import Foundation
import JSONCore

/// JSONata built-in functions, plus the ones Step Functions adds ($partition, $range, $hash,
/// $random with a seed, $uuid, $parse).
enum JSONataFunctions {
  static let names: Set<String> = [
    "sum", "count", "max", "min", "average", "string", "length", "substring", "substringBefore",
    "substringAfter", "uppercase", "lowercase", "trim", "pad", "contains", "split", "join",
    "replace", "match", "number", "abs", "floor", "ceil", "round", "power", "sqrt", "random",
    "boolean", "not", "exists", "append", "reverse", "sort", "distinct", "keys", "lookup",
    "merge", "each", "map", "filter", "reduce", "type", "now", "millis", "toMillis",
    "fromMillis", "base64encode", "base64decode", "error", "zip", "single", "spread", "values",
    "partition", "range", "hash", "uuid", "parse", "assert", "shuffle",
  ]

  typealias Error = JSONataError

  static func fail(_ code: String, _ message: String) -> JSONataError {
    JSONataError(code: code, message: message)
  }

  static func argument(_ args: [JSONataValue], _ i: Int) -> JSONataValue {
    i < args.count ? args[i] : .undefined
  }

  static func number(_ name: String, _ args: [JSONataValue], _ i: Int) throws(JSONataError)
    -> Double?
  {
    switch argument(args, i) {
    case .undefined: return nil
    case .json(.number(let n)): return n.doubleValue
    default:
      throw fail(
        "T0410", "Argument \(i + 1) of function \"\(name)\" does not match function signature")
    }
  }

  static func string(_ name: String, _ args: [JSONataValue], _ i: Int) throws(JSONataError)
    -> String?
  {
    switch argument(args, i) {
    case .undefined: return nil
    case .json(.string(let s)): return s
    default:
      throw fail(
        "T0410", "Argument \(i + 1) of function \"\(name)\" does not match function signature")
    }
  }

  static func numbers(_ name: String, _ value: JSONataValue) throws(JSONataError) -> [Double]? {
    if value.isUndefined { return nil }
    var out: [Double] = []
    for item in value.items {
      guard let d = item.doubleValue else {
        throw fail("T0412", "Argument 1 of function \"\(name)\" must be an array of \"numbers\"")
      }
      out.append(d)
    }
    return out
  }

  static func num(_ d: Double) -> JSONataValue { .json(.number(JSONNumber(d))) }

  /// Every match of `regex` in `s`, drawing on the evaluation's regular-expression budget.
  static func matches(_ regex: RegexLiteral, in s: String, _ evaluator: inout JSONataEvaluator)
    throws(JSONataError) -> [NSTextCheckingResult]
  {
    guard let found = regex.matches(in: s, budget: &evaluator.regexBudget) else {
      throw JSONataEvaluator.budgetError(
        "Regular expression step limit exceeded matching /\(regex.pattern)/: one evaluation may"
          + " spend at most \(EvaluationBudget.regexProgressReports) ICU progress reports of"
          + " backtracking on regular expressions. Check for nested quantifiers such as (a+)+.")
    }
    return found
  }

  /// JSONata's stable merge sort, as jsonata-js writes it (same split and comparator calls):
  /// `comesAfter(a, b)` true puts `b` first.
  static func mergeSort(
    _ items: ArraySlice<JSONValue>, _ comesAfter: (JSONValue, JSONValue) throws(JSONataError) -> Bool
  ) throws(JSONataError) -> [JSONValue] {
    guard items.count > 1 else { return Array(items) }
    let middle = items.startIndex + items.count / 2
    let left = try mergeSort(items[..<middle], comesAfter)
    let right = try mergeSort(items[middle...], comesAfter)
    var merged: [JSONValue] = []
    merged.reserveCapacity(items.count)
    var (l, r) = (0, 0)
    while l < left.count, r < right.count {
      if try comesAfter(left[l], right[r]) {
        merged.append(right[r])
        r += 1
      } else {
        merged.append(left[l])
        l += 1
      }
    }
    merged.append(contentsOf: left[l...])
    merged.append(contentsOf: right[r...])
    return merged
  }

  static func call(_ name: String, _ args: [JSONataValue], _ evaluator: inout JSONataEvaluator)
    throws(JSONataError) -> JSONataValue
  {
    switch name {
    case "sum":
      guard let values = try numbers(name, argument(args, 0)) else { return .undefined }
      return num(values.reduce(0, +))
    case "count":
      return num(Double(argument(args, 0).items.count))
    case "max", "min", "average":
      guard let values = try numbers(name, argument(args, 0)), !values.isEmpty else {
        return .undefined
      }
      switch name {
      case "max": return num(values.max()!)
      case "min": return num(values.min()!)
      default: return num(values.reduce(0, +) / Double(values.count))
      }
    case "string":
      let value = argument(args, 0)
      if value.isUndefined { return .undefined }
      if case .function = value { return .json(.string("")) }
      return .json(.string(try JSONataEvaluator.stringify(value)))
    case "length":
      guard let s = try string(name, args, 0) else { return .undefined }
      return num(Double(s.unicodeScalars.count))
    case "substring":
      guard let s = try string(name, args, 0) else { return .undefined }
      let chars = Array(s.unicodeScalars)
      var start = JSONataEvaluator.clampedInt(try number(name, args, 1) ?? 0)
      if start < 0 { start = max(0, chars.count + start) }
      start = min(start, chars.count)
      var end = chars.count
      if let length = try number(name, args, 2) {
        end = max(start, min(chars.count, start + max(0, JSONataEvaluator.clampedInt(length))))
      }
      return .json(.string(String(String.UnicodeScalarView(chars[start..<end]))))
    case "substringBefore", "substringAfter":
      guard let s = try string(name, args, 0) else { return .undefined }
      guard let chars = try string(name, args, 1), let range = s.range(of: chars) else {
        return .json(.string(s))
      }
      return .json(
        .string(
          name == "substringBefore"
            ? String(s[..<range.lowerBound]) : String(s[range.upperBound...])))
    case "uppercase":
      guard let s = try string(name, args, 0) else { return .undefined }
      return .json(.string(s.uppercased()))
    case "lowercase":
      guard let s = try string(name, args, 0) else { return .undefined }
      return .json(.string(s.lowercased()))
    case "trim":
      guard let s = try string(name, args, 0) else { return .undefined }
      let collapsed = s.split(whereSeparator: {
        $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r"
      })
      return .json(.string(collapsed.joined(separator: " ")))
    case "pad":
      guard let s = try string(name, args, 0) else { return .undefined }
      let width = max(-100_000, min(100_000, JSONataEvaluator.clampedInt(try number(name, args, 1) ?? 0)))
      let padChar = try string(name, args, 2) ?? " "
      let missing = abs(width) - s.unicodeScalars.count
      guard missing > 0, !padChar.isEmpty else { return .json(.string(s)) }
      let repeats = (missing + padChar.unicodeScalars.count - 1) / padChar.unicodeScalars.count
      let padding = String(
        String(repeating: padChar, count: repeats).unicodeScalars.prefix(missing))
      try JSONataEvaluator.checkStringSize(s.utf8.count + padding.utf8.count)
      return .json(.string(width > 0 ? s + padding : padding + s))
    case "contains":
      guard let s = try string(name, args, 0) else { return .undefined }
      switch argument(args, 1) {
      case .regex(let regex): return .json(.bool(!(try matches(regex, in: s, &evaluator)).isEmpty))
      case .json(.string(let part)): return .json(.bool(part.isEmpty || s.contains(part)))
      default:
        throw fail("T0410", "Argument 2 of function \"contains\" does not match function signature")
      }
    case "split":
      guard let s = try string(name, args, 0) else { return .undefined }
      var parts: [String]
      switch argument(args, 1) {
      case .json(.string(let separator)):
        if separator.isEmpty {
          parts = s.unicodeScalars.map { String($0) }
        } else {
          parts = s.components(separatedBy: separator)
        }
      case .regex(let regex):
        parts = []
        var last = s.startIndex
        for match in try matches(regex, in: s, &evaluator) {
          guard let range = Range(match.range, in: s) else { continue }
          parts.append(String(s[last..<range.lowerBound]))
          last = range.upperBound
        }
        parts.append(String(s[last...]))
      default:
        throw fail("T0410", "Argument 2 of function \"split\" does not match function signature")
      }
      if let limit = try number(name, args, 2) { parts = Array(parts.prefix(max(0, JSONataEvaluator.clampedInt(limit)))) }
      return .json(.array(parts.map { .string($0) }))
    case "join":
      let value = argument(args, 0)
      if value.isUndefined { return .undefined }
      var strings: [String] = []
      for item in value.items {
        guard case .string(let s) = item else {
          throw fail("T0412", "Argument 1 of function \"join\" must be an array of \"strings\"")
        }
        strings.append(s)
      }
      let separator = try string(name, args, 1) ?? ""
      try JSONataEvaluator.checkStringSize(
        strings.reduce(0) { $0 + $1.utf8.count } + max(0, strings.count - 1) * separator.utf8.count)
      return .json(.string(strings.joined(separator: separator)))
    case "replace":
      guard let s = try string(name, args, 0) else { return .undefined }
      guard let replacement = try string(name, args, 2) else {
        throw fail("T0410", "Argument 3 of function \"replace\" does not match function signature")
      }
      switch argument(args, 1) {
      case .json(.string(let pattern)):
        guard !pattern.isEmpty else {
          throw fail("D3010", "Second argument of replace function cannot be an empty string")
        }
        let growth = replacement.utf8.count - pattern.utf8.count
        if growth > 0 {
          let count = s.components(separatedBy: pattern).count - 1
          try JSONataEvaluator.checkStringSize(s.utf8.count + count * growth)
        }
        return .json(.string(s.replacingOccurrences(of: pattern, with: replacement)))
      case .regex(let regex):
        guard let compiled = regex.regex else { return .json(.string(s)) }
        let template = replacement.replacingOccurrences(of: "\\", with: "\\\\")
        // Match under the budget, then substitute each match as stringByReplacingMatches does.
        var out = ""
        var last = s.startIndex
        for match in try matches(regex, in: s, &evaluator) {
          guard let range = Range(match.range, in: s) else { continue }
          out += s[last..<range.lowerBound]
          out += compiled.replacementString(for: match, in: s, offset: 0, template: template)
          try JSONataEvaluator.checkStringSize(out.utf8.count)
          last = range.upperBound
        }
        out += s[last...]
        return .json(.string(out))
      default:
        throw fail("T0410", "Argument 2 of function \"replace\" does not match function signature")
      }
    case "match":
      guard let s = try string(name, args, 0) else { return .undefined }
      guard case .regex(let regex) = argument(args, 1) else {
        throw fail("T0410", "Argument 2 of function \"match\" does not match function signature")
      }
      var out: [JSONValue] = []
      // Indexes count Unicode scalars from the previous match on (matches come in order).
      var (scalarIndex, scalarOffset) = (s.unicodeScalars.startIndex, 0)
      for match in try matches(regex, in: s, &evaluator) {
        guard let range = Range(match.range, in: s) else { continue }
        scalarOffset += s.unicodeScalars.distance(from: scalarIndex, to: range.lowerBound)
        scalarIndex = range.lowerBound
        var groups: [JSONValue] = []
        if match.numberOfRanges > 1 {
          for g in 1..<match.numberOfRanges {
            if let r = Range(match.range(at: g), in: s) {
              groups.append(.string(String(s[r])))
            } else {
              groups.append(.string(""))
            }
          }
        }
        out.append(
          .object(
            JSONObject([
              ("match", .string(String(s[range]))),
              ("index", .int(scalarOffset)),
              ("groups", .array(groups)),
            ])))
      }
      return .finish(out)
    case "number":
      switch argument(args, 0) {
      case .undefined: return .undefined
      case .json(.number(let n)): return .json(.number(n))
      case .json(.bool(let b)): return num(b ? 1 : 0)
      case .json(.string(let s)):
        if let value = try? JSONParser.parse(s), case .number(let n) = value {
          return .json(.number(n))
        }
        if s.hasPrefix("0x"), let v = Int(s.dropFirst(2), radix: 16) { return num(Double(v)) }
        throw fail("D3030", "Unable to cast value to a number: \"\(s)\"")
      default: throw fail("D3030", "Unable to cast value to a number")
      }
    case "abs", "floor", "ceil", "sqrt":
      guard let x = try number(name, args, 0) else { return .undefined }
      switch name {
      case "abs": return num(abs(x))
      case "floor": return num(x.rounded(.down))
      case "ceil": return num(x.rounded(.up))
      default:
        guard x >= 0 else {
          throw fail("D3060", "The sqrt function cannot be applied to a negative number: \(x)")
        }
        return num(x.squareRoot())
      }
    case "round":
      guard let x = try number(name, args, 0) else { return .undefined }
      let precision = max(-300, min(300, JSONataEvaluator.clampedInt(try number(name, args, 1) ?? 0)))
      let scale = pow(10.0, Double(precision))
      // Round half to even, as JSONata does.
      return num((x * scale).rounded(.toNearestOrEven) / scale)
    case "power":
      guard let x = try number(name, args, 0), let y = try number(name, args, 1) else {
        return .undefined
      }
      let result = pow(x, y)
      guard result.isFinite else {
        throw fail(
          "D3061",
          "The power function has resulted in a value that cannot be represented as a JSON number")
      }
      return num(result)
    case "random":
      if let seed = try number(name, args, 0) {
        // Step Functions' seeded $random is java.util.Random(seed).nextDouble().
        var seeded = JavaRandom(seed: Int64(JSONataEvaluator.clampedInt(seed.rounded(.towardZero))))
        return num(seeded.nextDouble())
      }
      return num(Double(evaluator.random.next() >> 11) / Double(1 << 53))
    case "boolean":
      let value = argument(args, 0)
      if value.isUndefined { return .undefined }
      return .json(.bool(JSONataEvaluator.truthy(value)))
    case "not":
      let value = argument(args, 0)
      if value.isUndefined { return .undefined }
      return .json(.bool(!JSONataEvaluator.truthy(value)))
    case "exists":
      return .json(.bool(!argument(args, 0).isUndefined))
    case "append":
      let a = argument(args, 0)
      let b = argument(args, 1)
      if a.isUndefined { return b }
      if b.isUndefined { return a }
      let (left, right) = (a.items, b.items)
      try JSONataEvaluator.checkArraySize(left.count + right.count)
      return .json(.array(left + right))
    case "reverse":
      let value = argument(args, 0)
      if value.isUndefined { return .undefined }
      return .json(.array(value.items.reversed()))
    case "sort":
      let value = argument(args, 0)
      if value.isUndefined { return .undefined }
      var items = value.items
      if case .function(let comparator) = argument(args, 1) {
        return .json(
          .array(
            try mergeSort(items[...]) { (a, b) throws(JSONataError) in
              JSONataEvaluator.truthy(try evaluator.invoke(comparator, [.json(a), .json(b)]))
            }))
      }
      if items.allSatisfy({ $0.numberValue != nil }) {
        items.sort { ($0.doubleValue ?? 0) < ($1.doubleValue ?? 0) }
      } else if items.allSatisfy({ $0.stringValue != nil }) {
        items.sort { ComparisonOperator.compareUTF16($0.stringValue!, $1.stringValue!) < 0 }
      } else {
        throw fail(
          "D3070",
          "The single argument form of the sort function can only be applied to an array of strings or an array of numbers"
        )
      }
      return .json(.array(items))
    case "distinct":
      let value = argument(args, 0)
      if value.isUndefined { return .undefined }
      var seen = Set<JSONValue>()
      return .json(.array(value.items.filter { seen.insert($0).inserted }))
    case "keys":
      var keys: [JSONValue] = []
      var seen = Set<String>()
      for item in argument(args, 0).items {
        if case .object(let o) = item {
          for key in o.keys where seen.insert(key).inserted { keys.append(.string(key)) }
        }
      }
      return .finish(keys)
    case "values":
      var values: [JSONValue] = []
      for item in argument(args, 0).items {
        if case .object(let o) = item { values.append(contentsOf: o.values) }
      }
      return .finish(values)
    case "lookup":
      guard let key = try string(name, args, 1) else { return .undefined }
      var out: [JSONValue] = []
      for item in argument(args, 0).items {
        if case .object(let o) = item, let v = o[key] { out.append(v) }
      }
      return .finish(out)
    case "merge":
      let value = argument(args, 0)
      if value.isUndefined { return .undefined }
      var merged = JSONObject()
      for item in value.items {
        guard case .object(let o) = item else {
          throw fail("T0412", "Argument 1 of function \"merge\" must be an array of \"objects\"")
        }
        for (k, v) in o.storage { merged[k] = v }
      }
      return .json(.object(merged))
    case "spread":
      var out: [JSONValue] = []
      for item in argument(args, 0).items {
        if case .object(let o) = item {
          for (k, v) in o.storage { out.append(.object(JSONObject([(k, v)]))) }
        } else {
          out.append(item)
        }
      }
      return .finish(out)
    case "each":
      guard case .json(.object(let o)) = argument(args, 0) else { return .undefined }
      guard case .function(let f) = argument(args, 1) else {
        throw fail("T0410", "Argument 2 of function \"each\" does not match function signature")
      }
      var out: [JSONValue] = []
      for (k, v) in o.storage {
        if let r = try evaluator.invoke(f, [.json(v), .json(.string(k)), .json(.object(o))]).json {
          out.append(r)
        }
      }
      return .finish(out)
    case "map", "filter":
      let value = argument(args, 0)
      if value.isUndefined { return .undefined }
      guard case .function(let f) = argument(args, 1) else {
        throw fail("T0410", "Argument 2 of function \"\(name)\" does not match function signature")
      }
      let items = value.items
      var out: [JSONValue] = []
      for (index, item) in items.enumerated() {
        let result = try evaluator.invoke(
          f, [.json(item), .json(.int(index)), .json(.array(items))])
        if name == "map" {
          if let r = result.json { out.append(r) }
        } else if JSONataEvaluator.truthy(result) {
          out.append(item)
        }
      }
      return .finish(out)
    case "reduce":
      let value = argument(args, 0)
      if value.isUndefined { return .undefined }
      guard case .function(let f) = argument(args, 1) else {
        throw fail("T0410", "Argument 2 of function \"reduce\" does not match function signature")
      }
      var items = value.items[...]
      var accumulator: JSONataValue
      if args.count > 2 {
        accumulator = args[2]
      } else {
        guard let first = items.first else { return .undefined }
        accumulator = .json(first)
        items = items.dropFirst()
      }
      for item in items { accumulator = try evaluator.invoke(f, [accumulator, .json(item)]) }
      return accumulator
    case "zip":
      let arrays = args.map(\.items)
      let length = arrays.map(\.count).min() ?? 0
      return .json(.array((0..<length).map { i in .array(arrays.map { $0[i] }) }))
    case "single":
      let items = argument(args, 0).items
      guard items.count == 1 else {
        throw fail(
          "D3138",
          "The $single() function expected exactly 1 matching result.  Instead it matched \(items.count)."
        )
      }
      return .json(items[0])
    case "shuffle":
      var items = argument(args, 0).items
      items.shuffle(using: &evaluator.random)
      return .json(.array(items))
    case "type":
      switch argument(args, 0) {
      case .undefined: return .undefined
      case .function: return .json(.string("function"))
      case .regex: return .json(.string("function"))
      case .sequence: return .json(.string("array"))
      case .json(let v): return .json(.string(v.typeName))
      }
    case "now":
      return .json(.string(Self.isoString(millis: evaluator.nowMillis)))
    case "millis":
      return num(Double(evaluator.nowMillis))
    case "toMillis":
      guard let s = try string(name, args, 0) else { return .undefined }
      guard let t = ASLTimestamp(s) else {
        throw fail("D3110", "Unable to parse timestamp \"\(s)\"")
      }
      return num(Double(t.epochSeconds) * 1000 + Double(t.nanoseconds / 1_000_000))
    case "fromMillis":
      guard let ms = try number(name, args, 0) else { return .undefined }
      return .json(.string(Self.isoString(millis: Int64(JSONataEvaluator.clampedInt(ms)))))
    case "base64encode":
      guard let s = try string(name, args, 0) else { return .undefined }
      return .json(.string(Data(s.utf8).base64EncodedString()))
    case "base64decode":
      guard let s = try string(name, args, 0) else { return .undefined }
      guard let data = Data(base64Encoded: s), let decoded = String(data: data, encoding: .utf8)
      else {
        throw fail("D3137", "Invalid base64 input")
      }
      return .json(.string(decoded))
    case "error":
      throw fail("D3137", (try string(name, args, 0)) ?? "$error() function evaluated")
    case "assert":
      if !JSONataEvaluator.truthy(argument(args, 0)) {
        throw fail("D3141", (try string(name, args, 1)) ?? "$assert() statement failed")
      }
      return .undefined
    // Step Functions additions.
    case "partition":
      let value = argument(args, 0)
      if value.isUndefined { return .undefined }
      guard let size = try number(name, args, 1), size >= 1 else {
        throw fail("D3040", "The chunk size argument of $partition must be a positive integer")
      }
      let items = value.items
      let chunk = JSONataEvaluator.clampedInt(size)
      var out: [JSONValue] = []
      var index = 0
      while index < items.count {
        let end = items.count - index <= chunk ? items.count : index + chunk
        out.append(.array(Array(items[index..<end])))
        index = end
      }
      return .json(.array(out))
    case "range":
      // Step Functions' $range: arguments truncated toward zero, end included when the step
      // lands on it, no 1000-item cap (AWS bounds memory instead).
      guard let startValue = try number(name, args, 0), let endValue = try number(name, args, 1)
      else { return .undefined }
      let start = startValue.rounded(.towardZero)
      let end = endValue.rounded(.towardZero)
      let step = (try number(name, args, 2) ?? 1).rounded(.towardZero)
      guard step != 0 else { return .undefined }
      let count = ((end - start) / step).rounded(.down) + 1
      guard count > 0 else { return .undefined }
      guard count <= 360_145 else {
        throw fail(
          "D3042", "Expression evaluation memory limit exceeded: Check for excessive memory usage")
      }
      var out: [JSONValue] = []
      out.reserveCapacity(Int(count))
      for i in 0..<Int(count) { out.append(.number(JSONNumber(start + Double(i) * step))) }
      return .finish(out)
    case "hash":
      guard let data = try string(name, args, 0) else { return .undefined }
      let algorithmName = try string(name, args, 1) ?? "SHA-256"
      guard let algorithm = HashAlgorithm(rawValue: algorithmName) else {
        throw fail(
          "D3043", "The hash algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512")
      }
      return .json(.string(algorithm.hexDigest(Array(data.utf8))))
    case "uuid":
      return .json(.string(IntrinsicCall.uuidV4(evaluator.random.next(), evaluator.random.next())))
    case "parse":
      guard let s = try string(name, args, 0) else { return .undefined }
      do {
        return .json(FastNumbers.normalizingNegativeZero(try JSONParser.parse(s)))
      } catch {
        throw fail("D3044", "Unable to parse JSON: \(error)")
      }
    default:
      throw fail("T1006", "Attempted to invoke a non-function")
    }
  }

  /// `YYYY-MM-DDTHH:MM:SS.sssZ` for epoch milliseconds.
  static func isoString(millis: Int64) -> String {
    let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
    let ms = Int(millis - seconds * 1000)
    var days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    let secondOfDay = Int(seconds - Int64(days) * 86_400)
    // Civil from days (Howard Hinnant).
    days += 719_468
    let era = (days >= 0 ? days : days - 146_096) / 146_097
    let doe = days - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", year, month, day, secondOfDay / 3600,
      (secondOfDay / 60) % 60, secondOfDay % 60, ms)
  }
}
