import DebuggerCore
import TerminalUI

/// `O`: what the local Lambda functions of the selected (or current) state printed, one
/// invocation after another, in a scrollable box (the value viewer); the state has none: every
/// invocation of the focused execution.
extension AppState {
  mutating func openFunctionLogs() -> [AppEffect] {
    let logs = view.functionLogs
    guard !logs.isEmpty else {
      message = AppMessage("no function has run in this execution (template functions run at their Task)", isError: true)
      return []
    }
    if let state = targetState ?? view.stateIO.stateName, let lines = logs[state] {
      mode = .viewer(ValueViewer(title: "Function logs · \(state)", text: lines.joined(separator: "\n")))
    } else {
      let all = logs.keys.sorted().flatMap { logs[$0]! }
      mode = .viewer(ValueViewer(title: "Function logs · \(view.focusSummary)", text: all.joined(separator: "\n")))
    }
    return []
  }
}

extension SessionView {
  /// The view keeps at most this many lines per state (the newest).
  static let maxFunctionLogLines = 5_000

  static func functionLogLines(_ session: Session) -> [String: [String]] {
    var out: [String: [String]] = [:]
    for log in session.functionLogs where log.executionID == session.focus {
      out[log.stateName, default: []].append("── function \(log.functionName) (\(log.result))")
      out[log.stateName]! += log.lines().map(LogText.safe)
    }
    for (state, lines) in out where lines.count > maxFunctionLogLines {
      out[state] = Array(lines.suffix(maxFunctionLogLines))
    }
    return out
  }
}
