import ASLLoading
import DebuggerCore
import JSONCore
import Testing
import TerminalUI
@testable import DebuggerApp

/// A program on a file of this repository or of ../shared (no mocks), sized `size`.
func fileProgram(_ path: String, size: Size, input: String = "{}") throws -> DebuggerProgram {
  let loaded = try loadMachines(packageRoot() + "/" + path)
  let session = try Session(machines: loaded.machines, mainMachine: loaded.main, input: JSONParser.parse(input))
  var program = DebuggerProgram(session: session, title: "t", definitions: loaded.definitions, size: size)
  program.handle(.resize(size))
  return program
}

extension DebuggerProgram {
  mutating func press(_ keys: Key...) {
    for key in keys { handle(.key(key)) }
  }

  mutating func type(_ text: String) {
    for character in text { handle(.key(.character(character))) }
  }
}

/// Issue 12's "reading the screen" and "small things users hit", as a user meets them.
@Suite struct FirstContactTests {
  let narrow = Size(width: 80, height: 24)
  let wide = Size(width: 100, height: 30)
  static let seedSample = "../shared/seed-sample/template.yaml"

  // MARK: 11. The Pending selection

  @Test func thePendingItemThatSFHActOnIsMarkedBeforeAnyKey() throws {
    var program = try demoProgram(size: wide)
    program.handle(.resize(wide))
    program.press(.character("c"))
    #expect(program.app.focus != .pending)
    #expect(program.frame(size: wide).text.contains("│▸ 1 token #1 · Ship"))
  }

  @Test func theFocusedAnswerHintHidesNoRow() throws {
    var program = try fileProgram(Self.seedSample, size: wide)
    program.press(.character("c"), .tab, .tab, .tab)
    #expect(program.app.focus == .pending)
    let screen = program.frame(size: wide).text
    // Both items whole: each ends with its timing line.
    #expect(screen.components(separatedBy: "no timeout").count - 1 == 2)
  }

  // MARK: 8. Names in the lists

  @Test func longNamesKeepTheirDistinguishingEnd() throws {
    var program = try fileProgram(Self.seedSample, size: wide)
    program.press(.character("c"))
    let screen = program.frame(size: wide).text
    // Pending: the callback token reads …callback, not "Start new workflow…".
    #expect(screen.contains("1 token #1 · Start…for callback"))
    // History: the two Parallel branches' entries read differently.
    #expect(screen.contains("TaskEntered    Star…callback"))
    #expect(screen.contains("TaskExited     Star…ompletion"))
    // Executions: the status before a long machine name.
    #expect(screen.contains("#4  RUNNING  NestingPattern"))
    #expect(!screen.contains("ParallelStateEnte…"))
  }

  @Test func historyNamesGetRoomAt80x24() throws {
    var program = try demoProgram(size: narrow)
    program.handle(.resize(narrow))
    program.press(.character("c"), .tab, .tab, .tab, .tab)
    #expect(program.app.focus == .history)
    let rows = program.frame(size: narrow).lines().filter { $0.contains("Entered") || $0.contains("Exited") }
    #expect(!rows.isEmpty)
    for row in rows {
      // `13 TaskEntered  Ship…callback)`: the name has more than 3 columns.
      let box = row.prefix { $0 != "┃" && $0 != "│" || row.first == $0 }
      let name = box.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).joined(separator: " ")
      #expect(name.count > 3, "\(row)")
    }
  }

  @Test func middleTruncationKeepsTheEnd() {
    #expect("Start new workflow and wait for callback".truncatedInMiddle(toWidth: 20) == "Start…for callback")
    #expect("Start new workflow and wait for completion".truncatedInMiddle(toWidth: 20) == "Start…for completion")
    #expect("short".truncatedInMiddle(toWidth: 20) == "short")
    #expect(HistoryColumns.type("ParallelStateEntered", width: 16) == "ParallelEntered ")
    #expect(HistoryColumns.type("ExecutionSucceeded", width: 14) == "ExecSucceeded ")
  }

  // MARK: 13, 14. The JSON editor and the fail form

  @Test func typingReplacesTheSelectedPrefill() {
    var app = AppState(view: SampleView.make())
    _ = press(&app, .character("S"))
    let effects = type(&app, "{\"Carrier\": \"ACME\"}") + press(&app, .ctrl("s"))
    #expect(effects == [.execute(.succeed(token: .index(1), output: ["Carrier": "ACME"]))])
    // An arrow keeps the prefill to edit it.
    _ = press(&app, .character("S"), .end, .backspace)
    _ = type(&app, "}")
    #expect(press(&app, .ctrl("s")) == [.execute(.succeed(token: .index(1), output: ["Shipped": true]))])
  }

  @Test func ctrlSSendsFromEveryFormAndTheHintsSaySo() {
    var app = AppState(view: SampleView.make())
    _ = press(&app, .character("F"))
    #expect(app.render(size: wide).text.contains("ctrl-s send · tab next field · esc cancel"))
    #expect(press(&app, .ctrl("s")) == [.execute(.fail(token: .index(1), error: "States.TaskFailed", cause: nil))])
    _ = press(&app, .character("S"))
    #expect(app.render(size: wide).text.contains("ctrl-s send · esc cancel"))
    _ = press(&app, .escape, .character("R"))
    #expect(app.render(size: wide).text.contains("ctrl-s send · esc cancel"))
  }

  // MARK: 16, 17. Tiny terminal, quit dialog, filter

  @Test func noKeyActsWhileTheTerminalIsTooSmall() throws {
    var program = try demoProgram(size: Size(width: 20, height: 6))
    program.handle(.resize(Size(width: 20, height: 6)))
    #expect(program.frame(size: Size(width: 20, height: 6)).text.contains("too small"))
    program.type("sssc:?")
    #expect(program.session.mainExecution.execution.history.count == 1)
    #expect(program.app.mode == .normal)
    #expect(program.handle(.key(.ctrl("c"))) == false)
  }

  @Test func ctrlCQuitsFromTheQuitDialog() {
    var app = AppState(view: SampleView.make())
    _ = press(&app, .character("q"))
    guard case .confirmQuit = app.mode else {
      Issue.record("no quit dialog")
      return
    }
    #expect(press(&app, .ctrl("c")) == [.quit])
  }

  @Test func escInTheFilterPromptClearsTheFilter() {
    var app = AppState(view: SampleView.make())
    _ = press(&app, .character("/"))
    _ = type(&app, "Scheduled")
    #expect(app.history.filter == "Scheduled")
    _ = press(&app, .escape)
    #expect(app.history.filter == "")
    #expect(app.history.rowCount(app.view) == 6)
  }

  // MARK: 19. The key bar

  @Test func theKeyBarKeepsTheColonAndShowsHeartbeatKeys() throws {
    var demo = try demoProgram(size: narrow)
    demo.handle(.resize(narrow))
    demo.press(.character("c"))
    #expect(demo.frame(size: narrow).line(23).contains(": cmd"))
    var lesson = try fileProgram("demo/lessons/heartbeat-timeout.yaml", size: narrow)
    lesson.press(.character("c"))
    #expect(lesson.session.runtime.pending.count == 1)
    let bar = lesson.frame(size: narrow).line(23)
    #expect(bar.contains("H heartbeat"))
    #expect(bar.contains("a advance"))
    #expect(bar.contains(": cmd"))
    #expect(bar.contains("S succeed"))
  }

  // MARK: 21. Lessons and the tour

  @Test func aLessonShowsItsDescriptionUntilTheFirstKey() throws {
    let about = try #require(ASLLoader.description(ofFile: packageRoot() + "/demo/lessons/child-failure.yaml"))
    #expect(about.hasPrefix("Lesson: a child execution fails under .sync:2"))
    var program = try fileProgram("demo/lessons/child-failure.yaml", size: wide)
    program.showAbout(about)
    #expect(program.frame(size: wide).text.contains("Lesson: a child execution fails"))
    program.press(.character("s"))
    #expect(program.app.tour == nil)
    #expect(program.session.mainExecution.execution.history.count > 1)  // the key still stepped
  }

  @Test func theTourGoesOnWhileAnExecutionStillRuns() throws {
    var program = try fileProgram(Self.seedSample, size: wide)
    program.startTour()
    var captions: [String] = []
    for _ in 0..<12 where program.app.tour != nil {
      program.press(.character(" "))
      let caption = program.app.tour?.lines.joined(separator: " ") ?? ""
      // Repeated space never repeats a caption word for word.
      #expect(caption != captions.last)
      captions.append(caption)
      if caption.contains("Still waiting") {
        #expect(caption.contains("pending item 1"))
        #expect(caption.contains("JSON"))
        program.press(.character("S"))
        program.type("{}")
        program.press(.ctrl("s"))
      }
      if caption.contains("ended: SUCCEEDED") && !caption.contains("still runs") {
        let running = program.session.runtime.executions.filter(\.isRunning).count
        #expect(running == 0)
      }
    }
    #expect(captions.contains { $0.contains("still runs; the tour follows it") })
    #expect(captions.contains { $0.contains("Nothing moves until pending item 1 is answered") })
  }
}
