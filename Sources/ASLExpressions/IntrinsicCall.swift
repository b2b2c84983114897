import JSONCore

/// The 18 intrinsic functions of the JSONPath query language.
public enum IntrinsicFunctionName: String, Sendable, Hashable, CaseIterable {
  case format = "States.Format"
  case stringToJson = "States.StringToJson"
  case jsonToString = "States.JsonToString"
  case array = "States.Array"
  case arrayPartition = "States.ArrayPartition"
  case arrayContains = "States.ArrayContains"
  case arrayRange = "States.ArrayRange"
  case arrayGetItem = "States.ArrayGetItem"
  case arrayLength = "States.ArrayLength"
  case arrayUnique = "States.ArrayUnique"
  case base64Encode = "States.Base64Encode"
  case base64Decode = "States.Base64Decode"
  case hash = "States.Hash"
  case jsonMerge = "States.JsonMerge"
  case mathRandom = "States.MathRandom"
  case mathAdd = "States.MathAdd"
  case stringSplit = "States.StringSplit"
  case uuid = "States.UUID"
}

/// A path argument or expression: where it reads from and the `$`-rooted path.
/// A class so that copying an argument or expression costs one retain.
final class PathReference: Sendable, Hashable {
  let source: PathSource
  let path: JSONPath
  /// The text as written (`$$.Execution.Id`, `$var.x`).
  let text: String

  init(source: PathSource, path: JSONPath, text: String) {
    self.source = source
    self.path = path
    self.text = text
  }

  static func == (lhs: PathReference, rhs: PathReference) -> Bool {
    lhs.text == rhs.text && lhs.source == rhs.source
  }
  func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

/// One argument of an intrinsic call.
enum IntrinsicArgument: Sendable, Hashable {
  /// A literal; for strings `raw` keeps the text between the quotes with escapes unresolved
  /// (States.Format needs to know which braces were escaped).
  case literal(JSONValue, raw: String?)
  case path(PathReference)
  case call(IntrinsicCall)
}

/// A parsed intrinsic function call such as `States.MathAdd($.x, 1)`.
public struct IntrinsicCall: Sendable, Hashable {
  /// Immutable parsed form, shared by reference so copies cost one retain.
  final class Storage: Sendable {
    let text: String
    let function: IntrinsicFunctionName
    let arguments: [IntrinsicArgument]

    init(text: String, function: IntrinsicFunctionName, arguments: [IntrinsicArgument]) {
      self.text = text
      self.function = function
      self.arguments = arguments
    }
  }

  let storage: Storage

  /// The source text.
  public var text: String { storage.text }
  /// The function called.
  public var function: IntrinsicFunctionName { storage.function }
  var arguments: [IntrinsicArgument] { storage.arguments }

  /// Parses a complete call expression (nested calls allowed).
  public init(_ text: String) throws(ASLRuntimeError) {
    var parser = IntrinsicParser(text: text)
    let call = try parser.parseCall()
    parser.skipSpaces()
    guard parser.atEnd else { throw parser.error("unexpected text after the call") }
    self = call
  }

  init(text: String, function: IntrinsicFunctionName, arguments: [IntrinsicArgument]) {
    storage = Storage(text: text, function: function, arguments: arguments)
  }

  public static func == (lhs: IntrinsicCall, rhs: IntrinsicCall) -> Bool { lhs.text == rhs.text }
  public func hash(into hasher: inout Hasher) { hasher.combine(text) }

  /// Number of arguments as written.
  public var argumentCount: Int { arguments.count }
}

/// Parser for intrinsic call text.
struct IntrinsicParser: ByteCursor {
  let text: String
  let bytes: [UInt8]
  var position = 0
  var depth = 0

  func error(_ detail: String) -> ASLRuntimeError {
    ASLRuntimeError(
      error: "States.Runtime",
      cause: "The intrinsic function expression '\(text)' is invalid: \(detail) at position"
        + " \(position)")
  }

  mutating func parseCall() throws(ASLRuntimeError) -> IntrinsicCall {
    try enterNesting(tooDeep: "calls are nested too deeply")
    defer { depth -= 1 }
    skipSpaces()
    let start = position
    while let c = current, c != UInt8(ascii: "("), c != 0x20 { position += 1 }
    let name = String(decoding: bytes[start..<position], as: UTF8.self)
    guard let function = IntrinsicFunctionName(rawValue: name) else {
      throw error("unknown intrinsic function '\(name)'")
    }
    skipSpaces()
    guard current == UInt8(ascii: "(") else { throw error("expected '(' after \(name)") }
    position += 1
    let arguments = try readList(upTo: UInt8(ascii: ")"), unclosed: "expected ',' or ')'") {
      p throws(ASLRuntimeError) in
      try p.parseArgument()
    }
    let callText = String(decoding: bytes[start..<position], as: UTF8.self)
    return IntrinsicCall(text: callText, function: function, arguments: arguments)
  }

  mutating func parseArgument() throws(ASLRuntimeError) -> IntrinsicArgument {
    skipSpaces()
    guard let c = current else { throw error("expected an argument") }
    switch c {
    case UInt8(ascii: "'"):
      return try parseString()
    case UInt8(ascii: "$"):
      let start = position
      var depth = 0
      var quote: UInt8? = nil
      while let b = current {
        if let q = quote {
          if b == UInt8(ascii: "\\") {
            position += 2
            continue
          }
          if b == q { quote = nil }
        } else if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
          quote = b
        } else if b == UInt8(ascii: "[") || b == UInt8(ascii: "(") {
          depth += 1
        } else if b == UInt8(ascii: "]") || (b == UInt8(ascii: ")") && depth > 0) {
          depth -= 1
        } else if depth == 0, b == UInt8(ascii: ",") || b == UInt8(ascii: ")") {
          break
        }
        position += 1
      }
      var end = min(position, bytes.count)
      while end > start, bytes[end - 1] == 0x20 { end -= 1 }
      let pathText = String(decoding: bytes[start..<end], as: UTF8.self)
      let (source, path) = try ParsedPathExpression.parsePath(pathText)
      return .path(PathReference(source: source, path: path, text: pathText))
    default:
      if hasPrefix("States.") { return .call(try parseCall()) }
      if let keyword = readKeyword() { return .literal(keyword, raw: nil) }
      guard
        let number = readNumber(where: { (try? JSONParser.parse($0))?.numberValue != nil })
      else { throw error("invalid argument") }
      return .literal(.number(number), raw: nil)
    }
  }

  static let escapable: Set<UInt8> = Set("'{}\\".utf8)

  /// A single-quoted string; `\'`, `\{`, `\}` and `\\` escape the next character.
  mutating func parseString() throws(ASLRuntimeError) -> IntrinsicArgument {
    position += 1
    let start = position
    var value: [UInt8] = []
    while let b = current {
      if b == UInt8(ascii: "\\") {
        guard position + 1 < bytes.count,
          IntrinsicParser.escapable.contains(bytes[position + 1])
        else {
          throw error("an open escape backslash must be followed by ', {, } or \\")
        }
        value.append(bytes[position + 1])
        position += 2
        continue
      }
      if b == UInt8(ascii: "'") {
        let raw = String(decoding: bytes[start..<position], as: UTF8.self)
        position += 1
        return .literal(.string(String(decoding: value, as: UTF8.self)), raw: raw)
      }
      value.append(b)
      position += 1
    }
    throw error("unterminated string literal")
  }
}
