import ASLLoading
import Foundation
import JSONCore

/// Loading and validating every real-world definition (target: under 1 s in total).
enum LoadBench {
  static let group = BenchGroup(name: "load") { shared, report in
    guard let dir = shared.realworld, let index = try? String(contentsOfFile: dir + "/INDEX.tsv", encoding: .utf8) else {
      report.add("load-realworld", [("skipped", "no realworld folder (pass --realworld DIR)")])
      return
    }
    let paths = index.split(separator: "\n").dropFirst().compactMap { line -> String? in
      line.split(separator: "\t", omittingEmptySubsequences: false).first.map { dir + "/" + $0 }
    }
    var machines = 0
    var diagnostics = 0
    var failures = 0
    let seconds = Stopwatch.best(3) {
      machines = 0
      diagnostics = 0
      failures = 0
      for path in paths {
        do {
          let loaded = try ASLLoader.loadMachines(file: path)
          machines += loaded.count
          for m in loaded { diagnostics += Validator.validate(m).count }
        } catch {
          failures += 1
        }
      }
    }
    report.add("load-validate-realworld", [
      ("files", .int(paths.count)), ("machines", .int(machines)), ("diagnostics", .int(diagnostics)),
      ("unreadable", .int(failures)), ("seconds", .double(seconds)),
    ])
  }
}
