import ASLGraph
import GraphLayout
import TerminalUI

/// The Graph pane: the focused execution's machine, laid out once per machine and pane width
/// (names as wide as the pane allows, wrapped in their boxes when it is narrow), seen through a
/// window that follows the selected (or current) state. The arrow keys and `hjkl` select a state
/// along the edges (``GraphPaneState/move(_:in:fallback:)``); a click selects the state under the
/// mouse; `enter` or `+` opens or closes the selected Parallel or Map.
public struct GraphPane: Sendable {
  /// The selection and the window shown last.
  public var state = GraphPaneState()
  /// The laid-out graph of the view's `graph` model.
  public private(set) var diagram: Diagram?
  /// The machine and width `diagram` was laid out for.
  private var diagramKey: String?

  /// The state the user selected (the target of `b` and of State I/O), nil to follow the
  /// current state.
  public var selectedNode: String? {
    get { state.selectedNode }
    set { state.selectedNode = newValue }
  }

  /// The selected state or, failing that, the current one.
  func target(_ model: GraphModel?) -> String? {
    selectedNode ?? model?.currentStates.first
  }

  /// Lays the graph out again when the machine or the pane width (`inner`) changed.
  mutating func refresh(_ model: GraphModel?, inner: Rect?) {
    guard let model else {
      diagram = nil
      diagramKey = nil
      return
    }
    let width = inner?.width ?? 0
    let key = "\(model.key)@\(width)"
    if key != diagramKey {
      let machineChanged = diagramKey.map { !$0.hasPrefix(model.key + "@") } ?? true
      if machineChanged { state = GraphPaneState() } else { state.window = nil }
      diagram = Self.layout(model, width: width, state: state)
      diagramKey = key
    }
    if let selected = selectedNode, diagram?.node(selected) == nil { selectedNode = nil }
    keepWindow(model, inner: inner)
  }

  /// The drawing of `model`'s machine for a pane `width` columns wide: names and edge labels
  /// as wide as fits, frames open or closed as the user left them.
  static func layout(_ model: GraphModel, width: Int, state: GraphPaneState) -> Diagram? {
    guard let graph = try? ASLGraph.graph(definition: model.definition) else { return nil }
    let width = max(20, width)
    // Edge labels (Choice rules, caught errors) shrink only to 16 columns: below that the
    // list fallback, which shows them whole, reads better.
    let options = LayoutOptions(
      maxLabelWidth: width, maxEdgeLabelWidth: width, collapsedNodes: state.collapsedFrames,
      expandedNodes: state.expandedFrames)
    return DiagramFitter.fit(graph, width: width, options: options, shrinkingEdgeLabels: true, edgeLabelFloor: 16)
  }

  /// `enter`/`+`: opens the selected (or current) Parallel or Map drawn as one box, or closes
  /// it when it is open. Returns an error message when the state is neither.
  mutating func toggleFrame(_ model: GraphModel?, inner: Rect?) -> String? {
    guard let model, let diagram else { return "no graph" }
    let id = selectedNode ?? model.currentStates.first { diagram.node($0) != nil }
    guard let id, let node = diagram.node(id), node.isFrame || node.isCollapsed else {
      return "enter and + open or close a Parallel or Map: select one in the graph"
    }
    if node.isFrame {
      state.expandedFrames.remove(id)
      state.collapsedFrames.insert(id)
    } else {
      state.collapsedFrames.remove(id)
      state.expandedFrames.insert(id)
    }
    selectedNode = id
    state.window = nil
    self.diagram = Self.layout(model, width: inner?.width ?? 0, state: state)
    keepWindow(model, inner: inner)
    return nil
  }

  /// The graph's own keys: `enter` and `+` open or close a frame (the help lists `+` only, as
  /// `enter`'s line is full of the other panes' meanings).
  static let bindings: [AppKeyBinding] = [
    (Key.enter, nil), (.character("+"), "open or close the selected Parallel or Map (or enter)"),
  ].map { key, help in
    AppKeyBinding([key], name: "open/close", help: help, section: .panes) { app, _ in
      if let problem = app.graph.toggleFrame(app.view.graph, inner: app.graphPaneInner) {
        app.message = AppMessage(problem, isError: true)
      }
      return []
    }
  }

  /// Keeps the window on the selected or current node for a pane of `inner`.
  mutating func keepWindow(_ model: GraphModel?, inner: Rect?) {
    guard let diagram, let inner else { return }
    state.window = GraphView.window(for: diagram, size: inner.size, focus: target(model), previous: state.window)
  }

  func title(_ view: SessionView) -> String {
    let label = view.executions.first(where: \.isFocused)?.label
    return label.map { "Graph · " + $0 } ?? "Graph"
  }

  /// `▸ state` at the right of the title while a state is selected.
  var trailingTitle: String? { selectedNode.map { "▸ " + $0 } }

  func render(_ view: SessionView, in area: Rect, buffer: inout ScreenBuffer) {
    guard let model = view.graph, let diagram else {
      buffer.write("no graph", at: area.origin, style: .plain.dimmed(), clip: area)
      return
    }
    var status = model.nodeStatus
    for state in model.breakpoints { status[state, default: []].insert(.breakpoint) }
    for state in model.currentStates { status[state, default: []].insert(.current) }
    let window = state.window.flatMap { $0.width == area.width && $0.height == area.height ? $0 : nil }
      ?? GraphView.window(for: diagram, size: area.size, focus: target(model), previous: state.window)
    var edges: [Int: StepStatus] = [:]
    for transition in model.transitions {
      for index in diagram.edgeIndices(from: transition.from, to: transition.to) { edges[index, default: []].insert(.visited) }
    }
    for transition in model.caughtTransitions {
      for index in diagram.edgeIndices(from: transition.from, to: transition.to) { edges[index, default: []].insert(.failed) }
    }
    buffer.render(
      GraphView(
        diagram: diagram, nodeStatus: status, edgeStatus: edges, selectedNode: selectedNode,
        window: window),
      in: area)
  }

  mutating func navigate(_ key: Key, _ view: SessionView) {
    guard let diagram else { return }
    let direction: GraphDirection
    switch key {
    case .up, .character("k"): direction = .up
    case .down, .character("j"): direction = .down
    case .left, .character("h"): direction = .left
    case .right, .character("l"): direction = .right
    default: return
    }
    state.move(direction, in: diagram, fallback: view.graph?.currentStates.first)
  }

  /// Selects the state drawn at `point` (relative to the pane's inside).
  mutating func click(at point: Point) {
    guard let diagram, let window = state.window else { return }
    let spot = GridPoint(x: point.x + window.x, y: point.y + window.y)
    if let node = diagram.nodes.last(where: { $0.rect.contains(spot) }) { selectedNode = node.id }
  }
}
