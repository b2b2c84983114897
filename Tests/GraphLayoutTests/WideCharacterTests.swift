import ASLGraph
import GraphLayout
import JSONCore
import TextWidth
import Testing

/// State names in CJK or with emoji take two terminal columns per character: boxes, borders and
/// shortened labels must be measured in columns, not characters.
@Suite struct WideCharacterTests {
  static let definition = """
    {"StartAt": "注文を記録", "States": {
      "注文を記録": {"Type": "Pass", "Next": "発送"},
      "発送": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "完了 ✅"}],
               "Default": "完了 ✅"},
      "完了 ✅": {"Type": "Succeed"}
    }}
    """

  @Test func boxesFitTheirWideLabels() throws {
    let diagram = try ASLGraph.render(definition: JSONParser.parse(Self.definition))
    let lines = diagram.lines()
    #expect(lines.contains("    ╭────────────╮"))
    #expect(lines.contains("    │ 注文を記録 │ Pass"))
    #expect(lines.contains("       │ 発送 │ Choice"))
    #expect(lines.contains(where: { $0.hasSuffix("│ 完了 ✅ │ Succeed") }))
    // Every row of a box is as wide, in columns, as its top border.
    let top = try #require(lines.firstIndex(of: "    ╭────────────╮"))
    #expect(CharacterWidth.of(lines[top]) == CharacterWidth.of(lines[top + 1].prefix(while: { $0 != "P" })) - 1)
    let graph = try ASLGraph.graph(definition: JSONParser.parse(Self.definition))
    #expect(DiagramChecker(graph: graph, diagram: diagram, glyphs: .unicode).problems() == [])
  }

  @Test func canvasKeepsWideCharactersWholeAndCutsThemCleanly() {
    var canvas = Canvas(width: 6, height: 1)
    canvas.write("a注b", x: 0, y: 0, role: .nodeLabel, owner: 0)
    #expect(canvas[1, 0] == "注")
    #expect(canvas[2, 0] == Canvas.continuation)
    #expect(canvas[3, 0] == "b")
    #expect(canvas.lines() == ["a注b"])
    // A window that starts on the right half, or ends on the left half, shows a space there.
    #expect(canvas.lines(in: GridRect(x: 2, y: 0, width: 2, height: 1)) == [" b"])
    #expect(canvas.lines(in: GridRect(x: 0, y: 0, width: 2, height: 1)) == ["a "])
    // Overwriting one half leaves no orphan half behind.
    canvas.set(x: 2, y: 0, "-", role: .edge, owner: 1)
    #expect(canvas.lines() == ["a -b"])
  }

  @Test func shortenedWideLabelsFitTheirColumns() {
    let labels = ["注文を記録して発送を待つ", "注文を記録して支払いを待つ", "short"]
    let shortened = LabelShortener.shorten(labels, maxWidth: 10)
    #expect(shortened[2] == "short")
    #expect(Set(shortened).count == 3)
    for label in shortened { #expect(CharacterWidth.of(label) <= 10) }
    #expect(CharacterWidth.of(LabelShortener.truncate("注文を記録して", maxWidth: 7)) <= 7)
  }
}
