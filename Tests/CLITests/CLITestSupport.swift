// Every file of this target (including ones added later) sees the shared helpers:
// TemporaryFolder, SharedData, packageRoot().
@_exported import SFDBGTestSupport
import Foundation
import JSONCore
import Testing

/// Runs the `sfdbg` binary built next to the tests (`.build/<config>/sfdbg`).
struct CLI {
  /// What one run of the binary gave back.
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
    /// True when the process ended by a signal (a crash, or killed at the test's timeout).
    var killedBySignal = false
    /// True when the test harness had to kill the process at its timeout.
    var timedOut = false

    /// stdout parsed as one JSON value, nil when it is not JSON.
    var json: JSONValue? {
      try? JSONParser.parse(stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The `status` field of a `--json` result.
    var executionStatus: String? { json?.objectValue?["status"]?.stringValue }
  }

  static let packageRoot = packageRootURL

  /// The binary: next to the test bundle, else .build/debug/sfdbg.
  static var binary: URL {
    let bundleDir = Bundle.main.bundleURL.deletingLastPathComponent()
    let candidates = [
      bundleDir.appendingPathComponent("sfdbg"),
      Bundle.main.bundleURL.appendingPathComponent("sfdbg"),
      packageRoot.appendingPathComponent(".build/debug/sfdbg"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
      ?? candidates.last!
  }

  /// Address space allowed to one run (4 GiB): a runaway allocation fails fast instead of taking
  /// the shared machine's memory.
  static let memoryLimitKiB = 4 << 20

  /// Runs the binary with `arguments` in `cwd`; stdout and stderr go through files (no pipe can
  /// fill up), stdin is `stdin` or /dev/null, the address space is capped at `memoryLimitKiB`
  /// (`ulimit -v`, then `exec`, so the process is sfdbg itself), and the process is killed after
  /// `timeout` seconds.
  static func run(
    _ arguments: [String], stdin: String? = nil, cwd: URL = packageRoot, timeout: Double = 120
  ) throws -> Result {
    let dir = try TemporaryFolder()
    let outURL = dir.url.appendingPathComponent("stdout")
    let errURL = dir.url.appendingPathComponent("stderr")
    let inURL = dir.url.appendingPathComponent("stdin")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: inURL.path, contents: Data((stdin ?? "").utf8))
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)
    let inHandle = try FileHandle(forReadingFrom: inURL)
    defer {
      try? outHandle.close()
      try? errHandle.close()
      try? inHandle.close()
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", "ulimit -v \(memoryLimitKiB) && exec \"$0\" \"$@\"", binary.path] + arguments
    p.currentDirectoryURL = cwd
    p.standardOutput = outHandle
    p.standardError = errHandle
    p.standardInput = inHandle
    try p.run()
    let deadline = Date().addingTimeInterval(timeout)
    while p.isRunning && Date() < deadline { usleep(5_000) }
    var timedOut = false
    if p.isRunning {
      timedOut = true
      p.terminate()
    }
    p.waitUntilExit()
    return Result(
      status: p.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
      killedBySignal: p.terminationReason == .uncaughtSignal,
      timedOut: timedOut)
  }
}

/// Checks shared by the error-path tests.
enum Expect {
  /// Markers of a crash or a stack trace on stderr.
  static let crashMarkers = ["Fatal error", "Stack dump", "Backtrace", "*** Signal", "Segmentation fault", "Illegal instruction"]

  /// A refused command: exit 2, no crash, exactly one non-empty line on stderr, starting with
  /// `error:`; when `located` is given, the line names `located:LINE:COLUMN:`.
  static func cleanError(
    _ r: CLI.Result, located file: String? = nil, mentioning words: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(r.status == 2, "exit status; stderr: \(r.stderr)", sourceLocation: sourceLocation)
    #expect(!r.killedBySignal, "ended by a signal", sourceLocation: sourceLocation)
    noCrash(r, sourceLocation: sourceLocation)
    let lines = r.stderr.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    #expect(lines.count == 1, "one message expected, got: \(r.stderr)", sourceLocation: sourceLocation)
    #expect(r.stderr.hasPrefix("error: "), "stderr: \(r.stderr)", sourceLocation: sourceLocation)
    if let file {
      #expect(hasLocation(r.stderr, file: file), "no \(file):LINE:COLUMN in: \(r.stderr)", sourceLocation: sourceLocation)
    }
    for w in words {
      #expect(r.stderr.contains(w), "'\(w)' not in: \(r.stderr)", sourceLocation: sourceLocation)
    }
  }

  /// A definition refused by `run`: exit 2, no crash, a first line `error: ...`, then any number
  /// of diagnostics, each with `file:LINE:COLUMN`; one line names each of `pointers`. Returns the
  /// diagnostic line for each pointer.
  @discardableResult
  static func definitionError(
    _ r: CLI.Result, file: String, pointers: [String],
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> [String: String] {
    #expect(r.status == 2, "exit status; stderr: \(r.stderr)", sourceLocation: sourceLocation)
    #expect(!r.killedBySignal, "ended by a signal", sourceLocation: sourceLocation)
    noCrash(r, sourceLocation: sourceLocation)
    #expect(r.stdout.isEmpty, "nothing on stdout: \(r.stdout.prefix(200))", sourceLocation: sourceLocation)
    #expect(r.stderr.hasPrefix("error: "), "stderr: \(r.stderr)", sourceLocation: sourceLocation)
    let lines = r.stderr.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    #expect(lines.contains { hasLocation($0, file: file) }, "\(r.stderr)", sourceLocation: sourceLocation)
    for line in lines.dropFirst() {
      #expect(hasLocation(line, file: file), "a diagnostic without a location: \(line)", sourceLocation: sourceLocation)
    }
    var found: [String: String] = [:]
    for pointer in pointers {
      let line = lines.first { $0.contains(pointer) && hasLocation($0, file: file) }
      #expect(line != nil, "no located line names \(pointer): \(r.stderr)", sourceLocation: sourceLocation)
      found[pointer] = line
    }
    return found
  }

  /// No crash marker on stderr or stdout.
  static func noCrash(_ r: CLI.Result, sourceLocation: SourceLocation = #_sourceLocation) {
    for marker in crashMarkers {
      #expect(!r.stderr.contains(marker), "stderr has '\(marker)': \(r.stderr.prefix(400))", sourceLocation: sourceLocation)
      #expect(!r.stdout.contains(marker), "stdout has '\(marker)'", sourceLocation: sourceLocation)
    }
  }

  /// Whether `text` contains `FILE:LINE:COLUMN` for the file's last path component.
  static func hasLocation(_ text: String, file: String) -> Bool {
    let name = URL(fileURLWithPath: file).lastPathComponent
    return location(in: text, file: name) != nil
  }

  /// The first `(line, column)` written as `name:LINE:COLUMN` in `text`.
  static func location(in text: String, file name: String) -> (line: Int, column: Int)? {
    var rest = Substring(text)
    while let r = rest.range(of: name + ":") {
      let after = rest[r.upperBound...]
      let line = after.prefix { $0.isNumber }
      let afterLine = after.dropFirst(line.count)
      if !line.isEmpty, afterLine.first == ":" {
        let column = afterLine.dropFirst().prefix { $0.isNumber }
        if !column.isEmpty, let l = Int(line), let c = Int(column) { return (l, c) }
      }
      rest = rest[r.upperBound...]
    }
    return nil
  }
}
