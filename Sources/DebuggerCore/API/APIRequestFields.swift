import JSONCore

/// The members of a request body, read the way AWS's awsJson1_0 front end reads them: a missing
/// required member is a `ValidationException`, a member of the wrong type a
/// `SerializationException`.
struct APIRequestFields {
  let body: JSONObject

  init(_ body: JSONValue) throws(APIError) {
    switch body {
    case .object(let o): self.body = o
    case .null: self.body = JSONObject()
    default: throw APIError("SerializationException", "the request body must be a JSON object")
    }
  }

  /// Builds a request body from members (for the SDK integration and tests).
  init(object: JSONObject) { body = object }

  func string(_ name: String) throws(APIError) -> String {
    guard let s = try optionalString(name) else { throw .missing(name) }
    return s
  }

  func optionalString(_ name: String) throws(APIError) -> String? {
    switch body[name] {
    case nil, .null?: return nil
    case .string(let s)?: return s
    default: throw .serialization(name, expected: "a string")
    }
  }

  func optionalInt(_ name: String) throws(APIError) -> Int? {
    switch body[name] {
    case nil, .null?: return nil
    case .number(let n)?:
      guard let i = n.intValue else { throw .serialization(name, expected: "an integer") }
      return i
    default: throw .serialization(name, expected: "a number")
    }
  }

  func optionalBool(_ name: String) throws(APIError) -> Bool? {
    switch body[name] {
    case nil, .null?: return nil
    case .bool(let b)?: return b
    default: throw .serialization(name, expected: "a boolean")
    }
  }

  /// `maxResults`: 0 (the default) means the service's page size; AWS allows 0…1000.
  func pageSize(default size: Int = 100) throws(APIError) -> Int {
    let n = try optionalInt("maxResults") ?? 0
    guard (0...1000).contains(n) else {
      throw .validation("maxResults", String(n), "Member must have value less than or equal to 1000")
    }
    return n == 0 ? size : n
  }

  /// A JSON text member (`input`, `output`, `definition`) parsed; `error` names AWS's exception
  /// for text that is not JSON.
  func json(_ name: String, invalid code: String, _ what: String) throws(APIError) -> JSONValue? {
    guard let text = try optionalString(name) else { return nil }
    do {
      return try JSONParser.parse(text, options: .init(rejectDuplicateKeys: false))
    } catch {
      throw APIError(code, "\(what): \(error.description)")
    }
  }
}
