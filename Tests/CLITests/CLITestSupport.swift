import Foundation
import JSONCore
import Testing

/// Runs the `sfdbg` binary built next to the tests (`.build/<config>/sfdbg`).
struct CLI {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
    var json: JSONValue? { try? JSONParser.parse(stdout.trimmingCharacters(in: .whitespacesAndNewlines)) }
  }

  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The binary: next to the test bundle, else .build/debug/sfdbg.
  static var binary: URL {
    let bundleDir = Bundle.main.bundleURL.deletingLastPathComponent()
    let candidates = [
      bundleDir.appendingPathComponent("sfdbg"),
      Bundle.main.bundleURL.appendingPathComponent("sfdbg"),
      packageRoot.appendingPathComponent(".build/debug/sfdbg"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
  }

  static func run(_ arguments: [String], stdin: String? = nil, cwd: URL = packageRoot) throws -> Result {
    let p = Process()
    p.executableURL = binary
    p.arguments = arguments
    p.currentDirectoryURL = cwd
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    if let stdin {
      let inPipe = Pipe()
      p.standardInput = inPipe
      inPipe.fileHandleForWriting.write(Data(stdin.utf8))
      try inPipe.fileHandleForWriting.close()
    }
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
  }
}
