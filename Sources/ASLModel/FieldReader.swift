import JSONCore

/// Reads typed fields out of one JSON object, reporting errors with the field's JSON pointer.
struct FieldReader {
  let object: JSONObject
  let pointer: JSONPointer

  init(_ value: JSONValue, at pointer: JSONPointer, what: String) throws(ModelDecodingError) {
    guard case .object(let object) = value else {
      throw ModelDecodingError(
        pointer: pointer, message: "expected an object for \(what), found \(value.typeName)")
    }
    self.object = object
    self.pointer = pointer
  }

  func has(_ key: String) -> Bool { object[key] != nil }

  func raw(_ key: String) -> JSONValue? { object[key] }

  func mismatch(_ key: String, _ expected: String, _ found: JSONValue) -> ModelDecodingError {
    ModelDecodingError(
      pointer: pointer / key,
      message: "expected \(expected) for '\(key)', found \(found.typeName)")
  }

  func missing(_ key: String, _ expected: String) -> ModelDecodingError {
    ModelDecodingError(pointer: pointer, message: "missing required field '\(key)' (\(expected))")
  }

  func string(_ key: String) throws(ModelDecodingError) -> String? {
    guard let value = object[key] else { return nil }
    guard case .string(let s) = value else { throw mismatch(key, "a string", value) }
    return s
  }

  func requiredString(_ key: String) throws(ModelDecodingError) -> String {
    guard let s = try string(key) else { throw missing(key, "a string") }
    return s
  }

  func bool(_ key: String) throws(ModelDecodingError) -> Bool? {
    guard let value = object[key] else { return nil }
    guard case .bool(let b) = value else { throw mismatch(key, "a boolean", value) }
    return b
  }

  func number(_ key: String) throws(ModelDecodingError) -> Double? {
    guard let value = object[key] else { return nil }
    guard case .number(let n) = value else { throw mismatch(key, "a number", value) }
    return n.doubleValue
  }

  func integer(_ key: String) throws(ModelDecodingError) -> Int? {
    guard let value = object[key] else { return nil }
    guard case .number(let n) = value, n.isIntegerLiteral || n.intValue != nil,
      let i = n.intValue
    else { throw mismatch(key, "an integer", value) }
    return i
  }

  /// `QueryLanguage`, when given.
  func queryLanguage() throws(ModelDecodingError) -> QueryLanguage? {
    guard let text = try string("QueryLanguage") else { return nil }
    guard let language = QueryLanguage(rawValue: text) else {
      throw ModelDecodingError(
        pointer: pointer / "QueryLanguage",
        message: "expected \"JSONPath\" or \"JSONata\" for 'QueryLanguage', found \"\(text)\"")
    }
    return language
  }

  /// A path field that may be absent (default), `null`, or a string.
  func pathField(_ key: String) throws(ModelDecodingError) -> PathField {
    guard let value = object[key] else { return .absent }
    switch value {
    case .null: return .null
    case .string(let s): return .path(s)
    default: throw mismatch(key, "a path string or null", value)
    }
  }

  func stringArray(_ key: String) throws(ModelDecodingError) -> [String]? {
    guard let value = object[key] else { return nil }
    guard case .array(let items) = value else { throw mismatch(key, "an array of strings", value) }
    var out: [String] = []
    out.reserveCapacity(items.count)
    for (i, item) in items.enumerated() {
      guard case .string(let s) = item else {
        throw ModelDecodingError(
          pointer: pointer / key / i, message: "expected a string, found \(item.typeName)")
      }
      out.append(s)
    }
    return out
  }

  /// Each element of array field `key` decoded by `decode` (given its pointer); nil when absent.
  func decodeEach<T>(
    _ key: String, _ decode: (JSONValue, JSONPointer) throws(ModelDecodingError) -> T
  ) throws(ModelDecodingError) -> [T]? {
    guard let items = try array(key) else { return nil }
    var out: [T] = []
    out.reserveCapacity(items.count)
    for (i, item) in items.enumerated() { out.append(try decode(item, pointer / key / i)) }
    return out
  }

  func array(_ key: String) throws(ModelDecodingError) -> [JSONValue]? {
    guard let value = object[key] else { return nil }
    guard case .array(let items) = value else { throw mismatch(key, "an array", value) }
    return items
  }
}
