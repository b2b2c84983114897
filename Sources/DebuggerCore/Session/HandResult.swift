import JSONCore

/// A result a person gave by hand, remembered for `save-mocks`.
public struct HandResult: Sendable, Equatable {
  public var machineName: String
  public var stateName: String
  public var response: MockResponse
}
