import DebuggerCore

extension ExecutionRow {
  /// The row of a Distributed Map's run, above its children: `enter` focuses its first child.
  init(mapRun run: MapRunSummary, depth: Int) {
    self.init(
      id: "#\(run.children[0] + 1)", label: "map run", machine: run.name, status: run.status,
      depth: depth, link: "\(run.countsText) · '\(run.stateName)'")
  }
}
