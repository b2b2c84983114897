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
  /// With `shrinkingEdgeLabels`, edge labels (Choice conditions, caught errors) shrink along
  /// with node labels (down to 8 cells), so a wide Choice fan-out still fits as a drawing.
  public static func fit(
    _ graph: Graph, width: Int, options: LayoutOptions = LayoutOptions(),
    shrinkingEdgeLabels: Bool = false
  ) -> Diagram {
    // Wider than the longest name (or edge label) changes nothing.
    var longest = graph.allNodes.map { LabelShortener.singleLine($0.label).terminalWidth }.max() ?? 0
    if shrinkingEdgeLabels {
      let edges = graph.allEdges.compactMap { $0.label.map { LabelShortener.singleLine($0).terminalWidth + 4 } }
      longest = max(longest, min(edges.max() ?? 0, options.maxEdgeLabelWidth + 4))
    }
    let widest = max(1, min(options.maxLabelWidth, longest))
    let narrowest = min(widest, narrowestLabel)
    var narrowestDrawing: Diagram?
    for collapse in options.collapseAll ? [true] : [false, true] {
      func attempt(_ labelWidth: Int, nested: Int? = nil) -> Diagram {
        var attempt = options
        attempt.maxLabelWidth = labelWidth
        attempt.maxNestedLabelWidth = nested
        if shrinkingEdgeLabels {
          // A Choice fan-out is as wide as its labels.
          attempt.maxEdgeLabelWidth = min(options.maxEdgeLabelWidth, max(8, (nested ?? labelWidth) - 4))
        }
        attempt.collapseAll = collapse
        return DiagramRenderer.render(graph, options: attempt)
      }
      let full = attempt(widest)
      if full.width <= width { return full }
      let smallest = attempt(narrowest)
      narrowestDrawing = smallest
      guard smallest.width <= width else { continue }
      // The widest label width that fits (drawings grow with their labels), then the widest
      // for the top level with the states inside frames kept at that.
      let uniform = widestFitting(from: narrowest, smallest, below: widest, width: width) { attempt($0) }
      return widestFitting(from: uniform.labelWidth, uniform.diagram, below: widest + 1, width: width) {
        attempt($0, nested: uniform.labelWidth)
      }.diagram
    }
    if !options.expandedNodes.isEmpty, let narrowestDrawing { return narrowestDrawing }
    var listOptions = options
    listOptions.maxLabelWidth = max(8, min(options.maxLabelWidth, width - 12))
    return ListRendering.render(graph, options: listOptions)
  }

  /// Binary search for the widest label width in `fitting...<tooWide` whose drawing fits.
  private static func widestFitting(
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
