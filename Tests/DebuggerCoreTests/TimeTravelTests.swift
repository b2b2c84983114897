@testable import ASLInterpreter
import ASLRuntime
import JSONCore
import Testing
@testable import DebuggerCore

/// Time travel (issue 13): undo points share the run so far, and `back` returns exactly to where
/// each step started.
@Suite struct TimeTravelTests {
  let root = packageRoot()

  func nestingDemo() throws -> Session {
    let loaded = try loadMachines(root + "/demo/nesting/template.yaml")
    let mocks = try MockConfig(json: JSONParser.parse(String(contentsOfFile: root + "/demo/nesting/mocks.json", encoding: .utf8)))
    let config = SessionConfiguration(mocks: mocks, testCase: "HappyPath")
    return try Session(machines: loaded.machines, mainMachine: loaded.main, input: ["OrderId": "order-1001"], configuration: config)
  }

  /// Everything `back` must restore: each execution's history, status and clock, the tokens,
  /// the pending items, the runtime clock and the commands to save.
  func fingerprint(_ s: Session) -> [String] {
    var lines = ["clock \(s.runtime.now)", "log \(s.log.map(\.description))"]
    for e in s.runtime.executions {
      lines.append("\(e.label) \(e.status) \(e.execution.now) traces \(e.execution.traces.count)")
      lines += e.execution.history.map { $0.json.compactString }
    }
    lines += s.runtime.pending.map { "pending \($0.executionID) \($0.stateName) \($0.token ?? "-")" }
    return lines
  }

  @Test func manyStepsThenAsManyBacksReturnToTheStart() throws {
    var s = try nestingDemo()
    let start = fingerprint(s)
    var stepped = 0
    var fingerprints: [[String]] = []
    // Steps through children, a token and a mocked task until the run waits for the person.
    while stepped < 200, !s.execute(.step).isError {
      stepped += 1
      fingerprints.append(fingerprint(s))
    }
    #expect(stepped > 20)
    #expect(s.runtime.executions.count == 4)
    #expect(!s.runtime.pending.isEmpty)
    // Each back lands exactly on the state before the step it undoes.
    for n in stride(from: stepped - 1, to: 0, by: -1) {
      _ = s.execute(.back)
      #expect(fingerprint(s) == fingerprints[n - 1])
    }
    _ = s.execute(.back)
    #expect(fingerprint(s) == start)
    #expect(s.execute(.back).isError)
  }

  /// Every undo point used to hold its own copy of the traces, the command log and the run
  /// queue, so N steps cost O(N²) memory (issue 13: 20,000 steps took 12.6 GB).
  @Test func undoPointsShareTheRunSoFar() throws {
    let loop = """
      {"StartAt":"Inc","States":{
        "Inc":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.n, 1)"},"Next":"Check"},
        "Check":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":1000,"Next":"Inc"}],"Default":"Done"},
        "Done":{"Type":"Pass","End":true}}}
      """
    var s = try Session(machines: [machine("M", loop)], mainMachine: "M", input: ["n": 0])
    for _ in 0..<300 { _ = s.execute(.step) }
    let old = try #require(s.snapshots.dropFirst(100).first)
    let then = old.runtime.executions[s.mainExecutionID].execution
    let now = s.mainExecution.execution
    #expect(then.history.count > 0 && then.traces.count > 0 && old.log.count > 0)
    #expect(now.history.sharesLeaf(with: then.history, at: 0))
    #expect(now.traces.sharesLeaf(with: then.traces, at: 0))
    #expect(s.log.sharesLeaf(with: old.log, at: 0))
    // The run queue drops what it has consumed instead of growing with every transition.
    #expect(now.runQueue.count <= 64)
  }

  @Test func aChunkedLogCopySharesItsPastAndAppendsAlone() {
    var a = ChunkedLog<Int>()
    for i in 0..<5_000 { a.append(i) }
    var b = a
    b.append(5_000)
    #expect(a.count == 5_000)
    #expect(Array(a) == Array(0..<5_000))
    #expect(Array(b) == Array(0...5_000))
    #expect(b[1_023] == 1_023 && b[1_024] == 1_024 && b.last == 5_000)
    #expect(a != b)
    #expect(([1, 2] as ChunkedLog<Int>) == [1, 2])
  }
}

/// `reverse-continue` (`U`): back to the previous breakpoint hit or pending decision.
@Suite struct ReverseContinueTests {
  /// Inc adds 1 to n; Check loops back while n < 5, then Done.
  static let loop = """
    {"StartAt":"Inc","States":{
      "Inc":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.n, 1)"},"Next":"Check"},
      "Check":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":5,"Next":"Inc"}],"Default":"Done"},
      "Done":{"Type":"Pass","End":true}}}
    """

  func n(_ s: Session) -> JSONValue? { s.mainExecution.execution.traces.last?.stages.last?.value["n"] }

  @Test func goesBackToThePreviousBreakpointHit() throws {
    var s = try Session(machines: [machine("M", Self.loop)], mainMachine: "M", input: ["n": 0])
    let start = s.mainExecution.execution.history.count
    _ = s.execute(.breakAt(state: "Check", condition: nil))
    #expect(s.execute(.continue).stop == .breakpoint(executionID: 0, state: "Check"))
    let firstHit = s.mainExecution.execution.history.count
    #expect(s.execute(.continue).stop == .breakpoint(executionID: 0, state: "Check"))
    let secondHit = s.mainExecution.execution.history.count
    _ = s.execute(.step)
    _ = s.execute(.step)
    // From two steps past the second hit: back to the second hit, then the first, then the start.
    let out = s.execute(.reverseContinue)
    #expect(out.messages.first?.hasPrefix("went back 2 command(s) to where a run stopped (breakpoint before 'Check'") == true)
    #expect(s.mainExecution.execution.history.count == secondHit)
    _ = s.execute(.reverseContinue)
    #expect(s.mainExecution.execution.history.count == firstHit)
    #expect(s.lastStop == .breakpoint(executionID: 0, state: "Check"))
    #expect(s.execute(.reverseContinue).messages.first?.hasPrefix("went back 1 command(s) to the start") == true)
    #expect(s.mainExecution.execution.history.count == start)
    #expect(s.execute(.reverseContinue).isError)
    #expect(try CommandParser.parse("rc") == .reverseContinue)
    #expect(DebuggerCommand.reverseContinue.description == "reverse-continue")
  }
}

/// `goto EVENT_ID`: back to the undo point just after the focused execution wrote the event.
@Suite struct GotoEventTests {
  @Test func goesBackToJustAfterTheEventWasWritten() throws {
    var s = try Session(machines: [machine("M", ReverseContinueTests.loop)], mainMachine: "M", input: ["n": 0])
    var countAfterStep: [Int] = []
    for _ in 0..<8 {
      _ = s.execute(.step)
      countAfterStep.append(s.mainExecution.execution.history.count)
    }
    let target = countAfterStep[2]  // the last event written by the third step
    let out = s.execute(.goto(eventID: target))
    #expect(out.messages.first?.hasPrefix("went back 5 command(s) to just after event \(target) was written") == true)
    #expect(s.mainExecution.execution.history.count == target)
    #expect(s.execute(.goto(eventID: target)).messages.first == "event \(target) was written by the last command: nothing to undo")
    #expect(try CommandParser.parse("goto 12") == .goto(eventID: 12))
    #expect(throws: CommandError.self) { try CommandParser.parse("goto x") }
  }
}

extension GotoEventTests {
  /// Forward: `goto` an event not written yet steps until it is, each step an undo point and a
  /// logged `step`, so `back` and `save` see ordinary steps.
  @Test func goesForwardByStepsUntilTheEventIsWritten() throws {
    var reference = try Session(machines: [machine("M", ReverseContinueTests.loop)], mainMachine: "M", input: ["n": 0])
    var counts: [Int] = []
    for _ in 0..<6 {
      _ = reference.execute(.step)
      counts.append(reference.mainExecution.execution.history.count)
    }
    var s = try Session(machines: [machine("M", ReverseContinueTests.loop)], mainMachine: "M", input: ["n": 0])
    let target = counts[4] - 1  // written by the fifth step (not its last event)
    let out = s.execute(.goto(eventID: target))
    #expect(!out.isError)
    #expect(out.messages.last?.hasPrefix("went forward 5 step(s) to event \(target) of") == true)
    let types = s.mainExecution.execution.history.map { "\($0.id) \($0.type)" }
    #expect(types == reference.mainExecution.execution.history.prefix(counts[4]).map { "\($0.id) \($0.type)" })
    #expect(s.script.split(separator: "\n").filter { $0 == "step" }.count == 5)
    _ = s.execute(.back)
    #expect(s.mainExecution.execution.history.count == counts[3])
    // Past the end: it steps to the end and says the event is not written, as an error.
    let past = s.execute(.goto(eventID: 999))
    #expect(past.isError)
    #expect(past.messages.last?.contains("(event 999 is not written yet)") == true)
    #expect(s.mainExecution.execution.status != .running)
  }
}
