/// Knobs of ``DiagramRenderer``.
public struct LayoutOptions: Sendable, Hashable {
  /// Glyphs to draw with.
  public var glyphs: GlyphSet
  /// Widest line of a node label in cells; longer names wrap over up to `maxLabelLines` lines
  /// and only names that still do not fit are shortened with an ellipsis (kept unique).
  public var maxLabelWidth: Int
  /// How many lines a box's label may take (1: never wrap).
  public var maxLabelLines: Int
  /// The widest label line of states inside frames; nil: `maxLabelWidth` (the fitter narrows
  /// branches first, so the states around them keep their names on one line).
  public var maxNestedLabelWidth: Int?
  /// Longest edge label in cells; longer labels are cut with an ellipsis.
  public var maxEdgeLabelWidth: Int
  /// Number of ordering sweeps (alternating down and up) that reduce crossings.
  public var orderingSweeps: Int
  /// Ids of compound nodes to draw as one box even when the graph says expanded.
  public var collapsedNodes: Set<String>
  /// Draw every compound node as one box (except those in `expandedNodes`).
  public var collapseAll: Bool
  /// Ids of compound nodes drawn as frames even under `collapseAll` (the user opened them).
  public var expandedNodes: Set<String>
  /// Stop a layout as soon as a layer is known to be wider than this, giving an empty diagram
  /// of that (lower-bound) width: how ``DiagramFitter`` rejects drawings that cannot fit
  /// without routing and drawing them (a Choice with thousands of branches).
  var abandonWiderThan: Int? = nil

  public init(
    glyphs: GlyphSet = .unicode, maxLabelWidth: Int = 32, maxLabelLines: Int = 3,
    maxEdgeLabelWidth: Int = 28, orderingSweeps: Int = 4, collapsedNodes: Set<String> = [],
    collapseAll: Bool = false, expandedNodes: Set<String> = []
  ) {
    self.glyphs = glyphs
    self.maxLabelWidth = maxLabelWidth
    self.maxLabelLines = maxLabelLines
    self.maxEdgeLabelWidth = maxEdgeLabelWidth
    self.orderingSweeps = orderingSweeps
    self.collapsedNodes = collapsedNodes
    self.collapseAll = collapseAll
    self.expandedNodes = expandedNodes
  }

  /// The widest label line at a nesting depth (0: the top level).
  func labelWidth(depth: Int) -> Int {
    depth == 0 ? maxLabelWidth : min(maxLabelWidth, maxNestedLabelWidth ?? maxLabelWidth)
  }

  /// Whether a node with children is drawn as a frame under these options.
  func drawsFrame(_ node: GraphNode) -> Bool {
    node.isFrame && !collapsedNodes.contains(node.id)
      && (!collapseAll || expandedNodes.contains(node.id))
  }
}
