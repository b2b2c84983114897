/// Matching the supplied argument symbols against a signature without a regular expression.
/// Every call of a built-in is checked against its signature; an NSRegularExpression match
/// (with its String/NSString bridging) cost about 2 µs a call, most of a call like
/// `[1..2e5].$string()`. A signature's regex is `^(p1)(p2)…$` with each `p` one symbol class and
/// at most one greedy `?` or `+`: a backtracking walk in the same preference order finds the
/// same groups. A pattern outside that shape keeps the regular expression.
extension JSONataSignature {
  struct SymbolPattern: Sendable {
    enum Quantifier: Sendable { case one, optional, oneOrMore }
    let symbols: [Character]
    let quantifier: Quantifier

    /// `f`, `[sm]`, `[asnblfom]?`, `[nm]+`…; nil for any other shape.
    init?(_ regex: String) {
      var text = Substring(regex)
      switch text.last {
      case "?":
        quantifier = .optional
        text = text.dropLast()
      case "+":
        quantifier = .oneOrMore
        text = text.dropLast()
      default:
        quantifier = .one
      }
      if text.first == "[", text.last == "]" { text = text.dropFirst().dropLast() }
      guard !text.isEmpty, text.allSatisfy({ $0.isLetter && $0.isASCII && $0.isLowercase }) else {
        return nil
      }
      // A single symbol needs no brackets only when it is the whole class.
      if regex.first != "[", text.count != 1 { return nil }
      symbols = Array(text)
    }
  }

  /// The patterns of `parameters`, or nil when one needs the regular expression.
  static func symbolPatterns(_ parameters: [Parameter]) -> [SymbolPattern]? {
    var patterns: [SymbolPattern] = []
    for parameter in parameters {
      guard let pattern = SymbolPattern(parameter.regex) else { return nil }
      patterns.append(pattern)
    }
    return patterns
  }

  /// How many symbols of `supplied` each pattern's group takes in the match of
  /// `^(p1)(p2)…$` (greedy, backtracking as a regex engine does); nil when nothing matches.
  static func groupLengths(_ patterns: [SymbolPattern], _ supplied: [Character]) -> [Int]? {
    var lengths = [Int](repeating: 0, count: patterns.count)
    func match(_ index: Int, _ position: Int) -> Bool {
      guard index < patterns.count else { return position == supplied.count }
      let pattern = patterns[index]
      var run = 0
      let most = pattern.quantifier == .oneOrMore ? supplied.count - position : 1
      while run < most, position + run < supplied.count,
        pattern.symbols.contains(supplied[position + run])
      {
        run += 1
      }
      let fewest = pattern.quantifier == .optional ? 0 : 1
      var take = run
      while take >= fewest {
        lengths[index] = take
        if match(index + 1, position + take) { return true }
        take -= 1
      }
      return false
    }
    return match(0, 0) ? lengths : nil
  }
}
