/// The `QueryLanguage` of a machine or state.
public enum QueryLanguage: String, Sendable, Hashable {
  case jsonPath = "JSONPath"
  case jsonata = "JSONata"
}
