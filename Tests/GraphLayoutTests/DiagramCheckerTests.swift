import GraphLayout
import Testing

/// The corpus checker must catch broken drawings, or the corpus test would prove nothing.
@Suite struct DiagramCheckerTests {
  static let graph = Graph(
    nodes: [
      GraphNode(id: "A", kind: "Task"), GraphNode(id: "B", kind: "Choice"),
      GraphNode(id: "C", kind: "Pass", isTerminal: true),
    ],
    edges: [
      GraphEdge(from: "A", to: "B"), GraphEdge(from: "B", to: "C", label: "1: $.x == 1"),
      GraphEdge(from: "B", to: "A", label: "Default"),
    ], start: "A")

  func problems(_ diagram: Diagram) -> [String] {
    DiagramChecker(graph: Self.graph, diagram: diagram, glyphs: .unicode).problems()
  }

  @Test func acceptsAGoodDrawing() {
    #expect(problems(DiagramRenderer.render(Self.graph)) == [])
  }

  @Test func catchesAMissingEdge() {
    var diagram = DiagramRenderer.render(Self.graph)
    diagram.edges.removeLast()
    #expect(problems(diagram).contains { $0.hasPrefix("edge not drawn") })
  }

  @Test func catchesABrokenLine() {
    let diagram = DiagramRenderer.render(Self.graph)
    let cells = diagram.edges.map(\.routeCells).max { $0.count < $1.count }!
    #expect(cells.count > 4)
    var canvas = diagram.canvas
    canvas.set(x: cells[2].x, y: cells[2].y, " ", role: .empty, owner: -1)
    let broken = Diagram(canvas: canvas, nodes: diagram.nodes, edges: diagram.edges)
    #expect(problems(broken).contains { $0.contains("is broken") })
  }

  @Test func catchesOverlappingBoxes() {
    var diagram = DiagramRenderer.render(Self.graph)
    diagram.nodes[1].footprint = diagram.nodes[0].footprint
    #expect(problems(diagram).contains { $0.contains("overlaps") })
  }

  @Test func catchesAHiddenLabel() {
    let diagram = DiagramRenderer.render(Self.graph)
    var canvas = diagram.canvas
    let origin = diagram.nodes[2].labelOrigin
    canvas.set(x: origin.x, y: origin.y, "#", role: .nodeLabel, owner: 2)
    let hidden = Diagram(canvas: canvas, nodes: diagram.nodes, edges: diagram.edges)
    #expect(problems(hidden).contains { $0.hasPrefix("label line 0 of C drawn as") })
  }

  @Test func catchesAnEdgeThroughABox() {
    var diagram = DiagramRenderer.render(Self.graph)
    let edge = diagram.edges.first { $0.isBackEdge }!
    let cell = edge.routeCells[edge.routeCells.count / 2]
    let other = diagram.nodes.firstIndex { $0.id != edge.from && $0.id != edge.to }!
    diagram.nodes[other].footprint = GridRect(x: cell.x, y: cell.y, width: 1, height: 1)
    #expect(problems(diagram).contains { $0.contains("passes through") })
  }
}
