/// Picks the best drawing of a graph that fits a width.
public enum DiagramFitter {
  /// The full layout if it fits in `width` columns; else the layout with shorter labels, then
  /// with every Parallel/Map collapsed to one box; else the ``ListRendering`` fallback.
  ///
  /// With `shrinkingEdgeLabels`, edge labels (Choice conditions) shrink along with node labels
  /// (down to 8 cells), so a wide Choice fan-out still fits as a drawing; `sfdbg graph --width`
  /// does this. Off by default for now, so existing screen snapshots keep their list fallback.
  public static func fit(
    _ graph: Graph, width: Int, options: LayoutOptions = LayoutOptions(),
    shrinkingEdgeLabels: Bool = false
  ) -> Diagram {
    let labelWidths = [options.maxLabelWidth, 24, 18, 14, 10].filter { $0 <= options.maxLabelWidth }
    var attempts: [LayoutOptions] = []
    for collapse in [options.collapseAll, true] {
      for labelWidth in labelWidths {
        var attempt = options
        attempt.maxLabelWidth = labelWidth
        if shrinkingEdgeLabels {
          // A Choice fan-out is as wide as its labels.
          attempt.maxEdgeLabelWidth = min(options.maxEdgeLabelWidth, max(8, labelWidth - 4))
        }
        attempt.collapseAll = collapse
        if !attempts.contains(attempt) { attempts.append(attempt) }
      }
    }
    for attempt in attempts {
      let diagram = DiagramRenderer.render(graph, options: attempt)
      if diagram.width <= width { return diagram }
    }
    var listOptions = options
    listOptions.maxLabelWidth = max(8, min(options.maxLabelWidth, width - 12))
    return ListRendering.render(graph, options: listOptions)
  }
}
