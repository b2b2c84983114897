/// Knobs of ``DiagramRenderer``.
public struct LayoutOptions: Sendable, Hashable {
  /// Glyphs to draw with.
  public var glyphs: GlyphSet
  /// Longest node label in cells; longer names are shortened with an ellipsis (kept unique).
  public var maxLabelWidth: Int
  /// Longest edge label in cells; longer labels are cut with an ellipsis.
  public var maxEdgeLabelWidth: Int
  /// Number of ordering sweeps (alternating down and up) that reduce crossings.
  public var orderingSweeps: Int
  /// Ids of compound nodes to draw as one box even when the graph says expanded.
  public var collapsedNodes: Set<String>
  /// Draw every compound node as one box.
  public var collapseAll: Bool

  public init(
    glyphs: GlyphSet = .unicode, maxLabelWidth: Int = 32, maxEdgeLabelWidth: Int = 28,
    orderingSweeps: Int = 4, collapsedNodes: Set<String> = [], collapseAll: Bool = false
  ) {
    self.glyphs = glyphs
    self.maxLabelWidth = maxLabelWidth
    self.maxEdgeLabelWidth = maxEdgeLabelWidth
    self.orderingSweeps = orderingSweeps
    self.collapsedNodes = collapsedNodes
    self.collapseAll = collapseAll
  }

  /// Whether a node with children is drawn as a frame under these options.
  func drawsFrame(_ node: GraphNode) -> Bool {
    node.isFrame && !collapseAll && !collapsedNodes.contains(node.id)
  }
}
