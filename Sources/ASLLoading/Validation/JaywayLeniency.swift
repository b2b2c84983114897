/// Path spellings that AWS (through Jayway JsonPath) accepts although they are not strict
/// JSONPath, rewritten into the strict form so the validator does not reject deployed machines:
///
/// - `$.[0]`, `$.[*]`, `$.['a']`: a dot before a bracket (`$[0]`);
/// - `[?(@.Code==es)]`: an unquoted word compared in a filter (`[?(@.Code=='es')]`);
/// - `[(@.length-1)]`: Jayway's script index for the last elements (`[-1]`).
enum JaywayLeniency {
  /// The strict spelling, or nil when there is nothing to rewrite.
  static func normalize(_ text: String) -> String? {
    let s = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    var quote: Unicode.Scalar? = nil
    var filterDepth = 0
    var changed = false
    func isWordStart(_ c: Unicode.Scalar) -> Bool { c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
    func isWord(_ c: Unicode.Scalar) -> Bool { isWordStart(c) || ("0"..."9").contains(c) || c == "-" }
    while i < s.count {
      let c = s[i]
      if let q = quote {
        out.append(c)
        if c == "\\", i + 1 < s.count { out.append(s[i + 1]); i += 2; continue }
        if c == q { quote = nil }
        i += 1
        continue
      }
      if c == "'" || c == "\"" { quote = c; out.append(c); i += 1; continue }
      if c == ".", i + 1 < s.count, s[i + 1] == "[", i > 0, s[i - 1] != "." {
        changed = true
        i += 1
        continue
      }
      if c == "[", i + 1 < s.count, s[i + 1] == "(" {
        // `[(@.length-N)]` → `[-N]`.
        let rest = String(String.UnicodeScalarView(s[i...]))
        if rest.hasPrefix("[(@.length-"), let close = rest.firstIndex(of: ")") {
          let digits = rest[rest.index(rest.startIndex, offsetBy: 11)..<close]
          if !digits.isEmpty, digits.allSatisfy(\.isNumber) {
            out.append(contentsOf: "[-\(digits)".unicodeScalars)
            i += 11 + digits.unicodeScalars.count + 1
            changed = true
            continue
          }
        }
      }
      if c == "?", i + 1 < s.count, s[i + 1] == "(" { filterDepth += 1 }
      if filterDepth > 0, c == "=" || c == "<" || c == ">" {
        out.append(c)
        i += 1
        if i < s.count, s[i] == "=" { out.append(s[i]); i += 1 }
        while i < s.count, s[i] == " " { out.append(s[i]); i += 1 }
        if i < s.count, isWordStart(s[i]) {
          var j = i
          while j < s.count, isWord(s[j]) { j += 1 }
          let word = String(String.UnicodeScalarView(s[i..<j]))
          if !["true", "false", "null"].contains(word) {
            out.append(contentsOf: "'\(word)'".unicodeScalars)
            changed = true
          } else {
            out.append(contentsOf: word.unicodeScalars)
          }
          i = j
        }
        continue
      }
      if c == ")" && filterDepth > 0 { filterDepth -= 1 }
      out.append(c)
      i += 1
    }
    return changed ? String(out) : nil
  }
}
