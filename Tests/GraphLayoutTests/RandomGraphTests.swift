import GraphLayout
import Testing

/// Random graphs (fixed seeds) through the same checks as the corpus: loops, self loops,
/// duplicate edges, long labels, dashed edges, nested frames.
@Suite struct RandomGraphTests {
  /// SplitMix64: a small deterministic generator.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int {
      range.lowerBound + Int(next() % UInt64(range.count))
    }
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
  }

  static func randomGraph(_ generator: inout Generator, prefix: String, depth: Int) -> Graph {
    let count = generator.int(1...(depth == 0 ? 18 : 6))
    var nodes: [GraphNode] = []
    for index in 0..<count {
      let id = "\(prefix)n\(index)"
      let label = generator.chance(15) ? id + " with a rather long name to shorten" : id
      var children: [Graph] = []
      if depth < 2 && generator.chance(12) {
        for branch in 0..<generator.int(1...3) {
          children.append(randomGraph(&generator, prefix: "\(id).\(branch).", depth: depth + 1))
        }
      }
      nodes.append(
        GraphNode(
          id: id, label: label, kind: ["Task", "Pass", "Choice", "Wait"][generator.int(0...3)],
          badges: generator.chance(20) ? [Badge("↻3", ascii: "R3")] : [],
          isTerminal: generator.chance(20), children: children))
    }
    var edges: [GraphEdge] = []
    for index in 0..<count {
      for _ in 0..<generator.int(0...3) {
        let target: Int
        if generator.chance(70) {
          target = min(count - 1, index + generator.int(1...3))
        } else {
          target = generator.int(0...(count - 1))
        }
        let label: String? =
          generator.chance(35)
          ? ["Default", "1: $.x == 1", "catch States.ALL, Custom.Error"][generator.int(0...2)] : nil
        edges.append(
          GraphEdge(
            from: nodes[index].id, to: nodes[target].id, label: label,
            style: generator.chance(25) ? .dashed : .solid))
      }
    }
    return Graph(nodes: nodes, edges: edges, start: nodes[generator.int(0...(count - 1))].id)
  }

  @Test(arguments: 0..<4)
  func randomGraphsDrawCorrectly(batch: Int) {
    var failures: [String] = []
    for seed in (batch * 30)..<((batch + 1) * 30) {
      var generator = Generator(state: UInt64(seed))
      let graph = Self.randomGraph(&generator, prefix: "", depth: 0)
      for glyphs in seed % 4 == 0 ? [GlyphSet.unicode, .ascii] : [.unicode] {
        let options = LayoutOptions(glyphs: glyphs, maxLabelWidth: 20)
        let diagram = DiagramRenderer.render(graph, options: options)
        let problems = DiagramChecker(graph: graph, diagram: diagram, glyphs: glyphs).problems()
        if !problems.isEmpty {
          failures.append("seed \(seed): " + problems.prefix(3).joined(separator: "; "))
        }
      }
    }
    #expect(failures.isEmpty, Comment(rawValue: failures.prefix(10).joined(separator: "\n")))
  }
}
