import TextWidth

/// Shortens long labels with an ellipsis in the middle, keeping shortened labels unique.
public enum LabelShortener {
  /// The label each node of `graph` shows (nested ones too), by node id: shortened to
  /// `options.maxLabelWidth`, unique across the whole graph.
  static func shownLabels(_ graph: Graph, options: LayoutOptions) -> [String: String] {
    let nodes = graph.allNodes
    let shortened = shorten(
      nodes.map(\.label), maxWidth: max(3, options.maxLabelWidth),
      ellipsis: options.glyphs.ellipsis)
    var shown: [String: String] = [:]
    for (node, label) in zip(nodes, shortened) where shown[node.id] == nil { shown[node.id] = label }
    return shown
  }

  /// Shortened labels in input order.
  ///
  /// Labels that fit stay as they are. A longer one becomes `head…tail` of `maxWidth` cells; when
  /// that collides with another label, the split point moves until it is unique, and as a last
  /// resort the tail becomes a number. Deterministic: earlier labels keep the preferred form.
  public static func shorten(_ labels: [String], maxWidth: Int, ellipsis: String = "…")
    -> [String]
  {
    // Widths are terminal columns: a wide (CJK, emoji) character counts two.
    let labels = labels.map(singleLine)
    let ellipsisWidth = ellipsis.terminalWidth
    let room = max(1, maxWidth - ellipsisWidth)
    var used = Set<String>()
    for label in labels where label.terminalWidth <= maxWidth { used.insert(label) }
    var result: [String] = []
    result.reserveCapacity(labels.count)
    for label in labels {
      if label.terminalWidth <= maxWidth {
        result.append(label)
        continue
      }
      let preferredTail = room / 3
      var tails = Array(preferredTail..<room)
      tails.append(contentsOf: stride(from: preferredTail - 1, through: 0, by: -1))
      var chosen: String?
      for tail in tails {
        let head = room - tail
        // No blank next to the ellipsis: "Process…der", not "Process …der".
        let candidate =
          String(label.prefix(columns: head).trimmingTrailingSpaces()) + ellipsis
          + String(label.suffix(columns: tail).trimmingLeadingSpaces())
        if !used.contains(candidate) {
          chosen = candidate
          break
        }
      }
      if chosen == nil {
        var number = 2
        while chosen == nil {
          let suffix = String(number)
          let head = max(0, room - suffix.count)
          let candidate = label.prefix(columns: head) + ellipsis + suffix
          if !used.contains(candidate) { chosen = candidate }
          number += 1
        }
      }
      used.insert(chosen!)
      result.append(chosen!)
    }
    return result
  }

  /// Cuts a label to `maxWidth` columns, ending with the ellipsis when cut.
  public static func truncate(_ label: String, maxWidth: Int, ellipsis: String = "…") -> String {
    let label = singleLine(label)
    guard label.terminalWidth > maxWidth else { return label }
    let keep = max(0, maxWidth - ellipsis.terminalWidth)
    return label.prefix(columns: keep) + ellipsis
  }
}

extension LabelShortener {
  /// The label on one line: newlines, tabs and other control characters become spaces, so a
  /// label always takes one row.
  public static func singleLine(_ label: String) -> String {
    guard label.contains(where: { $0.isNewline || ($0.asciiValue ?? 32) < 32 }) else {
      return label
    }
    return String(label.map { $0.isNewline || ($0.asciiValue ?? 32) < 32 ? " " : $0 })
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> Substring {
    var end = endIndex
    while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
    return self[startIndex..<end]
  }

  fileprivate func trimmingLeadingSpaces() -> Substring {
    var start = startIndex
    while start < endIndex, self[start] == " " { start = index(after: start) }
    return self[start..<endIndex]
  }
}
