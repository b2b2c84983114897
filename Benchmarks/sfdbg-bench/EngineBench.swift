import ASLInterpreter
import ASLModel
import Foundation
import JSONCore

/// Interpreter speed on the shared workloads (chain, map, parallel, loop), full history recorded.
///
/// Each workload runs in a fresh child process (`sfdbg-bench --single NAME`) so that its peak
/// memory is its own. Targets: ≥ 1,000,000 transitions/s on chain-10000, map-10000 under 50 ms,
/// a 25,000-event history under 100 MB.
enum EngineBench {
  static let group = BenchGroup(name: "engine") { shared, report in
    if let dir = shared.workloads {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: dir))?
        .filter { $0.hasSuffix(".asl.json") }.map { String($0.dropLast(".asl.json".count)) }
        .sorted(by: workloadOrder) ?? []
      for name in names { report.add(name, try figuresOfChild(["--single", name, dir])) }
    } else {
      report.add("engine", [("skipped", "no workloads folder given")])
    }
    // The 25,000-event history limit needs no workload file.
    report.add("history-25000", try figuresOfChild(["--single", "history-25000"]))
  }

  /// Runs this benchmark executable with `arguments` and reads the JSON object it prints.
  static func figuresOfChild(_ arguments: [String]) throws -> [(String, JSONValue)] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard let fields = try? JSONParser.parse(Array(data)).objectValue else {
      return [("error", "the workload process failed")]
    }
    return fields.map { ($0.key, $0.value) }
  }

  /// chain-100 < chain-1000 < chain-10000, by family then size.
  static func workloadOrder(_ a: String, _ b: String) -> Bool {
    func split(_ s: String) -> (String, Int) {
      let parts = s.split(separator: "-")
      return (String(parts.first ?? ""), Int(parts.last ?? "") ?? 0)
    }
    return split(a) < split(b)
  }

  /// Runs one workload in this process and returns its figures as a JSON object.
  static func runSingle(name: String, dir: String) throws -> JSONValue {
    let definition = try JSONParser.parse(Array(Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(name).asl.json"))))
    let input = try JSONParser.parse(Array(Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(name).input.json"))))
    let expect = try JSONParser.parse(Array(Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(name).expect.json"))))
    let machine = try StateMachine(definition: definition)
    // Warm-up run (also checks the transition count), then the best of 20 timed runs: on a
    // shared 2-core machine single runs of a 10 ms workload vary by ±40 %.
    var transitions = 0
    var events = 0
    var status = ""
    var best = Double.infinity
    var bestCPU = Double.infinity
    // SFDBG_BENCH_REPEATS raises the number of timed runs (for profiling under perf).
    let repeats = ProcessInfo.processInfo.environment["SFDBG_BENCH_REPEATS"].flatMap { Int($0) } ?? 20
    for round in 0...repeats {
      // The workloads count every transition of a correct run, so the 25,000-event quota is lifted.
      var execution = Execution(machine: machine, input: input, options: ExecutionOptions(stateMachineName: name, historyLimit: .max))
      let t0 = Stopwatch.now()
      let c0 = CPUTime.seconds()
      let s = execution.run()
      let seconds = Double(Stopwatch.now() - t0) / 1e9
      let cpu = CPUTime.seconds() - c0
      if round > 0 {
        best = min(best, seconds)
        bestCPU = min(bestCPU, cpu)
      }
      transitions = execution.history.filter { $0.type.hasSuffix("StateEntered") }.count
      events = execution.history.count
      status = s.name
    }
    let expected = expect["transitions"]?.intValue ?? -1
    var o = JSONObject()
    o["transitions"] = .int(transitions)
    o["expected_transitions"] = .int(expected)
    o["correct"] = .bool(transitions == expected && status == "SUCCEEDED")
    o["status"] = .string(status)
    o["history_events"] = .int(events)
    o["seconds"] = .double(best)
    o["transitions_per_second"] = .double((Double(transitions) / best).rounded())
    o["cpu_seconds"] = .double(bestCPU)
    o["peak_rss_mb"] = .double((PeakMemory.megabytes() * 10).rounded() / 10)
    return .object(o)
  }

  /// A 25,000-event history: a Choice loop that runs until the history limit; peak memory.
  static func historyLimit() throws -> JSONValue {
    let definition: JSONValue = [
      "StartAt": "Count",
      "States": [
        "Count": ["Type": "Pass", "Parameters": ["n.$": "States.MathAdd($.n, 1)"], "Next": "Again"],
        "Again": ["Type": "Choice", "Choices": [["Variable": "$.n", "NumericLessThan": 1_000_000, "Next": "Count"]], "Default": "Done"],
        "Done": ["Type": "Succeed"],
      ],
    ]
    let machine = try StateMachine(definition: definition)
    var execution = Execution(machine: machine, input: ["n": 0], options: ExecutionOptions(stateMachineName: "history-limit"))
    let t0 = Stopwatch.now()
    let status = execution.run()
    let seconds = Double(Stopwatch.now() - t0) / 1e9
    return [
      "status": .string(status.name), "history_events": .int(execution.history.count),
      "seconds": .double(seconds), "peak_rss_mb": .double((PeakMemory.megabytes() * 10).rounded() / 10),
    ]
  }
}
