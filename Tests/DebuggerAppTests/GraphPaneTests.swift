import ASLGraph
import DebuggerCore
import GraphLayout
import JSONCore
import Testing
import TerminalUI
@testable import DebuggerApp

/// A debugger on a file of the repository or of ../shared, after `keys`.
func program(
  template: String, mocks: String? = nil, testCase: String? = nil, size: Size, keys: String = ""
) throws -> DebuggerProgram {
  let loaded = try loadMachines(template)
  let mockConfig = try mocks.map { try MockConfig(json: JSONParser.parse(String(contentsOfFile: $0, encoding: .utf8))) }
  let session = try Session(
    machines: loaded.machines, mainMachine: loaded.main, input: [:],
    configuration: SessionConfiguration(mocks: mockConfig, testCase: testCase))
  var program = DebuggerProgram(session: session, title: "test", definitions: loaded.definitions, size: size)
  program.handle(.resize(size))
  for key in keys { program.handle(.key(.character(key))) }
  return program
}

/// The seed sample ("Start a Workflow within a Workflow") paused on its callback token.
func seedProgram(_ size: Size) throws -> DebuggerProgram {
  try program(
    template: try #require(SharedData.seedTemplate), mocks: packageRoot() + "/demo/seed-sample/mocks.json",
    testCase: "CallbackLambda", size: size, keys: "c")
}

func lessonProgram(_ name: String, size: Size = Size(width: 100, height: 30), keys: String) throws -> DebuggerProgram {
  try program(template: packageRoot() + "/demo/lessons/\(name).yaml", size: size, keys: keys)
}

/// The rows of the graph pane (between its borders) of a frame.
func graphRows(_ program: DebuggerProgram, _ size: Size) -> [String] {
  guard let inner = program.app.paneInner(.graph) else { return [] }
  return program.frame(size: size).lines()[inner.y..<(inner.y + inner.height)].map {
    String(Array($0)[inner.x..<(inner.x + inner.width)])
  }
}

/// Issue 12: names that can be read at every size, marks for how states ended, frames that open,
/// and hjkl that follow the edges.
@Suite struct GraphPaneTests {
  static let seedNames = [
    "Start new workflow and continue", "Start in parallel", "Start new workflow and wait for completion",
    "Start new workflow and wait for callback",
  ]

  // MARK: Names (item 8 and the seed snapshots)

  @Test(.needsSharedData) func seedPausedOnTheCallbackAt80x24() throws {
    let size = Size(width: 80, height: 24)
    let program = try seedProgram(size)
    assertSnapshot(program.frame(size: size), named: "seed-callback-80x24")
    // Both branches show the words that tell them apart.
    let graph = graphRows(program, size).joined(separator: "\n")
    #expect(graph.contains("completion") && graph.contains("callback"))
  }

  @Test(.needsSharedData) func seedPausedOnTheCallbackAt100x30() throws {
    let size = Size(width: 100, height: 30)
    let program = try seedProgram(size)
    assertSnapshot(program.frame(size: size), named: "seed-callback-100x30")
    let graph = graphRows(program, size).joined(separator: "\n")
    #expect(graph.contains("completion") && graph.contains("callback"))
  }

  @Test(.needsSharedData) func seedPausedOnTheCallbackAt160x45() throws {
    let size = Size(width: 160, height: 45)
    let program = try seedProgram(size)
    assertSnapshot(program.frame(size: size), named: "seed-callback-160x45")
    // Every state name is drawn whole (a long one wrapped in its box).
    let graph = graphRows(program, size)
    for name in Self.seedNames {
      let node = try #require(program.app.graph.diagram?.node(name))
      #expect(node.shownLabel == name)
      for line in node.labelLines { #expect(graph.contains { $0.contains(line) }, "\(line)") }
    }
  }

  /// 220x60: the branch names sit whole on one line instead of `Start new workflow an…completion`.
  @Test(.needsSharedData) func wideScreensDrawNamesWhole() throws {
    let size = Size(width: 220, height: 60)
    let graph = graphRows(try seedProgram(size), size)
    for name in Self.seedNames { #expect(graph.contains { $0.contains(name) }, "\(name)") }
    #expect(!graph.joined().contains("…"))
  }

  /// A caught error's edge label is whole when there is room (was `catch States.HeartbeatTimeo…`).
  @Test func edgeLabelsAreWholeWhenThereIsRoom() throws {
    let size = Size(width: 160, height: 45)
    let graph = graphRows(try lessonProgram("heartbeat-timeout", size: size, keys: ""), size)
    #expect(graph.contains { $0.contains("catch States.HeartbeatTimeout, States.Timeout") })
  }

  // MARK: Marks (item 5)

  /// A failure a Catch took over is `↪`, not `✓`.
  @Test func caughtStatesHaveTheirOwnMark() throws {
    let program = try lessonProgram("child-failure", keys: "c")
    let graph = graphRows(program, Size(width: 100, height: 30))
    #expect(graph.contains { $0.contains("Reserve stock │ Task ↪") }, "\(graph.joined(separator: "\n"))")
    #expect(graph.contains { $0.contains("Tell the customer │ Pass ✓") })
  }

  /// A heartbeat timeout is `◷` (it was caught too: the timeout is what the user needs to see).
  @Test func timedOutStatesHaveTheirOwnMark() throws {
    // c: the token waits; a: 30 s pass without a heartbeat; c: the timeout is raised and caught.
    let program = try lessonProgram("heartbeat-timeout", keys: "cac")
    let graph = graphRows(program, Size(width: 100, height: 30))
    #expect(graph.contains { $0.contains("Wait for the courier") && $0.contains("◷") }, "\(graph.joined(separator: "\n"))")
    #expect(graph.contains { $0.contains("Courier did not answer") && $0.contains("✗") })
  }

  @Test func theLegendListsEveryMark() {
    let legend = AppState.help.sections.first { $0.title == "Graph marks" }?.entries.map(\.key) ?? []
    #expect(legend == ["◷", "✗", "↪", "⧗", "▶", "✓", "◉"])
    #expect(GraphView.glyph(for: [.visited, .caught]) == "↪")
    #expect(GraphView.glyph(for: [.visited, .caught, .timedOut]) == "◷")
    #expect(GraphView.glyph(for: [.visited, .failed]) == "✗")
  }

  // MARK: Frames (item 9)

  /// `enter` closes the current Parallel, `+` opens it again; in a pane too narrow for it, `enter`
  /// opens it anyway and the pane scrolls to it.
  @Test func enterAndPlusOpenAndCloseAFrame() throws {
    let size = Size(width: 80, height: 24)
    var program = try demoProgram(size: size)
    program.handle(.resize(size))
    program.handle(.key(.character("c")))
    #expect(program.app.graph.diagram?.node("Fulfil in parallel")?.isFrame == true)
    program.handle(.key(.enter))
    #expect(program.app.graph.diagram?.node("Fulfil in parallel")?.isCollapsed == true)
    #expect(graphRows(program, size).contains { $0.contains("[Parallel ×2]") })
    program.handle(.key(.character("+")))
    #expect(program.app.graph.diagram?.node("Fulfil in parallel")?.isFrame == true)
    #expect(graphRows(program, size).contains { $0.contains("⧗") })

    // A pane narrower than the frame: it starts closed, enter opens it.
    let narrow = Size(width: 40, height: 20)
    var small = try demoProgram(size: narrow)
    small.handle(.resize(narrow))
    small.handle(.key(.character("c")))
    #expect(small.app.graph.diagram?.node("Fulfil in parallel")?.isCollapsed == true)
    small.handle(.key(.enter))
    #expect(small.app.graph.diagram?.node("Fulfil in parallel")?.isFrame == true)
    #expect(small.app.graph.diagram?.node("Ship (wait for callback)") != nil)
    // A state that is no frame says what the key is for.
    small.handle(.key(.character("j")))
    small.handle(.key(.enter))
    #expect(small.app.message?.isError == true)
  }

  // MARK: Moving (item 12)

  /// j goes into a Parallel (first branch), l to the next branch, j out of a branch to what
  /// follows the frame, k back up, and out of a branch to its frame.
  @Test func hjklFollowEdgesIntoAndOutOfFrames() throws {
    let definition = try JSONParser.parse("""
      {"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "P"},
        "P": {"Type": "Parallel", "Next": "Z", "Branches": [
          {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Next": "B2"}, "B2": {"Type": "Pass", "End": true}}},
          {"StartAt": "C1", "States": {"C1": {"Type": "Pass", "Next": "C2"}, "C2": {"Type": "Pass", "End": true}}}]},
        "Z": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "M", "States": {"M": {"Type": "Pass", "End": true}}}}
      }}
      """)
    let diagram = try ASLGraph.render(definition: definition)
    var state = GraphPaneState(selectedNode: "A")
    func press(_ direction: GraphDirection) -> String? {
      state.move(direction, in: diagram, fallback: nil)
      return state.selectedNode
    }
    #expect(press(.down) == "P")
    #expect(press(.down) == "B1")  // into the first branch
    #expect(press(.right) == "C1")  // the next branch, same row
    #expect(press(.down) == "C2")
    #expect(press(.left) == "B2")
    #expect(press(.down) == "Z")  // out of the branch to what follows the frame
    #expect(press(.down) == "M")  // into the Map
    #expect(press(.down) == "M")  // the end: stays
    #expect(press(.up) == "Z")  // out to the frame
    #expect(press(.up) == "P")
    #expect(press(.up) == "A")
    state.selectedNode = "C1"
    #expect(press(.up) == "P")
  }

  /// From a Choice, j takes the first rule; h and l go through the other targets.
  @Test func hjklThroughAChoice() throws {
    let definition = try JSONParser.parse("""
      {"StartAt": "Pick", "States": {
        "Pick": {"Type": "Choice", "Default": "C", "Choices": [
          {"Variable": "$.x", "NumericEquals": 1, "Next": "A"}, {"Variable": "$.x", "NumericEquals": 2, "Next": "B"}]},
        "A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}, "C": {"Type": "Succeed"}
      }}
      """)
    let diagram = try ASLGraph.render(definition: definition)
    var state = GraphPaneState(selectedNode: "Pick")
    state.move(.down, in: diagram, fallback: nil)
    #expect(state.selectedNode == "A")
    var visited = [state.selectedNode!]
    while state.move(.right, in: diagram, fallback: nil) { visited.append(state.selectedNode!) }
    #expect(Set(visited) == ["A", "B", "C"])
    state.move(.up, in: diagram, fallback: nil)
    #expect(state.selectedNode == "Pick")
  }
}
