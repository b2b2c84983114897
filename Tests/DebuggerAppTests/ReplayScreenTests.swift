import DebuggerCore
import Foundation
import HistoryReplay
import JSONCore
import SFDBGTestSupport
import TerminalUI
import Testing
@testable import DebuggerApp

/// The nesting demo's failed execution (demo/nesting/post-mortem, the aws CLI's form), opened
/// read-only as `sfdbg debug demo/nesting/template.yaml --replay demo/nesting/post-mortem` does.
func replayProgram(size: Size = Size(width: 100, height: 30)) throws -> ReplayProgram {
  let root = packageRoot() + "/demo/nesting"
  let loaded = try loadMachines(root + "/template.yaml")
  let folder = root + "/post-mortem"
  let histories = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
    .map { name in
      try RecordedHistory(file: name, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))))
    }
  let set = try RecordedSet(histories: histories, definitions: loaded.definitions, mainMachine: "OrderMain")
  let base = try Session(machines: loaded.machines, mainMachine: loaded.main, input: json("{}"))
  var program = ReplayProgram(
    recorded: set, title: "template.yaml · OrderMain (replay)", definitions: loaded.definitions, base: base, size: size)
  program.handle(.resize(size))
  return program
}

extension ReplayProgram {
  mutating func type(_ keys: String) {
    for key in keys { handle(.key(.character(key))) }
  }

  mutating func command(_ line: String) {
    handle(.key(.character(":")))
    type(line)
    handle(.key(.enter))
  }
}

@Suite struct ReplayScreenTests {
  let wide = Size(width: 100, height: 30)

  @Test func opensAtTheFirstRecordedEvent() throws {
    let program = try replayProgram()
    #expect(program.cursor.position == 1)
    assertSnapshot(program.frame(size: wide), named: "replay-start-100x30")
  }

  @Test func continueRunsToTheRecordedEnd() throws {
    var program = try replayProgram()
    program.type("c")
    #expect(program.cursor.atEnd)
    let screen = program.frame(size: wide)
    #expect(screen.text.contains("#1 OrderMain FAILED (recorded)"))
    #expect(screen.text.contains("clock 2026-11-24 08:15:06"))
    assertSnapshot(screen, named: "replay-end-100x30")
  }

  @Test func breakpointsOnStatesAndErrorsStopAtTheirEvents() throws {
    var program = try replayProgram()
    program.command("break \"Ship (wait for callback)\"")
    program.type("c")
    #expect(program.cursor.currentEvent.id == 13)
    #expect(program.app.message?.text.contains("breakpoint: 'Ship (wait for callback)' entered (event 13)") == true)
    assertSnapshot(program.frame(size: wide), named: "replay-breakpoint-100x30")
    program.type("B")
    program.type("c")
    #expect(program.cursor.currentEvent.type == "TaskFailed")
    program.type("U")
    #expect(program.cursor.currentEvent.id == 13)
    program.type("u")
    #expect(program.cursor.position == 12)
  }

  @Test func stepsThroughAChildExecution() throws {
    var program = try replayProgram()
    program.command("focus #4")
    program.command("goto 9")
    let screen = program.frame(size: wide)
    #expect(program.cursor.focus == 3)
    #expect(screen.text.contains("✗ Lambda.ServiceException: Warehouse API unavailable"))
    assertSnapshot(screen, named: "replay-child-100x30")
    program.type("o")
    #expect(program.cursor.focus == 0)
  }

  @Test func at80x24() throws {
    let narrow = Size(width: 80, height: 24)
    var program = try replayProgram(size: narrow)
    program.type("B")
    program.type("c")
    assertSnapshot(program.frame(size: narrow), named: "replay-error-80x24")
  }

  @Test func changingTheRecordedExecutionIsRefused() throws {
    var program = try replayProgram()
    program.command("restart")
    #expect(program.app.message?.isError == true)
    #expect(program.app.message?.text.contains("read-only") == true)
    #expect(program.cursor.position == 1)
  }

  @Test func forkAtATaskOpensTheDebuggerThere() throws {
    var program = try replayProgram()
    program.command("focus #4")
    program.command("goto 6")
    program.type("f")
    var fork = try #require(program.fork)
    #expect(fork.session.mainExecution.machineName == "OrderWorker (fork at Notify warehouse)")
    #expect(fork.session.mainExecution.input.objectValue?["Job"] == .string("ship"))
    assertSnapshot(fork.frame(size: wide), named: "replay-fork-task-100x30")
    fork.handle(.key(.character("c")))
    #expect(fork.session.mainExecution.status.name == "SUCCEEDED")
    #expect(fork.session.mainExecution.execution.history.filter { $0.type == "TaskFailed" }.count == 2)
  }
}

/// A Map whose iterations call a (mocked) Lambda, run locally and opened as a recording.
@Suite struct ReplayMapScreenTests {
  let wide = Size(width: 100, height: 30)
  let definition = json("""
    {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
      "ItemProcessor": {"StartAt": "Price", "States": {
        "Price": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "price", "Payload.$": "$"}, "OutputPath": "$.Payload", "End": true}}},
      "End": true}}}
    """)

  func program() throws -> ReplayProgram {
    let registered = try machine("Prices", definition)
    let mocks = try MockConfig(json: json("""
      {"StateMachines": {"Prices": {"TestCases": {"T": {"Price": "P"}}}},
       "MockedResponses": {"P": {"0": {"Return": {"Payload": 10}}, "1": {"Return": {"Payload": 20}}, "2": {"Return": {"Payload": 30}}}}}
      """))
    var recorded = try Session(
      machines: [registered], mainMachine: registered.arn, input: json(#"{"items": ["a", "b", "c"]}"#),
      configuration: SessionConfiguration(mocks: mocks, testCase: "T"))
    let events = recordedLocally(&recorded)
    let set = try RecordedSet(
      histories: [try RecordedHistory(file: "prices.json", json: events)], definitions: ["Prices": definition],
      mainMachine: "Prices")
    let base = try Session(machines: [registered], mainMachine: registered.arn, input: json("{}"))
    var program = ReplayProgram(recorded: set, title: "prices.asl.json · Prices (replay)", definitions: ["Prices": definition], base: base, size: wide)
    program.handle(.resize(wide))
    return program
  }

  @Test func stateIOShowsTheRecordedIterationAndForksThere() throws {
    var program = try program()
    program.command("break Price")
    program.type("cc")
    let visit = try #require(program.cursor.latestVisit(of: "Price"))
    #expect(visit.iterations == [RecordedIteration(map: "Each", index: 1)])
    let screen = program.frame(size: wide)
    #expect(screen.text.contains("iteration 2 of"))
    assertSnapshot(screen, named: "replay-map-iteration-100x30")
    program.type("f")
    var fork = try #require(program.fork)
    #expect(fork.session.mainExecution.input == json(#""b""#))
    fork.handle(.key(.character("c")))
    #expect(fork.session.mainExecution.status.name == "SUCCEEDED")
    #expect(fork.session.resultJSON.objectValue?["output"] == json("20"))
  }
}

@Suite struct ReplayHelpTests {
  @Test func theHelpOverlayListsTheForkKey() throws {
    var program = try replayProgram()
    program.type("?")
    #expect(program.frame(size: Size(width: 100, height: 30)).text.contains("fork: continue locally from the selected recorded state"))
  }
}

@Suite struct ReplayLargeHistoryTests {
  /// A Map of 3,000 items (about 12,000 events): stepping and drawing stay interactive.
  @Test func aKeyOnALargeRecordingIsQuick() throws {
    let definition = json("""
      {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemProcessor": {"StartAt": "P",
        "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
      """)
    let registered = try machine("Big", definition)
    var recorded = try Session(
      machines: [registered], mainMachine: registered.arn, input: .array((0..<3000).map { .int($0) }))
    let events = recordedLocally(&recorded)
    let set = try RecordedSet(
      histories: [try RecordedHistory(file: "big.json", json: events)], definitions: ["Big": definition], mainMachine: "Big")
    #expect(set.main.visits.count == 3001)
    let size = Size(width: 100, height: 30)
    var program = ReplayProgram(recorded: set, title: "big", definitions: ["Big": definition], base: recorded, size: size)
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      program.type("c")
      for _ in 0..<10 { program.type("u") }
      _ = program.frame(size: size)
    }
    #expect(program.cursor.position == set.main.events.count - 10)
    #expect(elapsed < .seconds(5), "11 keys took \(elapsed)")
  }
}
