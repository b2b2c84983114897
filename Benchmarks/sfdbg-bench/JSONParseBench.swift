import Foundation
import JSONCore

/// Parse throughput on a generated ~50 MB JSON document (target: ≥ 200 MB/s).
enum JSONParseBench {
  /// A deterministic document mixing objects, arrays, strings (some escaped), ints and floats.
  static func generateDocument(targetBytes: Int) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(targetBytes + 1024)
    out.append(contentsOf: "[".utf8)
    var i = 0
    while out.count < targetBytes {
      if i > 0 { out.append(contentsOf: ",\n".utf8) }
      let rec = """
        {"id":\(i),"name":"item-\(i)","price":\(Double(i % 1000) / 7.0),"active":\(i % 3 == 0),\
        "tags":["alpha","beta","gamma \\"quoted\\""],"nested":{"level":\(i % 17),"path":"$.a.b[\(i % 9)]",\
        "note":"Unicode caf\\u00e9 \\n line","values":[1,2,3,4.5e3,-6,null]},"comment":null}
        """
      out.append(contentsOf: rec.utf8)
      i += 1
    }
    out.append(contentsOf: "]".utf8)
    return out
  }

  static func run(into report: inout BenchReport) {
    let doc = generateDocument(targetBytes: 50 * 1024 * 1024)
    // Five parses; each result is freed after its timing (freeing is not parse time), so the
    // later parses run on a warm heap as in a long-running process. Best wall and CPU times.
    var count = 0
    var seconds = Double.infinity
    var cpu = Double.infinity
    for _ in 0..<5 {
      let t0 = Stopwatch.now()
      let c0 = CPUTime.seconds()
      let v = try! JSONParser.parse(doc)
      cpu = min(cpu, CPUTime.seconds() - c0)
      seconds = min(seconds, Double(Stopwatch.now() - t0) / 1e9)
      count = v.arrayValue?.count ?? 0
      withExtendedLifetime(v) {}
    }
    let mb = Double(doc.count) / 1_048_576
    report.add("json-parse-50mb", [
      ("bytes", .int(doc.count)), ("records", .int(count)), ("seconds", .double(seconds)),
      ("mb_per_second", .double(mb / seconds)), ("cpu_seconds", .double(cpu)),
      ("mb_per_cpu_second", .double(mb / cpu)),
    ])
    let value = try! JSONParser.parse(doc)
    let printSeconds = Stopwatch.best(3) { _ = JSONPrinter.compact(value) }
    report.add("json-print-50mb", [("seconds", .double(printSeconds)), ("mb_per_second", .double(mb / printSeconds))])
  }
}
