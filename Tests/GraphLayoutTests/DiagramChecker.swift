import TextWidth
import GraphLayout

/// Checks the properties every drawing must have; returns human-readable problems.
struct DiagramChecker {
  let graph: Graph
  let diagram: Diagram
  let glyphs: GlyphSet
  /// False when frames are collapsed: nested nodes and edges are then not drawn.
  var descendsIntoChildren = true

  func problems() -> [String] {
    var problems: [String] = []
    checkNodes(&problems)
    checkOverlaps(&problems)
    checkEdges(&problems)
    return problems
  }

  /// Every node is placed once, its label is drawn, shortened labels are faithful and unique.
  func checkNodes(_ problems: inout [String]) {
    var shown = Set<String>()
    func walk(_ graph: Graph) {
      for node in graph.nodes {
        defer { if descendsIntoChildren { for child in node.children { walk(child) } } }
        guard let placed = diagram.node(node.id) else {
          problems.append("node \(node.id) is not placed")
          continue
        }
        let label = placed.shownLabel
        if label != node.label {
          let parts = label.components(separatedBy: glyphs.ellipsis)
          if parts.count != 2 || !node.label.hasPrefix(parts[0]) || !node.label.hasSuffix(parts[1])
          {
            problems.append("label of \(node.id) shown as \(label)")
          }
        }
        if !shown.insert(label).inserted { problems.append("label \(label) is shown twice") }
        if placed.labelLines.isEmpty { problems.append("label of \(node.id) has no lines") }
        // A wrapped label is drawn line under line, each line inside the box.
        for (row, line) in placed.labelLines.enumerated() {
          let origin = GridPoint(x: placed.labelOrigin.x, y: placed.labelOrigin.y + row)
          let drawn = Self.text(in: diagram.canvas, at: origin, columns: CharacterWidth.of(line))
          if drawn != line { problems.append("label line \(row) of \(node.id) drawn as \(drawn)") }
          if !placed.isFrame && origin.x + CharacterWidth.of(line) > placed.rect.maxX - 2 {
            problems.append("label line \(row) of \(node.id) sticks out of its box")
          }
        }
        if placed.labelLines.count > 1, !label.contains(glyphs.ellipsis),
          placed.labelLines.joined().filter({ $0 != " " }) != label.filter({ $0 != " " })
        {
          problems.append("wrapped label of \(node.id) reads \(placed.labelLines)")
        }
      }
    }
    walk(graph)
  }

  func ancestors(of id: String) -> [String] {
    var result: [String] = []
    var current = diagram.node(id)?.parent
    while let parent = current {
      result.append(parent)
      current = diagram.node(parent)?.parent
    }
    return result
  }

  /// Boxes never overlap; a frame only contains its own descendants.
  func checkOverlaps(_ problems: inout [String]) {
    let nodes = diagram.nodes
    for i in nodes.indices {
      for j in nodes.indices where j > i {
        let a = nodes[i]
        let b = nodes[j]
        guard a.footprint.intersects(b.footprint) else { continue }
        if a.isFrame && a.rect.contains(b.footprint) && ancestors(of: b.id).contains(a.id) {
          continue
        }
        if b.isFrame && b.rect.contains(a.footprint) && ancestors(of: a.id).contains(b.id) {
          continue
        }
        problems.append("\(a.id) \(a.footprint) overlaps \(b.id) \(b.footprint)")
      }
    }
    for node in nodes
    where node.footprint.maxX > diagram.width || node.footprint.maxY > diagram.height {
      problems.append("\(node.id) lies outside the canvas")
    }
  }

  func connections(_ glyph: Character) -> Int? {
    if glyph == glyphs.dashedVertical { return 3 }
    if glyph == glyphs.dashedHorizontal { return 12 }
    var result: Int?
    for (mask, candidate) in glyphs.lines.enumerated() where candidate == glyph && mask != 0 {
      result = (result ?? 0) | mask
    }
    return result
  }

  /// Every edge of the graph is routed from its source's port to an arrow above its target,
  /// along connected line glyphs, around boxes, with its label drawn.
  func checkEdges(_ problems: inout [String]) {
    struct Ends: Hashable {
      var from: String
      var to: String
    }
    var expected: [Ends: [String?]] = [:]
    func walk(_ graph: Graph) {
      for edge in graph.edges {
        expected[Ends(from: edge.from, to: edge.to), default: []].append(edge.label)
      }
      if descendsIntoChildren {
        for node in graph.nodes { for child in node.children { walk(child) } }
      }
    }
    walk(graph)
    let occupancy = makeOccupancy()
    for edge in diagram.edges {
      let ends = Ends(from: edge.from, to: edge.to)
      let labels = expected[ends] ?? []
      // Shown labels may be truncated: match by prefix.
      let match = labels.firstIndex { label in
        guard let shown = edge.shownLabel else { return label == nil }
        guard let label else { return false }
        return label == shown || label.hasPrefix(String(shown.dropLast(glyphs.ellipsis.count)))
      }
      guard let match else {
        problems.append("unexpected edge \(edge.from) -> \(edge.to)")
        continue
      }
      expected[ends]!.remove(at: match)
      checkRoute(edge, occupancy: occupancy, &problems)
    }
    for (ends, labels) in expected where !labels.isEmpty {
      problems.append("edge not drawn: \(ends.from) -> \(ends.to)")
    }
  }

  /// Per cell: the box or frame border covering it, and the innermost frame around it.
  struct Occupancy {
    var solid: [Int32]
    var frame: [Int32]
  }

  func makeOccupancy() -> Occupancy {
    let count = diagram.width * diagram.height
    var occupancy = Occupancy(
      solid: Array(repeating: -1, count: count), frame: Array(repeating: -1, count: count))
    // Outer frames first, so inner frames overwrite the interior they take.
    let order = diagram.nodes.indices.sorted {
      ancestors(of: diagram.nodes[$0].id).count < ancestors(of: diagram.nodes[$1].id).count
    }
    for index in order {
      let node = diagram.nodes[index]
      let area = node.isFrame ? node.rect : node.footprint
      for y in area.y..<area.maxY where y >= 0 && y < diagram.height {
        for x in area.x..<area.maxX where x >= 0 && x < diagram.width {
          let border = y == area.y || y == area.maxY - 1 || x == area.x || x == area.maxX - 1
          if node.isFrame && !border {
            occupancy.frame[y * diagram.width + x] = Int32(index)
          } else {
            occupancy.solid[y * diagram.width + x] = Int32(index)
          }
        }
      }
    }
    return occupancy
  }

  func checkRoute(_ edge: PlacedEdge, occupancy: Occupancy, _ problems: inout [String]) {
    let name = "\(edge.from) -> \(edge.to)"
    guard let source = diagram.node(edge.from), let target = diagram.node(edge.to) else {
      problems.append("edge \(name) has unplaced ends")
      return
    }
    let cells = edge.routeCells
    guard let first = cells.first, let last = cells.last, cells.count >= 2 else {
      problems.append("edge \(name) has no route")
      return
    }
    if first.y != source.rect.maxY - 1 || first.x <= source.rect.x
      || first.x >= source.rect.maxX - 1
    {
      problems.append("edge \(name) does not leave through the bottom of its source")
    }
    let port = diagram.canvas[first.x, first.y]
    if port != glyphs.boxPortDown && port != glyphs.terminalPortDown {
      problems.append("edge \(name) has no port glyph on its source")
    }
    if last.y != target.rect.y - 1 || last.x <= target.rect.x || last.x >= target.rect.maxX - 1 {
      problems.append("edge \(name) does not end above its target")
    }
    if diagram.canvas[last.x, last.y] != glyphs.arrowDown {
      problems.append("edge \(name) has no arrow")
    }
    for step in 0..<(edge.points.count - 1) {
      let a = edge.points[step]
      let b = edge.points[step + 1]
      if a.x != b.x && a.y != b.y { problems.append("edge \(name) has a diagonal step") }
    }
    let scope = ancestors(of: edge.from).first.flatMap { diagram.nodeIndex[$0] } ?? -1
    for index in 1..<(cells.count - 1) {
      let cell = cells[index]
      if cell.x < 0 || cell.y < 0 || cell.x >= diagram.width || cell.y >= diagram.height {
        problems.append("edge \(name) leaves the canvas at \(cell)")
        return
      }
      let cellIndex = cell.y * diagram.width + cell.x
      if occupancy.solid[cellIndex] >= 0 {
        problems.append(
          "edge \(name) passes through \(diagram.nodes[Int(occupancy.solid[cellIndex])].id) at \(cell)"
        )
        return
      }
      if Int(occupancy.frame[cellIndex]) != scope {
        problems.append("edge \(name) leaves its frame at \(cell)")
        return
      }
      let previous = cells[index - 1]
      let next = cells[index + 1]
      var needed = 0
      for neighbour in [previous, next] {
        if neighbour.y < cell.y { needed |= 1 }
        if neighbour.y > cell.y { needed |= 2 }
        if neighbour.x < cell.x { needed |= 4 }
        if neighbour.x > cell.x { needed |= 8 }
      }
      let glyph = diagram.canvas[cell.x, cell.y]
      guard let have = connections(glyph), have & needed == needed else {
        problems.append("edge \(name) is broken at \(cell) ('\(glyph)')")
        return
      }
    }
    if let label = edge.shownLabel {
      guard let origin = edge.labelOrigin else {
        problems.append("edge \(name) label not placed")
        return
      }
      let drawn = Self.text(in: diagram.canvas, at: origin, columns: CharacterWidth.of(label))
      if drawn != label { problems.append("edge \(name) label drawn as \(drawn)") }
    }
  }
}

extension DiagramChecker {
  /// The text drawn in `columns` cells from `origin` (a wide character's right half skipped).
  static func text(in canvas: Canvas, at origin: GridPoint, columns: Int) -> String {
    String(
      (0..<columns).map { canvas[origin.x + $0, origin.y] }.filter { $0 != Canvas.continuation })
  }
}
