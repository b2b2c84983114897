import Testing
import TerminalUI
@testable import DebuggerApp

/// The responsiveness budget (issue 7: first frame < 100 ms, a key < 16 ms, in release builds) on
/// a 200-state graph with a 25,000-event history. Tests run debug builds on a shared machine, so
/// the bounds here are loose; they catch a return of per-frame work proportional to the history.
@Suite struct BenchmarkTests {
  @Test func browsingABigGraphWithALongHistory() throws {
    let result = try DebuggerBenchmark.measureLoop()
    #expect(result.historyEvents >= 24_000)
    #expect(result.graphNodes >= 200)
    #expect(result.firstFrame < .seconds(1))
    #expect(result.worstKeyRedraw < .milliseconds(200))
    print("browsing: first frame \(result.firstFrame), worst key \(result.worstKeyRedraw)")
  }

  @Test func steppingABigGraphWithALongHistory() throws {
    let result = try DebuggerBenchmark.measureLoop(keys: DebuggerBenchmark.steppingKeys)
    #expect(result.historyEvents >= 24_000)
    #expect(result.worstKeyRedraw < .milliseconds(300))
    print("stepping: first frame \(result.firstFrame), worst key \(result.worstKeyRedraw), keys \(result.keyRedraws)")
  }
}
