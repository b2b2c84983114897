import TextWidth

/// Picks the best drawing of a graph that fits a width.
public enum DiagramFitter {
  /// The narrowest label width tried before frames are collapsed.
  static let narrowestLabel = 10

  /// The drawing with the widest labels that fits in `width` columns: names whole on one line
  /// when there is room (up to `options.maxLabelWidth`), else wrapped over up to
  /// `options.maxLabelLines` lines of the widest width that fits (shortened only when even
  /// that is not enough, down to 10 columns), the states around frames then widened again on
  /// their own; then the same with every Parallel/Map collapsed to one box (but those in
  /// `options.expandedNodes`); else the ``ListRendering`` fallback. When frames the user
  /// expanded make every drawing too wide, the narrowest drawing is kept (the pane scrolls)
  /// instead of the list.
  ///
  /// With `shrinkingEdgeLabels`, when edge labels (Choice conditions, caught errors) of
  /// `options.maxEdgeLabelWidth` leave no drawing that fits, they shrink along with node labels
  /// (down to `edgeLabelFloor` cells) before frames are collapsed, so a wide Choice fan-out
  /// still fits as a drawing.
  public static func fit(
    _ graph: Graph, width: Int, options: LayoutOptions = LayoutOptions(),
    shrinkingEdgeLabels: Bool = false, edgeLabelFloor: Int = 8
  ) -> Diagram {
    // Wider than the longest name (or a shrinking edge label) changes nothing.
    let longestNode = graph.allNodes.map { LabelShortener.singleLine($0.label).terminalWidth }.max() ?? 0
    let longestEdge = graph.allEdges.compactMap { $0.label.map { LabelShortener.singleLine($0).terminalWidth } }.max() ?? 0
    var narrowestDrawing: Diagram?
    for collapse in options.collapseAll ? [true] : [false, true] {
      for shrinkEdges in shrinkingEdgeLabels ? [false, true] : [false] {
        let longest = shrinkEdges ? max(longestNode, min(longestEdge, options.maxEdgeLabelWidth) + 4) : longestNode
        let widest = max(1, min(options.maxLabelWidth, longest))
        if let drawing = widestFitting(
          graph, width: width, options: options, widest: widest, collapse: collapse,
          edgeLabelWidth: { shrinkEdges ? min(options.maxEdgeLabelWidth, max(edgeLabelFloor, $0 - 4)) : nil },
          narrowestDrawing: &narrowestDrawing)
        {
          return drawing
        }
      }
    }
    if !options.expandedNodes.isEmpty, let narrowestDrawing { return narrowestDrawing }
    var listOptions = options
    listOptions.maxLabelWidth = max(8, min(options.maxLabelWidth, width - 12))
    return ListRendering.render(graph, options: listOptions)
  }

  /// The drawing with the widest labels up to `widest` that fits, if one does; keeps the
  /// narrowest drawing tried in `narrowestDrawing`. `edgeLabelWidth` gives the edge label width
  /// for a label width (nil: as the options say).
  private static func widestFitting(
    _ graph: Graph, width: Int, options: LayoutOptions, widest: Int, collapse: Bool,
    edgeLabelWidth: (Int) -> Int?, narrowestDrawing: inout Diagram?
  ) -> Diagram? {
    let narrowest = min(widest, narrowestLabel)
    func attempt(_ labelWidth: Int, nested: Int? = nil) -> Diagram {
      var attempt = options
      attempt.maxLabelWidth = labelWidth
      attempt.maxNestedLabelWidth = nested
      if let edgeWidth = edgeLabelWidth(nested ?? labelWidth) { attempt.maxEdgeLabelWidth = edgeWidth }
      attempt.collapseAll = collapse
      // Only a drawing that fits is kept, but for the narrowest one frames the user opened
      // keep (`narrowestDrawing`).
      if options.expandedNodes.isEmpty { attempt.abandonWiderThan = width }
      return DiagramRenderer.render(graph, options: attempt)
    }
    let full = attempt(widest)
    if full.width <= width { return full }
    let smallest = attempt(narrowest)
    if narrowestDrawing.map({ smallest.width < $0.width }) ?? true { narrowestDrawing = smallest }
    guard smallest.width <= width else { return nil }
    // The widest label width that fits (drawings grow with their labels), then the widest
    // for the top level with the states inside frames kept at that.
    let uniform = search(from: narrowest, smallest, below: widest, width: width) { attempt($0) }
    return search(from: uniform.labelWidth, uniform.diagram, below: widest + 1, width: width) {
      attempt($0, nested: uniform.labelWidth)
    }.diagram
  }

  /// Binary search for the widest label width in `fitting..<tooWide` whose drawing fits.
  private static func search(
    from fitting: Int, _ diagram: Diagram, below tooWide: Int, width: Int, _ draw: (Int) -> Diagram
  ) -> (labelWidth: Int, diagram: Diagram) {
    var best = (labelWidth: fitting, diagram: diagram)
    var tooWide = tooWide
    while tooWide - best.labelWidth > 1 {
      let middle = (best.labelWidth + tooWide) / 2
      let drawing = draw(middle)
      if drawing.width <= width { best = (middle, drawing) } else { tooWide = middle }
    }
    return best
  }
}
