import JSONCore
import Yams

/// Reads YAML into a positioned `JSONDocument`, the way CloudFormation reads templates.
///
/// - Every value and key keeps its line and column (from Yams' node marks).
/// - CloudFormation short tags become their long forms: `!Ref X` → `{"Ref": "X"}`,
///   `!GetAtt A.B` → `{"Fn::GetAtt": ["A", "B"]}`, `!Sub s` → `{"Fn::Sub": s}`, `!Condition c` →
///   `{"Condition": c}`, and any other `!Name v` → `{"Fn::Name": v}`.
/// - Plain scalars resolve with the YAML 1.2 core schema (`true`, `null`, `12`, `1.5`);
///   quoted scalars stay strings.
/// - Duplicate keys, aliases to nothing, and nesting deeper than `maxDepth` are errors.
/// - Aliases may stand for at most `maxAliasExpansion` values in all: a few aliases nested in
///   each other ("9 levels × 9 aliases", 450 bytes) otherwise stand for billions of values.
struct YAMLReader {
  /// Nesting accepted before refusing (the JSON parser uses the same default).
  static let maxDepth = 512
  /// Values that aliases may expand to, summed over the document.
  static let maxAliasExpansion = 100_000

  /// The result: the document plus the pointers of plain scalars that contain `${`, whose type
  /// is decided again once substitutions fill them in (`Seconds: ${Wait}` becomes a number).
  struct Result {
    var document: JSONDocument
    var plainPlaceholderPointers: Set<JSONPointer>
    /// Duplicate template keys read as SAM CLI reads them (the last value kept), to report as
    /// warnings.
    var duplicateKeyWarnings: [(message: String, position: SourcePosition)] = []
  }

  static func read(_ text: String, file: String) throws(LoadError) -> Result {
    // A UTF-8 byte order mark (Windows editors write one) is not content; PyYAML and SAM skip it.
    var text = text
    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
    if let (depth, line) = deepestNesting(text), depth > maxDepth {
      throw LoadError(
        "nesting deeper than \(maxDepth) levels; refusing to read it", file: file,
        position: SourcePosition(line: line, column: 1))
    }
    var node: Node?
    var warnings: [(message: String, position: SourcePosition)] = []
    while true {
      do {
        node = try Yams.compose(yaml: text)
        break
      } catch YamlError.duplicatedKeysInMapping(let keys, let context) where keys.count == 1 && warnings.count < 1_000 {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let duplicate = YAMLDuplicateKeys.locate(keys[0], in: lines, fromLine: context.mark.line),
          !YAMLDuplicateKeys.isInDefinition(duplicate, lines: lines)
        else {
          throw loadError(.duplicatedKeysInMapping(duplicates: keys, context: context), file: file, text: text)
        }
        warnings.append((
          "duplicate key '\(keys[0])' (also on line \(duplicate.firstLines.lowerBound + 1)): the last value is "
            + "kept, as SAM CLI reads templates; CloudFormation may refuse it", duplicate.kept))
        text = YAMLDuplicateKeys.removingFirst(duplicate, from: lines)
      } catch let error as YamlError {
        throw loadError(error, file: file, text: text)
      } catch {
        throw LoadError("YAML error: \(error)", file: file)
      }
    }
    guard let node else {
      throw LoadError("the YAML file holds no document", file: file)
    }
    var reader = YAMLReader()
    let value = try reader.convert(node, pointer: .root, depth: 0, site: nil, file: file)
    return Result(
      document: JSONDocument(
        value: value, valuePositions: reader.valuePositions, keyPositions: reader.keyPositions),
      plainPlaceholderPointers: reader.plainPlaceholders, duplicateKeyWarnings: warnings)
  }

  var valuePositions: [JSONPointer: SourcePosition] = [:]
  var keyPositions: [JSONPointer: SourcePosition] = [:]
  var plainPlaceholders: Set<JSONPointer> = []
  /// Where each value converted so far starts. Yams resolves an alias to the anchored node
  /// itself, so a node that starts where one already did is an alias being expanded.
  private var convertedStarts: Set<SourcePosition> = []
  /// Where the alias being expanded is used (its container), while one is.
  private var aliasSite: SourcePosition?
  private var aliasExpansion = 0

  private static func position(_ mark: Mark?) -> SourcePosition? {
    mark.map { SourcePosition(line: $0.line, column: $0.column) }
  }

  /// `site` is where the container of `node` is written (the key of a mapping value).
  private mutating func convert(
    _ node: Node, pointer: JSONPointer, depth: Int, site: SourcePosition?, file: String
  ) throws(LoadError) -> JSONValue {
    if depth > YAMLReader.maxDepth {
      throw LoadError(
        "nesting deeper than \(YAMLReader.maxDepth) levels", file: file,
        position: YAMLReader.position(node.mark))
    }
    let start = YAMLReader.position(node.mark)
    var entersAlias = false
    if aliasSite == nil, let start, !convertedStarts.insert(start).inserted {
      entersAlias = true
      aliasSite = site ?? start
    }
    defer { if entersAlias { aliasSite = nil } }
    if let aliasSite {
      aliasExpansion += 1
      if aliasExpansion > YAMLReader.maxAliasExpansion {
        throw LoadError(
          "YAML aliases here expand to more than \(YAMLReader.maxAliasExpansion) values "
            + "(aliases nested in aliases); refusing to read it",
          file: file, position: aliasSite, pointer: pointer)
      }
    }
    if let pos = YAMLReader.position(node.mark) { valuePositions[pointer] = pos }
    let tag = YAMLReader.rawTag(node)
    if let intrinsic = YAMLReader.intrinsicName(forTag: tag) {
      // Re-tag the inner node as untagged and wrap it.
      let inner = try convertUntagged(
        node, pointer: pointer / intrinsic, depth: depth + 1, site: start, file: file)
      var value = inner
      if intrinsic == "Fn::GetAtt", case .string(let s) = inner, let dot = s.firstIndex(of: ".") {
        value = .array([.string(String(s[..<dot])), .string(String(s[s.index(after: dot)...]))])
      }
      if let pos = YAMLReader.position(node.mark) { keyPositions[pointer / intrinsic] = pos }
      return .object(JSONObject([(intrinsic, value)]))
    }
    return try convertUntagged(node, pointer: pointer, depth: depth, site: start, file: file)
  }

  private mutating func convertUntagged(
    _ node: Node, pointer: JSONPointer, depth: Int, site: SourcePosition?, file: String
  ) throws(LoadError) -> JSONValue {
    if let pos = YAMLReader.position(node.mark), valuePositions[pointer] == nil {
      valuePositions[pointer] = pos
    }
    switch node {
    case .scalar(let scalar):
      let tag = scalar.tag.rawValue
      if scalar.style == .plain && (tag.isEmpty || tag == "?" || YAMLReader.intrinsicName(forTag: tag) != nil) {
        if scalar.string.contains("${") { plainPlaceholders.insert(pointer) }
        return YAMLReader.resolvePlain(scalar.string)
      }
      switch tag {
      case Tag.Name.int.rawValue, Tag.Name.float.rawValue, Tag.Name.bool.rawValue, Tag.Name.null.rawValue:
        return YAMLReader.resolvePlain(scalar.string)
      default:
        return .string(scalar.string)
      }
    case .sequence(let sequence):
      var items: [JSONValue] = []
      items.reserveCapacity(sequence.count)
      for (i, element) in sequence.enumerated() {
        items.append(try convert(element, pointer: pointer / i, depth: depth + 1, site: site, file: file))
      }
      return .array(items)
    case .mapping(let mapping):
      var object = JSONObject(minimumCapacity: mapping.count)
      for (keyNode, valueNode) in mapping.map({ ($0.key, $0.value) }) {
        let key: String
        switch keyNode {
        case .scalar(let s): key = s.string
        default:
          throw LoadError(
            "mapping keys must be plain strings, found a \(keyNode.mapping != nil ? "mapping" : "sequence")",
            file: file, position: YAMLReader.position(keyNode.mark), pointer: pointer)
        }
        if key == "<<" {
          // Merge key: copy the members that are not already set.
          let merged = try convert(
            valueNode, pointer: pointer / key, depth: depth + 1,
            site: YAMLReader.position(keyNode.mark), file: file)
          let sources = merged.arrayValue ?? [merged]
          for source in sources {
            guard let o = source.objectValue else { continue }
            for (k, v) in o where object[k] == nil { object[k] = v }
          }
          continue
        }
        if object[key] != nil {
          throw LoadError(
            "duplicate key '\(key)' in this mapping; each key may appear once", file: file,
            position: YAMLReader.position(keyNode.mark), pointer: pointer / key)
        }
        let childPointer = pointer / key
        if let pos = YAMLReader.position(keyNode.mark) { keyPositions[childPointer] = pos }
        object[key] = try convert(
          valueNode, pointer: childPointer, depth: depth + 1,
          site: YAMLReader.position(keyNode.mark), file: file)
      }
      return .object(object)
    case .alias(let alias):
      throw LoadError(
        "unresolved YAML alias *\(alias.anchor.rawValue)", file: file,
        position: YAMLReader.position(alias.mark), pointer: pointer)
    }
  }

  /// The tag as written (Yams' `Node.tag` would resolve implicit tags, and does so in place).
  static func rawTag(_ node: Node) -> String {
    switch node {
    case .scalar(let s): return s.tag.rawValue
    case .mapping(let m): return m.tag.rawValue
    case .sequence(let q): return q.tag.rawValue
    case .alias(let a): return a.tag.rawValue
    }
  }

  /// The long form of a CloudFormation short tag (`!Ref` → `Ref`, `!Sub` → `Fn::Sub`), or nil.
  static func intrinsicName(forTag tag: String) -> String? {
    guard tag.hasPrefix("!"), tag.count > 1, !tag.hasPrefix("!!") else { return nil }
    let name = String(tag.dropFirst())
    guard name.first?.isLetter == true else { return nil }
    switch name {
    case "Ref": return "Ref"
    case "Condition": return "Condition"
    default: return "Fn::" + name
    }
  }

  /// YAML 1.2 core schema resolution of a plain scalar.
  static func resolvePlain(_ s: String) -> JSONValue {
    switch s {
    case "", "~", "null", "Null", "NULL": return .null
    case "true", "True", "TRUE": return .bool(true)
    case "false", "False", "FALSE": return .bool(false)
    default: break
    }
    if let number = numberText(s) { return .number(JSONNumber(text: number)) }
    return .string(s)
  }

  /// JSON number text for a YAML int or float, or nil when `s` is not one.
  static func numberText(_ s: String) -> String? {
    var u = Array(s.utf8)
    guard !u.isEmpty else { return nil }
    var negative = false
    if u[0] == UInt8(ascii: "+") || u[0] == UInt8(ascii: "-") {
      negative = u[0] == UInt8(ascii: "-")
      u.removeFirst()
    }
    guard !u.isEmpty else { return nil }
    let digit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
    if u.count > 2, u[0] == UInt8(ascii: "0"), u[1] == UInt8(ascii: "x") || u[1] == UInt8(ascii: "o") {
      let radix = u[1] == UInt8(ascii: "x") ? 16 : 8
      guard let v = Int(String(decoding: u[2...], as: UTF8.self), radix: radix) else { return nil }
      return String(negative ? -v : v)
    }
    var i = 0
    while i < u.count, digit(u[i]) { i += 1 }
    let intDigits = i
    var fraction: [UInt8] = []
    var exponent: [UInt8] = []
    if i < u.count, u[i] == UInt8(ascii: ".") {
      i += 1
      while i < u.count, digit(u[i]) { fraction.append(u[i]); i += 1 }
      if intDigits == 0 && fraction.isEmpty { return nil }
    }
    if i < u.count, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
      guard intDigits > 0 || !fraction.isEmpty else { return nil }
      exponent.append(UInt8(ascii: "e"))
      i += 1
      if i < u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
        if u[i] == UInt8(ascii: "-") { exponent.append(u[i]) }
        i += 1
      }
      let start = i
      while i < u.count, digit(u[i]) { exponent.append(u[i]); i += 1 }
      if i == start { return nil }
    }
    guard i == u.count, intDigits > 0 || !fraction.isEmpty else { return nil }
    var intPart = String(decoding: u[0..<intDigits], as: UTF8.self)
    while intPart.count > 1, intPart.hasPrefix("0") { intPart.removeFirst() }
    if intPart.isEmpty { intPart = "0" }
    var text = (negative ? "-" : "") + intPart
    let hadDot = u.contains(UInt8(ascii: "."))
    if hadDot { text += "." + (fraction.isEmpty ? "0" : String(decoding: fraction, as: UTF8.self)) }
    text += String(decoding: exponent, as: UTF8.self)
    return text
  }

  /// The deepest nesting in a YAML text (block indentation plus flow brackets) and its line,
  /// estimated without parsing so that pathological inputs are refused before Yams recurses.
  static func deepestNesting(_ text: String) -> (Int, Int)? {
    var deepest = 0
    var deepestLine = 1
    var indents: [Int] = []
    var flow = 0
    var line = 1
    for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      defer { line += 1 }
      var indent = 0
      var k = rawLine.startIndex
      // Leading spaces and sequence dashes ("- - x") both open levels.
      var dashes = 0
      while k < rawLine.endIndex {
        let b = rawLine[k]
        if b == UInt8(ascii: " ") { indent += 1 }
        else if b == UInt8(ascii: "-"), rawLine.index(after: k) < rawLine.endIndex,
          rawLine[rawLine.index(after: k)] == UInt8(ascii: " ")
        {
          dashes += 1
          indent += 1
        } else { break }
        k = rawLine.index(after: k)
      }
      if k == rawLine.endIndex || rawLine[k] == UInt8(ascii: "#") { continue }
      if flow == 0 {
        while let last = indents.last, last >= indent { indents.removeLast() }
        indents.append(indent)
      }
      var quote: UInt8 = 0
      while k < rawLine.endIndex {
        let b = rawLine[k]
        if quote != 0 {
          if b == quote { quote = 0 }
        } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
          quote = b
        } else if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
          flow += 1
        } else if b == UInt8(ascii: "]") || b == UInt8(ascii: "}") {
          flow = max(0, flow - 1)
        } else if b == UInt8(ascii: "#") {
          break
        }
        k = rawLine.index(after: k)
      }
      let depth = indents.count + dashes + flow
      if depth > deepest {
        deepest = depth
        deepestLine = line
      }
    }
    return (deepest, deepestLine)
  }

  private static func loadError(_ error: YamlError, file: String, text: String) -> LoadError {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      if problem.hasPrefix("Maximum nesting level") {
        // libyaml's own limit (1000 levels), reached where our estimate above fell short.
        return LoadError(
          "nesting deeper than \(maxDepth) levels; refusing to read it", file: file,
          position: SourcePosition(line: mark.line, column: mark.column))
      }
      var message = "YAML syntax error: \(problem)"
      if let context { message += " (\(context.text) at \(context.mark.line):\(context.mark.column))" }
      return LoadError(message, file: file, position: SourcePosition(line: mark.line, column: mark.column))
    case .reader(let problem, _, _, _):
      return LoadError("YAML cannot be read: \(problem)", file: file)
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
      // Yams marks the mapping (the first occurrence); point at the repeated key instead.
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      let repeated = duplicates.first.flatMap {
        YAMLDuplicateKeys.locate($0, in: lines, fromLine: context.mark.line, removable: false)?.kept
      }
      return LoadError(
        "duplicate key \(keys) in a mapping; each key may appear once", file: file,
        position: repeated ?? SourcePosition(line: context.mark.line, column: context.mark.column))
    default:
      return LoadError("YAML error: \(error)", file: file)
    }
  }
}
