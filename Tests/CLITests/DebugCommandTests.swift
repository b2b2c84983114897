import Foundation
import Testing

/// `sfdbg FILE` / `sfdbg debug FILE` without a terminal (as in CI): every problem is reported
/// before any screen is set up, and the missing terminal itself is a clear usage error.
@Suite struct DebugCommandTests {
  static let valid = #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#

  @Test func withoutATerminalItPointsToRun() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write("ok.json", Self.valid)
    for args in [[file], ["debug", file]] {
      let r = try CLI.run(args, timeout: 30)
      #expect(!r.timedOut, "must not wait for a terminal")
      Expect.cleanError(r, mentioning: ["terminal", "sfdbg run"])
      #expect(r.stdout.isEmpty, "no escape sequences on a non-terminal")
    }
  }

  @Test func invalidDefinitionIsReportedFirst() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write(
      "next.json", #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}"#)
    let r = try CLI.run(["debug", file], timeout: 30)
    Expect.definitionError(r, file: file, pointers: ["/States/A/Next"])
  }

  @Test func malformedFileAndInputAreReportedFirst() throws {
    let dir = try TemporaryFolder()
    let truncated = try dir.write("truncated.json", #"{"StartAt": "A", "#)
    Expect.cleanError(try CLI.run([truncated], timeout: 30), located: truncated)
    let file = try dir.write("ok.json", Self.valid)
    Expect.cleanError(try CLI.run(["debug", file, "--input", "{"], timeout: 30), located: "--input")
    Expect.cleanError(try CLI.run(["debug", dir.url.path], timeout: 30), mentioning: ["directory"])
  }
}
