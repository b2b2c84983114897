import DebuggerCore
import JSONCore

/// The recorded task results as a Step Functions Local MockConfigFile test case: each Task state
/// returns (or throws) what it did on AWS, attempt by attempt, so a local re-run takes the
/// recorded path.
public enum RecordedMocks {
  public static let testCase = "RecordedExecution"

  /// One test case per machine; responses named `MACHINE.STATE`. A machine several recorded
  /// executions ran gets the results of the first of them that has any (mock attempts count per
  /// execution). Left out: `states:startExecution` tasks whose child history is in the set (the
  /// child runs locally on its own recorded results), and, unless `tokens`, `.waitForTaskToken`
  /// tasks (the local run answers their tokens, as someone did on AWS, see `tokenAnswers`).
  public static func mockConfig(for set: RecordedSet, tokens: Bool = true) -> MockConfig {
    mockConfig(set.executions.map { ($0.machineName, mocked($0.taskResults, in: set, tokens: tokens)) })
  }

  /// The results a mock answers (see `mockConfig(for:tokens:)`).
  static func mocked(_ results: [RecordedTaskResult], in set: RecordedSet, tokens: Bool) -> [RecordedTaskResult] {
    let replayedChildren = Set(set.executions.compactMap(\.executionArn))
    return results.filter { result in
      if result.isTokenTask { return tokens }
      guard result.resource.hasPrefix("states:startExecution") else { return true }
      guard case .succeeded(let output) = result.outcome, let arn = output.objectValue?["ExecutionArn"]?.stringValue
      else { return true }
      return !replayedChildren.contains(arn)
    }
  }

  /// The recorded results of `.waitForTaskToken` tasks by machine and state, in order: what the
  /// local run sends back (SendTaskSuccess / SendTaskFailure) when such a task waits.
  public static func tokenAnswers(for set: RecordedSet) -> [String: [RecordedTaskResult]] {
    var answers: [String: [RecordedTaskResult]] = [:]
    for execution in set.executions {
      for result in execution.taskResults where result.isTokenTask {
        answers["\(execution.machineName)/\(result.state)", default: []].append(result)
      }
    }
    return answers
  }

  /// The test case from each machine's results, in order (a machine's first list wins).
  public static func mockConfig(_ machines: [(machine: String, results: [RecordedTaskResult])]) -> MockConfig {
    var config = MockConfig()
    var done: Set<String> = []
    for (machine, results) in machines where !done.contains(machine) && !results.isEmpty {
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
