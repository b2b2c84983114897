import JSONCore

/// Duplicate keys in a template's block mappings outside a state machine definition. Templates
/// that deploy have them (SAM CLI's YAML reader keeps the last value), so sfdbg keeps the last
/// value too and warns; inside a definition (or in a plain definition file) a duplicate stays an
/// error, as Step Functions refuses it.
///
/// Yams refuses every duplicate, so the earlier occurrence (its key line and the lines of its
/// value) is blanked out of the text, keeping line numbers, and the text is read again.
enum YAMLDuplicateKeys {
  struct Duplicate {
    /// Zero-based lines of the first occurrence and its value: [start, end).
    var firstLines: Range<Int>
    /// Where the later occurrence (the one kept) is written.
    var kept: SourcePosition
    /// The keys of the mappings around it, outermost first.
    var ancestry: [String]
  }

  /// The block-style duplicate `key` of the mapping that starts near `fromLine` (1-based), or
  /// nil when it is not a block key (flow style, ...) or, when it must be `removable`, a
  /// sequence item's first key.
  static func locate(_ key: String, in lines: [Substring], fromLine: Int, removable: Bool = true) -> Duplicate? {
    var first: (line: Int, column: Int)?
    for index in max(0, fromLine - 1)..<lines.count {
      guard let (lead, column, name) = keyLine(lines[index]) else {
        if let first, let lead = contentLead(lines[index]), lead < first.column { return nil }
        continue
      }
      if let found = first {
        if lead < found.column { return nil }  // left the mapping
        if column == found.column, name == key {
          return Duplicate(
            firstLines: found.line..<blockEnd(after: found.line, column: found.column, in: lines),
            kept: SourcePosition(line: index + 1, column: column + 1),
            ancestry: ancestry(of: found.line, column: found.column, in: lines))
        }
      } else if name == key {
        // A key that opens a sequence item cannot be blanked without changing the sequence.
        guard lead == column || !removable else { return nil }
        first = (index, column)
      }
    }
    return nil
  }

  /// Whether the key sits in a state machine definition (or the file is not a template).
  static func isInDefinition(_ duplicate: Duplicate, lines: [Substring]) -> Bool {
    let isTemplate = lines.contains { $0.hasPrefix("Resources:") }
    return !isTemplate || duplicate.ancestry.contains("Definition") || duplicate.ancestry.contains("DefinitionString")
  }

  /// The text with the first occurrence blanked (same number of lines).
  static func removingFirst(_ duplicate: Duplicate, from lines: [Substring]) -> String {
    var lines = lines
    for index in duplicate.firstLines { lines[index] = "" }
    return lines.joined(separator: "\n")
  }

  /// (spaces before content, column of the key, key) for a `key:` line; `- key:` counts its dash
  /// as indentation for the key.
  private static func keyLine(_ line: Substring) -> (lead: Int, column: Int, name: String)? {
    guard let lead = contentLead(line) else { return nil }
    var rest = line.dropFirst(lead)
    var column = lead
    while rest.hasPrefix("- ") {
      rest = rest.dropFirst(2)
      column += 2
      while rest.first == " " {
        rest = rest.dropFirst()
        column += 1
      }
    }
    for quote in ["\"", "'"] where rest.hasPrefix(quote) {
      let body = rest.dropFirst()
      guard let close = body.firstIndex(of: Character(quote)), body[body.index(after: close)...].hasPrefix(":") else {
        return nil
      }
      return (lead, column, String(body[..<close]))
    }
    guard let colon = rest.firstIndex(of: ":") else { return nil }
    let after = rest[rest.index(after: colon)...]
    guard after.isEmpty || after.first == " " else { return nil }
    let name = rest[..<colon]
    guard !name.isEmpty, !name.contains(where: { "{}[],#&*!|>'\"%@`".contains($0) }) else { return nil }
    return (lead, column, String(name))
  }

  /// Spaces before the first character, nil for blank and comment lines.
  private static func contentLead(_ line: Substring) -> Int? {
    let lead = line.prefix { $0 == " " }.count
    let rest = line.dropFirst(lead)
    return rest.isEmpty || rest.hasPrefix("#") ? nil : lead
  }

  private static func blockEnd(after line: Int, column: Int, in lines: [Substring]) -> Int {
    var index = line + 1
    while index < lines.count {
      if let lead = contentLead(lines[index]), lead <= column { break }
      index += 1
    }
    return index
  }

  private static func ancestry(of line: Int, column: Int, in lines: [Substring]) -> [String] {
    var path: [String] = []
    var limit = column
    var index = line - 1
    while index >= 0, limit > 0 {
      if let (_, keyColumn, name) = keyLine(lines[index]), keyColumn < limit {
        path.append(name)
        limit = keyColumn
      }
      index -= 1
    }
    return path.reversed()
  }
}
