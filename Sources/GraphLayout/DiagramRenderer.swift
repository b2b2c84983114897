/// Draws a ``Graph`` as a ``Diagram``: the entry point of the layout engine.
public enum DiagramRenderer {
  /// Lays out and draws the graph (frames recursively). Deterministic: the same graph and
  /// options always give the same diagram.
  public static func render(_ graph: Graph, options: LayoutOptions = LayoutOptions()) -> Diagram {
    var ids: [String] = []
    var labels: [String] = []
    func collect(_ graph: Graph) {
      for node in graph.nodes {
        ids.append(node.id)
        labels.append(node.label)
        for child in node.children { collect(child) }
      }
    }
    collect(graph)
    let shortened = LabelShortener.shorten(
      labels, maxWidth: max(3, options.maxLabelWidth), ellipsis: options.glyphs.ellipsis)
    var shown: [String: String] = [:]
    for (id, label) in zip(ids, shortened) where shown[id] == nil { shown[id] = label }
    return LayeredLayout(options: options, shownLabels: shown).layout(graph, parent: nil)
  }
}
