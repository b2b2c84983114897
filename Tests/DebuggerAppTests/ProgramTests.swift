import ASLInterpreter
import ASLLoading
import ASLModel
import ASLRuntime
import DebuggerCore
import Foundation
import JSONCore
// Re-exported so every file of this target sees the shared helpers (packageRoot(), machine()).
@_exported import SFDBGTestSupport
import Testing
import TerminalUI
@testable import DebuggerApp

/// The nesting demo as a program (mocks: HappyPath).
func demoProgram(size: Size = Size(width: 100, height: 30)) throws -> DebuggerProgram {
  let root = packageRoot() + "/demo/nesting"
  let loaded = try loadMachines(root + "/template.yaml")
  let mocks = try MockConfig(json: JSONParser.parse(String(contentsOfFile: root + "/mocks.json", encoding: .utf8)))
  let input = try JSONParser.parse(String(contentsOfFile: root + "/input.json", encoding: .utf8))
  let session = try Session(
    machines: loaded.machines, mainMachine: loaded.main, input: input,
    configuration: SessionConfiguration(mocks: mocks, testCase: "HappyPath"))
  return DebuggerProgram(session: session, title: "template.yaml · OrderMain", definitions: loaded.definitions, size: size)
}

@Suite struct ProgramTests {
  @Test func firstFrameShowsTheMainMachine() throws {
    let program = try demoProgram()
    let screen = program.frame(size: Size(width: 100, height: 30)).text
    #expect(screen.contains("Graph · #1"))
    #expect(screen.contains("Log order (call and continue)"))
    #expect(screen.contains("RUNNING"))
  }

  @Test func resolveTheCallbackTokenThroughTheKeys() throws {
    var program = try demoProgram()
    let size = Size(width: 100, height: 30)
    program.handle(.key(.character("c")))
    // Continue runs until the callback token waits on a person.
    #expect(program.session.runtime.pending.count == 1)
    var screen = program.frame(size: size).text
    #expect(screen.contains("Pending (1)"))
    #expect(screen.contains("waiting for you"))
    // S opens the editor; send {"Shipped": true}.
    program.handle(.key(.character("S")))
    for key in [Key.ctrl("a"), .ctrl("k")] { program.handle(.key(key)) }
    for c in "{\"Shipped\": true}" { program.handle(.key(.character(c))) }
    program.handle(.key(.ctrl("s")))
    #expect(program.session.runtime.pending.isEmpty)
    program.handle(.key(.character("c")))
    #expect(program.session.mainExecution.status.name == "SUCCEEDED")
    screen = program.frame(size: size).text
    #expect(screen.contains("#1  SUCCEEDED  OrderMain"))  // the Executions row: status before the machine
    #expect(screen.contains("#1 OrderMain SUCCEEDED"))  // the status line
    // Time travel back one step.
    program.handle(.key(.character("u")))
    #expect(program.session.mainExecution.status.name == "RUNNING")
  }

  @Test func failingTheTokenFailsTheParent() throws {
    var program = try demoProgram()
    program.handle(.key(.character("c")))
    program.handle(.key(.character("F")))
    program.handle(.key(.ctrl("u")))
    for c in "Ship.Lost" { program.handle(.key(.character(c))) }
    program.handle(.key(.enter))
    program.handle(.key(.character("c")))
    #expect(program.session.mainExecution.status.name == "FAILED")
    #expect(program.frame(size: Size(width: 100, height: 30)).text.contains("FAILED"))
  }

  @Test func runLoopOnATestBackend() throws {
    var program = try demoProgram(size: Size(width: 80, height: 24))
    var backend = TestBackend(size: Size(width: 80, height: 24))
    backend.type("ss")
    backend.type(.character("q"), .character("y"))
    program.run(on: &backend)
    #expect(program.hasQuit)
    #expect(backend.screen.lines()[0].contains("sfdbg"))
  }

  @Test func escStopsASlowHandlerAndTheScreenStaysLive() throws {
    let definition = try JSONParser.parse("""
      {"StartAt": "Call", "States": {
        "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:slow", "Next": "Done"},
        "Done": {"Type": "Succeed"}}}
      """)
    let machine = RegisteredMachine(
      name: "Slow", arn: "arn:aws:states:us-east-1:123456789012:stateMachine:Slow",
      machine: try StateMachine(definition: definition))
    let session = try Session(
      machines: [machine], mainMachine: "Slow", input: [:],
      configuration: SessionConfiguration(handlers: [TaskHandler(target: "Call", command: "slow")]))
    // The handler never ends on its own.
    var program = DebuggerProgram(
      session: session, title: "slow", definitions: ["Slow": definition], size: Size(width: 80, height: 24),
      performer: InstantPerformer(runHandler: { _ in nil }))
    var backend = TestBackend(size: Size(width: 80, height: 24))
    // `c` starts the handler; the next key read while it runs is `esc`.
    backend.type(.character("c"), .escape, .character("q"), .character("y"))
    program.run(on: &backend)
    #expect(program.hasQuit)
    #expect(program.session.runtime.pending.count == 1)
    #expect(program.session.mainExecution.isRunning)
  }

  @Test func escInterruptsALongContinue() throws {
    // A loop that would run until the history limit: many bursts of transitions.
    let definition = try JSONParser.parse("""
      {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}}}
      """)
    let machine = RegisteredMachine(
      name: "Loop", arn: "arn:aws:states:us-east-1:123456789012:stateMachine:Loop",
      machine: try StateMachine(definition: definition))
    let session = try Session(machines: [machine], mainMachine: "Loop", input: [:])
    var program = DebuggerProgram(
      session: session, title: "loop", definitions: ["Loop": definition], size: Size(width: 80, height: 24))
    var backend = TestBackend(size: Size(width: 80, height: 24))
    // `c` starts the run; the first key read between its bursts is `esc`; `s` waits until after.
    backend.type(.character("c"), .escape, .character("s"), .character("q"), .character("y"))
    program.run(on: &backend)
    #expect(program.hasQuit)
    #expect(program.session.mainExecution.isRunning)
    let transitions = program.session.mainExecution.execution.history.count
    #expect(transitions > 0 && transitions < 10_000, "stopped after the first burst, not at the history limit")
    #expect(program.session.log.suffix(2) == [.continue, .step], "a key typed during the run is handled after it")
  }

  @Test func aResizeWhileAHandlerRunsReachesTheScreenState() throws {
    let definition = try JSONParser.parse("""
      {"StartAt": "Call", "States": {
        "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:slow", "End": true}}}
      """)
    let machine = RegisteredMachine(
      name: "Slow", arn: "arn:aws:states:us-east-1:123456789012:stateMachine:Slow",
      machine: try StateMachine(definition: definition))
    let session = try Session(
      machines: [machine], mainMachine: "Slow", input: [:],
      configuration: SessionConfiguration(handlers: [TaskHandler(target: "Call", command: "slow")]))
    // The handler never ends on its own.
    var program = DebuggerProgram(
      session: session, title: "slow", definitions: ["Slow": definition], size: Size(width: 80, height: 24),
      performer: InstantPerformer(runHandler: { _ in nil }))
    var backend = TestBackend(size: Size(width: 80, height: 24))
    // Read by the busy loop while the handler runs: the resize, then `esc`.
    backend.type(.character("c"))
    backend.pendingEvents.append(.resize(Size(width: 60, height: 20)))
    backend.type(.escape, .character("q"), .character("y"))
    program.run(on: &backend)
    #expect(program.app.screenSize == Size(width: 60, height: 20))
  }

  @Test func incrementalViewEqualsAFreshOne() throws {
    var program = try demoProgram()
    for key in "sssssss" { program.handle(.key(.character(key))) }
    program.handle(.key(.character("c")))
    let fresh = SessionView(
      session: program.session, title: program.title, definitions: program.definitions,
      selectedState: program.app.graph.selectedNode)
    #expect(program.app.view == fresh)
    program.handle(.key(.character("u")))
    program.handle(.key(.character("s")))
    let afterBack = SessionView(
      session: program.session, title: program.title, definitions: program.definitions,
      selectedState: program.app.graph.selectedNode)
    #expect(program.app.view == afterBack)
  }

  @Test func tourStopsAtEveryNestingEvent() throws {
    var program = try demoProgram()
    program.startTour()
    #expect(program.frame(size: Size(width: 100, height: 30)).text.contains("This tour steps #1 OrderMain"))
    program.handle(.key(.character(" ")))
    #expect(program.app.tour?.title == "Tour · 1")
    #expect(program.app.tour?.lines.first?.hasPrefix("call-and-continue:") == true)
    program.handle(.key(.character(" ")))
    #expect(program.app.tour?.lines.first?.hasPrefix(".sync:2:") == true)
    var guard_ = 0
    while program.session.runtime.pending.isEmpty && guard_ < 10 {
      program.handle(.key(.character(" ")))
      guard_ += 1
    }
    #expect(program.session.runtime.pending.count == 1)
    program.handle(.key(.escape))
    #expect(program.app.tour == nil)
  }

  @Test func choiceRulesAreExplainedInStateIO() throws {
    var program = try demoProgram()
    // Into the call-and-continue child and past its Choice.
    for key in "sssi" { program.handle(.key(.character(key))) }
    for key in "ssss" { program.handle(.key(.character(key))) }
    #expect(program.session.focusedExecution.label == "#2 OrderWorker")
    program.selectState("Should fail?")
    let model = program.app.view.stateIO
    #expect(model.stateName == "Should fail?")
    // Rules are worded as on the graph's edges (ChoiceCondition.summary).
    #expect(model.explanation.contains { $0.hasPrefix("rule 1: $.ShouldFail is present and $.ShouldFail == true ·") })
    #expect(model.explanation.contains { $0.hasPrefix("rule 2: $.NeedCallback == true ·") && $0.contains("$.NeedCallback = false") && $0.hasSuffix("→ no") })
    #expect(model.explanation.contains("no rule matched → Default"))
    let screen = program.frame(size: Size(width: 100, height: 30)).text
    #expect(screen.contains("State I/O · Should fail?"))
  }

  @Test func saveWritesThroughTheHost() throws {
    let written = WrittenFiles()
    var program = try demoProgram()
    program.performer = InstantPerformer(writeFile: { path, contents in
      written.add(path, contents)
      return nil
    })
    for key in ["s", "s", ":"] { program.handle(.key(.character(Character(key)))) }
    for c in "save /tmp/session.sfdbg" { program.handle(.key(.character(c))) }
    program.handle(.key(.enter))
    #expect(written.files.first?.0 == "/tmp/session.sfdbg")
    #expect(written.files.first?.1.contains("step") == true)
    #expect(program.app.message?.text == "wrote 2 command(s) to /tmp/session.sfdbg")
  }

  @Test func enterShowsAHistoryEventOrAValueInFull() throws {
    var program = try demoProgram()
    program.handle(.key(.character("c")))
    program.handle(.key(.character("/")))
    for c in "ExecutionStarted" { program.handle(.key(.character(c))) }
    program.handle(.key(.enter))  // close the filter
    program.handle(.key(.character("g")))
    program.handle(.key(.enter))  // the event
    guard case .viewer(let viewer) = program.app.mode else {
      Issue.record("no event viewer")
      return
    }
    #expect(viewer.title == "Event 1 · ExecutionStarted")
    #expect(viewer.text.contains("executionStartedEventDetails"))
    // The pane shows the event as GetExecutionHistory writes it (the one history encoder).
    let events = HistoryEncoder.getExecutionHistory(program.session.focusedExecution.execution.history)["events"]
    #expect(viewer.text == events?.arrayValue?.first?.prettyString)
    #expect(program.frame(size: Size(width: 100, height: 30)).text.contains("Event 1 · ExecutionStarted"))
    program.handle(.key(.escape))
    #expect(program.app.mode == .normal)
    // A leaf of State I/O: the execution input's OrderId.
    for _ in 0..<2 { program.handle(.key(.tab)) }  // history → graph → State I/O
    #expect(program.app.focus == .stateIO)
    program.handle(.key(.down))
    program.handle(.key(.enter))
    guard case .viewer(let value) = program.app.mode else {
      Issue.record("no value viewer")
      return
    }
    #expect(value.title == "/input/OrderId")
    #expect(value.text == "order-1001")
  }
}

/// Collects writes (a class so the @Sendable closure can record into it).
final class WrittenFiles: @unchecked Sendable {
  private(set) var files: [(String, String)] = []
  func add(_ path: String, _ contents: String) { files.append((path, contents)) }
}
