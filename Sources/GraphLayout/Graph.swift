/// A directed graph to draw: nodes, edges and a start node; compound nodes nest subgraphs.
///
/// The input of ``DiagramRenderer``. It knows nothing about ASL: an adapter (ASLGraph) builds it.
/// Node ids must be unique across the whole graph, nested subgraphs included.
public struct Graph: Sendable, Hashable {
  /// The nodes in declaration order (the order breaks ties everywhere in the layout).
  public var nodes: [GraphNode]
  /// The edges in declaration order; both ends must be nodes of this graph (not of a subgraph).
  public var edges: [GraphEdge]
  /// The node the layout ranks from (rank 0); `nil` means the first node.
  public var start: String?

  public init(nodes: [GraphNode], edges: [GraphEdge], start: String? = nil) {
    self.nodes = nodes
    self.edges = edges
    self.start = start
  }

  /// Every node id of this graph and of all nested subgraphs, depth first, in declaration order.
  public var allNodeIDs: [String] { allNodes.map(\.id) }

  /// Every edge of this graph and of all nested subgraphs.
  public var allEdges: [GraphEdge] {
    edges + nodes.flatMap { $0.children.flatMap(\.allEdges) }
  }

  /// Every node, each followed by the nodes nested in it (depth first).
  public var allNodes: [GraphNode] {
    var nodes: [GraphNode] = []
    func walk(_ graph: Graph) {
      for node in graph.nodes {
        nodes.append(node)
        for child in node.children { walk(child) }
      }
    }
    walk(self)
    return nodes
  }
}

/// One state to draw: a box with a label, a kind text and badges, or a frame around subgraphs.
public struct GraphNode: Sendable, Hashable {
  /// Unique id (the debugger addresses cells and viewports with it).
  public var id: String
  /// The text in the box (shortened with an ellipsis when too long, but kept unique).
  public var label: String
  /// What kind of node it is, shown next to the box (`Task`, `Choice`, …).
  public var kind: String
  /// Small markers after the kind, such as a retry count.
  public var badges: [Badge]
  /// Whether the node ends its graph (drawn with a double bottom border).
  public var isTerminal: Bool
  /// Nested subgraphs drawn inside a frame (Parallel branches, a Map's processor); empty for a box.
  public var children: [Graph]
  /// Whether a node with children is drawn as one box (`[Parallel ×3]`) instead of a frame.
  public var isCollapsed: Bool

  public init(
    id: String, label: String? = nil, kind: String = "", badges: [Badge] = [],
    isTerminal: Bool = false, children: [Graph] = [], isCollapsed: Bool = false
  ) {
    self.id = id
    self.label = label ?? id
    self.kind = kind
    self.badges = badges
    self.isTerminal = isTerminal
    self.children = children
    self.isCollapsed = isCollapsed
  }

  /// Whether the node is drawn as a frame around its subgraphs.
  public var isFrame: Bool { !children.isEmpty && !isCollapsed }
}

/// A short marker shown after a node's kind, with a plain-ASCII spelling for `--ascii`.
public struct Badge: Sendable, Hashable {
  public var text: String
  public var asciiText: String

  public init(_ text: String, ascii: String? = nil) {
    self.text = text
    self.asciiText = ascii ?? text
  }
}

/// A transition between two nodes of the same graph.
public struct GraphEdge: Sendable, Hashable {
  public var from: String
  public var to: String
  /// Text drawn beside the edge (a Choice rule, `Default`, caught error names); `nil` for none.
  public var label: String?
  public var style: EdgeStyle

  public init(from: String, to: String, label: String? = nil, style: EdgeStyle = .solid) {
    self.from = from
    self.to = to
    self.label = label
    self.style = style
  }
}

/// How an edge's line is drawn.
public enum EdgeStyle: Sendable, Hashable {
  case solid
  /// Dashed straight segments (`┄ ┆`), used for error handling (Catch).
  case dashed
}
