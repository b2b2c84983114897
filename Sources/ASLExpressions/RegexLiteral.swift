import Foundation

/// A compiled `/pattern/flags` regular expression literal, of a JSONPath filter (`=~`, Jayway's
/// flags i, m, s, x) or of a JSONata expression (flags i, m).
final class RegexLiteral: @unchecked Sendable, Hashable {
  let pattern: String
  let flags: String
  let regex: NSRegularExpression?

  init(pattern: String, flags: String) {
    self.pattern = pattern
    self.flags = flags
    var options: NSRegularExpression.Options = []
    if flags.contains("i") { options.insert(.caseInsensitive) }
    if flags.contains("m") { options.insert(.anchorsMatchLines) }
    if flags.contains("s") { options.insert(.dotMatchesLineSeparators) }
    if flags.contains("x") { options.insert(.allowCommentsAndWhitespace) }
    regex = try? NSRegularExpression(pattern: pattern, options: options)
  }

  /// Whole-string match, like Java's `Matcher.matches()` (JSONPath).
  func fullMatch(_ string: String) -> Bool {
    guard let regex else { return false }
    let range = NSRange(string.startIndex..<string.endIndex, in: string)
    guard let match = regex.firstMatch(in: string, options: [.anchored], range: range) else {
      return false
    }
    return match.range == range
  }

  /// Every match in `string` (JSONata's `$match`, `$replace`, …).
  func matches(in string: String) -> [NSTextCheckingResult] {
    guard let regex else { return [] }
    return regex.matches(
      in: string, range: NSRange(string.startIndex..<string.endIndex, in: string))
  }

  static func == (lhs: RegexLiteral, rhs: RegexLiteral) -> Bool {
    lhs.pattern == rhs.pattern && lhs.flags == rhs.flags
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(pattern)
    hasher.combine(flags)
  }
}
