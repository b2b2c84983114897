import Foundation
import JSONCore

/// The JSONata function library: every built-in of jsonata-js 2.2 (src/functions.js,
/// src/datetime.js, the bindings in src/jsonata.js) with its signature, plus the functions Step
/// Functions adds ($partition, $range, $hash, $random with a seed, $uuid, $parse).
///
/// Arguments arrive checked and coerced by the signature mechanism (JSONataSignature): a
/// parameter declared `a` holds an array, a `-` parameter the context value when it was left
/// out. The functions still check what they rely on, so a call without a signature cannot crash.
enum JSONataFunctions {
  /// Signatures as jsonata-js declares them (src/jsonata.js, `staticFrame.bind`), checked by the
  /// evaluator before a call (`compiledSignatures`). `$random` takes Step Functions' optional
  /// seed. The other Step Functions additions and `$values` have none: they check their own
  /// arguments with AWS's messages, as before.
  static let signatures: [String: String] = [
    "sum": "<a<n>:n>", "count": "<a:n>", "max": "<a<n>:n>", "min": "<a<n>:n>",
    "average": "<a<n>:n>", "string": "<x-b?:s>", "substring": "<s-nn?:s>",
    "substringBefore": "<s-s:s>", "substringAfter": "<s-s:s>", "lowercase": "<s-:s>",
    "uppercase": "<s-:s>", "length": "<s-:n>", "trim": "<s-:s>", "pad": "<s-ns?:s>",
    "match": "<s-f<s:o>n?:a<o>>", "contains": "<s-(sf):b>", "replace": "<s-(sf)(sf)n?:s>",
    "split": "<s-(sf)n?:a<s>>", "join": "<a<s>s?:s>", "formatNumber": "<n-so?:s>",
    "formatBase": "<n-n?:s>", "formatInteger": "<n-s:s>", "parseInteger": "<s-s:n>",
    "number": "<(nsb)-:n>", "floor": "<n-:n>", "ceil": "<n-:n>", "round": "<n-n?:n>",
    "abs": "<n-:n>", "sqrt": "<n-:n>", "power": "<n-n:n>", "random": "<n?:n>",
    "boolean": "<x-:b>", "not": "<x-:b>", "map": "<af>", "zip": "<a+>", "filter": "<af>",
    "single": "<af?>", "reduce": "<afj?:j>", "sift": "<o-f?:o>", "keys": "<x-:a<s>>",
    "lookup": "<x-s:x>", "append": "<xx:a>", "exists": "<x:b>", "spread": "<x-:a<o>>",
    "merge": "<a<o>:o>", "reverse": "<a:a>", "each": "<o-f:a>", "error": "<s?:x>",
    "assert": "<bs?:x>", "type": "<x:s>", "sort": "<af?:a>", "shuffle": "<a:a>",
    "distinct": "<x:x>", "base64encode": "<s-:s>", "base64decode": "<s-:s>",
    "encodeUrlComponent": "<s-:s>", "encodeUrl": "<s-:s>", "decodeUrlComponent": "<s-:s>",
    "decodeUrl": "<s-:s>", "toMillis": "<s-s?:n>", "fromMillis": "<n-s?s?:s>",
    "clone": "<(oa)-:o>", "now": "<s?s?:s>", "millis": "<:n>",
  ]

  /// Every built-in: jsonata-js's, `$values` (kept from earlier sfdbg versions) and the Step
  /// Functions additions (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html).
  static let names: Set<String> = Set(signatures.keys).union([
    "values", "partition", "range", "hash", "uuid", "parse",
  ])

  /// JavaScript `length` of each jsonata-js implementation (parameters before the first
  /// default): how many of (value, index, array) `$map` & co pass to a built-in.
  static let arities: [String: Int] = [
    "sum": 1, "count": 1, "max": 1, "min": 1, "average": 1, "string": 1, "substring": 3,
    "substringBefore": 2, "substringAfter": 2, "lowercase": 1, "uppercase": 1, "length": 1,
    "trim": 1, "pad": 3, "match": 3, "contains": 2, "replace": 4, "split": 3, "join": 2,
    "formatNumber": 3, "formatBase": 2, "formatInteger": 2, "parseInteger": 2, "number": 1,
    "floor": 1, "ceil": 1, "round": 2, "abs": 1, "sqrt": 1, "power": 2, "random": 0,
    "boolean": 1, "not": 1, "map": 2, "zip": 0, "filter": 2, "single": 2, "reduce": 3,
    "sift": 2, "keys": 1, "lookup": 2, "append": 2, "exists": 1, "spread": 1, "merge": 1,
    "reverse": 1, "each": 2, "error": 1, "assert": 2, "type": 1, "sort": 2, "shuffle": 1,
    "distinct": 1, "base64encode": 1, "base64decode": 1, "encodeUrlComponent": 1,
    "encodeUrl": 1, "decodeUrlComponent": 1, "decodeUrl": 1, "toMillis": 2, "fromMillis": 3,
    "clone": 1, "now": 2, "millis": 0, "eval": 2, "values": 1, "partition": 2, "range": 3,
    "hash": 2, "uuid": 0, "parse": 1,
  ]

  /// How many arguments a function takes: a lambda its parameters, a built-in its
  /// implementation's JavaScript length.
  static func arity(_ function: JSONataFunction) -> Int {
    switch function.kind {
    case .builtin(let name): return arities[name] ?? 1
    case .lambda(let parameters, _, _, _): return parameters.count
    case .matcher: return 2
    }
  }

  typealias Error = JSONataError

  static func fail(_ code: String, _ message: String) -> JSONataError {
    JSONataError(code: code, message: message)
  }

  /// T0410, for an argument the signature would have refused.
  static func mismatch(_ name: String, _ index: Int) -> JSONataError {
    fail("T0410", "Argument \(index) of function \"\(name)\" does not match function signature")
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
    default: throw mismatch(name, i + 1)
    }
  }

  static func string(_ name: String, _ args: [JSONataValue], _ i: Int) throws(JSONataError)
    -> String?
  {
    switch argument(args, i) {
    case .undefined: return nil
    case .json(.string(let s)): return s
    default: throw mismatch(name, i + 1)
    }
  }

  static func function(_ name: String, _ args: [JSONataValue], _ i: Int) throws(JSONataError)
    -> JSONataFunction?
  {
    switch argument(args, i) {
    case .undefined: return nil
    case .function(let f): return f
    case .regex(let regex): return JSONataFunction(.matcher(regex))
    default: throw mismatch(name, i + 1)
    }
  }

  /// The numbers of an `a<n>` argument (nil when undefined).
  static func numbers(_ name: String, _ value: JSONataValue) throws(JSONataError) -> [Double]? {
    if value.isUndefined { return nil }
    var out: [Double] = []
    for item in value.items {
      guard case .number(let n) = item else {
        throw fail("T0412", "Argument 1 of function \"\(name)\" must be an array of \"numbers\"")
      }
      out.append(n.doubleValue)
    }
    return out
  }

  static func num(_ d: Double) -> JSONataValue { .json(.number(JSONNumber(d))) }

  /// A number result: NaN and infinities are D1001 as jsonata-js's isNumeric reports them.
  static func finite(_ d: Double) throws(JSONataError) -> JSONataValue {
    guard d.isFinite else { throw fail("D1001", "Number out of range: \(JSNumberText.string(d))") }
    return num(d)
  }

  static func str(_ s: String) -> JSONataValue { .json(.string(s)) }

  /// An array argument as jsonata-js sees it: a sequence stays a sequence (its singleton
  /// collapses when returned as is).
  static func asIs(_ value: JSONataValue) -> JSONataValue {
    if case .sequence(let s) = value { return .finish(s) }
    return value
  }

  /// JavaScript truthiness, which jsonata-js's `$sort` applies to a comparator's result.
  static func jsTruthy(_ value: JSONataValue) -> Bool {
    switch value {
    case .undefined: return false
    case .json(.null): return false
    case .json(.bool(let b)): return b
    case .json(.number(let n)): return n.doubleValue != 0 && !n.doubleValue.isNaN
    case .json(.string(let s)): return !s.isEmpty
    default: return true
    }
  }

  /// `hofFuncArgs`: the value, then the position and the whole when `f` takes them.
  static func hofArguments(
    _ f: JSONataFunction, _ value: JSONValue, _ position: JSONValue, _ whole: JSONValue
  ) -> [JSONataValue] {
    let n = arity(f)
    var out: [JSONataValue] = [.json(value)]
    if n >= 2 { out.append(.json(position)) }
    if n >= 3 { out.append(.json(whole)) }
    return out
  }

  /// Every match of `regex` in `s`, drawing on the evaluation's regular-expression budget.
  static func matches(
    _ regex: RegexLiteral, in s: String, from offset: Int = 0, firstOnly: Bool = false,
    _ evaluator: inout JSONataEvaluator
  ) throws(JSONataError) -> [NSTextCheckingResult] {
    guard
      let found = regex.matches(
        in: s, from: offset, firstOnly: firstOnly, budget: &evaluator.regexBudget)
    else {
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
    if let value = try callString(name, args, &evaluator) { return value }
    if let value = try callNumeric(name, args, &evaluator) { return value }
    if let value = try callCollection(name, args, &evaluator) { return value }
    switch name {
    case "now":
      return str(
        try JSONataDateTime.format(
          millis: Double(evaluator.nowMillis), picture: try string(name, args, 0),
          timezone: try string(name, args, 1)))
    case "millis":
      return num(Double(evaluator.nowMillis))
    case "toMillis":
      guard let s = try string(name, args, 0) else { return .undefined }
      let millis: Double?
      if let picture = try string(name, args, 1) {
        millis = try JSONataDateTime.parse(s, picture: picture, nowMillis: Double(evaluator.nowMillis))
      } else {
        millis = try JSONataDateTime.parseISO(s)
      }
      guard let millis, millis.isFinite else { return .undefined }
      return num(millis)
    case "fromMillis":
      guard let ms = try number(name, args, 0) else { return .undefined }
      // Past JavaScript's Date range jsonata-js formats an Invalid Date; give undefined.
      guard abs(ms) <= JSONataDateTime.DateFields.limit else { return .undefined }
      return str(
        try JSONataDateTime.format(
          millis: ms.rounded(.towardZero), picture: try string(name, args, 1),
          timezone: try string(name, args, 2)))
    case "error":
      let message = try string(name, args, 0) ?? ""
      throw fail("D3137", message.isEmpty ? "$error() function evaluated" : message)
    case "assert":
      guard case .json(.bool(let condition)) = argument(args, 0) else {
        if argument(args, 0).isUndefined { throw mismatch(name, 1) }
        throw mismatch(name, 1)
      }
      if !condition {
        let message = try string(name, args, 1) ?? ""
        throw fail("D3141", message.isEmpty ? "$assert() statement failed" : message)
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

  // MARK: Strings

  static func callString(_ name: String, _ args: [JSONataValue], _ evaluator: inout JSONataEvaluator)
    throws(JSONataError) -> JSONataValue?
  {
    typealias S = JSONataStringFunctions
    switch name {
    case "string":
      var prettify = false
      switch argument(args, 1) {
      case .undefined: break
      case .json(.bool(let b)): prettify = b
      default: throw mismatch(name, 2)
      }
      return try S.string(argument(args, 0), prettify: prettify).map(str) ?? .undefined
    case "length":
      guard let s = try string(name, args, 0) else { return .undefined }
      return num(Double(s.unicodeScalars.count))
    case "substring":
      guard let s = try string(name, args, 0) else { return .undefined }
      guard let start = try number(name, args, 1) else { throw mismatch(name, 2) }
      return str(S.substring(s, start, try number(name, args, 2)))
    case "substringBefore", "substringAfter":
      guard let s = try string(name, args, 0) else { return .undefined }
      guard let chars = try string(name, args, 1) else { return .undefined }
      let units = Array(s.utf16)
      let part = Array(chars.utf16)
      let pos = S.indexOf(units, part)
      guard pos > -1 else { return str(s) }
      return str(
        name == "substringBefore"
          ? S.utf16String(units[..<pos]) : S.utf16String(units[(pos + part.count)...]))
    case "uppercase":
      guard let s = try string(name, args, 0) else { return .undefined }
      return str(s.uppercased())
    case "lowercase":
      guard let s = try string(name, args, 0) else { return .undefined }
      return str(s.lowercased())
    case "trim":
      guard let s = try string(name, args, 0) else { return .undefined }
      return str(S.trim(s))
    case "pad":
      guard let s = try string(name, args, 0) else { return .undefined }
      guard let width = try number(name, args, 1) else { throw mismatch(name, 2) }
      return str(try S.pad(s, width, try string(name, args, 2)))
    case "contains":
      guard let s = try string(name, args, 0) else { return .undefined }
      return try S.contains(s, argument(args, 1), &evaluator)
    case "split":
      guard let s = try string(name, args, 0) else { return .undefined }
      let parts = try S.split(s, argument(args, 1), try number(name, args, 2), &evaluator)
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
      return str(strings.joined(separator: separator))
    case "replace":
      guard let s = try string(name, args, 0) else { return .undefined }
      let replacement = argument(args, 2)
      if replacement.isUndefined { throw mismatch(name, 3) }
      return str(try S.replace(s, argument(args, 1), replacement, try number(name, args, 3), &evaluator))
    case "match":
      guard let s = try string(name, args, 0) else { return .undefined }
      return try S.match(s, argument(args, 1), try number(name, args, 2), &evaluator)
    case "base64encode":
      guard let s = try string(name, args, 0) else { return .undefined }
      return str(S.base64encode(s))
    case "base64decode":
      guard let s = try string(name, args, 0) else { return .undefined }
      return str(S.base64decode(s))
    case "encodeUrlComponent", "encodeUrl":
      guard let s = try string(name, args, 0) else { return .undefined }
      return str(try S.encode(s, keepReserved: name == "encodeUrl", name))
    case "decodeUrlComponent", "decodeUrl":
      guard let s = try string(name, args, 0) else { return .undefined }
      return str(try S.decode(s, keepReserved: name == "decodeUrl", name))
    case "formatNumber":
      guard let value = try number(name, args, 0) else { return .undefined }
      guard let picture = try string(name, args, 1) else { throw mismatch(name, 2) }
      var options: JSONObject?
      switch argument(args, 2) {
      case .undefined: break
      case .json(.object(let o)): options = o
      default: throw mismatch(name, 3)
      }
      return str(try JSONataNumberFunctions.formatNumber(value, picture: picture, options: options))
    case "formatBase":
      guard let value = try number(name, args, 0) else { return .undefined }
      return str(try JSONataNumberFunctions.formatBase(value, try number(name, args, 1)))
    case "formatInteger":
      guard let value = try number(name, args, 0) else { return .undefined }
      guard let picture = try string(name, args, 1) else { throw mismatch(name, 2) }
      return str(try JSONataIntegerFormat.formatInteger(value, picture: picture))
    case "parseInteger":
      guard let s = try string(name, args, 0) else { return .undefined }
      guard let picture = try string(name, args, 1) else { throw mismatch(name, 2) }
      guard let value = try JSONataIntegerFormat.parseInteger(s, picture: picture), value.isFinite
      else { return .undefined }
      return num(value)
    default:
      return nil
    }
  }

  // MARK: Numbers, aggregation, booleans

  static func callNumeric(_ name: String, _ args: [JSONataValue], _ evaluator: inout JSONataEvaluator)
    throws(JSONataError) -> JSONataValue?
  {
    switch name {
    case "sum":
      guard let values = try numbers(name, argument(args, 0)) else { return .undefined }
      return try finite(values.reduce(0, +))
    case "count":
      return num(Double(argument(args, 0).items.count))
    case "max", "min", "average":
      guard let values = try numbers(name, argument(args, 0)), !values.isEmpty else {
        return .undefined
      }
      switch name {
      case "max": return num(values.max()!)
      case "min": return num(values.min()!)
      default: return try finite(values.reduce(0, +) / Double(values.count))
      }
    case "number":
      switch argument(args, 0) {
      case .undefined: return .undefined
      case .json(.number(let n)): return .json(.number(n))
      case .json(.bool(let b)): return num(b ? 1 : 0)
      case .json(.string(let s)):
        if let value = castNumber(s) { return num(value) }
        throw fail("D3030", "Unable to cast value to a number: \"\(s)\"")
      case let other:
        throw fail("D3030", "Unable to cast value to a number: \(JSONataEvaluator.display(other))")
      }
    case "abs", "floor", "ceil", "sqrt":
      guard let x = try number(name, args, 0) else { return .undefined }
      switch name {
      case "abs": return num(abs(x))
      case "floor": return num(x.rounded(.down))
      case "ceil": return num(x.rounded(.up))
      default:
        guard x >= 0 else {
          throw fail(
            "D3060",
            "The sqrt function cannot be applied to a negative number: \(JSNumberText.string(x))")
        }
        return num(x.squareRoot())
      }
    case "round":
      guard let x = try number(name, args, 0) else { return .undefined }
      return try finite(JSONataNumberFunctions.round(x, try number(name, args, 1)))
    case "power":
      guard let x = try number(name, args, 0) else { return .undefined }
      guard let y = try number(name, args, 1) else { throw mismatch(name, 2) }
      let result = pow(x, y)
      guard result.isFinite else {
        throw fail(
          "D3061",
          "The power function has resulted in a value that cannot be represented as a JSON number: base=\(JSNumberText.string(x)), exponent=\(JSNumberText.string(y))"
        )
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
    default:
      return nil
    }
  }

  /// `$number` of a string: decimal JSON-like numbers, or 0x / 0o / 0b integers.
  static func castNumber(_ s: String) -> Double? {
    let decimal = #/^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$/#
    if s.wholeMatch(of: decimal) != nil, let d = Double(s), d.isFinite { return d }
    let chars = Array(s)
    guard chars.count > 2, chars[0] == "0" else { return nil }
    let radix: Int
    switch chars[1] {
    case "x", "X": radix = 16
    case "o", "O": radix = 8
    case "b", "B": radix = 2
    default: return nil
    }
    let digits = String(chars[2...])
    var value = 0.0
    for c in digits {
      guard let d = c.hexDigitValue, d < radix else { return nil }
      value = value * Double(radix) + Double(d)
    }
    return value
  }

  // MARK: Arrays, objects, higher-order functions

  static func callCollection(_ name: String, _ args: [JSONataValue], _ evaluator: inout JSONataEvaluator)
    throws(JSONataError) -> JSONataValue?
  {
    switch name {
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
      let items = value.items
      if items.count <= 1 { return asIs(value) }
      return .json(.array(items.reversed()))
    case "shuffle":
      let value = argument(args, 0)
      if value.isUndefined { return .undefined }
      var items = value.items
      if items.count <= 1 { return asIs(value) }
      items.shuffle(using: &evaluator.random)
      return .json(.array(items))
    case "sort":
      let value = argument(args, 0)
      if value.isUndefined { return .undefined }
      let items = value.items
      if items.count <= 1 { return asIs(value) }
      if let comparator = try function(name, args, 1) {
        return .json(
          .array(
            try mergeSort(items[...]) { (a, b) throws(JSONataError) in
              jsTruthy(try evaluator.invoke(comparator, [.json(a), .json(b)]))
            }))
      }
      if items.allSatisfy({ $0.numberValue != nil }) {
        return .json(
          .array(try mergeSort(items[...]) { a, b in (a.doubleValue ?? 0) > (b.doubleValue ?? 0) }))
      }
      if items.allSatisfy({ $0.stringValue != nil }) {
        return .json(
          .array(
            try mergeSort(items[...]) { a, b in
              ComparisonOperator.compareUTF16(a.stringValue!, b.stringValue!) > 0
            }))
      }
      throw fail(
        "D3070",
        "The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function"
      )
    case "distinct":
      let value = argument(args, 0)
      guard case .json(.array(let items)) = value else {
        if case .sequence(let items) = value { return .finish(distinct(items)) }
        return value
      }
      if items.count <= 1 { return value }
      return .json(.array(distinct(items)))
    case "zip":
      let arrays = args.map(\.items)
      let length = arrays.map(\.count).min() ?? 0
      return .json(.array((0..<length).map { i in .array(arrays.map { $0[i] }) }))
    case "keys":
      var keys: [JSONValue] = []
      var seen = Set<String>()
      func collect(_ value: JSONValue) {
        switch value {
        case .object(let o): for key in o.keys where seen.insert(key).inserted { keys.append(.string(key)) }
        case .array(let a): for item in a { collect(item) }
        default: break
        }
      }
      switch argument(args, 0) {
      case .json(let v): collect(v)
      case .sequence(let s): collect(.array(s))
      default: break
      }
      return .finish(keys)
    case "values":
      var values: [JSONValue] = []
      for item in argument(args, 0).items {
        if case .object(let o) = item { values.append(contentsOf: o.values) }
      }
      return .finish(values)
    case "lookup":
      let key = try string(name, args, 1) ?? ""
      func lookup(_ value: JSONValue) -> JSONataValue {
        switch value {
        case .object(let o): return o[key].map { .json($0) } ?? .undefined
        case .array(let a):
          var out: [JSONValue] = []
          for item in a {
            switch lookup(item) {
            case .json(.array(let inner)): out.append(contentsOf: inner)
            case .json(let v): out.append(v)
            case .sequence(let s): out.append(contentsOf: s)
            default: break
            }
          }
          return .finish(out)
        default: return .undefined
        }
      }
      switch argument(args, 0) {
      case .json(let v): return lookup(v)
      case .sequence(let s): return lookup(.array(s))
      default: return .undefined
      }
    case "spread":
      func spread(_ value: JSONValue, into out: inout [JSONValue]) {
        switch value {
        case .object(let o):
          for (k, v) in o.storage { out.append(.object(JSONObject([(k, v)]))) }
        case .array(let a):
          for item in a {
            if case .array(let inner) = item {
              var nested: [JSONValue] = []
              spread(.array(inner), into: &nested)
              out.append(contentsOf: nested)
            } else {
              spread(item, into: &out)
            }
          }
        default: out.append(value)
        }
      }
      var out: [JSONValue] = []
      switch argument(args, 0) {
      case .undefined: return .undefined
      case .function, .regex: return argument(args, 0)
      case .json(.object(let o)):
        spread(.object(o), into: &out)
        return .finish(out)
      case .json(.array(let a)):
        spread(.array(a), into: &out)
        return .finish(out)
      case .sequence(let s):
        spread(.array(s), into: &out)
        return .finish(out)
      case .json(let v): return .json(v)
      }
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
    case "clone":
      return argument(args, 0)
    case "type":
      switch argument(args, 0) {
      case .undefined: return .undefined
      case .function, .regex: return str("function")
      case .sequence: return str("array")
      case .json(let v): return str(v.typeName)
      }
    case "each":
      guard case .json(.object(let o)) = argument(args, 0) else { return .undefined }
      guard let f = try function(name, args, 1) else { throw mismatch(name, 2) }
      var out: [JSONValue] = []
      for (k, v) in o.storage {
        if let r = try evaluator.invoke(f, hofArguments(f, v, .string(k), .object(o))).json {
          out.append(r)
        }
      }
      return .finish(out)
    case "sift":
      guard case .json(.object(let o)) = argument(args, 0) else { return .undefined }
      guard let f = try function(name, args, 1) else { throw mismatch(name, 2) }
      var out = JSONObject()
      for (k, v) in o.storage {
        if JSONataEvaluator.truthy(try evaluator.invoke(f, hofArguments(f, v, .string(k), .object(o)))) {
          out[k] = v
        }
      }
      return out.isEmpty ? .undefined : .json(.object(out))
    case "map", "filter":
      let value = argument(args, 0)
      if value.isUndefined { return .undefined }
      guard let f = try function(name, args, 1) else { throw mismatch(name, 2) }
      let items = value.items
      let whole = JSONValue.array(items)
      var out: [JSONValue] = []
      for (index, item) in items.enumerated() {
        let result = try evaluator.invoke(f, hofArguments(f, item, .int(index), whole))
        if name == "map" {
          switch result {
          case .json(let r): out.append(r)
          case .sequence(let s): out.append(.array(s))
          case .function, .regex: out.append(evaluator.stored(result))
          case .undefined: break
          }
        } else if JSONataEvaluator.truthy(result) {
          out.append(item)
        }
      }
      return .finish(out)
    case "single":
      let value = argument(args, 0)
      if value.isUndefined { return .undefined }
      let f = try function(name, args, 1)
      let items = value.items
      let whole = JSONValue.array(items)
      var found: JSONValue?
      for (index, item) in items.enumerated() {
        var matched = true
        if let f {
          matched = JSONataEvaluator.truthy(
            try evaluator.invoke(f, hofArguments(f, item, .int(index), whole)))
        }
        guard matched else { continue }
        if found != nil {
          throw fail(
            "D3138",
            "The $single() function expected exactly 1 matching result.  Instead it matched more.")
        }
        found = item
      }
      guard let found else {
        throw fail(
          "D3139", "The $single() function expected exactly 1 matching result.  Instead it matched 0.")
      }
      return .json(found)
    case "reduce":
      let value = argument(args, 0)
      if value.isUndefined { return .undefined }
      guard let f = try function(name, args, 1) else { throw mismatch(name, 2) }
      let n = arity(f)
      guard n >= 2 else {
        throw fail(
          "D3050",
          "The second argument of reduce function must be a function with at least two arguments")
      }
      let items = value.items
      var index = 0
      var accumulator = argument(args, 2)
      if accumulator.isUndefined && !items.isEmpty {
        accumulator = .json(items[0])
        index = 1
      }
      while index < items.count {
        var callArgs: [JSONataValue] = [accumulator, .json(items[index])]
        if n >= 3 { callArgs.append(.json(.int(index))) }
        if n >= 4 { callArgs.append(.json(.array(items))) }
        accumulator = try evaluator.invoke(f, callArgs)
        index += 1
      }
      return accumulator
    default:
      return nil
    }
  }

  /// The first of each deep-equal run of values (`$distinct`).
  static func distinct(_ items: [JSONValue]) -> [JSONValue] {
    var seen = Set<JSONValue>()
    return items.filter { seen.insert($0).inserted }
  }
}
