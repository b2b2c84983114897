import TextWidth

/// Shortens long labels with an ellipsis in the middle, keeping shortened labels unique.
public enum LabelShortener {
  /// The label each node of `graph` shows (nested ones too), by node id, on one line: shortened
  /// to `options.maxLabelWidth`, unique across the whole graph.
  static func shownLabels(_ graph: Graph, options: LayoutOptions) -> [String: String] {
    var oneLine = options
    oneLine.maxLabelLines = 1
    return shownLabelLines(graph, options: oneLine).mapValues(\.text)
  }

  /// The label each node of `graph` shows (nested ones too), by node id: wrapped over up to
  /// `options.maxLabelLines` lines of `options.labelWidth(depth:)` columns, shortened only when
  /// it does not fit, unique across the whole graph.
  static func shownLabelLines(_ graph: Graph, options: LayoutOptions) -> [String: ShownLabel] {
    var nodes: [(node: GraphNode, width: Int)] = []
    func walk(_ graph: Graph, depth: Int) {
      for node in graph.nodes {
        nodes.append((node, max(3, options.labelWidth(depth: depth))))
        for child in node.children { walk(child, depth: depth + 1) }
      }
    }
    walk(graph, depth: 0)
    let shown = wrap(
      nodes.map(\.node.label), maxWidths: nodes.map(\.width), maxLines: options.maxLabelLines,
      ellipsis: options.glyphs.ellipsis)
    var byID: [String: ShownLabel] = [:]
    for (entry, label) in zip(nodes, shown) where byID[entry.node.id] == nil { byID[entry.node.id] = label }
    return byID
  }

  /// Labels in input order, each wrapped at word boundaries over at most `maxLines` lines of
  /// `maxWidth` columns (the lines balanced, so the box is no wider than it must be).
  ///
  /// A label that does not fit keeps its first words and its last ones, the ellipsis ending the
  /// last line of the head (`Start new` / `workflow…` / `completion`): siblings usually differ
  /// at the end. When that collides with another label the split moves, and as a last resort
  /// the last line ends in a number. With `maxLines` 1 this is ``shorten(_:maxWidth:ellipsis:)``.
  public static func wrap(_ labels: [String], maxWidth: Int, maxLines: Int, ellipsis: String = "…")
    -> [ShownLabel]
  {
    wrap(labels, maxWidths: labels.map { _ in maxWidth }, maxLines: maxLines, ellipsis: ellipsis)
  }

  /// ``wrap(_:maxWidth:maxLines:ellipsis:)`` with a width per label.
  static func wrap(_ labels: [String], maxWidths: [Int], maxLines: Int, ellipsis: String = "…")
    -> [ShownLabel]
  {
    let labels = labels.map(singleLine)
    guard maxLines > 1 else {
      return shorten(labels, maxWidths: maxWidths, ellipsis: ellipsis).map { ShownLabel(text: $0, lines: [$0]) }
    }
    // Most names fit on one line: only the others are split into words.
    let wrappers = zip(labels, maxWidths).map { label, width in
      label.terminalWidth <= width ? nil : LabelWrapper(label: label, width: width, ellipsis: ellipsis)
    }
    let whole = zip(labels, wrappers).map { label, wrapper in
      wrapper.map { $0.wrapped(maxLines: maxLines) } ?? ShownLabel(text: label, lines: [label])
    }
    var used = Set(whole.compactMap { $0?.text })
    var result: [ShownLabel] = []
    result.reserveCapacity(labels.count)
    for (wrapper, wrapped) in zip(wrappers, whole) {
      if let wrapped {
        result.append(wrapped)
        continue
      }
      // Only a name too long for one line (it has a wrapper) can fail to wrap.
      guard let wrapper else { continue }
      var chosen = wrapper.shortenedCandidates(maxLines: maxLines).first { !used.contains($0.text) }
      var number = 2
      while chosen == nil {
        let candidate = wrapper.numbered(number, maxLines: maxLines)
        if !used.contains(candidate.text) { chosen = candidate }
        number += 1
      }
      used.insert(chosen!.text)
      result.append(chosen!)
    }
    return result
  }

  /// Shortened labels in input order.
  ///
  /// Labels that fit stay as they are. A longer one becomes `head…tail` of `maxWidth` cells; when
  /// that collides with another label, the split point moves until it is unique, and as a last
  /// resort the tail becomes a number. Deterministic: earlier labels keep the preferred form.
  public static func shorten(_ labels: [String], maxWidth: Int, ellipsis: String = "…")
    -> [String]
  {
    shorten(labels, maxWidths: labels.map { _ in maxWidth }, ellipsis: ellipsis)
  }

  /// ``shorten(_:maxWidth:ellipsis:)`` with a width per label.
  static func shorten(_ labels: [String], maxWidths: [Int], ellipsis: String = "…") -> [String] {
    // Widths are terminal columns: a wide (CJK, emoji) character counts two.
    let labels = labels.map(singleLine)
    let ellipsisWidth = ellipsis.terminalWidth
    var used = Set<String>()
    for (label, maxWidth) in zip(labels, maxWidths) where label.terminalWidth <= maxWidth { used.insert(label) }
    var result: [String] = []
    result.reserveCapacity(labels.count)
    for (label, maxWidth) in zip(labels, maxWidths) {
      let room = max(1, maxWidth - ellipsisWidth)
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

/// A label as a box shows it: its lines, and the text they read as (the label itself unless it
/// was shortened, then with the ellipsis where words were left out).
public struct ShownLabel: Sendable, Hashable {
  public var text: String
  public var lines: [String]

  /// The widest line in columns.
  public var width: Int { lines.map(\.terminalWidth).max() ?? 0 }
}

/// Word wrapping of one label at a width.
struct LabelWrapper {
  let label: String
  let width: Int
  let ellipsis: String
  /// The label's words; a word wider than `width` is cut into pieces that fit.
  let words: [String]

  init(label: String, width: Int, ellipsis: String) {
    self.label = label
    self.width = max(1, width)
    self.ellipsis = ellipsis
    var words: [String] = []
    for word in label.split(separator: " ") {
      var rest = String(word)
      while rest.terminalWidth > self.width {
        var piece = rest.prefix(columns: self.width)
        if piece.isEmpty { piece = String(rest.prefix(1)) }
        words.append(piece)
        rest = String(rest.dropFirst(piece.count))
      }
      if !rest.isEmpty { words.append(rest) }
    }
    self.words = words
  }

  /// Greedy lines of `words` at `width` columns.
  static func lines(_ words: some Collection<String>, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in words {
      if line.isEmpty {
        line = word
      } else if line.terminalWidth + 1 + word.terminalWidth <= width {
        line += " " + word
      } else {
        lines.append(line)
        line = word
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  /// The whole label on at most `maxLines` lines, balanced: the narrowest width that needs no
  /// more lines than `width` does. Nil when it needs more lines.
  func wrapped(maxLines: Int) -> ShownLabel? {
    if label.terminalWidth <= width { return ShownLabel(text: label, lines: [label]) }
    let greedy = Self.lines(words, width: width)
    guard greedy.count <= maxLines else { return nil }
    let longestWord = words.map(\.terminalWidth).max() ?? 0
    let total = words.reduce(-1) { $0 + $1.terminalWidth + 1 }
    var narrowest = max(longestWord, (total + greedy.count - 1) / greedy.count)
    while narrowest < width, Self.lines(words, width: narrowest).count > greedy.count { narrowest += 1 }
    return ShownLabel(text: label, lines: Self.lines(words, width: narrowest))
  }

  /// Shortened forms in order of preference: the head's words on the first lines (the last of
  /// them ending in the ellipsis), the tail's whole words on the remaining ones (a last word too
  /// long for a line is cut at its end instead); one tail line first.
  func shortenedCandidates(maxLines: Int) -> [ShownLabel] {
    let whole = label.split(separator: " ").map(String.init)
    var candidates: [ShownLabel] = []
    for tailLines in 1..<maxLines {
      let headLines = maxLines - tailLines
      // The tail: the last whole words that fit on `tailLines` lines.
      var tailCount = 0
      while tailCount < whole.count - 1, whole[whole.count - 1 - tailCount].terminalWidth <= width,
        Self.lines(whole.suffix(tailCount + 1), width: width).count <= tailLines
      {
        tailCount += 1
      }
      var tail = Self.lines(whole.suffix(tailCount), width: width)
      var tailText = whole.suffix(tailCount).joined(separator: " ")
      if tailCount == 0, let last = whole.last, whole.count > 1 {
        tailText = last.prefix(columns: width - ellipsis.terminalWidth) + ellipsis
        tail = [tailText]
        tailCount = 1
      }
      // The head: the first words (pieces of a long one) on `headLines` lines, with room for
      // the ellipsis.
      let headWords = LabelWrapper(
        label: whole.dropLast(tailCount).joined(separator: " "), width: width, ellipsis: ellipsis
      ).words
      var headCount = 0
      while headCount < headWords.count {
        let lines = Self.lines(headWords.prefix(headCount + 1), width: width)
        guard lines.count <= headLines, lines[lines.count - 1].terminalWidth + ellipsis.terminalWidth <= width
        else { break }
        headCount += 1
      }
      guard headCount > 0 || tailCount > 0 else { continue }
      let head = Array(headWords.prefix(headCount))
      var lines = head.isEmpty ? [ellipsis] : Self.lines(head, width: width)
      if !head.isEmpty { lines[lines.count - 1] += ellipsis }
      lines += tail
      let text = head.joined(separator: " ") + ellipsis + (tailText.isEmpty ? "" : " " + tailText)
      let candidate = ShownLabel(text: text, lines: lines)
      if !candidates.contains(candidate) { candidates.append(candidate) }
    }
    return candidates
  }

  /// The preferred shortened form with its last line ending in `number` (unique as a last resort).
  func numbered(_ number: Int, maxLines: Int) -> ShownLabel {
    var base = shortenedCandidates(maxLines: maxLines).first ?? ShownLabel(text: label, lines: [label])
    let suffix = ellipsis + String(number)
    let last = base.lines.count - 1
    let kept = base.lines[last].prefix(columns: max(0, width - suffix.terminalWidth))
    base.lines[last] = kept + suffix
    base.text += suffix
    return base
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
