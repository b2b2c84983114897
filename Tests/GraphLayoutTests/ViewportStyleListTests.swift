import GraphLayout
import Testing

/// What the debugger uses per step: styles by status, the scrolling window, narrow fallbacks.
@Suite struct ViewportStyleListTests {
  /// A chain of `count` Pass states `S0 … S(count-1)`.
  static func chain(_ count: Int) -> Graph {
    Graph(
      nodes: (0..<count).map { GraphNode(id: "S\($0)", kind: "Pass", isTerminal: $0 == count - 1) },
      edges: (0..<(count - 1)).map { GraphEdge(from: "S\($0)", to: "S\($0 + 1)") })
  }

  @Test func stylesFollowStatusesWithoutRedrawing() {
    let diagram = DiagramRenderer.render(Self.chain(3))
    let s1 = diagram.node("S1")!
    // Tags are opaque to the layout: any Hashable value (here a set of words) comes back as given.
    let label = diagram.cellStyle(
      x: s1.labelOrigin.x, y: s1.labelOrigin.y, nodeTags: ["S1": Set(["current", "breakpoint"])])
    #expect(label.role == .nodeLabel)
    #expect(label.nodeIndex == diagram.nodeIndex["S1"])
    #expect(label.tag == ["current", "breakpoint"])
    let border = diagram.cellStyle(x: s1.rect.x, y: s1.rect.y, nodeTags: ["S0": "visited"])
    #expect(border.role == .nodeBorder && border.tag == nil)
    let status = diagram.cellStyle(x: s1.statusCell!.x, y: s1.statusCell!.y, nodeTags: [String: Int]())
    #expect(status.role == .nodeStatus && status.tag == nil)
    let arrow = diagram.edges[0].points.last!
    let edgeIndex = diagram.edgeIndices(from: "S0", to: "S1")[0]
    let arrowStyle = diagram.cellStyle(
      x: arrow.x, y: arrow.y, edgeTags: [edgeIndex: "visited"])
    #expect(arrowStyle.role == .edgeArrow && arrowStyle.edgeIndex == edgeIndex)
    #expect(arrowStyle.tag == "visited")

    let window = GridRect(x: 0, y: 0, width: diagram.width, height: diagram.height)
    let rows = diagram.styledRows(in: window, nodeTags: ["S2": "failed"])
    #expect(rows.count == diagram.height)
    #expect(rows.map { String($0.map(\.glyph)) } == diagram.canvas.lines(in: window))
    let failedCells = rows.joined().filter { $0.style.tag == "failed" }
    #expect(failedCells.allSatisfy { $0.style.nodeIndex == diagram.nodeIndex["S2"] })
    #expect(failedCells.count > 10)
  }

  @Test func viewportFollowsTheFocusAndStaysPut() {
    let diagram = DiagramRenderer.render(Self.chain(20))
    #expect(diagram.height > 20)
    let top = Viewport.window(for: diagram, paneWidth: 20, paneHeight: 10, focus: "S0")
    #expect(top == GridRect(x: 0, y: 0, width: 20, height: 10))
    let far = Viewport.window(
      for: diagram, paneWidth: 20, paneHeight: 10, focus: "S12", previous: top)
    let s12 = diagram.node("S12")!.footprint
    #expect(far.contains(s12))
    // Stepping to a node that is already visible does not scroll.
    let nextNode = diagram.node("S13")!.footprint
    let expected =
      far.contains(nextNode)
      ? far
      : Viewport.window(for: diagram, paneWidth: 20, paneHeight: 10, focus: "S13", previous: far)
    #expect(
      Viewport.window(for: diagram, paneWidth: 20, paneHeight: 10, focus: "S13", previous: far)
        == expected)
    let same = Viewport.window(
      for: diagram, paneWidth: 20, paneHeight: 10, focus: "S12", previous: far)
    #expect(same == far)
    // Never beyond the canvas.
    let last = Viewport.window(for: diagram, paneWidth: 20, paneHeight: 10, focus: "S19")
    #expect(last.maxY == diagram.height)
    #expect(diagram.canvas.lines(in: last).count == 10)
    // A pane larger than the canvas starts at the origin.
    let big = Viewport.window(for: diagram, paneWidth: 500, paneHeight: 500, focus: "S19")
    #expect(big.x == 0 && big.y == 0)
  }

  @Test func viewportShowsSeveralCurrentStatesWhenTheyFit() {
    let graph = Graph(
      nodes: [
        GraphNode(
          id: "Fan", kind: "Parallel", children: [Self.chain(3), Self.chain(3).renamed("b")])
      ],
      edges: [])
    let diagram = DiagramRenderer.render(graph)
    let both = Viewport.window(
      for: diagram, paneWidth: diagram.width, paneHeight: 8, focusing: ["S2", "S2b"])
    #expect(both.contains(diagram.node("S2")!.footprint))
    #expect(both.contains(diagram.node("S2b")!.footprint))
    let narrow = Viewport.window(
      for: diagram, paneWidth: 14, paneHeight: 5, focusing: ["S2b", "S0"])
    #expect(narrow.contains(diagram.node("S2b")!.footprint))
    #expect(!narrow.contains(diagram.node("S0")!.footprint))
  }

  @Test func listFallbackShowsEveryStateOnItsOwnRow() {
    let graph = Graph(
      nodes: [
        GraphNode(id: "Check", kind: "Choice"),
        GraphNode(
          id: "Fan", kind: "Parallel", children: [Self.chain(2), Self.chain(1).renamed("b")]),
        GraphNode(id: "Done", kind: "Succeed", isTerminal: true),
      ],
      edges: [
        GraphEdge(from: "Check", to: "Fan", label: "1: $.go == true"),
        GraphEdge(from: "Check", to: "Done", label: "Default"), GraphEdge(from: "Fan", to: "Done"),
      ], start: "Check")
    let diagram = ListRendering.render(graph)
    #expect(
      diagram.lines() == [
        "● Check  Choice",
        "    1: $.go == true → Fan",
        "    Default → Done",
        "● Fan  Parallel    → Done",
        "  ┆ branch 1",
        "  ┆ ● S0  Pass    → S1",
        "  ┆ ● S1  Pass    ■ end",
        "  ┆ branch 2",
        "  ┆ ● S0b  Pass    ■ end",
        "● Done  Succeed    ■ end",
      ])
    #expect(Set(diagram.nodes.map(\.id)) == Set(graph.allNodeIDs))
    let s1 = diagram.node("S1")!
    #expect(s1.parent == "Fan")
    let style = diagram.cellStyle(
      x: s1.labelOrigin.x, y: s1.labelOrigin.y, nodeTags: ["S1": "current"])
    #expect(style.role == .nodeLabel && style.tag == "current")
  }

  @Test func fitterShrinksThenCollapsesThenLists() {
    let long = Graph(
      nodes: [
        GraphNode(id: "A rather long state name for a narrow pane", kind: "Task"),
        GraphNode(
          id: "P", kind: "Parallel",
          children: [Self.chain(2), Self.chain(2).renamed("x"), Self.chain(2).renamed("y")]),
      ],
      edges: [GraphEdge(from: "A rather long state name for a narrow pane", to: "P")])
    let full = DiagramRenderer.render(long)
    #expect(DiagramFitter.fit(long, width: full.width) == full)
    let flat = Graph(
      nodes: [GraphNode(id: "A rather long state name for a narrow pane", kind: "Task")], edges: [])
    let narrower = DiagramFitter.fit(flat, width: 30)
    // The name wraps over three lines rather than being cut.
    #expect(
      narrower.lines() == [
        "╭────────────────╮", "│ A rather long  │ Task", "│ state name for │", "│ a narrow pane  │",
        "╰────────────────╯",
      ])
    // Narrower still, it is cut, keeping its first and last words.
    #expect(
      DiagramFitter.fit(flat, width: 21).lines() == [
        "╭──────────╮", "│ A rather │ Task", "│ long…    │", "│ pane     │", "╰──────────╯",
      ])
    let collapsed = DiagramFitter.fit(long, width: 40)
    #expect(collapsed.width <= 40)
    #expect(collapsed.node("S0x") == nil)
    #expect(collapsed.text.contains("[Parallel ×3]"))
    let list = DiagramFitter.fit(long, width: 12)
    #expect(list.nodes.count == long.allNodeIDs.count)
    #expect(list.lines().first?.hasPrefix("● ") == true)
  }

  @Test func shortenerKeepsLabelsUnique() {
    let labels = [
      "Process the incoming order", "Process the incoming refund", "Process the incoming order!",
      "short", "Process the incoming o…der",
    ]
    let shown = LabelShortener.shorten(labels, maxWidth: 12)
    #expect(shown[3] == "short")
    #expect(Set(shown).count == labels.count)
    #expect(shown.allSatisfy { $0.count <= 12 })
    #expect(shown[0] == "Process…der")
    #expect(
      LabelShortener.shorten(["aaaaaaaaaaaa", "aaaaaaaaaaaaa", "aaaaaaaaaaaaaa"], maxWidth: 5).count
        == 3)
    #expect(
      Set(LabelShortener.shorten(["aaaaaaaaaaaa", "aaaaaaaaaaaaa", "aaaaaaaaaaaaaa"], maxWidth: 5))
        .count == 3)
    #expect(LabelShortener.truncate("catch States.ALL", maxWidth: 8) == "catch S…")
  }
}
