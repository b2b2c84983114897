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

  /// Frames the user closed (`enter`/`+` on an open Parallel or Map).
  public var collapsedFrames: Set<String> = []
  /// Frames the user opened although the pane is too narrow for them (the pane then scrolls).
  public var expandedFrames: Set<String> = []

  /// Moves the selection from the selected node (or from `fallback`, e.g. the current state,
  /// when nothing is selected) along the diagram's edges (``Diagram/nodeBelow(_:)`` and its
  /// siblings): down into a frame and along the first edge, up back along it, left and right to
  /// the node drawn beside it. Returns whether it moved.
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
    let next: String?
    switch direction {
    case .down: next = diagram.nodeBelow(from.id)
    case .up: next = diagram.nodeAbove(from.id)
    case .left: next = diagram.nodeBeside(from.id, toTheRight: false)
    case .right: next = diagram.nodeBeside(from.id, toTheRight: true)
    }
    selectedNode = next ?? from.id
    return next != nil
  }
}

/// How the graph pane looks: a laid-out diagram seen through a window, with each state's step
/// status shown by a glyph in its status cell (visible without colours) and by colour.
///
/// Glyphs (``marks``, the legend of the help overlay): `◷` timed out, `✗` failed, `↪` failed and
/// caught, `⧗` waiting on a token, `▶` current, `✓` visited; a breakpoint replaces the box's
/// left border on the label row with `◉`. The current state's label is in reverse video; the
/// selected state's label is underlined and bold.
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

  /// The status marks, the first that applies wins: how a state ended outranks that it ran.
  public static let marks: [(status: StepStatus, glyph: Character, meaning: String)] = [
    (.timedOut, "◷", "timed out (States.Timeout, States.HeartbeatTimeout)"),
    (.failed, "✗", "failed"),
    (.caught, "↪", "failed, and a Catch took over"),
    (.pendingToken, "⧗", "waiting on a token or a task resolved by hand"),
    (.current, "▶", "running now"),
    (.visited, "✓", "done"),
  ]

  /// The graph's legend: every mark, then the breakpoint marker.
  public static let legend: [KeyHint] =
    marks.map { KeyHint(String($0.glyph), $0.meaning) } + [KeyHint("◉", "breakpoint (on the box's left border)")]

  /// The status glyph for a status (nil for none).
  public static func glyph(for status: StepStatus) -> Character? {
    marks.first { status.contains($0.status) }?.glyph
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
    if status.contains(.failed) || status.contains(.timedOut) {
      style = style.foreground(.red).bolded()
    } else if status.contains(.caught) {
      style = style.foreground(.red)
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
