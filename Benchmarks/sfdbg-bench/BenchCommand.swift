import ArgumentParser
import CMallocTuning
import Foundation

/// `sfdbg-bench [WORKLOADS_DIR] [--json] [--only NAME...]`: prints sfdbg's speed figures.
@main
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sfdbg-bench",
    abstract: "Measures sfdbg: JSON parsing, definition loading/validation, the interpreter, graph layout, the TUI.",
    discussion: "Run a release build: swift run -c release sfdbg-bench ../shared/bench")

  @Argument(help: "Folder with the benchmark workloads (NAME.asl.json, NAME.input.json, NAME.expect.json).")
  var workloads: String?

  @Flag(help: "Print one JSON object per line instead of a table.")
  var json = false

  @Option(help: "Only run these groups (json, load, engine, layout, ui, timetravel). Repeatable.")
  var only: [String] = []

  @Option(help: "Folder with the real-world corpus (for load and layout figures).")
  var realworld: String?

  @Option(help: .hidden)
  var single: String?

  func run() throws {
    // The same allocator settings as the sfdbg executable.
    sfdbg_tune_malloc()
    if let single {
      // Child process of the engine group: one workload, figures as one JSON line.
      let value = single == "history-25000"
        ? try EngineBench.historyLimit()
        : single.hasPrefix(TimeTravelBench.prefix)
        ? try TimeTravelBench.runSingle(name: single, dir: workloads ?? ".")
        : try EngineBench.runSingle(name: single, dir: workloads ?? ".")
      print(value.compactString)
      return
    }
    var report = BenchReport(json: json)
    let groups = Set(only)
    func wanted(_ g: String) -> Bool { groups.isEmpty || groups.contains(g) }
    let shared = SharedData.locate(workloads: workloads, realworld: realworld)
    if wanted("json") { JSONParseBench.run(into: &report) }
    for group in BenchRegistry.groups where wanted(group.name) {
      try group.run(shared, &report)
    }
    report.finish()
  }
}

/// Where the shared workloads and corpora are.
struct SharedData: Sendable {
  var workloads: String?
  var realworld: String?

  static func locate(workloads: String?, realworld: String?) -> SharedData {
    let fm = FileManager.default
    let guessRoot = workloads.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
    var rw = realworld
    if rw == nil, let root = guessRoot, fm.fileExists(atPath: root + "/realworld") { rw = root + "/realworld" }
    return SharedData(workloads: workloads, realworld: rw)
  }
}

/// A named group of benchmarks that later modules register.
struct BenchGroup: Sendable {
  var name: String
  var run: @Sendable (SharedData, inout BenchReport) throws -> Void
}
