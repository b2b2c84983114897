import ASLLoading
import ASLModel
import ASLRuntime
import DebuggerApp
import DebuggerCore
import Foundation
import JSONCore
import TerminalUI

/// Responsiveness of the debugger screen (targets: first frame of the demo < 100 ms; a key
/// redraw < 16 ms on a 200-state graph with a 25,000-event history). Time from loading to the
/// first rendered frame; each key is `update` + `render` + the diff the terminal would apply.
enum UIBench {
  static let group = BenchGroup(name: "ui") { _, report in
    let demo = "demo/nesting/template.yaml"
    if FileManager.default.fileExists(atPath: demo) {
      let t0 = Stopwatch.now()
      let loaded = try ASLLoader.load(file: demo)
      var machines: [RegisteredMachine] = []
      var definitions: [String: JSONValue] = [:]
      for source in loaded.registry.machines {
        machines.append(try RegisteredMachine(source: source))
        definitions[source.name] = source.definition
      }
      let session = try Session(machines: machines, mainMachine: loaded.main.arn, input: ["OrderId": "order-1001"])
      let result = DebuggerBenchmark.measure(
        session: session, definitions: definitions, size: Size(width: 100, height: 30), keys: [])
      let total = Double(Stopwatch.now() - t0) / 1e9
      report.add("ui-demo-first-frame", [
        ("load_and_first_frame_ms", .double(total * 1000)), ("first_frame_ms", .double(ms(result.firstFrame))),
        ("target_ms", 100),
      ])
    } else {
      report.add("ui-demo-first-frame", [("skipped", "run from the repository root (demo/ not found)")])
    }
    for (name, keys) in [("browsing", DebuggerBenchmark.browsingKeys), ("stepping", DebuggerBenchmark.steppingKeys)] {
      let r = try DebuggerBenchmark.measureLoop(states: 200, events: 25_000, keys: keys)
      let sorted = r.keyRedraws.map(ms).sorted()
      report.add("ui-200-states-25000-events-\(name)", [
        ("graph_nodes", .int(r.graphNodes)), ("history_events", .int(r.historyEvents)),
        ("first_frame_ms", .double(ms(r.firstFrame))), ("keys", .int(sorted.count)),
        ("median_key_ms", .double(sorted.isEmpty ? 0 : sorted[sorted.count / 2])),
        ("worst_key_ms", .double(sorted.last ?? 0)), ("target_ms", 16),
      ])
    }
  }

  static func ms(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
  }
}
