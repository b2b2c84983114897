/// What a canvas cell shows, so a renderer can colour it (TerminalUI maps roles to colours).
public enum CellRole: UInt8, Sendable, Hashable, CaseIterable {
  /// Empty space.
  case empty
  /// A node box's border.
  case nodeBorder
  /// A node's label (its state name) inside the box.
  case nodeLabel
  /// A node's kind text beside the box (`Task`, `Choice`, …).
  case nodeKind
  /// A node's badge (e.g. a retry count).
  case nodeBadge
  /// The reserved cell after a node's kind where a renderer may put a status glyph (`✓`, `⧗`).
  case nodeStatus
  /// The border of a frame around nested subgraphs (Parallel, Map).
  case frameBorder
  /// The title or kind text in a frame's top border.
  case frameTitle
  /// A line of an edge.
  case edge
  /// The arrow head where an edge enters its target.
  case edgeArrow
  /// An edge's label text.
  case edgeLabel

  /// Whether the cell's owner is a node (otherwise an edge, or nothing).
  public var isNodePart: Bool {
    switch self {
    case .nodeBorder, .nodeLabel, .nodeKind, .nodeBadge, .nodeStatus, .frameBorder, .frameTitle:
      return true
    case .empty, .edge, .edgeArrow, .edgeLabel:
      return false
    }
  }

  /// Whether the cell's owner is an edge.
  public var isEdgePart: Bool { self == .edge || self == .edgeArrow || self == .edgeLabel }
}
