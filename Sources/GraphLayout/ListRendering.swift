import TextWidth

/// The fallback for panes narrower than any layout: one row per state, indented by nesting.
///
/// Each row reads `● Name  Kind badges` followed by `→ Next` when the state has a single plain
/// transition; otherwise one row per transition follows (`1: $.x == 1 → Target`). Frames list
/// their branches under `┆ branch N` rows. Every state gets a row, so nothing is hidden; a
/// renderer clips long rows at the pane's edge.
public enum ListRendering {
  public static func render(_ graph: Graph, options: LayoutOptions = LayoutOptions()) -> Diagram {
    var rows: [[(text: String, role: CellRole, owner: Int)]] = []
    var nodes: [PlacedNode] = []
    var edges: [PlacedEdge] = []
    let glyphs = options.glyphs
    let bullet = glyphs.isASCII ? "*" : "●"
    let arrow = glyphs.isASCII ? "->" : "→"
    let branchMark = glyphs.isASCII ? ":" : "┆"
    let shown = LabelShortener.shownLabels(graph, options: options)

    func emit(_ graph: Graph, indent: String, parent: String?) {
      for node in depthFirstOrder(graph) {
        let label = shown[node.id] ?? node.label
        let nodeIndex = nodes.count
        var row: [(String, CellRole, Int)] = [
          (indent, .empty, -1), (bullet + " ", .nodeBorder, nodeIndex),
        ]
        row.append((label, .nodeLabel, nodeIndex))
        var column = indent.terminalWidth + 2 + label.terminalWidth
        let frame = options.drawsFrame(node)
        var kind = LabelShortener.singleLine(node.kind)
        if !node.children.isEmpty && !frame {
          kind =
            "[\(node.kind)"
            + (node.children.count > 1 ? " \(glyphs.times)\(node.children.count)" : "") + "]"
        }
        if !kind.isEmpty {
          row.append(("  " + kind, .nodeKind, nodeIndex))
          column += 2 + kind.terminalWidth
        }
        for badge in node.badges {
          let text = glyphs.isASCII ? badge.asciiText : badge.text
          row.append((" " + text, .nodeBadge, nodeIndex))
          column += 1 + text.terminalWidth
        }
        row.append((" ", .empty, -1))
        let statusCell = GridPoint(x: column + 1, y: rows.count)
        row.append((" ", .nodeStatus, nodeIndex))
        column += 2
        let outgoing = graph.edges.filter { $0.from == node.id }
        let inline = outgoing.count == 1 && outgoing[0].label == nil
        if inline {
          let target = shown[outgoing[0].to] ?? outgoing[0].to
          row.append(("  " + arrow + " " + target, .edgeLabel, edges.count))
          edges.append(
            PlacedEdge(
              from: node.id, to: outgoing[0].to, shownLabel: nil, style: outgoing[0].style,
              isBackEdge: false, points: [],
              labelOrigin: GridPoint(x: column + 2, y: rows.count)))
        } else if node.isTerminal {
          row.append(("  " + (glyphs.isASCII ? "(end)" : "■ end"), .nodeKind, nodeIndex))
        }
        let y = rows.count
        let rowWidth = row.reduce(0) { $0 + $1.0.terminalWidth }
        nodes.append(
          PlacedNode(
            id: node.id,
            rect: GridRect(x: indent.terminalWidth, y: y, width: 2 + label.terminalWidth, height: 1),
            footprint: GridRect(x: indent.terminalWidth, y: y, width: rowWidth - indent.terminalWidth, height: 1),
            shownLabel: label, labelLines: [label], labelOrigin: GridPoint(x: indent.terminalWidth + 2, y: y),
            statusCell: statusCell, isFrame: false, parent: parent,
            isCollapsed: !frame && !node.children.isEmpty))
        rows.append(row)
        if !inline {
          for edge in outgoing {
            let target = shown[edge.to] ?? edge.to
            let text =
              (edge.label.map { LabelShortener.singleLine($0) + " " } ?? "") + arrow + " " + target
            let origin = GridPoint(x: indent.terminalWidth + 4, y: rows.count)
            rows.append([(indent + "    ", .empty, -1), (text, .edgeLabel, edges.count)])
            edges.append(
              PlacedEdge(
                from: node.id, to: edge.to, shownLabel: edge.label, style: edge.style,
                isBackEdge: false, points: [], labelOrigin: origin))
          }
        }
        if frame {
          for (number, child) in node.children.enumerated() {
            if node.children.count > 1 {
              rows.append([
                (indent + "  " + branchMark + " branch \(number + 1)", .frameTitle, nodeIndex)
              ])
            }
            emit(child, indent: indent + "  " + branchMark + " ", parent: node.id)
          }
        }
      }
    }
    emit(graph, indent: "", parent: nil)

    let width = rows.map { $0.reduce(0) { $0 + $1.text.terminalWidth } }.max() ?? 0
    var canvas = Canvas(width: width, height: rows.count)
    for (y, row) in rows.enumerated() {
      var x = 0
      for part in row {
        if part.role != .empty {
          canvas.write(part.text, x: x, y: y, role: part.role, owner: part.owner)
        } else {
          canvas.write(part.text, x: x, y: y, role: .empty, owner: -1)
        }
        x += part.text.terminalWidth
      }
    }
    return Diagram(canvas: canvas, nodes: nodes, edges: edges)
  }

  /// Nodes in depth-first order from the start (edges in declaration order), then the rest.
  static func depthFirstOrder(_ graph: Graph) -> [GraphNode] {
    var index: [String: Int] = [:]
    for (position, node) in graph.nodes.enumerated() where index[node.id] == nil {
      index[node.id] = position
    }
    var out = Array(repeating: [Int](), count: graph.nodes.count)
    for edge in graph.edges {
      if let from = index[edge.from], let to = index[edge.to] { out[from].append(to) }
    }
    var seen = Array(repeating: false, count: graph.nodes.count)
    var order: [GraphNode] = []
    let start = graph.start.flatMap { index[$0] } ?? 0
    for root in [start] + Array(graph.nodes.indices) where !seen[root] {
      var stack = [root]
      while let node = stack.popLast() {
        if seen[node] { continue }
        seen[node] = true
        order.append(graph.nodes[node])
        for next in out[node].reversed() where !seen[next] { stack.append(next) }
      }
    }
    return order
  }
}
