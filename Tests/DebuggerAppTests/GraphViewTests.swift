import ASLGraph
import GraphLayout
import JSONCore
import Testing
import TerminalUI
@testable import DebuggerApp

@Suite struct GraphViewTests {
  static let definition: JSONValue = try! JSONParser.parse("""
    {"StartAt": "Start", "States": {
      "Start": {"Type": "Pass", "Next": "Wait for callback"},
      "Wait for callback": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "Next": "Done"},
      "Done": {"Type": "Succeed"}
    }}
    """)

  static func diagram() throws -> Diagram { try ASLGraph.render(definition: definition) }

  @Test func statusesShowWithoutColours() throws {
    let diagram = try Self.diagram()
    let view = GraphView(
      diagram: diagram,
      nodeStatus: ["Start": [.visited], "Wait for callback": [.current, .pendingToken, .breakpoint]],
      selectedNode: "Done",
      window: GridRect(x: 0, y: 0, width: diagram.width, height: diagram.height))
    var buffer = ScreenBuffer(size: Size(width: 26, height: 11))
    buffer.render(view, in: buffer.bounds)
    #expect(buffer.lines() == [
      "      ╭───────╮             ",
      "      │ Start │ Pass ✓      ",
      "      ╰───┬───╯             ",
      "          ▼                 ",
      "╭───────────────────╮       ",
      "◉ Wait for callback │ Task ⧗",
      "╰─────────┬─────────╯       ",
      "          ▼                 ",
      "      ╭──────╮              ",
      "      │ Done │ Succeed      ",
      "      ╘══════╛              ",
    ].map { String($0.prefix(26)) })
    // The current state's label is reversed, the selected one underlined.
    #expect(buffer.lines(marking: { $0.style.reverse })[5] == "◉###################│ Task")
    #expect(buffer.lines(marking: { $0.style.underline })[9] == "      │######│ Succeed    ")
  }

  @Test func windowScrollsToTheFocus() throws {
    let diagram = try Self.diagram()
    let window = GraphView.window(for: diagram, size: Size(width: 26, height: 3), focus: "Done", previous: nil)
    let view = GraphView(diagram: diagram, window: window)
    #expect(rendered(view, width: 26, height: 3) == [
      "      ╭──────╮              ",
      "      │ Done │ Succeed      ",
      "      ╘══════╛              ",
    ].map { String($0.prefix(26)) })
  }

  @Test func arrowKeysMoveBetweenNodes() throws {
    let diagram = try Self.diagram()
    var state = GraphPaneState()
    do { let moved = state.move(.down, in: diagram, fallback: "Start"); #expect(moved) }
    #expect(state.selectedNode == "Wait for callback")
    do { let moved = state.move(.down, in: diagram, fallback: nil); #expect(moved) }
    #expect(state.selectedNode == "Done")
    do { let moved = state.move(.down, in: diagram, fallback: nil); #expect(!moved) }
    do { let moved = state.move(.up, in: diagram, fallback: nil); #expect(moved) }
    #expect(state.selectedNode == "Wait for callback")
  }

  @Test func tinyPanesNeverTrap() throws {
    let diagram = try Self.diagram()
    for width in 0...8 {
      for height in 0...4 {
        let window = GraphView.window(for: diagram, size: Size(width: width, height: height), focus: "Done", previous: nil)
        let view = GraphView(diagram: diagram, nodeStatus: ["Done": [.breakpoint]], window: window)
        _ = rendered(view, width: width, height: height)
      }
    }
  }
}

func rendered(_ widget: some Widget, width: Int, height: Int) -> [String] {
  var buffer = ScreenBuffer(size: Size(width: width, height: height))
  buffer.render(widget, in: buffer.bounds)
  return buffer.lines()
}

@Suite struct GraphViewWideCharacterTests {
  @Test func wideStateNamesShowWholeAndAligned() throws {
    let definition = try JSONParser.parse("""
      {"StartAt": "注文", "States": {"注文": {"Type": "Pass", "Next": "完了"}, "完了": {"Type": "Succeed"}}}
      """)
    let diagram = try ASLGraph.render(definition: definition)
    let view = GraphView(diagram: diagram, window: GridRect(x: 0, y: 0, width: diagram.width, height: diagram.height))
    var buffer = ScreenBuffer(size: Size(width: 20, height: diagram.height))
    buffer.render(view, in: buffer.bounds)
    let lines = buffer.lines()
    #expect(lines.contains(where: { $0.contains("│ 注文 │ Pass") }))
    #expect(lines.contains(where: { $0.contains("│ 完了 │ Succeed") }))
    #expect(!lines.joined().contains("?"))
    // Every row takes exactly the pane's 20 columns (wide characters count two).
    for line in lines { #expect(CharacterWidth.of(line) == 20) }
    // A pane too narrow for a wide character at its edge shows a space, not half of it.
    var narrow = ScreenBuffer(size: Size(width: 20, height: diagram.height))
    let cut = GraphView(diagram: diagram, window: GridRect(x: 0, y: 0, width: diagram.width, height: diagram.height))
    narrow.render(cut, in: Rect(x: 0, y: 0, width: 5, height: diagram.height))
    for line in narrow.lines() { #expect(CharacterWidth.of(line) == 20) }
  }
}
