import GraphLayout
import Testing

/// Small graphs exercising the layout engine's corner cases; each drawing must pass the checker.
@Suite struct LayoutEngineTests {
  func check(_ graph: Graph, options: LayoutOptions = LayoutOptions()) -> Diagram {
    let diagram = DiagramRenderer.render(graph, options: options)
    let problems = DiagramChecker(graph: graph, diagram: diagram, glyphs: options.glyphs).problems()
    #expect(problems == [], "\(diagram.text)")
    return diagram
  }

  @Test func singleNode() {
    let diagram = check(
      Graph(nodes: [GraphNode(id: "Only", kind: "Pass", isTerminal: true)], edges: []))
    #expect(
      diagram.lines() == [
        "╭──────╮",
        "│ Only │ Pass",
        "╘══════╛",
      ])
  }

  @Test func emptyGraph() {
    let diagram = DiagramRenderer.render(Graph(nodes: [], edges: []))
    #expect(diagram.width == 0 && diagram.height == 0 && diagram.nodes.isEmpty)
  }

  @Test func selfLoopRunsInTheGutter() {
    let graph = Graph(
      nodes: [GraphNode(id: "Poll", kind: "Task")],
      edges: [GraphEdge(from: "Poll", to: "Poll", label: "again")])
    let diagram = check(graph)
    #expect(diagram.edges[0].isBackEdge)
    #expect(
      diagram.lines() == [
        "      ┌──────────┐",
        "      ▼          │",
        "╭──────╮         │",
        "│ Poll │ Task    │ again",
        "╰───┬──╯         │",
        "    └────────────┘",
      ])
  }

  @Test func loopBackToAnEarlierState() {
    let graph = Graph(
      nodes: [
        GraphNode(id: "A", kind: "Task"), GraphNode(id: "B", kind: "Wait"),
        GraphNode(id: "C", kind: "Choice"), GraphNode(id: "D", kind: "Succeed", isTerminal: true),
      ],
      edges: [
        GraphEdge(from: "A", to: "B"), GraphEdge(from: "B", to: "C"),
        GraphEdge(from: "C", to: "A", label: "1: retry"),
        GraphEdge(from: "C", to: "D", label: "Default"),
      ], start: "A")
    let diagram = check(graph)
    #expect(diagram.edges.filter(\.isBackEdge).map(\.to) == ["A"])
  }

  @Test func unreachableNodesAndDuplicateEdgesAreDrawn() {
    let graph = Graph(
      nodes: [
        GraphNode(id: "Start", kind: "Pass"),
        GraphNode(id: "End", kind: "Succeed", isTerminal: true),
        GraphNode(id: "Orphan", kind: "Pass"),
      ],
      edges: [
        GraphEdge(from: "Start", to: "End"), GraphEdge(from: "Start", to: "End", label: "again"),
        GraphEdge(from: "Orphan", to: "End", style: .dashed),
      ], start: "Start")
    let diagram = check(graph)
    #expect(Set(diagram.nodes.map(\.id)) == ["Start", "End", "Orphan"])
    #expect(diagram.edges.map { "\($0.from)→\($0.to) \($0.shownLabel ?? "")" }.sorted() == [
      "Orphan→End ", "Start→End ", "Start→End again",
    ])
    #expect(diagram.edges.first { $0.from == "Orphan" }?.style == .dashed)
    #expect(diagram.text.contains("again"))
  }

  @Test func edgesToUnknownNodesAreIgnored() {
    let graph = Graph(
      nodes: [GraphNode(id: "A", kind: "Pass")], edges: [GraphEdge(from: "A", to: "Nowhere")])
    let diagram = DiagramRenderer.render(graph)
    #expect(diagram.edges.isEmpty)
  }

  @Test func nestedFramesAndCollapse() {
    let inner = Graph(
      nodes: [GraphNode(id: "X", kind: "Task", isTerminal: true)], edges: [], start: "X")
    let branch = Graph(
      nodes: [
        GraphNode(
          id: "P", kind: "Parallel", isTerminal: true, children: [inner, inner.renamed("Y")])
      ], edges: [], start: "P")
    let graph = Graph(
      nodes: [
        GraphNode(id: "M", kind: "Map", children: [branch]),
        GraphNode(id: "Done", kind: "Succeed", isTerminal: true),
      ],
      edges: [
        GraphEdge(from: "M", to: "Done"),
        GraphEdge(from: "M", to: "Done", label: "catch States.ALL", style: .dashed),
      ],
      start: "M")
    let expanded = check(graph)
    #expect(expanded.node("M")?.isFrame == true)
    #expect(expanded.node("X")?.parent == "P")
    #expect(expanded.node("P")?.parent == "M")
    let collapsed = DiagramRenderer.render(graph, options: LayoutOptions(collapsedNodes: ["M"]))
    #expect(collapsed.node("X") == nil)
    #expect(collapsed.text.contains("│ M │ [Map]"))
    let collapsedInner = DiagramRenderer.render(
      graph, options: LayoutOptions(collapsedNodes: ["P"]))
    #expect(collapsedInner.text.contains("[Parallel ×2]"))
  }

  @Test func asciiGlyphsOnly() {
    let graph = Graph(
      nodes: [
        GraphNode(id: "A", kind: "Task", badges: [Badge("↻3", ascii: "R3")]),
        GraphNode(id: "B", kind: "Fail", isTerminal: true),
      ],
      edges: [
        GraphEdge(from: "A", to: "B", label: "catch States.ALL", style: .dashed),
        GraphEdge(from: "A", to: "A"),
      ])
    let diagram = check(graph, options: LayoutOptions(glyphs: .ascii))
    let allASCII = diagram.text.unicodeScalars.allSatisfy { $0.isASCII }
    #expect(allASCII, "\(diagram.text)")
    #expect(diagram.text.contains("R3"))
  }

  @Test func wideFanOutKeepsRuleOrder() {
    let targets = (1...6).map { "Target \($0)" }
    let graph = Graph(
      nodes: [GraphNode(id: "Pick", kind: "Choice")]
        + targets.map { GraphNode(id: $0, kind: "Pass", isTerminal: true) },
      edges: targets.enumerated().map { GraphEdge(from: "Pick", to: $1, label: "\($0 + 1)") },
      start: "Pick")
    let diagram = check(graph)
    let xs = targets.map { diagram.node($0)!.rect.x }
    #expect(xs == xs.sorted())
  }

  @Test func longLabelsAreShortenedButUnique() {
    let names = [
      "Start new workflow and wait for completion", "Start new workflow and wait for callback",
      "Start new workflow and wait for completion!",
    ]
    let graph = Graph(
      nodes: names.map { GraphNode(id: $0, kind: "Task") },
      edges: [GraphEdge(from: names[0], to: names[1]), GraphEdge(from: names[1], to: names[2])])
    let diagram = check(graph, options: LayoutOptions(maxLabelWidth: 20, maxLabelLines: 1))
    let shown = diagram.nodes.map(\.shownLabel)
    #expect(Set(shown).count == 3)
    #expect(shown.allSatisfy { $0.count <= 20 && $0.contains("…") })
  }

  /// A long name wraps at word boundaries inside a taller box (balanced lines), and is cut only
  /// when it does not fit on three lines, keeping the last words that tell siblings apart.
  @Test func longLabelsWrapInsideTheirBox() {
    let names = ["Start new workflow and wait for completion", "Start new workflow and wait for callback"]
    let graph = Graph(
      nodes: [GraphNode(id: "P", kind: "Parallel", children: names.map { Graph(nodes: [GraphNode(id: $0, kind: "Task")], edges: []) })],
      edges: [])
    let wide = check(graph, options: LayoutOptions(maxLabelWidth: 32))
    #expect(wide.node(names[0])?.labelLines == ["Start new workflow and", "wait for completion"])
    #expect(wide.node(names[0])?.rect.height == 4)
    #expect(wide.text.contains("│ Start new workflow and │ Task"))
    #expect(wide.text.contains("│ wait for completion    │"))
    let narrow = check(graph, options: LayoutOptions(maxLabelWidth: 17))
    #expect(narrow.node(names[1])?.labelLines == ["Start new", "workflow and wait", "for callback"])
    let cut = check(graph, options: LayoutOptions(maxLabelWidth: 10))
    #expect(cut.node(names[0])?.labelLines == ["Start new", "workflow…", "completion"])
    #expect(cut.node(names[1])?.labelLines == ["Start new", "workflow…", "callback"])
    #expect(cut.node(names[1])?.shownLabel == "Start new workflow… callback")
  }

  @Test func labelsWithNewlinesStayOnOneRow() {
    let graph = Graph(
      nodes: [
        GraphNode(id: "A", label: "two\nlines", kind: "Choice"),
        GraphNode(id: "B", label: "tab\there", kind: "Pass"),
      ],
      edges: [GraphEdge(from: "A", to: "B", label: "1: $x\r\n  > 1")])
    let diagram = DiagramRenderer.render(graph)
    #expect(diagram.canvas.glyphs.allSatisfy { !$0.isNewline && $0 != "\t" })
    #expect(diagram.node("A")?.shownLabel == "two lines")
    #expect(diagram.text.contains("│ two lines │"))
    #expect(diagram.text.contains("1: $x   > 1"))
    let list = ListRendering.render(graph)
    #expect(list.canvas.glyphs.allSatisfy { !$0.isNewline && $0 != "\t" })
    #expect(list.height == 3)
  }

  @Test func deterministic() {
    var edges: [GraphEdge] = []
    for index in 0..<29 {
      edges.append(GraphEdge(from: "S\(index)", to: "S\(index + 1)"))
      if index % 4 == 0 {
        edges.append(GraphEdge(from: "S\(index + 1)", to: "S\(index / 2)", label: "loop"))
      }
      if index % 5 == 0 {
        edges.append(GraphEdge(from: "S\(index)", to: "S\(min(29, index + 3))", label: "skip"))
      }
    }
    let graph = Graph(nodes: (0..<30).map { GraphNode(id: "S\($0)", kind: "Pass") }, edges: edges)
    let first = check(graph)
    #expect(DiagramRenderer.render(graph) == first)
  }
}

extension Graph {
  /// The same graph with every node id suffixed, so it can sit next to itself in a Parallel.
  func renamed(_ suffix: String) -> Graph {
    Graph(
      nodes: nodes.map {
        var node = $0
        node.id += suffix
        node.label += suffix
        return node
      },
      edges: edges.map {
        GraphEdge(from: $0.from + suffix, to: $0.to + suffix, label: $0.label, style: $0.style)
      },
      start: start.map { $0 + suffix })
  }
}
