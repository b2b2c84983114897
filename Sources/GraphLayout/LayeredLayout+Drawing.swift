import TextWidth

extension LayeredLayout {
  /// A piece of an edge inside one channel (the rows between two ranks).
  ///
  /// Each end has a column and says whether its vertical part runs up from the track (towards
  /// the rank above) or down from it. Runs that need a horizontal part get a track (a row).
  struct Segment {
    var edge: Int
    var fromX: Int
    var fromUp: Bool
    var toX: Int
    var toUp: Bool
    /// Segments with the same source key (or target key) may share a track and overlap.
    var sourceKey: Int
    var targetKey: Int
    /// Whether the segment ends with an arrow into a real node below.
    var entersNode: Bool
    var track = -1

    var minX: Int { min(fromX, toX) }
    var maxX: Int { max(fromX, toX) }
    var isStraight: Bool { fromX == toX && fromUp && !toUp }
  }

  // MARK: - Drawing

  func draw(
    graph: Graph, parent: String?, shapes: [NodeShape], edges: [Edge], vertices: [Vertex],
    layers: [[Int]], chains: [[Int]]
  ) -> Diagram {
    let rankCount = layers.count
    let contentWidth = vertices.reduce(0) { max($0, $1.x + $1.width) }
    var bandHeight = Array(repeating: 1, count: rankCount)
    for vertex in vertices { bandHeight[vertex.rank] = max(bandHeight[vertex.rank], vertex.height) }
    func portX(_ vertex: Int) -> Int { vertices[vertex].x + vertices[vertex].port }
    /// Back edges arrive right of the port, with their own arrow, so a loop never looks like
    /// it merges with the edge coming from above.
    func loopArrivalX(_ node: Int) -> Int {
      let port = vertices[node].port
      let inner = shapes[node].boxWidth - 2
      let offset = port + 2 <= inner ? 2 : (port + 1 <= inner ? 1 : 0)
      return vertices[node].x + port + offset
    }

    // Gutter lanes for back edges; a lane is reused by edges whose channel spans are disjoint.
    let backEdges = edges.indices.filter { edges[$0].isBack }
    func span(_ edge: Int) -> (low: Int, high: Int) {
      (vertices[edges[edge].to].rank - 1, vertices[edges[edge].from].rank)
    }
    let laneOrder = backEdges.sorted {
      let a = span($0)
      let b = span($1)
      if a.high - a.low != b.high - b.low { return a.high - a.low < b.high - b.low }
      if a.high != b.high { return a.high < b.high }
      return $0 < $1
    }
    var laneOfEdge: [Int: Int] = [:]
    var laneSpans: [[(low: Int, high: Int)]] = []
    var laneLabelWidth: [Int] = []
    for edge in laneOrder {
      let s = span(edge)
      var lane = 0
      while lane < laneSpans.count
        && laneSpans[lane].contains(where: { $0.low <= s.high && s.low <= $0.high })
      {
        lane += 1
      }
      if lane == laneSpans.count {
        laneSpans.append([])
        laneLabelWidth.append(0)
      }
      laneSpans[lane].append(s)
      laneOfEdge[edge] = lane
      laneLabelWidth[lane] = max(laneLabelWidth[lane], edges[edge].label?.terminalWidth ?? 0)
    }
    var laneX: [Int] = []
    var gutterEnd = contentWidth
    var nextLaneX = contentWidth + 2
    for lane in laneSpans.indices {
      laneX.append(nextLaneX)
      let labelWidth = laneLabelWidth[lane]
      gutterEnd = nextLaneX + 1 + (labelWidth > 0 ? labelWidth + 1 : 0)
      nextLaneX += labelWidth > 0 ? labelWidth + 4 : 2
    }
    let width = max(contentWidth, gutterEnd)

    // Channel segments. Channel c (from -1) lies below rank c; it is stored at c + 1.
    var channels = Array(repeating: [Segment](), count: rankCount + 1)
    var segmentRefs = Array(repeating: [(channel: Int, index: Int)](), count: edges.count)
    func add(_ segment: Segment, channel: Int) {
      channels[channel + 1].append(segment)
      segmentRefs[segment.edge].append((channel + 1, channels[channel + 1].count - 1))
    }
    for (index, edge) in edges.enumerated() {
      let chain = chains[index]
      if edge.isBack {
        let lane = laneX[laneOfEdge[index]!]
        let source = edge.from
        let target = edge.to
        add(
          Segment(
            edge: index, fromX: portX(source), fromUp: true, toX: lane, toUp: true,
            sourceKey: source, targetKey: -(2 * index + 2), entersNode: false),
          channel: vertices[source].rank)
        add(
          Segment(
            edge: index, fromX: lane, fromUp: false, toX: loopArrivalX(target), toUp: false,
            sourceKey: -(2 * index + 3), targetKey: -(target + 1) * 1_000_000,
            entersNode: true),
          channel: vertices[target].rank - 1)
        continue
      }
      for step in 0..<(chain.count - 1) {
        let a = chain[step]
        let b = chain[step + 1]
        add(
          Segment(
            edge: index, fromX: portX(a), fromUp: true, toX: portX(b), toUp: false,
            sourceKey: a, targetKey: b, entersNode: vertices[b].isReal),
          channel: vertices[a].rank)
      }
    }
    var channelHeight = Array(repeating: 0, count: rankCount + 1)
    for channel in channels.indices {
      let tracks = assignTracks(&channels[channel])
      let arrowRow = channels[channel].contains { $0.entersNode } ? 1 : 0
      channelHeight[channel] = tracks + arrowRow
    }

    // Rows.
    var channelTop = Array(repeating: 0, count: rankCount + 1)
    var bandTop = Array(repeating: 0, count: rankCount)
    var y = 0
    channelTop[0] = 0
    y += channelHeight[0]
    for rank in 0..<rankCount {
      bandTop[rank] = y
      y += bandHeight[rank]
      channelTop[rank + 1] = y
      y += channelHeight[rank + 1]
    }
    let height = y
    func top(_ vertex: Int) -> Int { bandTop[vertices[vertex].rank] }
    func bottom(_ vertex: Int) -> Int { top(vertex) + vertices[vertex].height - 1 }
    func trackY(_ ref: (channel: Int, index: Int)) -> Int {
      channelTop[ref.channel] + channels[ref.channel][ref.index].track
    }

    // Routes.
    var routes = Array(repeating: [GridPoint](), count: edges.count)
    for (index, edge) in edges.enumerated() {
      var points = [GridPoint(x: portX(edge.from), y: bottom(edge.from))]
      for ref in segmentRefs[index] {
        let segment = channels[ref.channel][ref.index]
        if segment.isStraight { continue }
        let row = trackY(ref)
        points.append(GridPoint(x: segment.fromX, y: row))
        points.append(GridPoint(x: segment.toX, y: row))
      }
      let arrival = edge.isBack ? loopArrivalX(edge.to) : portX(edge.to)
      points.append(GridPoint(x: arrival, y: top(edge.to) - 1))
      routes[index] = simplified(points)
    }

    var canvas = Canvas(width: width, height: height)
    drawEdges(routes: routes, edges: edges, into: &canvas)

    // Nodes.
    var placedNodes: [PlacedNode] = []
    var placedEdges: [PlacedEdge] = []
    var childBlits: [(diagram: Diagram, x: Int, y: Int)] = []
    var hasOutEdge = Array(repeating: false, count: graph.nodes.count)
    for edge in edges { hasOutEdge[edge.from] = true }
    for (index, node) in graph.nodes.enumerated() {
      let vertex = vertices[index]
      let shape = shapes[index]
      let origin = GridPoint(x: vertex.x, y: bandTop[vertex.rank])
      let rect = GridRect(x: origin.x, y: origin.y, width: shape.boxWidth, height: shape.height)
      let port = hasOutEdge[index] ? vertex.port : nil
      if shape.isFrame {
        drawFrame(
          shape, node: node, at: origin, port: port, owner: index, into: &canvas)
        let childrenWidth =
          shape.children.reduce(0) { $0 + $1.width } + 3 * max(0, shape.children.count - 1)
        var childX = origin.x + 2 + (shape.width - 4 - childrenWidth) / 2
        for child in shape.children {
          childBlits.append((child, childX, origin.y + 1))
          childX += child.width + 3
        }
      } else {
        drawBox(shape, node: node, at: origin, port: port, owner: index, into: &canvas)
      }
      placedNodes.append(
        PlacedNode(
          id: node.id, rect: rect,
          footprint: GridRect(x: origin.x, y: origin.y, width: shape.width, height: shape.height),
          shownLabel: shape.label, labelLines: shape.lines,
          labelOrigin: shape.isFrame
            ? GridPoint(x: origin.x + 2, y: origin.y) : GridPoint(x: origin.x + 2, y: origin.y + 1),
          statusCell: shape.statusOffset.map { GridPoint(x: origin.x + $0, y: origin.y + 1) },
          isFrame: shape.isFrame, parent: parent,
          isCollapsed: !shape.isFrame && !node.children.isEmpty,
          branchStarts: shape.isFrame ? node.children.map { $0.start ?? $0.nodes.first?.id ?? "" } : []))
    }

    // Edge labels: beside the label vertex, or beside the gutter lane for back edges.
    var labelOrigins = Array(repeating: GridPoint?.none, count: edges.count)
    for vertex in vertices {
      guard case .label(let edgeIndex) = vertex.kind, let label = edges[edgeIndex].label else {
        continue
      }
      let row = bandTop[vertex.rank] + min(1, bandHeight[vertex.rank] - 1)
      let origin = GridPoint(x: vertex.x + 2, y: row)
      canvas.write(label, x: origin.x, y: origin.y, role: .edgeLabel, owner: edgeIndex)
      labelOrigins[edgeIndex] = origin
    }
    for edgeIndex in backEdges {
      guard let label = edges[edgeIndex].label else { continue }
      let rank = vertices[edges[edgeIndex].from].rank
      let origin = GridPoint(
        x: laneX[laneOfEdge[edgeIndex]!] + 2, y: bandTop[rank] + min(1, bandHeight[rank] - 1))
      canvas.write(label, x: origin.x, y: origin.y, role: .edgeLabel, owner: edgeIndex)
      labelOrigins[edgeIndex] = origin
    }
    for (index, edge) in edges.enumerated() {
      placedEdges.append(
        PlacedEdge(
          from: graph.nodes[edge.from].id, to: graph.nodes[edge.to].id, shownLabel: edge.label,
          style: edge.source.style, isBackEdge: edge.isBack, points: routes[index],
          labelOrigin: labelOrigins[index]))
    }

    // Nested diagrams.
    for blit in childBlits {
      let nodeBase = placedNodes.count
      let edgeBase = placedEdges.count
      canvas.blit(blit.diagram.canvas, x: blit.x, y: blit.y, nodeBase: nodeBase, edgeBase: edgeBase)
      for var node in blit.diagram.nodes {
        node.rect = node.rect.offsetBy(dx: blit.x, dy: blit.y)
        node.footprint = node.footprint.offsetBy(dx: blit.x, dy: blit.y)
        node.labelOrigin = GridPoint(x: node.labelOrigin.x + blit.x, y: node.labelOrigin.y + blit.y)
        node.statusCell = node.statusCell.map { GridPoint(x: $0.x + blit.x, y: $0.y + blit.y) }
        placedNodes.append(node)
      }
      for var edge in blit.diagram.edges {
        edge.points = edge.points.map { GridPoint(x: $0.x + blit.x, y: $0.y + blit.y) }
        edge.labelOrigin = edge.labelOrigin.map { GridPoint(x: $0.x + blit.x, y: $0.y + blit.y) }
        placedEdges.append(edge)
      }
    }
    return Diagram(canvas: canvas, nodes: placedNodes, edges: placedEdges)
  }

  /// Drops repeated points and points in the middle of a straight run.
  func simplified(_ points: [GridPoint]) -> [GridPoint] {
    var result: [GridPoint] = []
    result.reserveCapacity(points.count)
    for point in points {
      if let last = result.last, last == point { continue }
      if result.count >= 2 {
        let a = result[result.count - 2]
        let b = result[result.count - 1]
        if (a.x == b.x && b.x == point.x) || (a.y == b.y && b.y == point.y) {
          result[result.count - 1] = point
          continue
        }
      }
      result.append(point)
    }
    return result
  }

  // MARK: - Tracks

  /// Left-edge track assignment with vertical constraints; returns the number of tracks.
  ///
  /// Two segments may share a track when their horizontal runs do not overlap, or when they
  /// share a source or a target (the lines then merge as they should). A segment whose vertical
  /// runs up at column x must lie above an unrelated segment whose vertical runs down at x.
  func assignTracks(_ segments: inout [Segment]) -> Int {
    let routed = segments.indices.filter { !segments[$0].isStraight }
    if routed.isEmpty { return 0 }
    func compatible(_ a: Int, _ b: Int) -> Bool {
      segments[a].sourceKey == segments[b].sourceKey
        || segments[a].targetKey == segments[b].targetKey
    }
    // Constraints: up-end at x above down-end at x.
    var upAt: [Int: [Int]] = [:]
    var downAt: [Int: [Int]] = [:]
    for index in routed {
      let segment = segments[index]
      for (x, up) in [(segment.fromX, segment.fromUp), (segment.toX, segment.toUp)] {
        if up { upAt[x, default: []].append(index) } else { downAt[x, default: []].append(index) }
      }
    }
    var mustFollow = Array(repeating: [Int](), count: segments.count)
    for (x, uppers) in upAt {
      guard let lowers = downAt[x] else { continue }
      for upper in uppers {
        for lower in lowers where upper != lower && !compatible(upper, lower) {
          mustFollow[lower].append(upper)
        }
      }
    }
    // Fans: of two segments leaving one source the same way, the one going farther must not
    // lie below the nearer one (its run would cross the nearer one's drop); of two segments
    // entering one target from the same side, the farther one must not lie above the nearer.
    // A fan is its segments sorted by a key (the one to place first has the smallest); a
    // segment may be placed once every one with a smaller key is. Kept as an order rather than
    // as pairs, a Choice with thousands of branches stays linear.
    func direction(_ from: Int, _ to: Int) -> Int { to > from ? 1 : (to < from ? -1 : 0) }
    var bySource: [Int: [Int]] = [:]
    var byTarget: [Int: [Int]] = [:]
    for index in routed {
      bySource[segments[index].sourceKey, default: []].append(index)
      byTarget[segments[index].targetKey, default: []].append(index)
    }
    var fans: [FanOrder] = []
    var fansOf = Array(repeating: [(fan: Int, key: Int)](), count: segments.count)
    func addFans(_ groups: [Int: [Int]], way: (Int) -> Int, fartherFirst: Bool) {
      for group in groups.values where group.count > 1 {
        var byWay: [Int: [(key: Int, segment: Int)]] = [:]
        for index in group where way(index) != 0 {
          let distance = abs(segments[index].toX - segments[index].fromX)
          byWay[way(index), default: []].append((fartherFirst ? -distance : distance, index))
        }
        for members in byWay.values where members.count > 1 {
          for member in members { fansOf[member.segment].append((fans.count, member.key)) }
          fans.append(FanOrder(members: members.sorted { $0.key < $1.key }))
        }
      }
    }
    addFans(bySource, way: { direction(segments[$0].fromX, segments[$0].toX) }, fartherFirst: true)
    addFans(byTarget, way: { direction(segments[$0].toX, segments[$0].fromX) }, fartherFirst: false)
    func fansAllow(_ index: Int) -> Bool {
      for (fan, key) in fansOf[index] {
        while fans[fan].next < fans[fan].members.count,
          segments[fans[fan].members[fans[fan].next].segment].track >= 0
        {
          fans[fan].next += 1
        }
        if fans[fan].next < fans[fan].members.count, fans[fan].members[fans[fan].next].key < key {
          return false
        }
      }
      return true
    }
    var pending = routed.sorted {
      let a = segments[$0]
      let b = segments[$1]
      if a.minX != b.minX { return a.minX < b.minX }
      if a.maxX != b.maxX { return a.maxX < b.maxX }
      return $0 < $1
    }
    var track = 0
    while !pending.isEmpty {
      var placed: [Int] = []
      var progress = true
      while progress {
        progress = false
        for index in pending where segments[index].track < 0 {
          let ready =
            mustFollow[index].allSatisfy {
              segments[$0].track >= 0 && segments[$0].track < track
            }
            && fansAllow(index)
          func fits() -> Bool {
            placed.allSatisfy { other in
              compatible(index, other)
                || segments[index].maxX < segments[other].minX
                || segments[other].maxX < segments[index].minX
            }
          }
          if ready && fits() {
            segments[index].track = track
            placed.append(index)
            progress = true
          }
        }
      }
      if placed.isEmpty {
        // A cycle of constraints: place the first one anyway.
        segments[pending[0]].track = track
      }
      pending = pending.filter { segments[$0].track < 0 }
      track += 1
    }
    return track
  }

  // MARK: - Glyphs

  func drawEdges(routes: [[GridPoint]], edges: [Edge], into canvas: inout Canvas) {
    let width = canvas.width
    let height = canvas.height
    var masks = [UInt8](repeating: 0, count: width * height)
    var owners = [Int32](repeating: -1, count: width * height)
    let up: UInt8 = 1
    let down: UInt8 = 2
    let left: UInt8 = 4
    let right: UInt8 = 8
    let solid: UInt8 = 16
    let dashed: UInt8 = 32
    for (edgeIndex, points) in routes.enumerated() {
      let style = edges[edgeIndex].source.style == .dashed ? dashed : solid
      func mark(_ x: Int, _ y: Int, _ bits: UInt8) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        masks[y * width + x] |= bits | style
        owners[y * width + x] = Int32(edgeIndex)
      }
      for step in 0..<max(0, points.count - 1) {
        let a = points[step]
        let b = points[step + 1]
        if a.x == b.x {
          let low = min(a.y, b.y)
          let high = max(a.y, b.y)
          for y in low...high {
            mark(a.x, y, (y > low ? up : 0) | (y < high ? down : 0))
          }
        } else {
          let low = min(a.x, b.x)
          let high = max(a.x, b.x)
          for x in low...high {
            mark(x, a.y, (x > low ? left : 0) | (x < high ? right : 0))
          }
        }
      }
    }
    for index in masks.indices where masks[index] != 0 {
      let mask = masks[index]
      let connections = Int(mask & 15)
      let dashedOnly = mask & dashed != 0 && mask & solid == 0
      let glyph: Character
      if dashedOnly && connections & 12 == 0 {
        glyph = glyphs.dashedVertical
      } else if dashedOnly && connections & 3 == 0 {
        glyph = glyphs.dashedHorizontal
      } else {
        glyph = glyphs.lines[connections]
      }
      canvas.set(x: index % width, y: index / width, glyph, role: .edge, owner: Int(owners[index]))
    }
    for (edgeIndex, points) in routes.enumerated() {
      guard let last = points.last else { continue }
      canvas.set(x: last.x, y: last.y, glyphs.arrowDown, role: .edgeArrow, owner: edgeIndex)
    }
  }

  func drawBottomBorder(
    x: Int, y: Int, width: Int, terminal: Bool, port: Int?, role: CellRole, owner: Int,
    into canvas: inout Canvas
  ) {
    let horizontal = terminal ? glyphs.terminalHorizontal : glyphs.boxHorizontal
    canvas.set(
      x: x, y: y, terminal ? glyphs.terminalBottomLeft : glyphs.boxBottomLeft, role: role,
      owner: owner)
    for column in (x + 1)..<(x + width - 1) {
      canvas.set(x: column, y: y, horizontal, role: role, owner: owner)
    }
    canvas.set(
      x: x + width - 1, y: y, terminal ? glyphs.terminalBottomRight : glyphs.boxBottomRight,
      role: role, owner: owner)
    if let port {
      canvas.set(
        x: x + port, y: y, terminal ? glyphs.terminalPortDown : glyphs.boxPortDown, role: role,
        owner: owner)
    }
  }

  /// `╭───╮` of a box or frame.
  func drawTopBorder(
    x: Int, y: Int, width: Int, role: CellRole, owner: Int, into canvas: inout Canvas
  ) {
    canvas.set(x: x, y: y, glyphs.boxTopLeft, role: role, owner: owner)
    for column in (x + 1)..<(x + width - 1) {
      canvas.set(x: column, y: y, glyphs.boxHorizontal, role: role, owner: owner)
    }
    canvas.set(x: x + width - 1, y: y, glyphs.boxTopRight, role: role, owner: owner)
  }

  func drawBox(
    _ shape: NodeShape, node: GraphNode, at origin: GridPoint, port: Int?, owner: Int,
    into canvas: inout Canvas
  ) {
    let x = origin.x
    let y = origin.y
    let width = shape.boxWidth
    drawTopBorder(x: x, y: y, width: width, role: .nodeBorder, owner: owner, into: &canvas)
    for (row, line) in shape.lines.enumerated() {
      let rowY = y + 1 + row
      canvas.set(x: x, y: rowY, glyphs.boxVertical, role: .nodeBorder, owner: owner)
      for column in (x + 1)..<(x + width - 1) {
        canvas.set(x: column, y: rowY, " ", role: .nodeLabel, owner: owner)
      }
      canvas.write(line, x: x + 2, y: rowY, role: .nodeLabel, owner: owner)
      canvas.set(x: x + width - 1, y: rowY, glyphs.boxVertical, role: .nodeBorder, owner: owner)
    }
    drawBottomBorder(
      x: x, y: y + shape.height - 1, width: width, terminal: node.isTerminal, port: port,
      role: .nodeBorder, owner: owner, into: &canvas)
    var column = x + width + 1
    for part in shape.annotation {
      canvas.write(part.text, x: column, y: y + 1, role: part.role, owner: owner)
      column += part.text.terminalWidth + 1
    }
    if let status = shape.statusOffset {
      canvas.set(x: x + status, y: y + 1, " ", role: .nodeStatus, owner: owner)
    }
  }

  func drawFrame(
    _ shape: NodeShape, node: GraphNode, at origin: GridPoint, port: Int?, owner: Int,
    into canvas: inout Canvas
  ) {
    let x = origin.x
    let y = origin.y
    let width = shape.width
    let height = shape.height
    drawTopBorder(x: x, y: y, width: width, role: .frameBorder, owner: owner, into: &canvas)
    canvas.write(" " + shape.label + " ", x: x + 1, y: y, role: .frameTitle, owner: owner)
    if !shape.annotation.isEmpty {
      let text = shape.annotation.map(\.text).joined(separator: " ")
      var column = x + width - 2 - text.terminalWidth
      canvas.set(x: column - 1, y: y, " ", role: .frameTitle, owner: owner)
      for part in shape.annotation {
        canvas.write(
          part.text, x: column, y: y, role: part.role == .nodeKind ? .frameTitle : part.role,
          owner: owner)
        column += part.text.terminalWidth
        canvas.set(x: column, y: y, " ", role: .frameTitle, owner: owner)
        column += 1
      }
    }
    for row in (y + 1)..<(y + height - 1) {
      canvas.set(x: x, y: row, glyphs.boxVertical, role: .frameBorder, owner: owner)
      canvas.set(x: x + width - 1, y: row, glyphs.boxVertical, role: .frameBorder, owner: owner)
    }
    drawBottomBorder(
      x: x, y: y + height - 1, width: width, terminal: node.isTerminal, port: port,
      role: .frameBorder, owner: owner, into: &canvas)
  }
}

/// Segments that must be placed on tracks in order of `key` (ties in any order); `next` is the
/// first one not yet placed, once the ones before it are.
struct FanOrder {
  var members: [(key: Int, segment: Int)]
  var next = 0
}
