import JSONCore

/// List operations' paging (`maxResults`, `nextToken`): a page of items and the token of the
/// next one. The token is opaque to clients; a token this session did not give is AWS's
/// `InvalidToken`.
enum APIPage {
  static func list(_ items: [JSONValue], key: String, _ f: APIRequestFields) throws(APIError) -> JSONValue {
    let size = try f.pageSize()
    var start = 0
    if let token = try f.optionalString("nextToken") {
      guard token.hasPrefix(prefix), let n = Int(token.dropFirst(prefix.count)), n >= 0, n <= items.count else {
        throw APIError("InvalidToken", "Invalid Token: 'Invalid token'")
      }
      start = n
    }
    let end = min(items.count, start + size)
    var o = JSONObject()
    o[key] = .array(Array(items[start..<end]))
    if end < items.count { o["nextToken"] = .string(prefix + String(end)) }
    return .object(o)
  }

  static let prefix = "sfdbg-page-"
}
