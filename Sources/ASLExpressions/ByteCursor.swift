import JSONCore

/// A hand-written parser's place in UTF-8 text: the JSONPath and intrinsic-function parsers
/// read bytes left to right with these helpers.
protocol ByteCursor {
  var text: String { get }
  var bytes: [UInt8] { get }
  var position: Int { get set }
  /// How deeply the parser has recursed (calls in calls, filters in filters).
  var depth: Int { get set }
  /// The memberwise initializer of a parser that starts at position 0, depth 0.
  init(text: String, bytes: [UInt8], position: Int, depth: Int)
  /// The syntax error `detail` at the position.
  func error(_ detail: String) -> ASLRuntimeError
}

/// Parsers stop past this nesting depth, so that recursion stays bounded.
let maximumParserDepth = 64

extension ByteCursor {
  init(text: String) { self.init(text: text, bytes: Array(text.utf8), position: 0, depth: 0) }

  /// Enters one more level of nesting (leave it with `depth -= 1`); past the limit, the error
  /// `tooDeep`.
  mutating func enterNesting(tooDeep: String) throws(ASLRuntimeError) {
    guard depth < maximumParserDepth else { throw error(tooDeep) }
    depth += 1
  }

  var atEnd: Bool { position >= bytes.count }
  var current: UInt8? { position < bytes.count ? bytes[position] : nil }

  func peek(_ offset: Int) -> UInt8? {
    position + offset < bytes.count ? bytes[position + offset] : nil
  }

  /// Skips spaces, tabs and line breaks.
  mutating func skipSpaces() {
    while let c = current, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { position += 1 }
  }

  /// True when the text at the position starts with `s`.
  func hasPrefix(_ s: String) -> Bool { bytes.contains(s.utf8, at: position) }

  /// Reads `item, item, …` and the `close` byte after the last; `close` right away gives no items.
  /// Anything else after an item is the error `unclosed`.
  mutating func readList<Item>(
    upTo close: UInt8, unclosed: String, _ item: (inout Self) throws(ASLRuntimeError) -> Item
  ) throws(ASLRuntimeError) -> [Item] {
    var items: [Item] = []
    skipSpaces()
    if current == close {
      position += 1
      return items
    }
    while true {
      items.append(try item(&self))
      skipSpaces()
      if current == UInt8(ascii: ",") {
        position += 1
        continue
      }
      guard current == close else { throw error(unclosed) }
      position += 1
      return items
    }
  }

  /// Reads `true`, `false` or `null`.
  mutating func readKeyword() -> JSONValue? {
    for (word, value) in [("true", JSONValue.bool(true)), ("false", .bool(false)), ("null", .null)]
    where hasPrefix(word) {
      position += word.utf8.count
      return value
    }
    return nil
  }

  /// Reads the run of bytes a number literal is made of (digits, signs, `.`, `e`, `E`); when the
  /// run is empty or `isValid` rejects its text, nil with the position unchanged.
  mutating func readNumber(where isValid: (String) -> Bool) -> JSONNumber? {
    let start = position
    while let b = current,
      (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
        || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
    {
      position += 1
    }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    guard !text.isEmpty, isValid(text) else {
      position = start
      return nil
    }
    return JSONNumber(text: text)
  }
}

extension Array where Element: Equatable {
  /// True when the elements from `index` on start with `prefix` (parsers' look-ahead).
  func contains(_ prefix: some Sequence<Element>, at index: Int) -> Bool {
    var i = index
    for element in prefix {
      guard i < count, self[i] == element else { return false }
      i += 1
    }
    return true
  }
}
