import ASLExpressions
import JSONCore

extension ValidationRun {
  /// The kinds of path fields in JSONPath states.
  enum PathKind {
    /// `InputPath`, `OutputPath`: a path into input, context (`$$`) or a variable.
    case path
    /// `ResultPath`: a reference path into the state input (`$`-rooted, names and indexes only).
    case resultPath
    /// `ItemsPath`, `SecondsPath`, `TimeoutSecondsPath`, Choice `Variable`, ...: a path, never an
    /// intrinsic function.
    case referencePath
    /// `ErrorPath`, `CausePath` and `.$` template values: a path or an intrinsic function call.
    case pathOrIntrinsic
  }

  mutating func checkPath(_ v: JSONValue, at p: JSONPointer, field: String, kind: PathKind, nullable: Bool = false) {
    if v.isNull {
      if !nullable { report(p, "json-type", "\(field) is null; expected a path string such as \"$.items\"") }
      return
    }
    guard let text = v.stringValue else {
      report(p, "json-type", "\(field) is \(v.typeName); expected a path string such as \"$.items\"")
      return
    }
    if let problem = Self.pathProblem(text, kind: kind) {
      report(p, kind == .pathOrIntrinsic ? "invalid-path-or-intrinsic" : "invalid-path", "\(field) is \(Self.show(v)): \(problem)")
    }
  }

  /// The `.$` value of a payload template or Assign: a path or intrinsic function string.
  mutating func checkPathValue(_ v: JSONValue, at p: JSONPointer, field: String) {
    guard v.stringValue != nil else {
      report(p, "invalid-payload-template", "\"\(field)\" ends in '.$' but its value is \(Self.show(v)); expected a path or an intrinsic function string")
      return
    }
    checkPath(v, at: p, field: "\"\(field)\"", kind: .pathOrIntrinsic)
  }

  /// Why `text` is not a valid path of `kind`, or nil.
  static func pathProblem(_ text: String, kind: PathKind) -> String? {
    if text.contains("${") { return nil }  // A placeholder filled at deploy time.
    if kind == .resultPath {
      if text.hasPrefix("$$") { return "ResultPath cannot write to the context object; expected a reference path starting with '$'" }
      let bytes = Array(text.utf8)
      if bytes.count > 1, bytes[0] == UInt8(ascii: "$"), bytes[1] != UInt8(ascii: "."), bytes[1] != UInt8(ascii: "[") {
        return "ResultPath cannot be a variable; expected a reference path starting with '$.' or '$['"
      }
      do {
        _ = try ReferencePath.parse(text)
        return nil
      } catch {
        return "expected a reference path (names and indexes only) such as \"$.result\" (\(error.cause))"
      }
    }
    if text.hasPrefix("States.") {
      if kind != .pathOrIntrinsic { return "an intrinsic function is not allowed here; expected a path starting with '$'" }
      do {
        let call = try IntrinsicCall(text)
        if let problem = Self.arityProblem(call) { return problem }
      } catch {
        if let lenient = JaywayLeniency.normalize(text), (try? ParsedPathExpression(lenient)) != nil {
          return intrinsicArgumentProblem(text)
        }
        return "invalid intrinsic function call: \(error.cause)"
      }
      return intrinsicArgumentProblem(text)
    }
    guard text.hasPrefix("$") else {
      return kind == .pathOrIntrinsic
        ? "expected a path starting with '$' or an intrinsic function call such as States.Format(...)"
        : "expected a path starting with '$'"
    }
    do {
      _ = try ParsedPathExpression(text)
      return nil
    } catch {
      if let lenient = JaywayLeniency.normalize(text), (try? ParsedPathExpression(lenient)) != nil { return nil }
      return "not a valid JSONPath (\(error.cause))"
    }
  }

  /// Argument counts of the intrinsic functions (minimum, maximum; nil = any).
  static let arity: [IntrinsicFunctionName: (Int, Int?)] = [
    .format: (1, nil), .stringToJson: (1, 1), .jsonToString: (1, 1), .array: (0, nil),
    .arrayPartition: (2, 2), .arrayContains: (2, 2), .arrayRange: (3, 3), .arrayGetItem: (2, 2),
    .arrayLength: (1, 1), .arrayUnique: (1, 1), .base64Encode: (1, 1), .base64Decode: (1, 1),
    .hash: (2, 2), .jsonMerge: (3, 3), .mathRandom: (2, 3), .mathAdd: (2, 2), .stringSplit: (2, 2),
    .uuid: (0, 0),
  ]

  /// The outer call's argument count against the function's arity.
  static func arityProblem(_ call: IntrinsicCall) -> String? {
    guard let (low, high) = arity[call.function] else { return nil }
    let n = call.argumentCount
    if n >= low, high.map({ n <= $0 }) ?? true { return nil }
    let expected = high == low ? "\(low)" : high.map { "\(low) to \($0)" } ?? "at least \(low)"
    return "\(call.function.rawValue) takes \(expected) argument\(expected == "1" ? "" : "s"), found \(n)"
  }

  /// Argument types AWS checks when the machine is created: the numeric functions take numbers
  /// or paths, not string literals.
  static func intrinsicArgumentProblem(_ text: String) -> String? {
    let numeric = ["States.MathAdd", "States.MathRandom", "States.ArrayRange"]
    for name in numeric where text.hasPrefix(name + "(") {
      var depth = 0
      var inString = false
      var argumentStart = true
      var previous: Character = " "
      for c in text.dropFirst(name.count) {
        if inString {
          if c == "'" && previous != "\\" { inString = false }
        } else if c == "(" {
          depth += 1
          argumentStart = true
        } else if c == ")" {
          depth -= 1
        } else if c == "," {
          argumentStart = true
        } else if c == "'" {
          if depth == 1 && argumentStart {
            return "\(name) takes numbers or paths; found a string argument"
          }
          inString = true
        } else if c != " " {
          argumentStart = false
        }
        previous = c
      }
    }
    return nil
  }

  /// A JSONPath payload template (`Parameters`, `ResultSelector`, `ItemSelector`, ...): every
  /// key ending in `.$` holds a path or intrinsic function; no key appears both with and
  /// without `.$`.
  mutating func checkPayloadTemplate(_ v: JSONValue, at p: JSONPointer, field: String, requireObject: Bool) {
    switch v {
    case .object(let o):
      var plain: Set<String> = []
      for key in o.keys where !key.hasSuffix(".$") { plain.insert(key) }
      for (key, value) in o {
        if key.hasSuffix(".$") {
          let base = String(key.dropLast(2))
          if plain.contains(base) {
            report(p / key, "duplicate-field", "\"\(key)\" and \"\(base)\" both set the field '\(base)'; expected only one of them")
          }
          checkPathValue(value, at: p / key, field: key)
        } else {
          checkPayloadTemplate(value, at: p / key, field: key, requireObject: false)
        }
      }
    case .string:
      warnJSONataLiterals(v, at: p)
    case .array(let items):
      if requireObject { report(p, "json-type", "\(field) is an array; expected an object") }
      for (i, item) in items.enumerated() { checkPayloadTemplate(item, at: p / i, field: field, requireObject: false) }
    default:
      if requireObject && !v.isNull { report(p, "json-type", "\(field) is \(v.typeName); expected an object") }
    }
  }

  /// JSONata-looking strings in a JSONPath state stay literal text: worth a warning.
  mutating func warnJSONataLiterals(_ v: JSONValue, at p: JSONPointer) {
    switch v {
    case .string(let s) where s.hasPrefix("{%") && s.hasSuffix("%}"):
      warn(p, "jsonata-in-jsonpath", "\(Self.show(v)) looks like a JSONata expression, but this state uses JSONPath, so it stays a literal string; set \"QueryLanguage\": \"JSONata\" to evaluate it")
    case .array(let items):
      for (i, item) in items.enumerated() { warnJSONataLiterals(item, at: p / i) }
    case .object(let o):
      for (k, item) in o { warnJSONataLiterals(item, at: p / k) }
    default:
      break
    }
  }

  /// Strings in JSONata fields: `{% expression %}` must be complete and well-formed.
  mutating func checkJSONataValue(_ v: JSONValue, at p: JSONPointer) {
    switch v {
    case .string(let s):
      let opens = s.hasPrefix("{%")
      let closes = s.hasSuffix("%}") && s.count >= 4
      if opens && !closes {
        report(p, "jsonata-syntax", "JSONata expression \(Self.show(v)) does not end with '%}'; expected \"{% expression %}\"")
      } else if closes && !opens && s.trimmingPrefix(" ").hasPrefix("{%") == false && s.hasSuffix(" %}") {
        report(p, "jsonata-syntax", "\(Self.show(v)) ends with '%}' but does not start with '{%'; expected \"{% expression %}\"")
      } else if opens && closes {
        let body = String(s.dropFirst(2).dropLast(2))
        if let problem = JSONataSyntax.problem(in: body) {
          report(p, "jsonata-syntax", "JSONata expression \(Self.show(v)) is not valid: \(problem)")
        }
      }
    case .array(let items):
      for (i, item) in items.enumerated() { checkJSONataValue(item, at: p / i) }
    case .object(let o):
      for (k, item) in o { checkJSONataValue(item, at: p / k) }
    default:
      break
    }
  }
}
