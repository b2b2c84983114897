/// A recorded text in which a snapshot recorder replaced run-specific values with placeholders,
/// as LocalStack's recordings of AWS do (and so the public conformance histories):
/// `arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>`,
/// `<uuid:1>`, `… in the input '<json-input:1>'`. Each `<name>` placeholder, and each 12-digit
/// account id in a text that has one, stands for at least one character of any text; the rest
/// must be equal. A text with no placeholder is not masked (nil), so real recordings compare
/// exactly.
struct MaskedText {
  /// The literal parts around the placeholders (one more than the placeholders).
  let literals: [Substring]

  init?(_ recorded: String) {
    guard recorded.contains("<") else { return nil }
    var literals: [Substring] = []
    var start = recorded.startIndex
    var i = recorded.startIndex
    var sawPlaceholder = false
    while i < recorded.endIndex {
      if let end = Self.placeholderEnd(in: recorded, at: i) {
        literals.append(recorded[start..<i])
        sawPlaceholder = true
        (start, i) = (end, end)
      } else if let end = Self.accountIDEnd(in: recorded, at: i) {
        literals.append(recorded[start..<i])
        (start, i) = (end, end)
      } else {
        i = recorded.index(after: i)
      }
    }
    guard sawPlaceholder else { return nil }
    literals.append(recorded[start...])
    self.literals = literals
  }

  /// `<` letter, then letters, digits, `_ : . -`, then `>`: the end after `>`.
  static func placeholderEnd(in text: String, at i: String.Index) -> String.Index? {
    guard text[i] == "<" else { return nil }
    var j = text.index(after: i)
    guard j < text.endIndex, text[j].isASCII, text[j].isLetter else { return nil }
    while j < text.endIndex {
      let c = text[j]
      if c == ">" { return text.index(after: j) }
      guard c.isASCII, c.isLetter || c.isNumber || "_:.-".contains(c) else { return nil }
      j = text.index(after: j)
    }
    return nil
  }

  /// Exactly 12 digits not inside a longer number (an account id): the end after them.
  static func accountIDEnd(in text: String, at i: String.Index) -> String.Index? {
    if i > text.startIndex, text[text.index(before: i)].isASCII, text[text.index(before: i)].isNumber { return nil }
    var j = i
    var count = 0
    while j < text.endIndex, text[j].isASCII, text[j].isNumber, count <= 12 {
      count += 1
      j = text.index(after: j)
    }
    return count == 12 ? j : nil
  }

  /// Whether `local` is the recorded text with each masked place filled by one or more
  /// characters (leftmost matching is exact for this kind of pattern).
  func matches(_ local: String) -> Bool {
    guard let first = literals.first, let last = literals.last, local.hasPrefix(first) else { return false }
    var position = local.index(local.startIndex, offsetBy: first.count)
    for literal in literals.dropFirst().dropLast() {
      guard position < local.endIndex else { return false }
      let from = local.index(after: position)  // a placeholder stands for at least one character
      guard let found = local[from...].range(of: literal) else { return false }
      position = found.upperBound
    }
    guard local.distance(from: position, to: local.endIndex) >= last.count + 1 else { return false }
    return local.hasSuffix(last)
  }
}
