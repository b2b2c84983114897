import Foundation
import Testing

@testable import ASLExpressions

/// The direct signature matcher (JSONataSignatureMatcher) against the regular expression it
/// replaces, and the integer fast path of JavaScript number text.
@Suite struct JSONataSignatureMatcherTests {
  /// Every symbol string of up to `length` symbols.
  static func symbolStrings(upTo length: Int) -> [[Character]] {
    var all: [[Character]] = [[]]
    var current: [[Character]] = [[]]
    for _ in 0..<length {
      current = current.flatMap { prefix in "snbloafm".map { prefix + [$0] } }
      all += current
    }
    return all
  }

  /// The groups `signature.regex` gives (the matcher's reference).
  static func regexGroups(_ signature: JSONataSignature, _ symbols: [Character]) -> [String]? {
    let supplied = String(symbols)
    let range = NSRange(supplied.startIndex..., in: supplied)
    guard let match = signature.regex.firstMatch(in: supplied, range: range) else { return nil }
    return signature.parameters.indices.map { number in
      let groupRange = match.range(at: number + 1)
      return groupRange.location == NSNotFound ? "" : (supplied as NSString).substring(with: groupRange)
    }
  }

  @Test func builtInSignaturesMatchAsTheirRegex() throws {
    let extra = ["<n+>", "<s?n+b?>", "<x-n?>", "<a<n>a<s>?>", "<(sn)+o?>", "<j-j?:j>"]
    var signatures = Array(JSONataFunctions.compiledSignatures.values)
    for text in extra { signatures.append(try JSONataSignature(text)) }
    let strings = Self.symbolStrings(upTo: 4)
    var direct = 0
    for signature in signatures {
      guard signature.symbolPatterns != nil else { continue }
      direct += 1
      for symbols in strings {
        let groups = signature.matchedGroups(symbols)?.map { String($0) }
        #expect(groups == Self.regexGroups(signature, symbols), "\(signature.definition) \(String(symbols))")
      }
    }
    // Every built-in's signature takes the direct path.
    #expect(direct == signatures.count)
  }

  @Test(arguments: [
    (1.0, "1"), (-42.0, "-42"), (200_000.0, "200000"), (9_007_199_254_740_991.0, "9007199254740991"),
    (9_007_199_254_740_992.0, "9007199254740992"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
    (0.5, "0.5"), (-0.0, "0"),
  ])
  func numberText(_ value: Double, _ expected: String) {
    #expect(JSNumberText.string(value) == expected)
  }
}
