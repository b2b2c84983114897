
/// A fast RFC 8259 JSON parser over UTF-8 bytes.
///
/// - Keeps object key order and number text exactly.
/// - Rejects invalid UTF-8, control characters in strings, trailing commas, and (by default)
///   duplicate keys, with a line:column position and a message saying what was expected.
/// - Nesting deeper than `maxDepth` is an error, never a stack overflow.
public enum JSONParser {
  public struct Options: Sendable {
    /// Reject objects with the same key twice (otherwise the last one wins).
    public var rejectDuplicateKeys: Bool
    /// Maximum nesting of arrays/objects.
    public var maxDepth: Int
    public init(rejectDuplicateKeys: Bool = true, maxDepth: Int = 512) {
      self.rejectDuplicateKeys = rejectDuplicateKeys
      self.maxDepth = maxDepth
    }
  }

  /// Parses a JSON text.
  public static func parse(_ text: String, options: Options = Options()) throws(JSONParseError) -> JSONValue {
    var text = text
    let r: Result<JSONValue, JSONParseError> = text.withUTF8 { buf in
      Result { () throws(JSONParseError) in try parse(bytes: buf, options: options) }
    }
    return try r.get()
  }

  /// Parses JSON bytes.
  public static func parse(_ bytes: [UInt8], options: Options = Options()) throws(JSONParseError) -> JSONValue {
    try bytes.withUnsafeBufferPointer { buf throws(JSONParseError) in try parse(bytes: buf, options: options) }
  }

  public static func parse(bytes: UnsafeBufferPointer<UInt8>, options: Options = Options()) throws(JSONParseError)
    -> JSONValue
  {
    var p = Parser(bytes: bytes, options: options, recordPositions: false)
    return try p.parseDocument()
  }

  /// Parses a JSON text and records the position of every value and key.
  public static func parseDocument(_ text: String, options: Options = Options()) throws(JSONParseError)
    -> JSONDocument
  {
    var text = text
    let r: Result<JSONDocument, JSONParseError> = text.withUTF8 { buf in
      Result { () throws(JSONParseError) in try parseDocument(bytes: buf, options: options) }
    }
    return try r.get()
  }

  public static func parseDocument(_ bytes: [UInt8], options: Options = Options()) throws(JSONParseError)
    -> JSONDocument
  {
    try bytes.withUnsafeBufferPointer { buf throws(JSONParseError) in
      try parseDocument(bytes: buf, options: options)
    }
  }

  public static func parseDocument(bytes: UnsafeBufferPointer<UInt8>, options: Options = Options())
    throws(JSONParseError) -> JSONDocument
  {
    var p = Parser(bytes: bytes, options: options, recordPositions: true)
    let v = try p.parseDocument()
    return JSONDocument(value: v, valuePositions: p.valuePositions, keyPositions: p.keyPositions)
  }
}

private struct Parser {
  let bytes: UnsafeBufferPointer<UInt8>
  let options: JSONParser.Options
  let recordPositions: Bool
  var i = 0
  var line = 1
  var lineStart = 0
  var depth = 0
  var pointer: [String] = []
  let keyStack = ScratchStack<String>()
  var escapeBuffer: [UInt8] = []
  let valueStack = ScratchStack<JSONValue>()
  var valuePositions: [JSONPointer: SourcePosition] = [:]
  var keyPositions: [JSONPointer: SourcePosition] = [:]
  // Column cache so that recording positions on long lines stays linear.
  var colCacheOffset = 0
  var colCacheColumn = 1
  var colCacheLine = 0

  init(bytes: UnsafeBufferPointer<UInt8>, options: JSONParser.Options, recordPositions: Bool) {
    self.bytes = bytes
    self.options = options
    self.recordPositions = recordPositions
    // Skip a UTF-8 byte order mark.
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3; lineStart = 3 }
  }

  mutating func position(at offset: Int) -> SourcePosition {
    // Line of `offset`: only whitespace contains newlines, and we never look back past lineStart
    // except for errors inside the current line.
    var ln = line
    var ls = lineStart
    if offset < lineStart {
      // Recompute from scratch (rare: error reporting).
      ln = 1
      ls = 0
      var k = 0
      while k < offset { if bytes[k] == 0x0A { ln += 1; ls = k + 1 }; k += 1 }
    }
    var col: Int
    var k: Int
    if colCacheLine == ln, colCacheOffset >= ls, colCacheOffset <= offset {
      col = colCacheColumn
      k = colCacheOffset
    } else {
      col = 1
      k = ls
    }
    while k < offset && k < bytes.count {
      if bytes[k] & 0xC0 != 0x80 { col += 1 }
      k += 1
    }
    colCacheLine = ln
    colCacheOffset = offset
    colCacheColumn = col
    return SourcePosition(line: ln, column: col, offset: offset)
  }

  mutating func fail(_ message: String, at offset: Int? = nil) -> JSONParseError {
    JSONParseError(message: message, position: position(at: offset ?? i))
  }

  func describe(_ offset: Int) -> String {
    guard offset < bytes.count else { return "end of input" }
    let b = bytes[offset]
    if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
    if b == 0x0A { return "a line break" }
    if b == 0x09 { return "a tab" }
    let hex = String(b, radix: 16, uppercase: true)
    return "byte 0x" + (hex.count == 1 ? "0" + hex : hex)
  }

  mutating func skipWhitespace() {
    while i < bytes.count {
      let b = bytes[i]
      if b == 0x20 || b == 0x09 || b == 0x0D {
        i += 1
      } else if b == 0x0A {
        i += 1
        line += 1
        lineStart = i
      } else {
        return
      }
    }
  }

  mutating func parseDocument() throws(JSONParseError) -> JSONValue {
    skipWhitespace()
    if i >= bytes.count {
      throw fail(bytes.isEmpty ? "empty input, expected a JSON value" : "expected a JSON value, found end of input")
    }
    let v = try parseValue()
    skipWhitespace()
    if i < bytes.count { throw fail("expected end of input after the JSON value, found \(describe(i))") }
    return v
  }

  mutating func record() {
    if recordPositions { valuePositions[JSONPointer(tokens: pointer)] = position(at: i) }
  }

  mutating func parseValue() throws(JSONParseError) -> JSONValue {
    guard i < bytes.count else { throw fail("expected a JSON value, found end of input") }
    if recordPositions { record() }
    switch bytes[i] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    default:
      throw fail("expected a JSON value (object, array, string, number, true, false or null), found \(describe(i))")
    }
  }

  mutating func literal(_ word: StaticString) throws(JSONParseError) {
    let n = word.utf8CodeUnitCount
    let p = word.utf8Start
    guard i + n <= bytes.count else { throw fail("invalid literal, expected '\(word)'") }
    for k in 0..<n where bytes[i + k] != p[k] { throw fail("invalid literal, expected '\(word)'", at: i) }
    i += n
  }

  mutating func enter() throws(JSONParseError) {
    depth += 1
    if depth > options.maxDepth {
      throw fail("nesting is deeper than \(options.maxDepth) levels")
    }
  }

  /// Enters the object or array at its opening byte; true (and out again) when `close` follows.
  mutating func enterIsEmpty(closedBy close: UInt8) throws(JSONParseError) -> Bool {
    try enter()
    i += 1
    skipWhitespace()
    guard i < bytes.count, bytes[i] == close else { return false }
    i += 1
    depth -= 1
    return true
  }

  /// Reads what follows an object member or array element (`what`): true past a `,`, false past
  /// `close`.
  mutating func readsAnother(closedBy close: UInt8, after what: String) throws(JSONParseError)
    -> Bool
  {
    skipWhitespace()
    guard i < bytes.count else {
      throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))' after \(what), found end of input")
    }
    let b = bytes[i]
    i += 1
    if b == UInt8(ascii: ",") { return true }
    if b == close { return false }
    throw fail(
      "expected ',' or '\(Character(Unicode.Scalar(close)))' after \(what), found \(describe(i - 1))",
      at: i - 1)
  }

  mutating func parseObject() throws(JSONParseError) -> JSONValue {
    if try enterIsEmpty(closedBy: UInt8(ascii: "}")) { return .object(JSONObject()) }
    // Members go onto shared scratch stacks; the object is built once with exact capacity.
    let base = keyStack.count
    let valueBase = valueStack.count
    repeat {
      skipWhitespace()
      guard i < bytes.count else { throw fail("expected a string key or '}' in object, found end of input") }
      guard bytes[i] == UInt8(ascii: "\"") else {
        if bytes[i] == UInt8(ascii: "}") { throw fail("trailing comma before '}' is not allowed in JSON") }
        throw fail("expected a string key in object, found \(describe(i))")
      }
      let keyOffset = i
      let key = try parseString()
      if recordPositions { keyPositions[JSONPointer(tokens: pointer + [key])] = position(at: keyOffset) }
      skipWhitespace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
        throw fail("expected ':' after object key \"\(key)\", found \(describe(i))")
      }
      i += 1
      skipWhitespace()
      if recordPositions { pointer.append(key) }
      let value = try parseValue()
      if recordPositions { pointer.removeLast() }
      keyStack.push(key)
      valueStack.push(value)
    } while try readsAnother(closedBy: UInt8(ascii: "}"), after: "object member")
    let count = keyStack.count - base
    var obj: JSONObject
    if count <= 16 {
      // Small objects: check duplicates by linear scan, build without hashing.
      var duplicate: Int? = nil
      outer: for a in (base + 1)..<(base + count) {
        for b in base..<a where keyStack[a] == keyStack[b] {
          duplicate = a
          break outer
        }
      }
      if let d = duplicate {
        if options.rejectDuplicateKeys {
          throw fail("duplicate key \"\(keyStack[d])\" in object", at: duplicateKeyOffset(keyStack[d]))
        }
        obj = JSONObject(minimumCapacity: count)
        for k in 0..<count { obj.storage[keyStack[base + k]] = valueStack[valueBase + k] }
      } else {
        let keys = keyStack
        let values = valueStack
        obj = JSONObject(
          JSONObjectStorage(uncheckedUniqueCount: count) { elements in
            for k in 0..<count {
              (elements + k).initialize(to: (key: keys.take(base + k), value: values.take(valueBase + k)))
            }
          })
        keyStack.forget(to: base)
        valueStack.forget(to: valueBase)
      }
    } else {
      obj = JSONObject(minimumCapacity: count)
      for k in 0..<count {
        if obj.storage.updateValue(valueStack[valueBase + k], forKey: keyStack[base + k]) != nil,
          options.rejectDuplicateKeys
        {
          throw fail("duplicate key \"\(keyStack[base + k])\" in object", at: duplicateKeyOffset(keyStack[base + k]))
        }
      }
    }
    keyStack.truncate(to: base)
    valueStack.truncate(to: valueBase)
    depth -= 1
    return .object(obj)
  }

  /// Finds the offset of the second occurrence of `"key"` before the current position (for errors).
  func duplicateKeyOffset(_ key: String) -> Int {
    let needle = Array(("\"" + key + "\"").utf8)
    var found: [Int] = []
    var k = 0
    while k + needle.count <= i {
      if bytes[k] == needle[0] && Array(bytes[k..<(k + needle.count)]) == needle { found.append(k) }
      k += 1
    }
    return found.count >= 2 ? found[found.count - 1] : (found.last ?? i)
  }

  mutating func parseArray() throws(JSONParseError) -> JSONValue {
    if try enterIsEmpty(closedBy: UInt8(ascii: "]")) { return .array([]) }
    let base = valueStack.count
    repeat {
      skipWhitespace()
      if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
        throw fail("trailing comma before ']' is not allowed in JSON")
      }
      if recordPositions { pointer.append(String(valueStack.count - base)) }
      let v = try parseValue()
      valueStack.push(v)
      if recordPositions { pointer.removeLast() }
    } while try readsAnother(closedBy: UInt8(ascii: "]"), after: "array element")
    let arr = valueStack.popArray(from: base)
    depth -= 1
    return .array(arr)
  }

  mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
    let start = i
    if bytes[i] == UInt8(ascii: "-") { i += 1 }
    guard i < bytes.count, isDigit(bytes[i]) else { throw fail("expected a digit in number, found \(describe(i))") }
    if bytes[i] == UInt8(ascii: "0") {
      i += 1
      if i < bytes.count, isDigit(bytes[i]) { throw fail("leading zeros are not allowed in JSON numbers") }
    } else {
      while i < bytes.count, isDigit(bytes[i]) { i += 1 }
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      guard i < bytes.count, isDigit(bytes[i]) else {
        throw fail("expected a digit after '.' in number, found \(describe(i))")
      }
      while i < bytes.count, isDigit(bytes[i]) { i += 1 }
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
      guard i < bytes.count, isDigit(bytes[i]) else {
        throw fail("expected a digit in number exponent, found \(describe(i))")
      }
      while i < bytes.count, isDigit(bytes[i]) { i += 1 }
    }
    let count = i - start
    let source = bytes.baseAddress! + start
    let text = String(unsafeUninitializedCapacity: count) { buf in
      buf.baseAddress!.initialize(from: source, count: count)
      return count
    }
    return JSONNumber(text: text)
  }

  @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

  mutating func parseString() throws(JSONParseError) -> String {
    let quote = i
    i += 1
    let start = i
    // Fast path: scan to the closing quote with no escapes; pure ASCII needs no UTF-8 validation.
    var highBits: UInt8 = 0
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<i])
        i += 1
        if highBits & 0x80 == 0 { return String(decoding: slice, as: UTF8.self) }
        if let s = String(validating: slice, as: UTF8.self) { return s }
        throw fail("invalid UTF-8 in string", at: firstInvalidUTF8(from: start, to: i - 1))
      }
      if b == UInt8(ascii: "\\") { break }
      if b < 0x20 {
        throw fail(b == 0x0A ? "unterminated string (line break inside a string)" : "control character in string must be escaped")
      }
      highBits |= b
      i += 1
    }
    guard i < bytes.count else { throw fail("unterminated string, expected '\"'", at: quote) }
    // Slow path with escapes, decoded into a reused buffer. Escapes always produce valid UTF-8,
    // so only raw non-ASCII bytes call for validation.
    escapeBuffer.removeAll(keepingCapacity: true)
    escapeBuffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        i += 1
        if highBits & 0x80 == 0 { return String(decoding: escapeBuffer, as: UTF8.self) }
        if let s = String(validating: escapeBuffer, as: UTF8.self) { return s }
        throw fail("invalid UTF-8 in string", at: quote)
      }
      if b < 0x20 {
        throw fail(b == 0x0A ? "unterminated string (line break inside a string)" : "control character in string must be escaped")
      }
      if b != UInt8(ascii: "\\") {
        highBits |= b
        escapeBuffer.append(b)
        i += 1
        continue
      }
      i += 1
      guard i < bytes.count else { break }
      let e = bytes[i]
      i += 1
      switch e {
      case UInt8(ascii: "\""): escapeBuffer.append(0x22)
      case UInt8(ascii: "\\"): escapeBuffer.append(0x5C)
      case UInt8(ascii: "/"): escapeBuffer.append(0x2F)
      case UInt8(ascii: "b"): escapeBuffer.append(0x08)
      case UInt8(ascii: "f"): escapeBuffer.append(0x0C)
      case UInt8(ascii: "n"): escapeBuffer.append(0x0A)
      case UInt8(ascii: "r"): escapeBuffer.append(0x0D)
      case UInt8(ascii: "t"): escapeBuffer.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if scalar >= 0xD800 && scalar < 0xDC00 {
          // High surrogate: expect a low surrogate.
          if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
            i += 2
            let low = try hex4()
            guard low >= 0xDC00 && low < 0xE000 else { throw fail("invalid Unicode surrogate pair in string", at: i - 6) }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          } else {
            throw fail("unpaired Unicode surrogate in string", at: i - 6)
          }
        } else if scalar >= 0xDC00 && scalar < 0xE000 {
          throw fail("unpaired Unicode surrogate in string", at: i - 6)
        }
        appendUTF8(scalar)
      default:
        throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))' in string", at: i - 2)
      }
    }
    throw fail("unterminated string, expected '\"'", at: quote)
  }

  /// Appends the UTF-8 encoding of a valid scalar (not a surrogate) to `escapeBuffer`.
  @inline(__always) mutating func appendUTF8(_ v: UInt32) {
    if v < 0x80 {
      escapeBuffer.append(UInt8(v))
    } else if v < 0x800 {
      escapeBuffer.append(UInt8(0xC0 | (v >> 6)))
      escapeBuffer.append(UInt8(0x80 | (v & 0x3F)))
    } else if v < 0x10000 {
      escapeBuffer.append(UInt8(0xE0 | (v >> 12)))
      escapeBuffer.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      escapeBuffer.append(UInt8(0x80 | (v & 0x3F)))
    } else {
      escapeBuffer.append(UInt8(0xF0 | (v >> 18)))
      escapeBuffer.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
      escapeBuffer.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      escapeBuffer.append(UInt8(0x80 | (v & 0x3F)))
    }
  }

  mutating func hex4() throws(JSONParseError) -> UInt32 {
    guard i + 4 <= bytes.count else { throw fail("expected 4 hex digits after \\u") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[i]
      let d: UInt32
      switch b {
      case 0x30...0x39: d = UInt32(b - 0x30)
      case 0x41...0x46: d = UInt32(b - 0x41 + 10)
      case 0x61...0x66: d = UInt32(b - 0x61 + 10)
      default: throw fail("expected 4 hex digits after \\u, found \(describe(i))")
      }
      v = v << 4 | d
      i += 1
    }
    return v
  }

  func firstInvalidUTF8(from: Int, to: Int) -> Int {
    var k = from
    while k < to {
      let b = bytes[k]
      let len: Int
      if b < 0x80 { len = 1 } else if b & 0xE0 == 0xC0 { len = 2 } else if b & 0xF0 == 0xE0 { len = 3 } else if b & 0xF8 == 0xF0 { len = 4 } else { return k }
      if k + len > to { return k }
      if let _ = String(validating: UnsafeBufferPointer(rebasing: bytes[k..<(k + len)]), as: UTF8.self) {
        k += len
      } else {
        return k
      }
    }
    return from
  }
}

