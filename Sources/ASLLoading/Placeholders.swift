import JSONCore

/// `${Name}` placeholders in definition text, as SAM `DefinitionSubstitutions`, CloudFormation
/// `Fn::Sub` and Terraform templates write them.
enum Placeholders {
  /// The names of the `${...}` placeholders in `text`, in order (with repeats).
  static func names(in text: String) -> [String] {
    var result: [String] = []
    var rest = Substring(text)
    while let start = rest.range(of: "${") {
      guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
      result.append(String(rest[start.upperBound..<end]))
      rest = rest[rest.index(after: end)...]
    }
    return result
  }

  /// Replaces every `${Name}` whose name has a value; others are kept as they are.
  static func substitute(_ text: String, _ values: [String: String]) -> String {
    replacing(in: text) { values[$0] }
  }

  /// `text` with each `${Name}` replaced by `replacement(Name)`, or kept as written when that is
  /// nil (an unclosed `${` ends the scan).
  static func replacing(in text: String, _ replacement: (String) -> String?) -> String {
    guard text.contains("${") else { return text }
    var out = ""
    var rest = Substring(text)
    while let start = rest.range(of: "${") {
      guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
      out += rest[..<start.lowerBound]
      out += replacement(String(rest[start.upperBound..<end])) ?? String(rest[start.lowerBound...end])
      rest = rest[rest.index(after: end)...]
    }
    out += rest
    return out
  }

  /// Substitutes in every string and key of `value`. Strings at `plainPointers` (YAML plain
  /// scalars) are typed again after substitution, so `Seconds: ${Wait}` with `Wait=5` is a number.
  static func substitute(
    _ value: JSONValue, _ values: [String: String], plainPointers: Set<JSONPointer> = [],
    pointer: JSONPointer = .root
  ) -> JSONValue {
    switch value {
    case .string(let s):
      guard s.contains("${") else { return value }
      let replaced = substitute(s, values)
      if plainPointers.contains(pointer), replaced != s { return YAMLReader.resolvePlain(replaced) }
      return .string(replaced)
    case .array(let items):
      return .array(items.enumerated().map { substitute($1, values, plainPointers: plainPointers, pointer: pointer / $0) })
    case .object(let object):
      var out = JSONObject(minimumCapacity: object.count)
      for (k, v) in object {
        let key = k.contains("${") ? substitute(k, values) : k
        out[key] = substitute(v, values, plainPointers: plainPointers, pointer: pointer / k)
      }
      return .object(out)
    default:
      return value
    }
  }

  /// Every placeholder name still present in the strings and keys of `value`, first-seen order.
  static func unresolved(in value: JSONValue) -> [String] {
    var seen: Set<String> = []
    var order: [String] = []
    func visit(_ v: JSONValue) {
      switch v {
      case .string(let s) where s.contains("${"):
        for n in names(in: s) where seen.insert(n).inserted { order.append(n) }
      case .array(let a): a.forEach(visit)
      case .object(let o):
        for (k, w) in o {
          if k.contains("${") { for n in names(in: k) where seen.insert(n).inserted { order.append(n) } }
          visit(w)
        }
      default: break
      }
    }
    visit(value)
    return order
  }

  /// Fills placeholders that sit outside JSON strings (e.g. `"TimeoutSeconds": ${Timeout}`)
  /// before parsing. A value that is a JSON literal goes in as is; anything else as a JSON string.
  /// An unknown name is an error at its position, since the text cannot be parsed without it.
  static func fillOutsideStrings(
    _ bytes: [UInt8], _ values: [String: String], file: String, source: SourceFile
  ) throws(LoadError) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var inString = false
    var i = 0
    let n = bytes.count
    var changed = false
    while i < n {
      let b = bytes[i]
      if inString {
        out.append(b)
        if b == UInt8(ascii: "\\"), i + 1 < n {
          out.append(bytes[i + 1])
          i += 2
          continue
        }
        if b == UInt8(ascii: "\"") { inString = false }
        i += 1
        continue
      }
      if b == UInt8(ascii: "\"") {
        inString = true
        out.append(b)
        i += 1
        continue
      }
      if b == UInt8(ascii: "$"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "{"),
        let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: "}"))
      {
        let name = String(decoding: bytes[(i + 2)..<close], as: UTF8.self)
        guard let value = values[name] else {
          throw LoadError(
            "unresolved placeholder ${\(name)} where a JSON value (e.g. a number) is expected; "
              + "give it a value with --sub \(name)=VALUE", file: file,
            position: source.position(ofOffset: i))
        }
        if (try? JSONParser.parse(value)).map({ v in v.objectValue == nil && v.arrayValue == nil }) == true {
          out.append(contentsOf: Array(value.utf8))
        } else {
          out.append(contentsOf: Array(JSONValue.string(value).compactString.utf8))
        }
        changed = true
        i = close + 1
        continue
      }
      out.append(b)
      i += 1
    }
    return changed ? out : bytes
  }
}
