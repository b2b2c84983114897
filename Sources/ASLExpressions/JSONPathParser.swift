import JSONCore

/// Recursive-descent parser for JSONPath text (Jayway dialect) over UTF-8 bytes.
struct JSONPathParser: ByteCursor {
  let text: String
  let bytes: [UInt8]
  var position = 0
  var depth = 0

  var rest: String { String(decoding: bytes[min(position, bytes.count)...], as: UTF8.self) }

  static func syntaxError(_ text: String, _ detail: String) -> ASLRuntimeError {
    ASLRuntimeError(error: "States.Runtime", cause: "Invalid JSONPath '\(text)': \(detail)")
  }

  func error(_ detail: String) -> ASLRuntimeError {
    JSONPathParser.syntaxError(text, "\(detail) at position \(position)")
  }

  mutating func expect(_ c: UInt8) throws(ASLRuntimeError) {
    skipSpaces()
    guard current == c else {
      throw error("expected '\(Character(Unicode.Scalar(c)))'")
    }
    position += 1
  }

  struct ParsedPath {
    var root: JSONPathRoot
    var segments: [JSONPathSegment]
  }

  /// Parses `$…` (or `@…` when `allowCurrent`), stopping at the first byte that cannot continue
  /// the path (inside filters) or at the end.
  mutating func parsePath(allowCurrent: Bool, inFilter: Bool = false) throws(ASLRuntimeError)
    -> ParsedPath
  {
    let root: JSONPathRoot
    switch current {
    case UInt8(ascii: "$"): root = .document
    case UInt8(ascii: "@") where allowCurrent: root = .current
    default: throw error("a path must start with '$'")
    }
    position += 1
    var segments: [JSONPathSegment] = []
    loop: while let c = current {
      switch c {
      case UInt8(ascii: "."):
        if peek(1) == UInt8(ascii: ".") {
          position += 2
          if current == UInt8(ascii: "[") {
            segments.append(.descendant(try parseBracket()))
          } else if current == UInt8(ascii: "*") {
            position += 1
            segments.append(.descendant(.wildcard))
          } else {
            let name = try readDotName(inFilter: inFilter)
            segments.append(.descendant(.name(name)))
          }
        } else {
          position += 1
          if current == UInt8(ascii: "*") {
            position += 1
            segments.append(.wildcard)
          } else if current == UInt8(ascii: "[") {
            // Jayway (and so AWS) accepts a dot before a bracket: `$.[0]`, `$.['a']`.
            segments.append(try parseBracket())
          } else {
            segments.append(.name(try readDotName(inFilter: inFilter)))
          }
        }
      case UInt8(ascii: "["):
        segments.append(try parseBracket())
      default:
        if inFilter { break loop }
        throw error("unexpected character '\(Character(Unicode.Scalar(c)))'")
      }
    }
    return ParsedPath(root: root, segments: segments)
  }

  /// Reads a dot-notation member name. A `(…)` suffix is part of the name, as AWS reads
  /// `$.list.length()` (a member called `length()`).
  mutating func readDotName(inFilter: Bool) throws(ASLRuntimeError) -> String {
    let start = position
    while let c = current {
      if c == UInt8(ascii: ".") || c == UInt8(ascii: "[") { break }
      if c == UInt8(ascii: "(") {
        guard let close = bytes[position...].firstIndex(of: UInt8(ascii: ")")) else {
          throw error("unbalanced '('")
        }
        position = close + 1
        continue
      }
      if c == 0x20 {
        if inFilter { break }
        throw error("use bracket notation ['my prop'] for names with blanks")
      }
      if inFilter, JSONPathParser.filterNameTerminators.contains(c) { break }
      position += 1
    }
    guard position > start else { throw error("empty member name") }
    return String(decoding: bytes[start..<position], as: UTF8.self)
  }

  static let filterNameTerminators: Set<UInt8> = Set(")=!<>&|,~ \t".utf8)

  /// Parses `[...]` starting at `[`.
  mutating func parseBracket() throws(ASLRuntimeError) -> JSONPathSegment {
    position += 1
    skipSpaces()
    guard let c = current else { throw error("unterminated '['") }
    let segment: JSONPathSegment
    switch c {
    case UInt8(ascii: "*"):
      position += 1
      segment = .wildcard
    case UInt8(ascii: "?"):
      position += 1
      skipSpaces()
      segment = .filter(try parseOr())
    case UInt8(ascii: "(") where hasPrefix("(@.length-"):
      // Jayway's script index `[(@.length-N)]`: the N-th element from the end.
      position += "(@.length-".utf8.count
      guard let n = readInt(), n > 0, current == UInt8(ascii: ")") else {
        throw error("expected (@.length-N)")
      }
      position += 1
      segment = .index(-n)
    case UInt8(ascii: "'"), UInt8(ascii: "\""):
      var names: [String] = []
      while true {
        skipSpaces()
        guard let quote = current, quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
          throw error("expected a quoted name")
        }
        names.append(try readQuoted())
        skipSpaces()
        if current == UInt8(ascii: ",") {
          position += 1
          continue
        }
        break
      }
      segment = names.count == 1 ? .name(names[0]) : .names(names)
    default:
      segment = try parseIndexOrSlice()
    }
    try expect(UInt8(ascii: "]"))
    return segment
  }

  mutating func readInt() -> Int? {
    skipSpaces()
    let start = position
    if current == UInt8(ascii: "-") { position += 1 }
    while let c = current, c >= 0x30, c <= 0x39 { position += 1 }
    let value = Int(String(decoding: bytes[start..<position], as: UTF8.self))
    if value == nil { position = start }
    skipSpaces()
    return value
  }

  mutating func parseIndexOrSlice() throws(ASLRuntimeError) -> JSONPathSegment {
    let first = readInt()
    if current == UInt8(ascii: ":") {
      position += 1
      let end = readInt()
      var step: Int?
      if current == UInt8(ascii: ":") {
        position += 1
        step = readInt()
      }
      return .slice(start: first, end: end, step: step)
    }
    guard let first else { throw error("expected an index, a slice, '*', '?' or a quoted name") }
    var indexes = [first]
    while current == UInt8(ascii: ",") {
      position += 1
      guard let next = readInt() else { throw error("expected an index") }
      indexes.append(next)
    }
    return indexes.count == 1 ? .index(first) : .indexes(indexes)
  }

  /// Reads a quoted string at the current quote. Only `\<quote>` is an escape (as AWS reads
  /// `$['a\"b']` with the backslash kept); other backslashes are literal.
  mutating func readQuoted() throws(ASLRuntimeError) -> String {
    let quote = bytes[position]
    position += 1
    var out: [UInt8] = []
    while let c = current {
      position += 1
      if c == quote { return String(decoding: out, as: UTF8.self) }
      if c == UInt8(ascii: "\\"), current == quote {
        position += 1
        out.append(quote)
        continue
      }
      out.append(c)
    }
    throw error("unterminated string")
  }

  // MARK: Filter expressions

  mutating func parseOr() throws(ASLRuntimeError) -> JSONPathFilter {
    try parseChain("||", JSONPathFilter.or) { p throws(ASLRuntimeError) in try p.parseAnd() }
  }

  mutating func parseAnd() throws(ASLRuntimeError) -> JSONPathFilter {
    try parseChain("&&", JSONPathFilter.and) { p throws(ASLRuntimeError) in try p.parseUnary() }
  }

  /// `operand op operand op …`, grouped from the left with `combine`.
  mutating func parseChain(
    _ op: String, _ combine: (JSONPathFilter, JSONPathFilter) -> JSONPathFilter,
    _ operand: (inout Self) throws(ASLRuntimeError) -> JSONPathFilter
  ) throws(ASLRuntimeError) -> JSONPathFilter {
    var lhs = try operand(&self)
    while true {
      skipSpaces()
      guard hasPrefix(op) else { return lhs }
      position += op.utf8.count
      lhs = combine(lhs, try operand(&self))
    }
  }

  mutating func parseUnary() throws(ASLRuntimeError) -> JSONPathFilter {
    try enterNesting(tooDeep: "the filter is nested too deeply")
    defer { depth -= 1 }
    skipSpaces()
    if current == UInt8(ascii: "!"), peek(1) != UInt8(ascii: "=") {
      position += 1
      return .not(try parseUnary())
    }
    if current == UInt8(ascii: "(") {
      position += 1
      let inner = try parseOr()
      try expect(UInt8(ascii: ")"))
      return inner
    }
    return try parseComparison()
  }

  mutating func parseComparison() throws(ASLRuntimeError) -> JSONPathFilter {
    let lhs = try parseOperand()
    skipSpaces()
    if let op = readOperator() {
      skipSpaces()
      let rhs = try parseOperand()
      return .compare(lhs, op, rhs)
    }
    switch lhs {
    case .path(let path): return .exists(path)
    case .literal(.bool(let value)): return .constant(value)
    default: throw error("expected a comparison operator")
    }
  }

  mutating func readOperator() -> JSONPathFilterOperator? {
    for op in JSONPathFilterOperator.symbols where hasPrefix(op.rawValue) {
      position += op.rawValue.utf8.count
      return op
    }
    for op in JSONPathFilterOperator.words where hasPrefix(op.rawValue) {
      let after = peek(op.rawValue.utf8.count)
      if let after, JSONPathParser.isIdentifierByte(after) { continue }
      position += op.rawValue.utf8.count
      return op
    }
    return nil
  }

  static func isIdentifierByte(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
  }

  mutating func parseOperand() throws(ASLRuntimeError) -> JSONPathFilterOperand {
    skipSpaces()
    guard let c = current else { throw error("expected an operand") }
    switch c {
    case UInt8(ascii: "@"), UInt8(ascii: "$"):
      let start = position
      let parsed = try parsePath(allowCurrent: true, inFilter: true)
      let pathText = String(decoding: bytes[start..<position], as: UTF8.self)
      return .path(
        JSONPath(
          text: pathText, root: parsed.root, segments: parsed.segments))
    case UInt8(ascii: "/"):
      position += 1
      var pattern: [UInt8] = []
      while let b = current, b != UInt8(ascii: "/") {
        if b == UInt8(ascii: "\\"), let next = peek(1) {
          pattern.append(b)
          pattern.append(next)
          position += 2
          continue
        }
        pattern.append(b)
        position += 1
      }
      guard current == UInt8(ascii: "/") else { throw error("unterminated regular expression") }
      position += 1
      let flagsStart = position
      while let b = current, JSONPathParser.isIdentifierByte(b) { position += 1 }
      return .regex(
        RegexLiteral(
          pattern: String(decoding: pattern, as: UTF8.self),
          flags: String(decoding: bytes[flagsStart..<position], as: UTF8.self)))
    default:
      return .literal(try parseLiteral())
    }
  }

  /// A literal value: quoted string (either quote), number, true/false/null, array, object.
  mutating func parseLiteral() throws(ASLRuntimeError) -> JSONValue {
    skipSpaces()
    guard let c = current else { throw error("expected a value") }
    switch c {
    case UInt8(ascii: "'"), UInt8(ascii: "\""):
      return .string(try readQuoted())
    case UInt8(ascii: "["):
      position += 1
      let items = try readList(upTo: UInt8(ascii: "]"), unclosed: "expected ']'") {
        p throws(ASLRuntimeError) in try p.parseLiteral()
      }
      return .array(items)
    case UInt8(ascii: "{"):
      position += 1
      let members = try readList(upTo: UInt8(ascii: "}"), unclosed: "expected '}'") {
        p throws(ASLRuntimeError) in
        p.skipSpaces()
        guard let q = p.current, q == UInt8(ascii: "'") || q == UInt8(ascii: "\"") else {
          throw p.error("expected a quoted key")
        }
        let key = try p.readQuoted()
        try p.expect(UInt8(ascii: ":"))
        return (key, try p.parseLiteral())
      }
      var object = JSONObject()
      for (key, value) in members { object[key] = value }
      return .object(object)
    default:
      if let keyword = readKeyword() { return keyword }
      if let c = current, JSONPathParser.isIdentifierByte(c), !(c >= 0x30 && c <= 0x39) {
        // Jayway reads an unquoted word in a comparison as a string: `[?(@.Code==es)]`.
        let start = position
        while let b = current, JSONPathParser.isIdentifierByte(b) || b == UInt8(ascii: "-") {
          position += 1
        }
        return .string(String(decoding: bytes[start..<position], as: UTF8.self))
      }
      guard let number = readNumber(where: { Double($0) != nil }) else {
        throw error("expected a value")
      }
      return .number(number)
    }
  }
}
