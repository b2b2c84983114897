import Foundation
import JSONCore

/// Evaluation of intrinsic function calls (`States.Format(...)`, `States.MathAdd(...)`, ...).
public enum IntrinsicFunction {
  /// Parses (through a shared cache) and evaluates `expression`, a complete intrinsic call.
  /// Paths in arguments read from `scope`; `MathRandom` without seed and `UUID` draw from
  /// `random`. Failures throw `States.IntrinsicFailure`.
  public static func evaluate(
    _ expression: String, scope: EvaluationScope, random: inout SeededRandom
  ) throws(ASLRuntimeError) -> JSONValue {
    let parsed = try ExpressionCache.shared.expression(expression)
    guard case .intrinsic(let call) = parsed.kind else {
      throw ASLRuntimeError(
        error: "States.Runtime", cause: "'\(expression)' is not an intrinsic function call")
    }
    return try call.evaluate(scope: scope, random: &random, field: expression)
  }

  /// Java's `Math.round` (half rounds toward positive infinity), as AWS rounds number arguments.
  static func javaRound(_ value: Double) -> Double { (value + 0.5).rounded(.down) }

  static func failure(_ function: IntrinsicFunctionName, _ detail: String) -> ASLRuntimeError {
    ASLRuntimeError(
      error: "States.IntrinsicFailure",
      cause: "Invalid arguments in \(function.rawValue): \(detail)")
  }
}

extension IntrinsicCall {
  /// Evaluates the call. `field` names the template field in path-not-found causes.
  public func evaluate(scope: EvaluationScope, random: inout SeededRandom, field: String)
    throws(ASLRuntimeError) -> JSONValue
  {
    let arguments = storage.arguments
    // Fast path for the most common call (loop counters): no argument array.
    if case .mathAdd = storage.function, arguments.count == 2 {
      let a = try int32(
        try argument(arguments[0], scope: scope, random: &random, field: field), "first")
      let b = try int32(
        try argument(arguments[1], scope: scope, random: &random, field: field), "second")
      return .number(FastNumbers.number(a + b))
    }
    var values: [JSONValue] = []
    values.reserveCapacity(arguments.count)
    for argument in arguments {
      values.append(try self.argument(argument, scope: scope, random: &random, field: field))
    }
    let result = try apply(values, random: &random)
    // Checked at each call, so nested calls (JsonToString of JsonToString …, whose escaping
    // doubles the text, or States.Array($x, $x) nested) stop at the first one past the quota.
    let tooLarge: Bool
    switch result {
    case .string(let s): tooLarge = s.utf8.count > EvaluationBudget.payloadBytes
    case .array, .object: tooLarge = PayloadSize.exceeds(result, limit: EvaluationBudget.payloadBytes)
    case .number, .bool, .null: tooLarge = false
    }
    if tooLarge {
      throw ASLRuntimeError(
        error: "States.DataLimitExceeded",
        cause: "The result of \(function.rawValue) exceeds the maximum payload size of"
          + " \(EvaluationBudget.payloadBytes) bytes (256 KiB).")
    }
    return result
  }

  @inline(__always)
  func argument(
    _ argument: IntrinsicArgument, scope: EvaluationScope, random: inout SeededRandom,
    field: String
  ) throws(ASLRuntimeError) -> JSONValue {
    switch argument {
    case .literal(let value, _): return value
    case .path(let reference):
      return try ParsedPathExpression.read(reference, field: field, scope: scope)
    case .call(let call):
      return try call.evaluate(scope: scope, random: &random, field: field)
    }
  }

  func fail(_ detail: String) -> ASLRuntimeError { IntrinsicFunction.failure(function, detail) }

  func expectCount(_ values: [JSONValue], _ count: Int) throws(ASLRuntimeError) {
    guard values.count == count else {
      throw fail("expected \(count) argument\(count == 1 ? "" : "s") but got \(values.count)")
    }
  }

  func string(_ value: JSONValue, _ name: String) throws(ASLRuntimeError) -> String {
    guard case .string(let s) = value else {
      throw fail("the \(name) argument must be a string but was \(value.typeName)")
    }
    return s
  }

  func array(_ value: JSONValue, _ name: String) throws(ASLRuntimeError) -> [JSONValue] {
    guard case .array(let a) = value else {
      throw fail("the \(name) argument must be an array but was \(value.typeName)")
    }
    return a
  }

  /// A number argument rounded like AWS (Java `Math.round`).
  func roundedInt(_ value: JSONValue, _ name: String) throws(ASLRuntimeError) -> Int {
    switch value {
    case .number(let n):
      if let exact = FastNumbers.exactInt(n) { return exact }
      let d = IntrinsicFunction.javaRound(n.doubleValue)
      guard d.isFinite, abs(d) < 9.0e18 else { throw fail("the \(name) argument is out of range") }
      return Int(d)
    default:
      throw fail("the \(name) argument must be a number but was \(value.typeName)")
    }
  }

  /// A number argument rounded like AWS and required to fit a 32-bit signed integer.
  func int32(_ value: JSONValue, _ name: String) throws(ASLRuntimeError) -> Int {
    let rounded = try roundedInt(value, name)
    guard rounded >= Int(Int32.min), rounded <= Int(Int32.max) else {
      throw fail(
        "the \(name) argument must be an integer between -2147483648 and 2147483647 but was"
          + " \(value.compactString)")
    }
    return rounded
  }

  func apply(_ values: [JSONValue], random: inout SeededRandom) throws(ASLRuntimeError)
    -> JSONValue
  {
    switch function {
    case .mathAdd:
      try expectCount(values, 2)
      let a = try int32(values[0], "first")
      let b = try int32(values[1], "second")
      return .int(a + b)

    case .format:
      return try format(values)

    case .stringToJson:
      try expectCount(values, 1)
      let text = try string(values[0], "first")
      if text.allSatisfy({ $0.isWhitespace }) { return .null }
      do {
        return FastNumbers.normalizingNegativeZero(try JSONParser.parse(text))
      } catch {
        throw fail("the string is not valid JSON: \(error)")
      }

    case .jsonToString:
      try expectCount(values, 1)
      return .string(JavaNumberText.compact(values[0]))

    case .array:
      return .array(values)

    case .arrayPartition:
      try expectCount(values, 2)
      let items = try array(values[0], "first")
      let size = try roundedInt(values[1], "chunk size")
      guard size > 0 else { throw fail("the chunk size must be greater than 0 but was \(size)") }
      var chunks: [JSONValue] = []
      chunks.reserveCapacity(items.count / size + 1)
      var index = 0
      while index < items.count {
        let end = items.count - index <= size ? items.count : index + size
        chunks.append(.array(Array(items[index..<end])))
        index = end
      }
      return .array(chunks)

    case .arrayContains:
      try expectCount(values, 2)
      let items = try array(values[0], "first")
      return .bool(items.contains(values[1]))

    case .arrayRange:
      try expectCount(values, 3)
      let first = try int32(values[0], "start")
      let last = try int32(values[1], "end")
      let step = try int32(values[2], "step")
      guard step != 0 else { throw fail("the step argument must not be 0") }
      let count =
        (step > 0
          ? (last >= first ? (last - first) / step + 1 : 0)
          : (first >= last ? (first - last) / -step + 1 : 0))
      guard count <= 1000 else {
        throw fail("the result would have \(count) items; at most 1000 are allowed")
      }
      return .array(stride(from: first, through: last, by: step).map { .int($0) })

    case .arrayGetItem:
      try expectCount(values, 2)
      let items = try array(values[0], "first")
      guard case .number(let indexNumber) = values[1], let index = indexNumber.intValue,
        Double(index) == indexNumber.doubleValue
      else {
        throw fail("the index argument must be an integer but was \(values[1].compactString)")
      }
      guard index >= 0, index < items.count else {
        throw fail("the index \(index) is out of bounds for an array of \(items.count) items")
      }
      return items[index]

    case .arrayLength:
      try expectCount(values, 1)
      return .int(try array(values[0], "first").count)

    case .arrayUnique:
      try expectCount(values, 1)
      let items = try array(values[0], "first")
      var seen = Set<JSONValue>()
      var unique: [JSONValue] = []
      for item in items where seen.insert(item).inserted { unique.append(item) }
      return .array(unique)

    case .base64Encode:
      try expectCount(values, 1)
      let text = try string(values[0], "first")
      guard text.unicodeScalars.count <= 10_000 else {
        throw fail("the input string must be at most 10000 characters long")
      }
      return .string(Data(text.utf8).base64EncodedString())

    case .base64Decode:
      try expectCount(values, 1)
      let text = try string(values[0], "first")
      guard text.unicodeScalars.count <= 10_000 else {
        throw fail("the input string must be at most 10000 characters long")
      }
      guard let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8)
      else {
        throw fail("the input string is not valid base64-encoded UTF-8")
      }
      return .string(decoded)

    case .hash:
      try expectCount(values, 2)
      let data: String
      if case .string(let s) = values[0] { data = s } else { data = values[0].compactString }
      guard data.unicodeScalars.count <= 10_000 else {
        throw fail("the input data must be at most 10000 characters long")
      }
      let algorithmName = try string(values[1], "algorithm")
      guard let algorithm = HashAlgorithm(rawValue: algorithmName) else {
        throw fail(
          "the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512 but was"
            + " '\(algorithmName)'")
      }
      return .string(algorithm.hexDigest(Array(data.utf8)))

    case .jsonMerge:
      try expectCount(values, 3)
      guard case .object(var merged) = values[0] else {
        throw fail("the first argument must be an object but was \(values[0].typeName)")
      }
      guard case .object(let other) = values[1] else {
        throw fail("the second argument must be an object but was \(values[1].typeName)")
      }
      guard case .bool(let deep) = values[2] else {
        throw fail("the third argument must be a boolean but was \(values[2].typeName)")
      }
      guard !deep else {
        throw fail("deep merge is not supported; the third argument must be false")
      }
      for (key, value) in other.storage { merged.storage[key] = value }
      return .object(merged)

    case .mathRandom:
      guard values.count == 2 || values.count == 3 else {
        throw fail("expected 2 or 3 arguments but got \(values.count)")
      }
      let start = try int32(values[0], "start")
      let end = try int32(values[1], "end")
      guard start < end else {
        throw fail("the start argument must be less than the end argument")
      }
      let span = UInt64(bitPattern: Int64(end) &- Int64(start))
      if values.count == 3 {
        // Seeded calls follow java.util.Random like AWS: Random(seed).nextInt(end - start) + start.
        var seeded = JavaRandom(seed: Int64(try roundedInt(values[2], "seed")))
        guard span <= UInt64(Int32.max) else {
          throw fail("the range between start and end is too large")
        }
        return .int(start + Int(seeded.nextInt(Int32(span))))
      }
      return .int(start &+ Int(truncatingIfNeeded: random.next() % span))

    case .stringSplit:
      try expectCount(values, 2)
      let text = try string(values[0], "first")
      let delimiters = Set(try string(values[1], "delimiter").unicodeScalars)
      var parts: [JSONValue] = []
      var currentPart = String.UnicodeScalarView()
      for scalar in text.unicodeScalars {
        if delimiters.contains(scalar) {
          if !currentPart.isEmpty { parts.append(.string(String(currentPart))) }
          currentPart = String.UnicodeScalarView()
        } else {
          currentPart.append(scalar)
        }
      }
      if !currentPart.isEmpty { parts.append(.string(String(currentPart))) }
      return .array(parts)

    case .uuid:
      try expectCount(values, 0)
      return .string(IntrinsicCall.uuidV4(random.next(), random.next()))
    }
  }

  /// `States.Format`: `{}` placeholders replaced by the arguments in order.
  func format(_ values: [JSONValue]) throws(ASLRuntimeError) -> JSONValue {
    guard !values.isEmpty else { throw fail("expected at least 1 argument") }
    let template = try string(values[0], "first")
    // A literal template keeps escaped braces (`\{`, `\}`) out of placeholder matching.
    var pieces: [String] = []
    var currentPiece = ""
    if case .literal(_, let raw?)? = arguments.first {
      var iterator = raw.makeIterator()
      while let c = iterator.next() {
        if c == "\\" {
          if let next = iterator.next() { currentPiece.append(next) }
        } else if c == "{" {
          // Look ahead for the closing brace of a placeholder.
          var lookahead = iterator
          if lookahead.next() == "}" {
            iterator = lookahead
            pieces.append(currentPiece)
            currentPiece = ""
          } else {
            currentPiece.append(c)
          }
        } else {
          currentPiece.append(c)
        }
      }
    } else {
      var rest = Substring(template)
      while let range = rest.range(of: "{}") {
        currentPiece += rest[..<range.lowerBound]
        pieces.append(currentPiece)
        currentPiece = ""
        rest = rest[range.upperBound...]
      }
      currentPiece += rest
    }
    pieces.append(currentPiece)
    let arguments = values.dropFirst()
    guard pieces.count - 1 == arguments.count else {
      throw fail(
        "the format string has \(pieces.count - 1) placeholder(s) but \(arguments.count)"
          + " argument(s) were given")
    }
    var out = pieces[0]
    for (index, value) in arguments.enumerated() {
      IntrinsicCall.appendFormatted(value, to: &out)
      out += pieces[index + 1]
    }
    return .string(out)
  }

  /// Java-style `toString` of a value: strings raw, objects `{a=1, b=[x, y]}`.
  static func appendFormatted(_ value: JSONValue, to out: inout String) {
    switch value {
    case .string(let s): out += s
    case .array(let items):
      out += "["
      for (index, item) in items.enumerated() {
        if index > 0 { out += ", " }
        appendFormatted(item, to: &out)
      }
      out += "]"
    case .object(let object):
      out += "{"
      var first = true
      for (key, member) in object.storage {
        if !first { out += ", " }
        first = false
        out += key
        out += "="
        appendFormatted(member, to: &out)
      }
      out += "}"
    case .number(let n):
      out += JavaNumberText.text(n)
    default:
      out += value.compactString
    }
  }

  /// A version-4 UUID text from 128 random bits.
  static func uuidV4(_ high: UInt64, _ low: UInt64) -> String {
    var bytes = [UInt8](repeating: 0, count: 16)
    for i in 0..<8 {
      bytes[i] = UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(i)))
      bytes[8 + i] = UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64(i)))
    }
    bytes[6] = (bytes[6] & 0x0F) | 0x40
    bytes[8] = (bytes[8] & 0x3F) | 0x80
    let hex = bytes.map { byte -> String in
      let s = String(byte, radix: 16)
      return s.count == 1 ? "0" + s : s
    }
    return hex[0..<4].joined() + "-" + hex[4..<6].joined() + "-" + hex[6..<8].joined() + "-"
      + hex[8..<10].joined() + "-" + hex[10..<16].joined()
  }
}
