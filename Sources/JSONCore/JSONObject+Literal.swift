extension JSONObject: ExpressibleByDictionaryLiteral {
  /// `["a": 1, "b": "x"]` keeps the written order.
  public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}
