import DebuggerCore
import Testing
import TerminalUI
@testable import DebuggerApp

/// The log pane: command output read whole, teaching notes kept off the data panes, one clock.
@Suite struct LogPaneTests {
  /// Types `line` at the `:` prompt and runs it.
  func run(_ line: String, on program: inout DebuggerProgram) {
    program.handle(.key(.character(":")))
    for character in line { program.handle(.key(.character(character))) }
    program.handle(.key(.enter))
  }

  func demo(_ size: Size, keys: String = "") throws -> DebuggerProgram {
    var program = try demoProgram(size: size)
    program.handle(.resize(size))
    for key in keys { program.handle(.key(.character(key))) }
    return program
  }

  /// The rows of a pane's box on the screen.
  func box(_ pane: Pane, of program: DebuggerProgram, size: Size) throws -> [String] {
    let rect = try #require(program.app.layout(size: size).panes[pane])
    return program.frame(size: size).lines()[rect.y..<rect.maxY].map {
      String($0.dropFirst(rect.x).prefix(rect.width))
    }
  }

  @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
  func printOutputIsReadWholeInTheLog(size: Size) throws {
    var program = try demo(size, keys: "c")
    run("print $$.Execution", on: &program)
    #expect(program.app.log.isOpen, "output longer than a line opens the log")
    assertSnapshot(program.frame(size: size), named: "log-print-\(size.width)x\(size.height)")
    let log = try box(.log, of: program, size: size).joined(separator: "\n")
    #expect(log.contains("› print $$.Execution"))
    #expect(log.contains(#""Name": "main""#) || size.height < 30)
    let message = program.frame(size: size).line(size.height - 2)
    #expect(message.contains("print $$.Execution: 13 lines in the log below (L goes to it)"))

    // L goes to the log; there L hides it and gives the focus back; L shows it again.
    program.handle(.key(.character("L")))
    #expect(program.app.log.isOpen && program.app.focus == .log)
    program.handle(.key(.character("L")))
    #expect(!program.app.log.isOpen && program.app.focus == .graph)
    #expect(program.app.layout(size: size).panes[.log] == nil)
    program.handle(.key(.character("L")))
    #expect(program.app.log.isOpen && program.app.focus == .log)
    // Focused, the log scrolls to every line of the value.
    var seen = Set<String>()
    for _ in 0..<40 {
      seen.formUnion(try box(.log, of: program, size: size))
      program.handle(.key(.down))
    }
    for key in ["Id", "Input", "Name", "RoleArn", "StartTime"] {
      #expect(seen.contains { $0.contains("\"\(key)\":") }, "\(key) can be scrolled to")
    }
  }

  @Test func listingsGoToTheLogWhole() throws {
    var program = try demo(Size(width: 100, height: 30), keys: "c")
    for command in ["executions", "pending", "history"] {
      run(command, on: &program)
    }
    let log = program.app.log.lines.map(\.text)
    #expect(log.filter { $0.hasPrefix("› ") } == ["› continue", "› executions", "› pending", "› history"])
    #expect(log.contains { $0.hasPrefix("   #4 OrderWorker ") && $0.hasSuffix("← .waitForTaskToken from #1 OrderMain 'Ship (wait for callback)'") })
    #expect(log.filter { $0.hasPrefix("1. token ") && $0.contains("'Ship (wait for callback)'") }.count == 2, "continue's stop and pending")
    #expect(log.contains("1 ExecutionStarted") && log.contains("18 TaskStateExited Reserve stock (wait for completion)"))
  }

  @Test func oneLineOfOutputIsShownOnTheMessageLine() throws {
    let size = Size(width: 100, height: 30)
    var program = try demo(size, keys: "c")
    run("print $.OrderId", on: &program)
    #expect(!program.app.log.isOpen)
    #expect(program.frame(size: size).line(size.height - 2).hasPrefix(#" print $.OrderId: "order-1001""#))
    #expect(program.app.log.lines.suffix(2).map(\.text) == ["› print $.OrderId", #""order-1001""#])
  }

  @Test(arguments: [Size(width: 40, height: 12), Size(width: 50, height: 16)])
  func aOnePaneScreenKeepsItsPaneAboveTheLog(size: Size) throws {
    var program = try demo(size, keys: "c")
    run("executions", on: &program)
    program.handle(.key(.character("L")))
    let layout = program.app.layout(size: size)
    #expect(program.app.focus == .log && layout.panes[.graph] != nil && layout.panes[.log] != nil)
    let screen = program.frame(size: size).text
    #expect(screen.contains("[Gra") && screen.contains("▶ Log · L hides it"), "\(screen)")
  }

  @Test func aHugeOutputKeepsItsCommandAndLastLines() {
    var log = LogPane()
    log.record(command: "history", output: (1...10_000).map(String.init), messages: [], notes: [], isError: false)
    #expect(log.lines.count <= LogPane.capacity)
    #expect(log.lines.first?.text == "› history" && log.lines.last?.text == "10000")
    for _ in 0..<3 { log.record(command: "step", output: [], messages: ["stepped"], notes: [], isError: false) }
    let rows = log.rows(width: 20)
    let offset = log.offset(in: Size(width: 20, height: 5), rows: rows)
    #expect(offset == rows.rows.count - 5 && (offset..<offset + 5).contains(rows.latest), "the latest command is on screen")
    #expect(rows.rows[rows.latest].text == "› step")
  }

  @Test(arguments: [Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 120, height: 40)])
  func notesNeverCoverStateIO(size: Size) throws {
    var program = try demo(size)
    // The notes each step gives, from a copy of the session stepped alongside the screen.
    var reference = program.session
    var notes: [String] = []
    for _ in 0..<12 {
      program.handle(.key(.character("s")))
      let stepNotes = reference.execute(.step).notes
      notes += stepNotes
      let stateIO = try box(.stateIO, of: program, size: size).joined()
      #expect(!stateIO.contains("ⓘ"), "no teaching note over State I/O")
      if !stepNotes.isEmpty {
        #expect(program.frame(size: size).line(size.height - 2).contains("ⓘ"), "the note is on the message line")
      }
    }
    #expect(notes.count >= 3)
    // Every note is in the log whole.
    let log = program.app.log.lines.filter { $0.kind == .note }.map(\.text)
    #expect(log == notes.map { "ⓘ " + $0 })

    // The State I/O cursor (the reversed row) stays on screen however far it moves.
    while program.app.focus != .stateIO { program.handle(.key(.tab)) }
    for _ in 0..<30 {
      program.handle(.key(.down))
      let rect = try #require(program.app.layout(size: size).panes[.stateIO])
      let marked = program.frame(size: size).lines(marking: { $0.style.reverse }, with: "█")
      #expect(marked[rect.y..<rect.maxY].contains { $0.dropFirst(rect.x).prefix(rect.width).contains("█") })
    }
  }

  @Test func theClockIsShownOneWay() throws {
    let root = packageRoot() + "/demo/lessons/heartbeat-timeout.yaml"
    let loaded = try loadMachines(root)
    let session = try Session(machines: loaded.machines, mainMachine: loaded.main, input: [:])
    let size = Size(width: 120, height: 40)
    var program = DebuggerProgram(session: session, title: "lesson", definitions: loaded.definitions, size: size)
    program.handle(.resize(size))
    program.handle(.key(.character("c")))
    run("pending", on: &program)
    program.handle(.key(.character("a")))
    program.handle(.key(.character("u")))
    let log = program.app.log.lines.map(\.text).joined(separator: "\n")
    #expect(log.contains("heartbeat due 00:00:30.000"))
    #expect(log.contains("times out at 00:05:00.000"))
    #expect(log.contains("clock advanced to 00:00:30.000"))
    #expect(log.contains("stepped back; clock 00:00:00.000"))
    #expect(!log.contains("2025-"), "no ISO timestamps outside JSON data: \(log)")
    #expect(program.frame(size: size).line(0).hasSuffix("clock 00:00:00.000 "))
  }
}

