import JSONCore

extension Session {
  /// The test case name `save-mocks` writes.
  public static let recordedTestCase = "RecordedSession"

  /// The session so far as a script of the command language (`sfdbg run --script` replays it).
  public var script: String {
    var lines = ["# sfdbg session script: replay with `sfdbg run FILE --script THIS_FILE`"]
    lines.append(contentsOf: log.map(\.description))
    return lines.joined(separator: "\n") + "\n"
  }

  /// The results given by hand as a MockConfigFile test case (AWS Step Functions Local format).
  public var mockFile: JSONValue {
    var config = MockConfig()
    var attemptsByResponse: [String: [MockResponse]] = [:]
    for r in handResults {
      let responseName = "\(r.machineName).\(r.stateName)"
      if config.stateMachines[r.machineName] == nil {
        config.stateMachines[r.machineName] = [:]
        config.machineOrder.append(r.machineName)
      }
      config.stateMachines[r.machineName]![Self.recordedTestCase, default: [:]][r.stateName] = responseName
      if attemptsByResponse[responseName] == nil { config.responseOrder.append(responseName) }
      attemptsByResponse[responseName, default: []].append(r.response)
    }
    for (name, responses) in attemptsByResponse {
      config.mockedResponses[name] = responses.enumerated().map { MockAttempt(attempts: $0.offset...$0.offset, response: $0.element) }
    }
    return config.json
  }
}
