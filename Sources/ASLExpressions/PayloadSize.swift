import JSONCore

/// Cheap checks of AWS's payload quota (UTF-8 size of the compact JSON text), without
/// serialising: a value built from shared parts (`[$a, $a]` nested forty times) is measured
/// only up to the limit.
public enum PayloadSize {
  /// True when `value` serialises to more than `limit` bytes. Walks the value once with an
  /// upper bound (every string byte may need escaping) and, only when that bound is above the
  /// limit, once more with exact sizes; both walks stop as soon as they pass the limit.
  public static func exceeds(_ value: JSONValue, limit: Int) -> Bool {
    var bound = 0
    if measure(value, &bound, limit: limit, exact: false) { return false }
    var size = 0
    return !measure(value, &size, limit: limit, exact: true)
  }

  /// Adds the size of `value` (an upper bound unless `exact`) to `total`; false as soon as it
  /// passes `limit`.
  private static func measure(_ value: JSONValue, _ total: inout Int, limit: Int, exact: Bool)
    -> Bool
  {
    switch value {
    case .null: total += 4
    case .bool(let b): total += b ? 4 : 5
    case .number(let n): total += n.text.utf8.count
    case .string(let s): total += stringSize(s, exact: exact)
    case .array(let a):
      total += 1 + max(1, a.count)  // brackets and commas
      let fits = a.withUnsafeBufferPointer { items in
        for i in items.indices where !measure(items[i], &total, limit: limit, exact: exact) {
          return false
        }
        return true
      }
      if !fits { return false }
    case .object(let o):
      total += 1 + max(1, 2 * o.count)  // braces, colons and commas
      // Members are read in place: walking a payload on every state exit must not copy it.
      let fits = o.storage.withMembers { members in
        for i in members.indices {
          total += stringSize(members[i].key, exact: exact)
          if !measure(members[i].value, &total, limit: limit, exact: exact) { return false }
        }
        return true
      }
      if !fits { return false }
    }
    return total <= limit
  }

  /// The quoted size of `s` as JSONPrinter writes it, or an upper bound (6 bytes a byte).
  private static func stringSize(_ s: String, exact: Bool) -> Int {
    guard exact else { return s.utf8.count * 6 + 2 }
    var size = 2
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0A, 0x0D, 0x09, 0x08, 0x0C: size += 2
      case 0..<0x20: size += 6
      default: size += 1
      }
    }
    return size
  }
}
