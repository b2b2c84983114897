import ASLModel
import ASLRuntime
import DebuggerCore
import Foundation
import JSONCore

/// Time travel on a long session: loop-1000 with `{"n": 3000}`, N single `step` commands (an undo
/// point each), then N `back` commands. Targets (issue 13): 10,000 steps peak under 150 MB, the
/// last 1,000 steps no slower than the first 1,000 × 1.5, and the backs return exactly to the start.
///
/// Each size runs in a fresh child process (`sfdbg-bench --single timetravel-N DIR`) so that its
/// peak memory is its own.
enum TimeTravelBench {
  /// `timetravel-STEPS[-nN]`: the issue's input is `{"n": 3000}` (about 6,000 transitions, so
  /// the last steps of 10,000 find the run ended); `-n10000` keeps every step working.
  static let cases = ["1000", "5000", "10000", "10000-n10000"]
  static let prefix = "timetravel-"

  static let group = BenchGroup(name: "timetravel") { shared, report in
    guard let dir = shared.workloads else {
      report.add("timetravel", [("skipped", "no workloads folder given")])
      return
    }
    for name in cases.map({ prefix + $0 }) {
      report.add(name, try EngineBench.figuresOfChild(["--single", name, dir]))
    }
  }

  /// Runs `name` (`timetravel-N`) in this process and returns its figures as a JSON object.
  static func runSingle(name: String, dir: String) throws -> JSONValue {
    let parts = name.dropFirst(prefix.count).split(separator: "-")
    let steps = parts.first.flatMap { Int($0) } ?? 1_000
    let loops = parts.dropFirst().first.flatMap { Int($0.dropFirst()) } ?? 3_000
    let definition = try JSONParser.parse(Array(Data(contentsOf: URL(fileURLWithPath: "\(dir)/loop-1000.asl.json"))))
    let machine = RegisteredMachine(name: "loop", arn: "arn:aws:states:us-east-1:123456789012:stateMachine:loop", machine: try StateMachine(definition: definition))
    var session = try Session(machines: [machine], mainMachine: "loop", input: ["n": .int(loops)])
    let start = fingerprint(session)
    let window = min(1_000, steps)
    var firstWindow = 0.0
    var lastWindow = 0.0
    let t0 = Stopwatch.now()
    var windowStart = t0
    for n in 1...steps {
      _ = session.execute(.step)
      if n == window { firstWindow = Double(Stopwatch.now() - windowStart) / 1e9 }
      if n == steps - window { windowStart = Stopwatch.now() }
    }
    let seconds = Double(Stopwatch.now() - t0) / 1e9
    lastWindow = Double(Stopwatch.now() - windowStart) / 1e9
    let stepsPeak = PeakMemory.megabytes()
    let events = session.mainExecution.execution.history.count
    // The run ends after about 6,000 transitions: later steps only say so (and take no undo point).
    let transitions = session.mainExecution.execution.transitionCount
    let b0 = Stopwatch.now()
    for _ in 1...steps { _ = session.execute(.back) }
    let backSeconds = Double(Stopwatch.now() - b0) / 1e9
    var o = JSONObject()
    o["steps"] = .int(steps)
    o["n"] = .int(loops)
    o["transitions"] = .int(transitions)
    o["history_events"] = .int(events)
    o["seconds"] = .double(seconds)
    o["steps_per_second"] = .double((Double(steps) / seconds).rounded())
    o["first_1000_seconds"] = .double(firstWindow)
    o["last_1000_seconds"] = .double(lastWindow)
    o["last_over_first"] = .double((lastWindow / firstWindow * 100).rounded() / 100)
    o["peak_rss_mb"] = .double((stepsPeak * 10).rounded() / 10)
    o["back_seconds"] = .double(backSeconds)
    o["back_returns_to_start"] = .bool(fingerprint(session) == start && !session.canStepBack)
    return .object(o)
  }

  /// What `back` must restore: history, tokens, clock, executions.
  static func fingerprint(_ s: Session) -> [String] {
    var lines = ["clock \(s.runtime.now)", "executions \(s.runtime.executions.count)"]
    for e in s.runtime.executions {
      lines.append("\(e.label) \(e.status) \(e.execution.now)")
      lines += e.execution.history.map { $0.json.compactString }
    }
    lines += s.runtime.pending.map { "pending \($0.executionID) \($0.stateName) \($0.token ?? "-")" }
    return lines
  }
}
