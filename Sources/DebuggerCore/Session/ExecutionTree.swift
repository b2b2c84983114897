import ASLInterpreter
import ASLRuntime

/// A Distributed Map's run as the Executions tree shows it: one row above its children.
public struct MapRunSummary: Sendable, Equatable {
  public var arn: String
  /// The execution whose Map state started it, and that state.
  public var parent: Int
  public var stateName: String
  /// Its children's execution ids, in item order.
  public var children: [Int]
  /// RUNNING while its Map waits on it, then SUCCEEDED or FAILED (a failed child it tolerated
  /// still counts as a failure here).
  public var status: String
  public var succeeded: Int
  public var failed: Int

  /// `Label:id`, the ARN's last two parts.
  public var name: String { arn.split(separator: "/").last.map(String.init) ?? arn }

  /// `3 children: 2 succeeded, 1 failed`.
  public var countsText: String {
    var parts: [String] = []
    if succeeded > 0 { parts.append("\(succeeded) succeeded") }
    if failed > 0 { parts.append("\(failed) failed") }
    let running = children.count - succeeded - failed
    if running > 0 { parts.append("\(running) running") }
    let head = "\(children.count) child\(children.count == 1 ? "" : "ren")"
    return parts.isEmpty ? head : head + ": " + parts.joined(separator: ", ")
  }
}

/// One row of the Executions tree.
public enum ExecutionTreeEntry: Sendable {
  case execution(RuntimeExecution)
  case mapRun(MapRunSummary)
}

extension Session {
  /// Every execution under its parent in start order; a Map Run's children under a row of
  /// their own, as the console shows a Map Run under its execution.
  public var executionTree: [(entry: ExecutionTreeEntry, depth: Int)] {
    var out: [(entry: ExecutionTreeEntry, depth: Int)] = []
    func add(_ e: RuntimeExecution, depth: Int) {
      out.append((.execution(e), depth))
      var shownRuns: Set<String> = []
      for child in runtime.children(of: e.id) {
        guard let run = child.startedBy?.mapRun else {
          add(child, depth: depth + 1)
          continue
        }
        guard shownRuns.insert(run.arn).inserted else { continue }
        let children = runtime.mapRunChildren(of: run.arn)
        out.append((.mapRun(summary(of: run, children, parent: e)), depth + 1))
        for c in children { add(c, depth: depth + 2) }
      }
    }
    for e in runtime.executions where e.startedBy == nil { add(e, depth: 0) }
    return out
  }

  func summary(of run: MapRunLink, _ children: [RuntimeExecution], parent: RuntimeExecution)
    -> MapRunSummary
  {
    let succeeded = children.filter { if case .succeeded = $0.status { return true } else { return false } }.count
    let failed = children.filter { !$0.isRunning }.count - succeeded
    let waiting = parent.execution.waitsOnMapRun(unit: run.unit, arn: run.arn)
    let status = waiting ? "RUNNING" : (failed == 0 && parent.isRunning || succeeded == children.count ? "SUCCEEDED" : "FAILED")
    return MapRunSummary(
      arn: run.arn, parent: parent.id, stateName: children.first?.startedBy?.stateName ?? "", children: children.map(\.id),
      status: status, succeeded: succeeded, failed: failed)
  }
}
