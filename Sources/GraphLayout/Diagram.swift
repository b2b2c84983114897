/// A laid-out graph: the canvas plus where every node and edge ended up.
public struct Diagram: Sendable, Equatable {
  /// The drawing.
  public var canvas: Canvas
  /// Every node, nested ones included; a cell's owner index for node roles points in here.
  public var nodes: [PlacedNode]
  /// Every edge, nested ones included; a cell's owner index for edge roles points in here.
  public var edges: [PlacedEdge]
  /// Node index by id.
  public private(set) var nodeIndex: [String: Int]

  public init(canvas: Canvas, nodes: [PlacedNode], edges: [PlacedEdge]) {
    self.canvas = canvas
    self.nodes = nodes
    self.edges = edges
    var index: [String: Int] = [:]
    for (position, node) in nodes.enumerated() { index[node.id] = position }
    self.nodeIndex = index
  }

  public var width: Int { canvas.width }
  public var height: Int { canvas.height }

  /// The placed node with this id.
  public func node(_ id: String) -> PlacedNode? {
    nodeIndex[id].map { nodes[$0] }
  }

  /// Indices of the edges from one node to another (a Choice may have several).
  public func edgeIndices(from: String, to: String) -> [Int] {
    edges.indices.filter { edges[$0].from == from && edges[$0].to == to }
  }

  /// The drawing as text lines, trailing spaces removed.
  public func lines() -> [String] { canvas.lines() }

  /// The drawing as one string.
  public var text: String { canvas.text }
}

/// Where a node was drawn.
public struct PlacedNode: Sendable, Hashable {
  public var id: String
  /// The box (or frame) including its border; the kind text lies to the right of a box.
  public var rect: GridRect
  /// Box plus kind text, badges and status cell: the cells the node owns.
  public var footprint: GridRect
  /// The label as it reads on screen (shortened with an ellipsis when needed).
  public var shownLabel: String
  /// The label's rows as drawn (a long name wraps over up to three), from `labelOrigin` down.
  public var labelLines: [String]
  /// First cell of the label.
  public var labelOrigin: GridPoint
  /// A reserved blank cell after the kind text for a status glyph; `nil` for frames.
  public var statusCell: GridPoint?
  /// Whether it is drawn as a frame around nested subgraphs.
  public var isFrame: Bool
  /// The id of the frame it sits in, `nil` at the top level.
  public var parent: String?
  /// Whether it has nested subgraphs but is drawn as one box (`[Parallel ×2]`).
  public var isCollapsed: Bool = false
  /// For a frame: the start node of each nested subgraph, in the order drawn (left to right).
  public var branchStarts: [String] = []
}

/// Where an edge was drawn.
public struct PlacedEdge: Sendable, Hashable {
  public var from: String
  public var to: String
  /// The label as drawn, if any.
  public var shownLabel: String?
  public var style: EdgeStyle
  /// Whether the layout found it to be a back edge (a loop), routed in the right gutter.
  public var isBackEdge: Bool
  /// The route: the port cell on the source's bottom border, each corner, then the arrow cell
  /// just above the target's top border. Consecutive points share a row or a column.
  public var points: [GridPoint]
  /// First cell of the drawn label, if any.
  public var labelOrigin: GridPoint?

  /// Every cell the route passes through, in order.
  public var routeCells: [GridPoint] {
    guard var current = points.first else { return [] }
    var cells = [current]
    for next in points.dropFirst() {
      let dx = (next.x > current.x) ? 1 : (next.x < current.x ? -1 : 0)
      let dy = (next.y > current.y) ? 1 : (next.y < current.y ? -1 : 0)
      while current != next {
        current = GridPoint(x: current.x + dx, y: current.y + dy)
        cells.append(current)
      }
    }
    return cells
  }
}
