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

  /// A pane smaller than the diagram shows exactly its window's part of the whole drawing (status
  /// glyphs and the breakpoint marker included) and touches no cell outside the pane.
  @Test func tinyPanesNeverTrap() throws {
    let diagram = try Self.diagram()
    let status: [String: StepStatus] = ["Start": [.visited], "Done": [.breakpoint]]
    var whole = ScreenBuffer(size: Size(width: diagram.width, height: diagram.height))
    whole.render(
      GraphView(diagram: diagram, nodeStatus: status, window: GridRect(x: 0, y: 0, width: diagram.width, height: diagram.height)),
      in: whole.bounds)
    let background = Cell("x")
    let screenSize = Size(width: 12, height: 8)
    for width in 0...8 {
      for height in 0...4 {
        let window = GraphView.window(for: diagram, size: Size(width: width, height: height), focus: "Done", previous: nil)
        #expect(window.width <= width && window.height <= height, "\(width)×\(height): window \(window)")
        let view = GraphView(diagram: diagram, nodeStatus: status, window: window)
        var screen = ScreenBuffer(size: screenSize, filling: background)
        let pane = Rect(x: 2, y: 1, width: width, height: height)
        screen.render(view, in: pane)
        #expect(screen.size == screenSize)
        for y in 0..<screenSize.height {
          for x in 0..<screenSize.width {
            let expected: Cell
            if !pane.contains(Point(x: x, y: y)) {
              expected = background
            } else if x - pane.x < window.width && y - pane.y < window.height {
              expected = whole[window.x + x - pane.x, window.y + y - pane.y]
            } else {
              expected = .blank
            }
            #expect(screen[x, y] == expected, "\(width)×\(height) pane, cell \(x),\(y)")
          }
        }
      }
    }
    // The window follows the focus: an 8×3 pane shows Done's label row.
    let window = GraphView.window(for: diagram, size: Size(width: 8, height: 3), focus: "Done", previous: nil)
    let done = try #require(diagram.node("Done"))
    #expect(window.y <= done.labelOrigin.y && done.labelOrigin.y < window.y + window.height)
  }
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
