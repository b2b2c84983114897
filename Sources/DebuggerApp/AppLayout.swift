import TerminalUI

/// The panes of the debugger screen.
public enum Pane: Int, CaseIterable, Sendable, Hashable {
  case executions, graph, stateIO, pending, history
  /// The log under the other panes, while it is open (`L`).
  case log

  public var title: String {
    switch self {
    case .executions: return "Executions"
    case .graph: return "Graph"
    case .stateIO: return "State I/O"
    case .pending: return "Pending"
    case .history: return "History"
    case .log: return "Log"
    }
  }
}

/// Where each pane goes for a screen size.
///
/// - Wide (at least 100×28): the sketch's layout: Executions, Pending and History stacked on the
///   left, Graph over State I/O on the right.
/// - Narrow (at least 60×18, e.g. 80×24): the same with Pending and History sharing one box
///   behind tabs.
/// - Small (anything else that is at least `minimum`): one pane at a time behind tabs.
///
/// The open log takes the bottom third of the panes' rows, across the whole width.
public struct AppLayout: Equatable, Sendable {
  public enum Kind: Equatable, Sendable { case wide, narrow, single }

  public var kind: Kind
  /// The top line (title, status, clock).
  public var statusLine: Rect
  /// The message/teaching line above the key bar.
  public var messageLine: Rect
  /// The key-hint bar (or the `:` prompt).
  public var keyBar: Rect
  /// The box of each pane that is visible (a pane sharing a tabbed box maps to the whole box).
  public var panes: [Pane: Rect]
  /// Whether a pane's box joins the one above (its top border is that box's bottom).
  public var attached: Set<Pane>
  /// For tabbed boxes: the panes sharing the box.
  public var tabGroups: [[Pane]]

  /// The smallest screen the debugger draws on (below that it shows a notice).
  public static let minimum = Size(width: 40, height: 12)

  /// The layout of a screen of `size` where `focus` is the pane a one-pane screen shows and
  /// `lowerLeft` the one a shared Pending/History box shows; `showsLog`: the log is open.
  public static func make(size: Size, focus: Pane, lowerLeft: Pane, showsLog: Bool = false) -> AppLayout {
    let screen = Rect(size: size)
    let rows = screen.rows([.fixed(1), .fill(), .fixed(1), .fixed(1)])
    var layout = AppLayout(
      kind: .single, statusLine: rows[0], messageLine: rows[2], keyBar: rows[3], panes: [:],
      attached: [], tabGroups: [])
    var body = rows[1]
    if showsLog {
      let parts = body.rows([.fill(), .percent(34)])
      body = parts[0]
      layout.panes[.log] = parts[1].inset(top: -1)
      layout.attached.insert(.log)
    }
    if size.width >= 100 && size.height >= 28 {
      layout.kind = .wide
      let columns = body.columns([.percent(36), .fill()])
      let left = columns[0].rows([.percent(36), .percent(30), .fill()])
      layout.panes[.executions] = left[0]
      layout.panes[.pending] = left[1].inset(top: -1)
      layout.panes[.history] = left[2].inset(top: -1)
      layout.attached.formUnion([.pending, .history, .stateIO])
      let right = columns[1].rows([.percent(50), .fill()])
      layout.panes[.graph] = right[0]
      layout.panes[.stateIO] = right[1].inset(top: -1)
    } else if size.width >= 60 && size.height >= 18 {
      layout.kind = .narrow
      let columns = body.columns([.percent(38), .fill()])
      let left = columns[0].rows([.percent(45), .fill()])
      layout.panes[.executions] = left[0]
      let lower = left[1].inset(top: -1)
      let shown: Pane = lowerLeft == .history ? .history : .pending
      layout.panes[shown] = lower
      layout.tabGroups = [[.pending, .history]]
      layout.attached.formUnion([.pending, .history, .stateIO])
      let right = columns[1].rows([.percent(50), .fill()])
      layout.panes[.graph] = right[0]
      layout.panes[.stateIO] = right[1].inset(top: -1)
    } else {
      layout.kind = .single
      layout.panes[focus] = body
      layout.tabGroups = [Pane.screenOrder]
    }
    return layout
  }

  /// The pane whose box contains `point`, if any.
  public func pane(at point: Point) -> Pane? {
    // Attached boxes overlap the box above by one row (the shared border): prefer the lower box.
    let hits = panes.filter { $0.value.contains(point) }
    return hits.max { $0.value.y < $1.value.y }?.key
  }
}
