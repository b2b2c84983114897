/// Serialises JSON values the way Step Functions prints them.
///
/// Compact form has no spaces (`{"a":1,"b":[true,null]}`), like the payloads AWS returns.
/// Strings escape `"`, `\` and control characters (`\n`, `\t`, ... or `\u00XX`); `/` and
/// non-ASCII characters are written as is. Numbers keep their exact text.
public enum JSONPrinter {
  /// Compact JSON text.
  public static func compact(_ value: JSONValue) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(64)
    writeCompact(value, into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Pretty JSON text with `indent` spaces per level and `": "` after keys.
  public static func pretty(_ value: JSONValue, indent: Int = 2) -> String {
    var out: [UInt8] = []
    writePretty(value, indent: indent, level: 0, into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  public static func writeCompact(_ value: JSONValue, into out: inout [UInt8]) {
    switch value {
    case .null: out.append(contentsOf: [110, 117, 108, 108])
    case .bool(let b): out.append(contentsOf: b ? Array("true".utf8) : Array("false".utf8))
    case .number(let n): out.append(contentsOf: n.text.utf8)
    case .string(let s): writeString(s, into: &out)
    case .array(let a):
      out.append(UInt8(ascii: "["))
      var first = true
      for v in a {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        writeCompact(v, into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let o):
      out.append(UInt8(ascii: "{"))
      // Members are read in place (no copy of each key and value).
      o.storage.withMembers { members in
        for i in members.indices {
          if i > 0 { out.append(UInt8(ascii: ",")) }
          writeString(members[i].key, into: &out)
          out.append(UInt8(ascii: ":"))
          writeCompact(members[i].value, into: &out)
        }
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  static func newline(_ level: Int, _ indent: Int, _ out: inout [UInt8]) {
    out.append(0x0A)
    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * indent))
  }

  public static func writePretty(_ value: JSONValue, indent: Int, level: Int, into out: inout [UInt8]) {
    switch value {
    case .array(let a) where !a.isEmpty:
      out.append(UInt8(ascii: "["))
      for (idx, v) in a.enumerated() {
        if idx > 0 { out.append(UInt8(ascii: ",")) }
        newline(level + 1, indent, &out)
        writePretty(v, indent: indent, level: level + 1, into: &out)
      }
      newline(level, indent, &out)
      out.append(UInt8(ascii: "]"))
    case .object(let o) where !o.isEmpty:
      out.append(UInt8(ascii: "{"))
      o.storage.withMembers { members in
        for i in members.indices {
          if i > 0 { out.append(UInt8(ascii: ",")) }
          newline(level + 1, indent, &out)
          writeString(members[i].key, into: &out)
          out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
          writePretty(members[i].value, indent: indent, level: level + 1, into: &out)
        }
      }
      newline(level, indent, &out)
      out.append(UInt8(ascii: "}"))
    default:
      writeCompact(value, into: &out)
    }
  }

  static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  public static func writeString(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
      case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
      case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
      case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
      case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
      case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
      case 0..<0x20:
        out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]])
      default: out.append(b)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}

extension JSONValue: CustomStringConvertible {
  /// Compact JSON text.
  public var description: String { JSONPrinter.compact(self) }
  /// Compact JSON text (same as `description`).
  public var compactString: String { JSONPrinter.compact(self) }
  /// Pretty-printed JSON text with two-space indentation.
  public var prettyString: String { JSONPrinter.pretty(self) }
}
