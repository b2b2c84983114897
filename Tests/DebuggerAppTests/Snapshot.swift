import Foundation
import Testing
import TerminalUI

/// Compares a screen with `__Snapshots__/<name>.txt` next to this file (trailing spaces ignored).
///
/// With `RECORD_SNAPSHOTS=1` in the environment the file is (re)written instead; a missing file is
/// written too, and the test fails so that a new snapshot is always looked at.
func assertSnapshot(
  _ screen: ScreenBuffer, named name: String, filePath: String = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
  let file = folder.appendingPathComponent(name + ".txt")
  let actual = screen.lines().map { String($0.reversed().drop { $0 == " " }.reversed()) }
  let text = actual.joined(separator: "\n") + "\n"
  let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
  guard !record, let data = FileManager.default.contents(atPath: file.path) else {
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try? text.write(to: file, atomically: true, encoding: .utf8)
    if !record {
      Issue.record("recorded a new snapshot \(name).txt: check it and run again", sourceLocation: sourceLocation)
    }
    return
  }
  let expected = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    .map(String.init).dropLast()
  let expectedLines = Array(expected)
  guard actual != expectedLines else { return }
  let common = min(actual.count, expectedLines.count)
  let row = (0..<common).first { actual[$0] != expectedLines[$0] } ?? common
  let got = row < actual.count ? actual[row] : "(no line)"
  let want = row < expectedLines.count ? expectedLines[row] : "(no line)"
  Issue.record(
    "screen differs from \(name).txt at line \(row + 1) (RECORD_SNAPSHOTS=1 re-records)\n  got:  \(got)\n  want: \(want)",
    sourceLocation: sourceLocation)
}
