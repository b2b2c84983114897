/// Draws a ``Graph`` as a ``Diagram``: the entry point of the layout engine.
///
/// How a debugger uses the module:
/// 1. Once per definition: `let diagram = DiagramFitter.fit(graph, width: paneWidth)` (or
///    `DiagramRenderer.render(graph)` for the full drawing; `ASLGraph.graph(definition:)` builds
///    the graph of an ASL definition).
/// 2. Each step: `Viewport.window(for:paneWidth:paneHeight:focus:previous:)` picks the visible
///    window (it stays put while the current state is visible, else centres it), and
///    `diagram.styledRows(in:nodeTags:edgeTags:)` gives each cell's glyph, role (border,
///    label, kind, badge, status cell, edge, arrow, edge label) and the caller's tag for its
///    owner (the debugger's is its step status) to map to colours. Nothing is laid out again.
/// 3. `PlacedNode.statusCell` is a blank cell after each box's kind text for a status glyph.
public enum DiagramRenderer {
  /// Lays out and draws the graph (frames recursively). Deterministic: the same graph and
  /// options always give the same diagram.
  public static func render(_ graph: Graph, options: LayoutOptions = LayoutOptions()) -> Diagram {
    let shown = LabelShortener.shownLabelLines(graph, options: options)
    return LayeredLayout(options: options, shownLabels: shown).layout(graph, parent: nil)
  }
}
