import Testing

@testable import GraphLayout

/// A node with thousands of labelled branches (a Choice with thousands of rules): the fitter
/// rejects drawings that cannot fit from a layer's packed width, before routing them.
@Suite struct WideFanTests {
  static func fan(_ branches: Int) -> Graph {
    var nodes = [GraphNode(id: "C", kind: "Choice")]
    nodes += (0..<10).map { GraphNode(id: "S\($0)", kind: "Pass", isTerminal: true) }
    let edges = (0..<branches).map { GraphEdge(from: "C", to: "S\($0 % 10)", label: "$.v == \($0)") }
    return Graph(nodes: nodes, edges: edges, start: "C")
  }

  @Test func anAbandonedLayoutIsALowerBoundOfTheDrawing() {
    let graph = Self.fan(300)
    let full = DiagramRenderer.render(graph)
    var options = LayoutOptions()
    options.abandonWiderThan = 60
    let abandoned = DiagramRenderer.render(graph, options: options)
    #expect(abandoned.height == 0 && abandoned.nodes.isEmpty)
    #expect(abandoned.width > 60)
    #expect(abandoned.width <= full.width)
    // A limit the drawing fits changes nothing.
    options.abandonWiderThan = full.width
    #expect(DiagramRenderer.render(graph, options: options) == full)
  }

  @Test func aFiveThousandBranchFanFallsBackToTheList() {
    let graph = Self.fan(5000)
    var options = LayoutOptions()
    options.maxLabelWidth = 50
    let fitted = DiagramFitter.fit(graph, width: 60, options: options, shrinkingEdgeLabels: true)
    var listOptions = options
    listOptions.maxLabelWidth = 48
    #expect(fitted == ListRendering.render(graph, options: listOptions))
  }
}
