import ASLGraph
import GraphLayout
import TerminalUI

/// Which way to move the graph selection.
public enum GraphDirection: Sendable {
  case up, down, left, right
}

/// Selection and scroll of the graph pane, kept in the app state between frames.
public struct GraphPaneState: Hashable, Sendable {
  /// The node the user selected (the target of `b`), nil to follow the current state.
  public var selectedNode: String?
  /// The window shown last (so the view does not jump while stepping nearby).
  public var window: GridRect?

  public init(selectedNode: String? = nil, window: GridRect? = nil) {
    self.selectedNode = selectedNode
    self.window = window
  }

  /// Moves the selection to the nearest node in `direction` from the selected one (or from
  /// `fallback`, e.g. the current state, when nothing is selected). Returns whether it moved.
  @discardableResult
  public mutating func move(_ direction: GraphDirection, in diagram: Diagram, fallback: String?)
    -> Bool
  {
    guard let from = (selectedNode ?? fallback).flatMap({ diagram.node($0) }) ?? diagram.nodes.first
    else { return false }
    if selectedNode == nil && fallback == nil {
      selectedNode = from.id
      return true
    }
    let center = (x: from.rect.x * 2 + from.rect.width, y: from.rect.y * 2 + from.rect.height)
    var best: (id: String, score: Int)?
    for node in diagram.nodes where node.id != from.id {
      let c = (x: node.rect.x * 2 + node.rect.width, y: node.rect.y * 2 + node.rect.height)
      let dx = c.x - center.x
      let dy = c.y - center.y
      let (along, across): (Int, Int)
      switch direction {
      case .up: (along, across) = (-dy, abs(dx))
      case .down: (along, across) = (dy, abs(dx))
      case .left: (along, across) = (-dx, abs(dy))
      case .right: (along, across) = (dx, abs(dy))
      }
      guard along > 0 else { continue }
      let score = along + across * 3
      if best == nil || score < best!.score { best = (node.id, score) }
    }
    guard let best else {
      selectedNode = from.id
      return false
    }
    selectedNode = best.id
    return true
  }
}

/// How the graph pane looks: a laid-out diagram seen through a window, with each state's step
/// status shown by a glyph in its status cell (visible without colours) and by colour.
///
/// Glyphs: `▶` current, `⧗` waiting on a token, `✗` failed, `✓` visited; a breakpoint replaces
/// the box's left border on the label row with `◉`. The current state's label is in reverse
/// video; the selected state's label is underlined and bold.
public struct GraphView: Widget, Sendable {
  public var diagram: Diagram
  public var nodeStatus: [String: StepStatus]
  public var edgeStatus: [Int: StepStatus]
  public var selectedNode: String?
  /// The canvas window to show (its size is clamped to the area).
  public var window: GridRect

  public init(
    diagram: Diagram, nodeStatus: [String: StepStatus] = [:], edgeStatus: [Int: StepStatus] = [:],
    selectedNode: String? = nil, window: GridRect
  ) {
    self.diagram = diagram
    self.nodeStatus = nodeStatus
    self.edgeStatus = edgeStatus
    self.selectedNode = selectedNode
    self.window = window
  }

  /// The window for a pane of `size`: keeps `previous` while `focus` is visible in it, else
  /// centres `focus` (GraphLayout's viewport rule).
  public static func window(
    for diagram: Diagram, size: Size, focus: String?, previous: GridRect?
  ) -> GridRect {
    Viewport.window(
      for: diagram, paneWidth: size.width, paneHeight: size.height, focus: focus,
      previous: previous)
  }

  /// The status glyph for a status (nil for none).
  public static func glyph(for status: StepStatus) -> Character? {
    if status.contains(.failed) { return "✗" }
    if status.contains(.pendingToken) { return "⧗" }
    if status.contains(.current) { return "▶" }
    if status.contains(.visited) { return "✓" }
    return nil
  }

  public func render(in area: Rect, buffer: inout ScreenBuffer) {
    guard !area.isEmpty else { return }
    buffer.fill(area)
    let shown = GridRect(
      x: window.x, y: window.y, width: min(window.width, area.width),
      height: min(window.height, area.height))
    let rows = diagram.styledRows(in: shown, nodeTags: nodeStatus, edgeTags: edgeStatus)
    let selectedIndex = selectedNode.flatMap { diagram.nodeIndex[$0] }
    for (dy, row) in rows.enumerated() {
      var x = area.x
      let y = area.y + dy
      for cell in row {
        defer { x += 1 }
        if cell.glyph == " " && cell.style.role == .empty { continue }
        var glyph = cell.glyph
        var style = Self.style(for: cell.style)
        if cell.style.role == .nodeStatus, let marker = Self.glyph(for: cell.style.tag ?? []) {
          glyph = marker
        }
        if let index = cell.style.nodeIndex, index == selectedIndex,
          cell.style.role == .nodeLabel || cell.style.role == .frameTitle
        {
          style = style.underlined().bolded()
        }
        // A wide character's right half is drawn with it; a half cut off by the window
        // becomes a space (the screen buffer keeps wide characters whole).
        if glyph == Canvas.continuation {
          if x == area.x { buffer.set(Cell(" ", style: style), at: Point(x: x, y: y)) }
          continue
        }
        switch CharacterWidth.of(glyph) {
        case 0: glyph = "?"
        case 2 where x + 1 >= area.x + area.width: glyph = " "  // would spill out of the pane
        default: break
        }
        buffer.set(Cell(glyph, style: style), at: Point(x: x, y: y))
      }
    }
    drawBreakpointMarkers(shown: shown, area: area, buffer: &buffer)
  }

  private func drawBreakpointMarkers(shown: GridRect, area: Rect, buffer: inout ScreenBuffer) {
    for (id, status) in nodeStatus where status.contains(.breakpoint) {
      guard let node = diagram.node(id) else { continue }
      let canvasPoint = GridPoint(x: node.rect.x, y: node.labelOrigin.y)
      guard shown.contains(canvasPoint) else { continue }
      let point = Point(x: area.x + canvasPoint.x - shown.x, y: area.y + canvasPoint.y - shown.y)
      buffer.set(Cell("◉", style: Style(foreground: .red, bold: true)), at: point)
    }
  }

  /// The terminal style of a diagram cell.
  static func style(for cell: CellStyle<StepStatus>) -> Style {
    let status = cell.tag ?? []
    var style = Style.plain
    switch cell.role {
    case .empty: return style
    case .nodeKind, .nodeBadge: style = style.dimmed()
    case .edgeLabel: style = style.foreground(.cyan).dimmed()
    case .frameTitle: style = style.bolded()
    default: break
    }
    if cell.role.isEdgePart {
      if status.contains(.failed) {
        style = style.foreground(.red).dimmed(false)
      } else if status.contains(.visited) {
        style = style.foreground(.green).bolded().dimmed(false)
      }
      return style
    }
    if status.contains(.failed) {
      style = style.foreground(.red).bolded()
    } else if status.contains(.pendingToken) {
      style = style.foreground(.magenta).bolded()
    } else if status.contains(.current) {
      style = style.foreground(.yellow).bolded()
    } else if status.contains(.visited) {
      style = style.foreground(.green)
    }
    if status.contains(.current) && (cell.role == .nodeLabel || cell.role == .frameTitle) {
      style = style.reversed()
    }
    return style
  }
}
