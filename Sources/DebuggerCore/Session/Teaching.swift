import ASLInterpreter
import ASLRuntime
import JSONCore

/// One-sentence explanations of the nesting patterns, shown when they happen.
public enum Teaching {
  static func childStarted(parent: RuntimeExecution, child: RuntimeExecution, pattern: IntegrationPattern) -> String {
    switch pattern {
    case .requestResponse:
      return "call-and-continue: \(parent.label) started \(child.label) and moves on at once; it receives only {ExecutionArn, StartDate}."
    case .sync:
      return ".sync: \(parent.label) started \(child.label) and waits for it to end; it will receive DescribeExecution with Output as a JSON string."
    case .sync2:
      return ".sync:2: \(parent.label) started \(child.label) and waits for it to end; it will receive DescribeExecution with Output as parsed JSON."
    case .waitForTaskToken:
      return ".waitForTaskToken: \(parent.label) started \(child.label) with a task token and waits until someone sends SendTaskSuccess/Failure for it."
    }
  }

  static func tokenCreated(execution: RuntimeExecution, request: TaskRequest) -> String {
    ".waitForTaskToken: '\(request.stateName)' in \(execution.label) waits for its token; send success (S) or failure (F) — the result you send becomes the state's result."
  }

  static func tokenResolved(execution: RuntimeExecution, item: PendingItem, response: MockResponse) -> String {
    switch response {
    case .return:
      return "token returned: '\(item.stateName)' in \(execution.label) resumes with the output you sent as its result."
    case .throw(let e, _):
      return "token failed: '\(item.stateName)' in \(execution.label) fails with \(e.isEmpty ? "no error name" : e); its Retry/Catch decide what happens next."
    }
  }

  /// What an execution link means for the parent, for the executions pane.
  public static func linkSummary(_ link: ExecutionLink) -> String {
    if let call = link.apiCall {
      return call.hasSuffix("startSyncExecution") ? "\(call) → {Status, Output, …} when it ends" : "\(call) → {ExecutionArn, StartDate}"
    }
    switch link.pattern {
    case .requestResponse: return "call-and-continue → {ExecutionArn, StartDate}"
    case .sync: return ".sync → Output as a JSON string"
    case .sync2: return ".sync:2 → Output as JSON"
    case .waitForTaskToken: return ".waitForTaskToken → the token's output"
    }
  }
}
