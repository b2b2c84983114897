/// A hand-written parser's place in UTF-8 text: the JSONPath and intrinsic-function parsers
/// read bytes left to right with these helpers.
protocol ByteCursor {
  var text: String { get }
  var bytes: [UInt8] { get }
  var position: Int { get set }
  /// How deeply the parser has recursed (calls in calls, filters in filters).
  var depth: Int { get set }
  init(text: String, bytes: [UInt8])
  /// The syntax error `detail` at the position.
  func error(_ detail: String) -> ASLRuntimeError
}

/// Parsers stop past this nesting depth, so that recursion stays bounded.
let maximumParserDepth = 64

extension ByteCursor {
  init(text: String) { self.init(text: text, bytes: Array(text.utf8)) }

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
