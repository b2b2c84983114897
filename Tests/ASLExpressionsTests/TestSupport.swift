import JSONCore

/// Parses JSON text in tests (crashes on invalid literals, which are test bugs).
func json(_ text: String) -> JSONValue {
  do {
    return try JSONParser.parse(text)
  } catch {
    fatalError("bad test JSON \(text): \(error)")
  }
}
