import DebuggerCore
import JSONCore

/// The recorded task results as a Step Functions Local MockConfigFile test case: each Task state
/// returns (or throws) what it did on AWS, attempt by attempt, so a local re-run takes the
/// recorded path.
public enum RecordedMocks {
  public static let testCase = "RecordedExecution"

  /// One test case per machine; responses named `MACHINE.STATE`. A machine several recorded
  /// executions ran gets the results of the first of them (mock attempts count per execution).
  public static func mockConfig(for set: RecordedSet) -> MockConfig {
    mockConfig(set.executions.map { ($0.machineName, $0.taskResults) })
  }

  /// The test case from each machine's results, in order (a machine's first list wins).
  public static func mockConfig(_ machines: [(machine: String, results: [RecordedTaskResult])]) -> MockConfig {
    var config = MockConfig()
    var done: Set<String> = []
    for (machine, results) in machines where !done.contains(machine) {
      done.insert(machine)
      var byState: [String: [MockAttempt]] = [:]
      var order: [String] = []
      for result in results {
        if byState[result.state] == nil { order.append(result.state) }
        let attempt = byState[result.state]?.count ?? 0
        let response: MockResponse
        switch result.outcome {
        case .succeeded(let output): response = .return(output)
        case .failed(let error, let cause): response = .throw(error: error, cause: cause)
        }
        byState[result.state, default: []].append(MockAttempt(attempts: attempt...attempt, response: response))
      }
      guard !order.isEmpty else { continue }
      var states: [String: String] = [:]
      for state in order {
        let name = "\(machine).\(state)"
        states[state] = name
        config.mockedResponses[name] = byState[state]
        config.responseOrder.append(name)
      }
      config.stateMachines[machine] = [testCase: states]
      config.machineOrder.append(machine)
    }
    return config
  }
}
