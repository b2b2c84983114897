import JSONCore

/// Cheap checks of AWS's payload quota (UTF-8 size of the compact JSON text).
enum PayloadSize {
  /// True when `value` serialises to more than `limit` bytes. Walks the value once with an
  /// upper bound (every string byte may need escaping) and serialises only when the bound is
  /// above the limit.
  static func exceeds(_ value: JSONValue, limit: Int) -> Bool {
    var bound = 0
    guard upperBound(value, &bound, limit: limit) else {
      return value.compactString.utf8.count > limit
    }
    return false
  }

  /// Adds an upper bound of the size to `total`; false as soon as it passes `limit`.
  private static func upperBound(_ value: JSONValue, _ total: inout Int, limit: Int) -> Bool {
    switch value {
    case .null, .bool: total += 5
    case .number(let n): total += n.text.utf8.count
    case .string(let s): total += s.utf8.count * 6 + 2
    case .array(let a):
      total += 2 + a.count
      let fits = a.withUnsafeBufferPointer { items in
        for i in items.indices where !upperBound(items[i], &total, limit: limit) { return false }
        return true
      }
      if !fits { return false }
    case .object(let o):
      total += 2 + o.count * 2
      // Members are read in place: walking a payload on every state exit must not copy it.
      let fits = o.storage.withMembers { members in
        for i in members.indices {
          total += members[i].key.utf8.count * 6 + 2
          if !upperBound(members[i].value, &total, limit: limit) { return false }
        }
        return true
      }
      if !fits { return false }
    }
    return total <= limit
  }
}
