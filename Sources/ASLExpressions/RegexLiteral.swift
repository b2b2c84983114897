import Foundation

/// A compiled `/pattern/flags` regular expression literal, of a JSONPath filter (`=~`, Jayway's
/// flags i, m, s, x) or of a JSONata expression (flags i, m).
final class RegexLiteral: @unchecked Sendable, Hashable {
  let pattern: String
  let flags: String
  let regex: NSRegularExpression?
  /// Why the pattern does not compile (nil when it does), in ICU's words.
  let compileError: String?

  init(pattern: String, flags: String) {
    self.pattern = pattern
    self.flags = flags
    var options: NSRegularExpression.Options = []
    if flags.contains("i") { options.insert(.caseInsensitive) }
    if flags.contains("m") { options.insert(.anchorsMatchLines) }
    if flags.contains("s") { options.insert(.dotMatchesLineSeparators) }
    if flags.contains("x") { options.insert(.allowCommentsAndWhitespace) }
    do {
      regex = try NSRegularExpression(pattern: pattern, options: options)
      compileError = nil
    } catch {
      regex = nil
      compileError = "Invalid regular expression: /\(pattern)/\(flags)"
    }
  }

  /// Whole-string match, like Java's `Matcher.matches()` (JSONPath), or nil when matching used
  /// up `budget` (ICU progress reports, as in `matches(in:budget:)`).
  func fullMatch(_ string: String, budget: inout Int) -> Bool? {
    guard regex != nil else { return false }
    // The leftmost match starts at 0 exactly when an anchored one would (not `.anchored`: ICU
    // then sends no progress reports).
    guard let found = matches(in: string, firstOnly: true, budget: &budget) else { return nil }
    let whole = NSRange(string.startIndex..<string.endIndex, in: string)
    return found.first.map { $0.range.location == 0 && $0.range == whole } ?? false
  }

  /// Every match in `string` (JSONata's `$match`, `$split`, …), or nil when matching used up
  /// `budget` (ICU progress reports): a backtracking pattern stops instead of running for
  /// minutes. ICU also reports each new start position of the search, so a call may use one
  /// report per UTF-16 unit of `string` without drawing on `budget`.
  /// With `offset` (in UTF-16 units) the search starts there as a JavaScript `lastIndex` does:
  /// `^` and lookbehind still see the text before it. With `firstOnly` it stops at one match.
  func matches(
    in string: String, from offset: Int = 0, firstOnly: Bool = false, budget: inout Int
  ) -> [NSTextCheckingResult]? {
    guard let regex else { return [] }
    var results: [NSTextCheckingResult] = []
    let whole = NSRange(string.startIndex..<string.endIndex, in: string)
    guard offset <= whole.length else { return [] }
    let range = NSRange(location: offset, length: whole.length - offset)
    var remaining = budget + range.length
    var exhausted = false
    let bounds: NSRegularExpression.MatchingOptions =
      offset > 0 ? [.withTransparentBounds, .withoutAnchoringBounds] : []
    regex.enumerateMatches(in: string, options: bounds.union(.reportProgress), range: range) {
      match, _, stop in
      if let match {
        results.append(match)
        if firstOnly { stop.pointee = true }
      } else {
        remaining -= 1
        if remaining <= 0 {
          exhausted = true
          stop.pointee = true
        }
      }
    }
    budget = max(0, min(budget, remaining))
    return exhausted ? nil : results
  }

  static func == (lhs: RegexLiteral, rhs: RegexLiteral) -> Bool {
    lhs.pattern == rhs.pattern && lhs.flags == rhs.flags
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(pattern)
    hasher.combine(flags)
  }
}
