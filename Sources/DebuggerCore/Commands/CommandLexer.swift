/// Splits a command line into words: whitespace-separated, `"double quoted"` words may contain
/// spaces and `\"` / `\\` escapes. Remembers where each word starts so that a command can take
/// "the rest of the line" raw (JSON payloads).
public struct CommandLexer: Sendable {
  public struct Word: Sendable, Equatable {
    public var text: String
    /// Offset (in characters) where the word starts in the line.
    public var start: Int
    /// Offset just after the word.
    public var end: Int
    public var quoted: Bool
  }

  public let line: String
  private let chars: [Character]

  public init(_ line: String) {
    self.line = line
    self.chars = Array(line)
  }

  /// The words of the line, stopping at an unquoted `#` (comment).
  public func words() throws(CommandError) -> [Word] {
    var result: [Word] = []
    var i = 0
    while i < chars.count {
      while i < chars.count, chars[i].isWhitespace { i += 1 }
      guard i < chars.count else { break }
      if chars[i] == "#" && result.isEmpty { break }
      if chars[i] == "\"" {
        let start = i
        i += 1
        var text = ""
        var closed = false
        while i < chars.count {
          let c = chars[i]
          if c == "\\", i + 1 < chars.count {
            text.append(chars[i + 1])
            i += 2
            continue
          }
          if c == "\"" {
            closed = true
            i += 1
            break
          }
          text.append(c)
          i += 1
        }
        guard closed else { throw CommandError("unterminated quoted string", column: start + 1) }
        result.append(Word(text: text, start: start, end: i, quoted: true))
      } else {
        let start = i
        while i < chars.count, !chars[i].isWhitespace { i += 1 }
        result.append(Word(text: String(chars[start..<i]), start: start, end: i, quoted: false))
      }
    }
    return result
  }

  /// The raw text from character offset `from` to the end of the line, trimmed.
  public func rest(from: Int) -> String {
    guard from < chars.count else { return "" }
    return String(chars[from...]).trimmingWhitespace()
  }

  /// Quotes `s` for a command line when it contains spaces, quotes or is empty.
  public static func quoteIfNeeded(_ s: String) -> String {
    if !s.isEmpty, !s.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "#" || $0 == "\\" }) {
      return s
    }
    return quote(s)
  }

  /// `s` in double quotes, with `"` and `\` escaped.
  public static func quote(_ s: String) -> String {
    var out = "\""
    for c in s {
      if c == "\"" || c == "\\" { out.append("\\") }
      out.append(c)
    }
    return out + "\""
  }
}

extension String {
  func trimmingWhitespace() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}

/// A command line that cannot be understood, with the 1-based column of the problem.
public struct CommandError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var column: Int?
  public init(_ message: String, column: Int? = nil) {
    self.message = message
    self.column = column
  }
  public var description: String {
    if let column { return "column \(column): \(message)" }
    return message
  }

  /// Characters of the user's input a message repeats before cutting it.
  public static let echoLimit = 200

  /// `text` as a message repeats it: whole up to `echoLimit` characters, else cut with
  /// "… (N more)", so that a 5 MB argument does not come back whole.
  public static func echoed(_ text: String, limit: Int = echoLimit) -> String {
    guard text.count > limit else { return text }
    return String(text.prefix(limit)) + "… (\(text.count - limit) more)"
  }
}
