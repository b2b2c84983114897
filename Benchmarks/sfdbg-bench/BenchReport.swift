import Foundation
import JSONCore

/// Collects figures and prints them as a table or as JSON lines.
struct BenchReport {
  var json: Bool
  var rows: [(name: String, fields: [(String, JSONValue)])] = []

  init(json: Bool) { self.json = json }

  /// Adds one result line; `fields` are printed in order.
  mutating func add(_ name: String, _ fields: [(String, JSONValue)]) {
    if json {
      var obj = JSONObject()
      obj["workload"] = .string(name)
      for (k, v) in fields { obj[k] = v }
      emit(JSONValue.object(obj).compactString)
    } else {
      let text = fields.map { "\($0.0)=\(Self.format($0.1))" }.joined(separator: "  ")
      emit(name.padding(toLength: max(28, name.count + 1), withPad: " ", startingAt: 0) + text)
    }
    rows.append((name, fields))
  }

  static func format(_ v: JSONValue) -> String {
    if case .number(let n) = v, let d = Double(n.text), !n.isIntegerLiteral {
      return String(format: d < 10 ? "%.3f" : "%.1f", d)
    }
    return v.compactString
  }

  func finish() {}

  private func emit(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
}

/// Wall-clock timing helpers.
enum Stopwatch {
  static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
  /// Seconds taken by `body` (best of `repeats`).
  static func best(_ repeats: Int = 3, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<repeats {
      let t0 = now()
      try body()
      best = min(best, Double(now() - t0) / 1e9)
    }
    return best
  }
}

/// CPU time of this process (user + system), robust when other processes share the cores.
enum CPUTime {
  static func seconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
  }

  /// The least CPU time `body` took over `repeats` runs.
  static func best(_ repeats: Int = 3, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<repeats {
      let t0 = seconds()
      try body()
      best = min(best, seconds() - t0)
    }
    return best
  }
}

/// Peak resident set size of this process, in MB (VmHWM from /proc/self/status).
enum PeakMemory {
  static func megabytes() -> Double {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in s.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      let digits = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
      return digits / 1024
    }
    return 0
  }
}
