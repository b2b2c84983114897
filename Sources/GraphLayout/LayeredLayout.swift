import TextWidth

/// Lays out one graph level (its frames recursively) into a ``Diagram``.
///
/// Sugiyama-lite on a character grid: back edges by a depth-first walk in declaration order,
/// longest-path ranks (labelled edges span two ranks so the label gets its own cell row), dummy
/// vertices on long edges, barycenter ordering, isotonic (pool-adjacent-violators) placement of
/// ports, channel routing with one track per horizontal run, and a right gutter lane per back
/// edge. Everything is deterministic.
struct LayeredLayout {
  let options: LayoutOptions
  let shownLabels: [String: ShownLabel]

  var glyphs: GlyphSet { options.glyphs }

  // MARK: - Vertices

  enum VertexKind: Equatable {
    case node(Int)
    case dummy(edge: Int)
    case label(edge: Int)
  }

  struct Vertex {
    var kind: VertexKind
    var rank: Int
    var width: Int
    var height: Int
    /// Column of the port relative to `x`.
    var port: Int
    var x: Int = 0
    var isReal: Bool { if case .node = kind { return true } else { return false } }
  }

  /// Geometry of a real node before placement.
  struct NodeShape {
    var width: Int
    var height: Int
    var boxWidth: Int
    /// The label as it reads (``PlacedNode/shownLabel``) and as drawn, one entry per row.
    var label: String
    var lines: [String]
    var annotation: [(text: String, role: CellRole)]
    var statusOffset: Int?
    var isFrame: Bool
    var children: [Diagram]
  }

  struct Edge {
    var from: Int
    var to: Int
    var source: GraphEdge
    var label: String?
    var isBack = false
  }

  // MARK: - Entry

  func layout(_ graph: Graph, parent: String?) -> Diagram {
    let nodeCount = graph.nodes.count
    if nodeCount == 0 { return Diagram(canvas: Canvas(width: 0, height: 0), nodes: [], edges: []) }

    var indexByID: [String: Int] = [:]
    for (index, node) in graph.nodes.enumerated() where indexByID[node.id] == nil {
      indexByID[node.id] = index
    }
    var edges: [Edge] = []
    for edge in graph.edges {
      guard let from = indexByID[edge.from], let to = indexByID[edge.to] else { continue }
      let label = edge.label.map {
        LabelShortener.truncate(
          $0, maxWidth: options.maxEdgeLabelWidth, ellipsis: glyphs.ellipsis)
      }
      edges.append(Edge(from: from, to: to, source: edge, label: label))
    }
    let shapes = graph.nodes.map { shape(of: $0, nested: parent != nil) }
    let start = graph.start.flatMap { indexByID[$0] } ?? 0

    var outEdges = Array(repeating: [Int](), count: nodeCount)
    for (index, edge) in edges.enumerated() { outEdges[edge.from].append(index) }
    markBackEdges(&edges, outEdges: outEdges, start: start, nodeCount: nodeCount)
    let ranks = assignRanks(edges, outEdges: outEdges, start: start, nodeCount: nodeCount)

    // Vertices: real nodes first, then dummies along forward edges.
    var vertices: [Vertex] = []
    vertices.reserveCapacity(nodeCount * 2)
    for index in 0..<nodeCount {
      let shape = shapes[index]
      let port = shape.isFrame ? shape.width / 2 : shape.boxWidth / 2
      vertices.append(
        Vertex(
          kind: .node(index), rank: ranks[index], width: shape.width, height: shape.height,
          port: port))
    }
    var chains = Array(repeating: [Int](), count: edges.count)
    for (index, edge) in edges.enumerated() {
      if edge.isBack {
        chains[index] = [edge.from, edge.to]
        continue
      }
      var chain = [edge.from]
      let fromRank = ranks[edge.from]
      for rank in (fromRank + 1)..<max(fromRank + 1, ranks[edge.to]) {
        if rank == fromRank + 1, let label = edge.label {
          vertices.append(
            Vertex(
              kind: .label(edge: index), rank: rank, width: label.terminalWidth + 3, height: 1, port: 0))
        } else {
          vertices.append(
            Vertex(kind: .dummy(edge: index), rank: rank, width: 1, height: 1, port: 0))
        }
        chain.append(vertices.count - 1)
      }
      chain.append(edge.to)
      chains[index] = chain
    }
    var succ = Array(repeating: [Int](), count: vertices.count)
    var pred = Array(repeating: [Int](), count: vertices.count)
    for (index, chain) in chains.enumerated() where !edges[index].isBack {
      for step in 0..<(chain.count - 1) {
        succ[chain[step]].append(chain[step + 1])
        pred[chain[step + 1]].append(chain[step])
      }
    }

    let rankCount = (ranks.max() ?? 0) + 1
    var layers = initialOrder(
      vertices: vertices, succ: succ, start: start, nodeCount: nodeCount, rankCount: rankCount)
    if let limit = options.abandonWiderThan {
      // Placement keeps each layer's order and gaps, so its packed width is a lower bound.
      let widest = layers.map { layer in
        layer.indices.reduce(0) { $0 + vertices[layer[$1]].width + ($1 > 0 ? gap(vertices[layer[$1 - 1]], vertices[layer[$1]]) : 0) }
      }.max() ?? 0
      if widest > limit { return Diagram(canvas: Canvas(width: widest, height: 0), nodes: [], edges: []) }
    }
    reduceCrossings(&layers, succ: succ, pred: pred, vertexCount: vertices.count)
    let dominators = immediateDominators(edges, ranks: ranks, nodeCount: nodeCount)
    placeHorizontally(
      &vertices, layers: layers, succ: succ, pred: pred, dominators: dominators)

    return draw(
      graph: graph, parent: parent, shapes: shapes, edges: edges, vertices: vertices,
      layers: layers, chains: chains)
  }

  // MARK: - Node shapes

  func annotation(of node: GraphNode) -> [(text: String, role: CellRole)] {
    var parts: [(String, CellRole)] = []
    if !node.children.isEmpty && !options.drawsFrame(node) {
      let count = node.children.count > 1 ? " \(glyphs.times)\(node.children.count)" : ""
      parts.append(("[\(node.kind)\(count)]", .nodeKind))
    } else if !node.kind.isEmpty {
      parts.append((node.kind, .nodeKind))
    }
    for badge in node.badges {
      parts.append((glyphs.isASCII ? badge.asciiText : badge.text, .nodeBadge))
    }
    return parts.map { (LabelShortener.singleLine($0.0), $0.1) }
  }

  func shape(of node: GraphNode, nested: Bool) -> NodeShape {
    let shown = shownLabels[node.id] ?? ShownLabel(text: node.label, lines: [node.label])
    let parts = annotation(of: node)
    if options.drawsFrame(node) {
      let children = node.children.map { layout($0, parent: node.id) }
      let childrenWidth =
        children.reduce(0) { $0 + $1.width } + 3 * max(0, children.count - 1)
      let childrenHeight = children.map(\.height).max() ?? 0
      let annotationWidth = parts.reduce(0) { $0 + $1.text.terminalWidth + 1 } - 1
      let titleChrome = 2 + (parts.isEmpty ? 0 : annotationWidth + 2) + 5
      // The title is one line: whole when the frame is wide enough for it, else shortened to
      // the wider of the label width and the room its branches leave.
      let room = max(options.labelWidth(depth: nested ? 1 : 0), childrenWidth + 4 - titleChrome)
      let label =
        LabelShortener.shorten([node.label], maxWidth: room, ellipsis: glyphs.ellipsis).first
        ?? node.label
      let width = max(childrenWidth + 4, label.terminalWidth + titleChrome)
      return NodeShape(
        width: width, height: childrenHeight + 2, boxWidth: width, label: label, lines: [label],
        annotation: parts, statusOffset: nil, isFrame: true, children: children)
    }
    let boxWidth = shown.width + 4
    var offset = boxWidth + 1
    for part in parts { offset += part.text.terminalWidth + 1 }
    return NodeShape(
      width: offset + 1, height: shown.lines.count + 2, boxWidth: boxWidth, label: shown.text,
      lines: shown.lines, annotation: parts, statusOffset: offset, isFrame: false, children: [])
  }

  // MARK: - Cycle breaking and ranks

  /// Marks edges into a node on the depth-first stack (from `start`, then declaration order).
  func markBackEdges(_ edges: inout [Edge], outEdges: [[Int]], start: Int, nodeCount: Int) {
    var state = Array(repeating: UInt8(0), count: nodeCount)
    var stack: [(node: Int, next: Int)] = []
    let roots = [start] + Array(0..<nodeCount)
    for root in roots where state[root] == 0 {
      state[root] = 1
      stack.append((root, 0))
      while !stack.isEmpty {
        let top = stack.count - 1
        let node = stack[top].node
        if stack[top].next < outEdges[node].count {
          let edgeIndex = outEdges[node][stack[top].next]
          stack[top].next += 1
          let target = edges[edgeIndex].to
          if state[target] == 1 {
            edges[edgeIndex].isBack = true
          } else if state[target] == 0 {
            state[target] = 1
            stack.append((target, 0))
          }
        } else {
          state[node] = 2
          stack.removeLast()
        }
      }
    }
  }

  /// Longest-path ranks over forward edges; a labelled edge spans at least two ranks.
  func assignRanks(_ edges: [Edge], outEdges: [[Int]], start: Int, nodeCount: Int) -> [Int] {
    var indegree = Array(repeating: 0, count: nodeCount)
    for edge in edges where !edge.isBack { indegree[edge.to] += 1 }
    var ranks = Array(repeating: 0, count: nodeCount)
    var queue: [Int] = []
    queue.reserveCapacity(nodeCount)
    if indegree[start] == 0 { queue.append(start) }
    for node in 0..<nodeCount where indegree[node] == 0 && node != start { queue.append(node) }
    var head = 0
    while head < queue.count {
      let node = queue[head]
      head += 1
      for edgeIndex in outEdges[node] where !edges[edgeIndex].isBack {
        let edge = edges[edgeIndex]
        let span = edge.label == nil ? 1 : 2
        ranks[edge.to] = max(ranks[edge.to], ranks[node] + span)
        indegree[edge.to] -= 1
        if indegree[edge.to] == 0 { queue.append(edge.to) }
      }
    }
    return ranks
  }

  // MARK: - Ordering

  /// Layers in depth-first discovery order from the start (declaration order of edges).
  func initialOrder(
    vertices: [Vertex], succ: [[Int]], start: Int, nodeCount: Int, rankCount: Int
  ) -> [[Int]] {
    var layers = Array(repeating: [Int](), count: rankCount)
    var seen = Array(repeating: false, count: vertices.count)
    var stack: [Int] = []
    for root in [start] + Array(0..<nodeCount) where !seen[root] {
      stack.append(root)
      while let vertex = stack.popLast() {
        if seen[vertex] { continue }
        seen[vertex] = true
        layers[vertices[vertex].rank].append(vertex)
        for next in succ[vertex].reversed() where !seen[next] { stack.append(next) }
      }
    }
    return layers
  }

  /// Alternating barycenter sweeps; keeps the order with the fewest crossings.
  func reduceCrossings(_ layers: inout [[Int]], succ: [[Int]], pred: [[Int]], vertexCount: Int) {
    guard layers.count > 1 else { return }
    var position = Array(repeating: 0, count: vertexCount)
    func updatePositions(_ layer: [Int]) {
      for (index, vertex) in layer.enumerated() { position[vertex] = index }
    }
    for layer in layers { updatePositions(layer) }
    var best = layers
    var bestCrossings = countCrossings(layers, succ: succ, position: position)
    if bestCrossings == 0 { return }
    for sweep in 0..<options.orderingSweeps {
      let downward = sweep % 2 == 0
      let order = downward ? Array(1..<layers.count) : Array((0..<(layers.count - 1)).reversed())
      for rank in order {
        let neighbours = downward ? pred : succ
        var keyed: [(key: Double, index: Int, vertex: Int)] = []
        keyed.reserveCapacity(layers[rank].count)
        for (index, vertex) in layers[rank].enumerated() {
          let adjacent = neighbours[vertex]
          let key: Double
          if adjacent.isEmpty {
            key = Double(index)
          } else {
            key = Double(adjacent.reduce(0) { $0 + position[$1] }) / Double(adjacent.count)
          }
          keyed.append((key, index, vertex))
        }
        keyed.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
        layers[rank] = keyed.map(\.vertex)
        updatePositions(layers[rank])
      }
      let crossings = countCrossings(layers, succ: succ, position: position)
      if crossings < bestCrossings {
        bestCrossings = crossings
        best = layers
        if crossings == 0 { break }
      }
    }
    layers = best
  }

  /// Number of edge crossings between consecutive layers (inversions, with a Fenwick tree).
  func countCrossings(_ layers: [[Int]], succ: [[Int]], position: [Int]) -> Int {
    var total = 0
    for rank in 0..<(layers.count - 1) {
      let size = layers[rank + 1].count
      if size < 2 { continue }
      var tree = Array(repeating: 0, count: size + 1)
      var inserted = 0
      for vertex in layers[rank] {
        let targets = succ[vertex].map { position[$0] }.sorted()
        for target in targets {
          // Count earlier targets strictly greater than this one.
          var index = target + 1
          var atMost = 0
          while index > 0 {
            atMost += tree[index]
            index -= index & -index
          }
          total += inserted - atMost
          index = target + 1
          while index <= size {
            tree[index] += 1
            index += index & -index
          }
          inserted += 1
        }
      }
    }
    return total
  }

  // MARK: - Horizontal placement

  func gap(_ a: Vertex, _ b: Vertex) -> Int {
    (!a.isReal && !b.isReal) ? 1 : 2
  }

  /// Immediate dominators of real nodes over forward edges (-1: none but a virtual root).
  ///
  /// A node where branches meet again is placed under the node where they split, so the
  /// main line of a machine stays straight instead of drifting sideways diamond after diamond.
  func immediateDominators(_ edges: [Edge], ranks: [Int], nodeCount: Int) -> [Int] {
    var preds = Array(repeating: [Int](), count: nodeCount)
    for edge in edges where !edge.isBack && !preds[edge.to].contains(edge.from) {
      preds[edge.to].append(edge.from)
    }
    let order = (0..<nodeCount).sorted { ranks[$0] != ranks[$1] ? ranks[$0] < ranks[$1] : $0 < $1 }
    var position = Array(repeating: 0, count: nodeCount)
    for (index, node) in order.enumerated() { position[node] = index }
    var idom = Array(repeating: -1, count: nodeCount)
    func intersect(_ a: Int, _ b: Int) -> Int {
      var a = a
      var b = b
      while a != b {
        if a < 0 || b < 0 { return -1 }
        while a >= 0 && b >= 0 && position[a] > position[b] { a = idom[a] }
        while a >= 0 && b >= 0 && position[b] > position[a] { b = idom[b] }
      }
      return a
    }
    for node in order {
      guard var dominator = preds[node].first else { continue }
      for other in preds[node].dropFirst() { dominator = intersect(other, dominator) }
      idom[node] = dominator
    }
    return idom
  }

  /// Packs each layer, then aligns ports with neighbours (down, up, down sweeps).
  ///
  /// Going down, a node with several predecessors aligns with its immediate dominator.
  func placeHorizontally(
    _ vertices: inout [Vertex], layers: [[Int]], succ: [[Int]], pred: [[Int]],
    dominators: [Int]
  ) {
    for layer in layers {
      var x = 0
      for (index, vertex) in layer.enumerated() {
        if index > 0 { x += gap(vertices[layer[index - 1]], vertices[vertex]) }
        vertices[vertex].x = x
        x += vertices[vertex].width
      }
    }
    let sweeps: [Bool] = [true, false, true]
    for downward in sweeps {
      let order = downward ? Array(layers.indices) : Array(layers.indices.reversed())
      for rank in order {
        let layer = layers[rank]
        if layer.isEmpty { continue }
        var desired: [Double] = []
        var weights: [Double] = []
        desired.reserveCapacity(layer.count)
        for vertex in layer {
          let adjacent = downward ? pred[vertex] : succ[vertex]
          let current = vertices[vertex]
          if adjacent.isEmpty {
            desired.append(Double(current.x))
            weights.append(0.01)
          } else if downward, adjacent.count > 1, vertex < dominators.count,
            dominators[vertex] >= 0
          {
            let dominator = vertices[dominators[vertex]]
            desired.append(Double(dominator.x + dominator.port - current.port))
            weights.append(1)
          } else {
            let sum = adjacent.reduce(0) { $0 + vertices[$1].x + vertices[$1].port }
            desired.append(Double(sum) / Double(adjacent.count) - Double(current.port))
            weights.append(current.isReal ? 1 : 4)
          }
        }
        let placed = isotonicPlacement(
          layer.map { vertices[$0] }, desired: desired, weights: weights)
        for (index, vertex) in layer.enumerated() { vertices[vertex].x = placed[index] }
      }
    }
    let minX = vertices.map(\.x).min() ?? 0
    if minX != 0 {
      for index in vertices.indices { vertices[index].x -= minX }
    }
  }

  /// Positions closest (weighted least squares) to `desired` that keep order and gaps.
  func isotonicPlacement(_ layer: [Vertex], desired: [Double], weights: [Double]) -> [Int] {
    var offsets: [Int] = []
    offsets.reserveCapacity(layer.count)
    var offset = 0
    for (index, vertex) in layer.enumerated() {
      if index > 0 { offset += layer[index - 1].width + gap(layer[index - 1], vertex) }
      offsets.append(offset)
    }
    // Pool adjacent violators on y = x - offset, which must be non-decreasing.
    var blocks: [(weight: Double, sum: Double, count: Int)] = []
    for index in layer.indices {
      let y = desired[index] - Double(offsets[index])
      blocks.append((weights[index], weights[index] * y, 1))
      while blocks.count > 1 {
        let last = blocks[blocks.count - 1]
        let previous = blocks[blocks.count - 2]
        if previous.sum / previous.weight <= last.sum / last.weight { break }
        blocks.removeLast(2)
        blocks.append(
          (previous.weight + last.weight, previous.sum + last.sum, previous.count + last.count))
      }
    }
    var result: [Int] = []
    result.reserveCapacity(layer.count)
    var index = 0
    for block in blocks {
      let y = Int((block.sum / block.weight).rounded(.toNearestOrAwayFromZero))
      for _ in 0..<block.count {
        result.append(y + offsets[index])
        index += 1
      }
    }
    return result
  }
}
