import ASLGraph
import DebuggerCore
import GraphLayout
import JSONCore
import TerminalUI

/// What the app asks its runner to do: effects are data, so tests can check them.
public enum AppEffect: Equatable, Sendable {
  /// Run a command of the command language on the session, then call `AppState.apply`.
  case execute(DebuggerCommand)
  /// Leave the program (restoring the terminal).
  case quit
  /// Tour: step until the next teaching note (or a stop), then caption it.
  case tourNext
  /// Show the focused execution's history event with this id in full.
  case showEvent(id: Int)
}

/// The caption of the guided tour (`--tour`), shown in a box until the next step.
public struct TourCaption: Equatable, Sendable {
  /// `Tour · 3`, say.
  public var title: String
  public var lines: [String]

  public init(title: String, lines: [String]) {
    self.title = title
    self.lines = lines
  }
}

/// A line of feedback under the panes.
public struct AppMessage: Equatable, Sendable {
  public var text: String
  public var isError: Bool

  public init(_ text: String, isError: Bool = false) {
    self.text = text
    self.isError = isError
  }
}

/// The JSON editor that sends a task's result (`S`) or restarts with new input (`R`).
public struct JSONEditorModel: Equatable, Sendable {
  /// What sending the JSON does.
  public enum Purpose: Equatable, Sendable {
    /// `succeed N JSON` for the pending item with this 1-based index.
    case succeed(index: Int)
    /// `restart JSON`.
    case restart
  }

  public var purpose: Purpose
  public var title: String
  public var editor: TextEditorState
  /// Where the text failed to parse, and why.
  public var error: JSONParseError?

  public init(purpose: Purpose, title: String, text: String) {
    self.purpose = purpose
    self.title = title
    self.editor = TextEditorState(text: text)
    self.error = nil
  }
}

/// The failure form (`F`): an error name and a cause.
public struct FailFormModel: Equatable, Sendable {
  public var index: Int
  public var title: String
  public var error: LineInputState
  public var cause: LineInputState
  /// 0 = error field, 1 = cause field.
  public var field: Int

  public init(index: Int, title: String) {
    self.index = index
    self.title = title
    self.error = LineInputState(text: "States.TaskFailed")
    self.cause = LineInputState()
    self.field = 0
  }
}

/// A text shown whole in a box over the screen (wrapped, scrollable).
public struct ValueViewer: Equatable, Sendable {
  public var title: String
  public var text: String
  public var scroll: ScrollState

  public init(title: String, text: String) {
    self.title = title
    self.text = text
    self.scroll = ScrollState()
  }
}

/// What the keyboard is talking to.
public enum AppMode: Equatable, Sendable {
  case normal
  /// The `:` command prompt (its text lives in `AppState.prompt`).
  case prompt
  /// The `/` history filter being typed.
  case filter(LineInputState)
  case jsonEditor(JSONEditorModel)
  case failForm(FailFormModel)
  case help(ScrollState)
  /// A value or event shown whole (State I/O leaf, history event), scrollable.
  case viewer(ValueViewer)
  case confirmQuit(ConfirmDialog)
}

/// The whole state of the debugger screen: the session's view plus everything about panes,
/// selection and input. `handle` turns events into state changes and effects; `render` draws it.
public struct AppState: Sendable {
  public private(set) var view: SessionView
  public var focus: Pane
  /// Which of Pending/History the shared box shows on narrow screens.
  public var lowerLeft: Pane
  public var mode: AppMode
  public var executions: ListState
  public var pending: ListState
  public var history: ListState
  /// Case-insensitive text the History rows must contain (empty: all).
  public var historyFilter: String {
    didSet { if historyFilter != oldValue { refilterHistory() } }
  }
  /// Indices into `view.history` of the rows passing the filter (nil: no filter).
  private var historyMatches: [Int]?
  public var stateIO: JSONTreeState
  public var graph: GraphPaneState
  /// The `:` prompt, kept between uses for its history.
  public var prompt: LineInputState
  public var message: AppMessage?
  /// The guided tour's caption while a tour runs (space: next, esc: leave).
  public var tour: TourCaption?
  /// The size of the last frame (used to page and to keep the graph window).
  public var screenSize: Size
  /// The laid-out graph of `view.graph` (laid out once per machine).
  public private(set) var diagram: Diagram?
  private var diagramKey: String?

  public init(view: SessionView, screenSize: Size = Size(width: 100, height: 30)) {
    self.view = SessionView()
    self.focus = .graph
    self.lowerLeft = .pending
    self.mode = .normal
    self.executions = ListState(selected: 0)
    self.pending = ListState(selected: 0)
    self.history = ListState(selected: nil)
    self.historyFilter = ""
    self.historyMatches = nil
    self.stateIO = JSONTreeState(list: ListState(selected: 0), labelledRoot: true)
    self.graph = GraphPaneState()
    self.prompt = LineInputState()
    self.message = nil
    self.tour = nil
    self.screenSize = screenSize
    setView(view)
  }

  // MARK: Session updates

  /// Shows a new session view (after a command ran), keeping selections where they still apply.
  public mutating func setView(_ newView: SessionView) {
    let stateChanged = newView.stateIO.stateName != view.stateIO.stateName
    let historyGrew = newView.history.count != view.history.count
    let followHistory = history.selected == nil || history.selected == historyCount - 1
    let focusChanged = newView.executions.first(where: \.isFocused)?.id != view.executions.first(where: \.isFocused)?.id
    view = newView
    refilterHistory()
    if let focused = newView.executions.firstIndex(where: \.isFocused), executions.selected == nil || focusChanged {
      executions.selected = focused
    }
    executions.clamp(count: newView.executions.count)
    pending.clamp(count: newView.pending.count)
    if historyGrew && followHistory {
      history.selected = historyCount == 0 ? nil : historyCount - 1
    }
    history.clamp(count: historyCount)
    if stateChanged {
      stateIO = JSONTreeState(list: ListState(selected: 0), labelledRoot: true)
    }
    refreshDiagram()
  }

  /// Lays the graph out again when the machine or the pane width changed.
  private mutating func refreshDiagram() {
    guard let model = view.graph else {
      diagram = nil
      diagramKey = nil
      return
    }
    let width = graphPaneInner?.width ?? 0
    let key = "\(model.key)@\(width)"
    if key != diagramKey {
      let machineChanged = diagramKey.map { !$0.hasPrefix(model.key + "@") } ?? true
      diagram = (try? ASLGraph.graph(definition: model.definition)).map {
        DiagramFitter.fit($0, width: max(20, width))
      }
      diagramKey = key
      if machineChanged { graph = GraphPaneState() } else { graph.window = nil }
    }
    if let selected = graph.selectedNode, diagram?.node(selected) == nil { graph.selectedNode = nil }
    updateGraphWindow()
  }

  /// The inside of the graph pane's box on the current screen, if the pane is visible.
  var graphPaneInner: Rect? {
    let layout = AppLayout.make(size: screenSize, focus: focus, lowerLeft: lowerLeft)
    return layout.panes[.graph].map { Panel(title: "").inner(of: $0) }
  }

  /// Shows the result of a command: its messages (errors in red) and teaching notes.
  public mutating func apply(messages: [String], notes: [String] = [], isError: Bool = false) {
    let text = (messages + notes).filter { !$0.isEmpty }.joined(separator: " · ")
    message = text.isEmpty ? nil : AppMessage(text, isError: isError)
  }

  /// The History rows that pass the filter.
  public var filteredHistory: [HistoryRow] {
    guard let historyMatches else { return view.history }
    return historyMatches.map { view.history[$0] }
  }

  /// The number of History rows that pass the filter.
  public var historyCount: Int { historyMatches?.count ?? view.history.count }

  /// The `index`-th History row that passes the filter.
  public func historyRow(_ index: Int) -> HistoryRow {
    view.history[historyMatches.map { $0[index] } ?? index]
  }

  private mutating func refilterHistory() {
    guard !historyFilter.isEmpty else {
      historyMatches = nil
      return
    }
    let needle = historyFilter.lowercased()
    historyMatches = view.history.indices.filter { view.history[$0].text.lowercased().contains(needle) }
  }

  /// The state the graph selection or, failing that, the execution points at (the target of `b`
  /// and of the State I/O pane).
  public var targetState: String? {
    graph.selectedNode ?? view.graph?.currentStates.first
  }

  /// Keeps the graph window on the selected or current node for the current screen size.
  mutating func updateGraphWindow() {
    guard let diagram, let inner = graphPaneInner else { return }
    graph.window = GraphView.window(
      for: diagram, size: inner.size, focus: targetState, previous: graph.window)
  }

  // MARK: Events

  /// Handles one terminal event; returns what the runner must do.
  public mutating func handle(_ event: TerminalEvent) -> [AppEffect] {
    switch event {
    case .resize(let size):
      screenSize = size
      graph.window = nil
      refreshDiagram()
      return []
    case .mouse(let mouse):
      handleMouse(mouse)
      return []
    case .key(.alt(let character)):
      // No alt bindings: an escape quickly followed by a key (typed fast, or sent by a script)
      // arrives as alt+key and means escape, then that key.
      return handle(.key(.escape)) + handle(.key(.character(character)))
    case .key(let key):
      let effects = handleKey(key)
      updateGraphWindow()
      return effects
    }
  }

  private mutating func handleKey(_ key: Key) -> [AppEffect] {
    switch mode {
    case .normal: return handleNormal(key)
    case .prompt: return handlePrompt(key)
    case .filter(var input):
      let outcome = input.handle(key)
      switch outcome {
      case .submitted(let text):
        historyFilter = text
        mode = .normal
      case .cancelled:
        mode = .normal
      case .edited, .ignored:
        historyFilter = input.line
        mode = .filter(input)
      }
      history.clamp(count: historyCount)
      return []
    case .jsonEditor(var model): return handleEditor(key, &model)
    case .failForm(var form): return handleFailForm(key, &form)
    case .help(var scroll):
      switch key {
      case .escape, .character("?"), .character("q"), .enter: mode = .normal
      default:
        _ = scroll.handle(key, contentHeight: helpOverlay.lines.count, viewportHeight: max(1, screenSize.height - 6))
        mode = .help(scroll)
      }
      return []
    case .viewer(var viewer):
      switch key {
      case .escape, .enter, .character("q"): mode = .normal
      default:
        let box = Self.viewerBox(in: Rect(size: screenSize))
        let lines = TextView(text: viewer.text).contentHeight(width: max(1, box.width - 4))
        _ = viewer.scroll.handle(key, contentHeight: lines, viewportHeight: max(1, box.height - 2))
        mode = .viewer(viewer)
      }
      return []
    case .confirmQuit(var dialog):
      let choice = dialog.handle(key)
      if choice == 0 { return [.quit] }
      mode = choice == nil ? .confirmQuit(dialog) : .normal
      return []
    }
  }

  private mutating func handleNormal(_ key: Key) -> [AppEffect] {
    message = nil
    if tour != nil {
      switch key {
      case .character(" "): return [.tourNext]
      case .escape:
        tour = nil
        return []
      default: break
      }
    }
    switch key {
    case .character("s"): return [.execute(.step)]
    case .character("n"): return [.execute(.next)]
    case .character("i"): return [.execute(.into)]
    case .character("o"): return [.execute(.out)]
    case .character("c"): return [.execute(.continue)]
    case .character("u"): return [.execute(.back)]
    case .character("a"): return [.execute(.advance)]
    case .character("r"): return [.execute(.restart(input: nil))]
    case .character("R"):
      mode = .jsonEditor(JSONEditorModel(purpose: .restart, title: "Restart with input", text: view.restartInput))
      return []
    case .character("b"):
      guard let state = targetState else {
        message = AppMessage("select a state in the graph first", isError: true)
        return []
      }
      if view.graph?.breakpoints.contains(state) == true {
        return [.execute(.deleteBreakpoint(.state(state)))]
      }
      return [.execute(.breakAt(state: state, condition: nil))]
    case .character("B"): return [.execute(.breakOnError(name: nil))]
    case .character("S"), .character("F"), .character("H"):
      guard let item = selectedPending else {
        message = AppMessage("nothing is pending", isError: true)
        return []
      }
      if key == .character("H") { return [.execute(.heartbeat(token: .index(item.index)))] }
      if key == .character("F") {
        mode = .failForm(FailFormModel(index: item.index, title: "Fail \(item.index) · \(item.stateName)"))
      } else {
        mode = .jsonEditor(JSONEditorModel(
          purpose: .succeed(index: item.index), title: "Succeed \(item.index) · \(item.stateName)",
          text: item.prefill))
      }
      return []
    case .character(":"):
      prompt.setLine("")
      mode = .prompt
      return []
    case .character("/"):
      focusPane(.history)
      mode = .filter(LineInputState(text: historyFilter))
      return []
    case .character("?"), .function(1):
      mode = .help(ScrollState())
      return []
    case .character("q"), .ctrl("c"):
      return requestQuit()
    case .tab: cycleFocus(by: 1)
    case .backTab: cycleFocus(by: -1)
    case .escape:
      graph.selectedNode = nil
      if !historyFilter.isEmpty && focus == .history { historyFilter = "" }
    default:
      return handlePaneKey(key)
    }
    return []
  }

  private mutating func requestQuit() -> [AppEffect] {
    guard view.isRunning else { return [.quit] }
    mode = .confirmQuit(ConfirmDialog(
      title: "Quit", message: "An execution is still running. Quit anyway?",
      selected: 1))
    return []
  }

  /// The pending item the pending list selects (the first one when the list has no selection).
  public var selectedPending: PendingRow? {
    guard !view.pending.isEmpty else { return nil }
    return view.pending[min(pending.selected ?? 0, view.pending.count - 1)]
  }

  private var pageSize: Int { max(1, screenSize.height / 3) }

  private mutating func handlePaneKey(_ key: Key) -> [AppEffect] {
    switch focus {
    case .executions:
      if key == .enter, let index = executions.selected, index < view.executions.count {
        return [.execute(.focus(execution: view.executions[index].id))]
      }
      _ = executions.handle(key, count: view.executions.count, pageSize: pageSize)
    case .pending:
      if key == .enter, let item = selectedPending {
        mode = .jsonEditor(JSONEditorModel(
          purpose: .succeed(index: item.index), title: "Succeed \(item.index) · \(item.stateName)",
          text: item.prefill))
        return []
      }
      _ = pending.handle(key, count: view.pending.count, pageSize: pageSize)
    case .history:
      if key == .enter, let index = history.selected, index < historyCount {
        return [.showEvent(id: historyRow(index).id)]
      }
      _ = history.handle(key, count: historyCount, pageSize: pageSize)
    case .stateIO:
      let value = view.stateIO.stagesValue
      if key == .enter, let pointer = stateIO.selectedPointer(in: value),
        let selected = pointer.resolve(in: value), selected.arrayValue?.isEmpty != false,
        selected.objectValue?.isEmpty != false
      {
        // A leaf (scalar or empty container): show it whole; long strings are cut in the tree.
        let text = selected.stringValue ?? selected.prettyString
        mode = .viewer(ValueViewer(title: pointer.description, text: text))
        return []
      }
      _ = stateIO.handle(key, value: value, pageSize: pageSize)
    case .graph:
      guard let diagram else { return [] }
      let direction: GraphDirection?
      switch key {
      case .up, .character("k"): direction = .up
      case .down, .character("j"): direction = .down
      case .left, .character("h"): direction = .left
      case .right, .character("l"): direction = .right
      default: direction = nil
      }
      if let direction { graph.move(direction, in: diagram, fallback: view.graph?.currentStates.first) }
    }
    return []
  }

  mutating func cycleFocus(by delta: Int) {
    let order: [Pane] = [.executions, .graph, .stateIO, .pending, .history]
    let index = order.firstIndex(of: focus) ?? 0
    focusPane(order[(index + delta + order.count) % order.count])
  }

  /// Focuses a pane (bringing it to the front of a tabbed box).
  public mutating func focusPane(_ pane: Pane) {
    focus = pane
    if pane == .pending || pane == .history { lowerLeft = pane }
  }

  private mutating func handlePrompt(_ key: Key) -> [AppEffect] {
    let stateNames = view.graph.flatMap { model in diagram?.nodes.map(\.id) ?? model.currentStates } ?? []
    let executionIDs = view.executions.map(\.id)
    let tokens = view.pending.map { String($0.index) } + view.pending.map(\.stateName)
    let context = CompletionContext(states: stateNames, executions: executionIDs, tokens: tokens)
    let outcome = prompt.handle(key) { CommandSpec.completions(for: $0, in: context) }
    switch outcome {
    case .cancelled:
      mode = .normal
    case .submitted(let line):
      mode = .normal
      do {
        guard let command = try CommandParser.parse(line) else { return [] }
        switch command {
        case .quit: return requestQuit()
        case .help:
          mode = .help(ScrollState())
          return []
        default: return [.execute(command)]
        }
      } catch {
        message = AppMessage(error.description, isError: true)
      }
    case .edited, .ignored:
      break
    }
    return []
  }

  private mutating func handleEditor(_ key: Key, _ model: inout JSONEditorModel) -> [AppEffect] {
    switch key {
    case .escape:
      mode = .normal
      return []
    case .ctrl("s"), .function(2), .alt("\r"), .alt("\n"):
      do {
        let value = try JSONParser.parse(model.editor.text)
        mode = .normal
        switch model.purpose {
        case .succeed(let index): return [.execute(.succeed(token: .index(index), output: value))]
        case .restart: return [.execute(.restart(input: value))]
        }
      } catch {
        model.error = error
        model.editor.moveCursor(to: TextPosition(line: error.position.line - 1, column: error.position.column - 1))
      }
    default:
      if model.editor.handle(key, pageSize: pageSize) { model.error = nil }
    }
    model.editor.scrollToCursor(textAreaSize: editorTextSize)
    mode = .jsonEditor(model)
    return []
  }

  private mutating func handleFailForm(_ key: Key, _ form: inout FailFormModel) -> [AppEffect] {
    switch key {
    case .escape:
      mode = .normal
      return []
    case .tab, .backTab, .up, .down:
      form.field = 1 - form.field
    case .enter:
      mode = .normal
      let error = form.error.line.trimmingCharacters(in: " ")
      let cause = form.cause.line.trimmingCharacters(in: " ")
      return [.execute(.fail(
        token: .index(form.index), error: error.isEmpty ? nil : error, cause: cause.isEmpty ? nil : cause))]
    default:
      if form.field == 0 { _ = form.error.handle(key) } else { _ = form.cause.handle(key) }
    }
    mode = .failForm(form)
    return []
  }

  private mutating func handleMouse(_ mouse: MouseEvent) {
    guard mode == .normal else { return }
    let layout = AppLayout.make(size: screenSize, focus: focus, lowerLeft: lowerLeft)
    guard let pane = layout.pane(at: mouse.position), let box = layout.panes[pane] else { return }
    switch mouse.kind {
    case .press(button: 1):
      focusPane(pane)
      var inner = Panel(title: "").inner(of: box)
      if let group = layout.tabGroups.first(where: { $0.contains(pane) }), inner.height >= 2 {
        // The tab strip is the first row inside a shared box: clicking a title shows that pane.
        if mouse.position.y == inner.y {
          let tabs = Tabs(titles: group.map(\.title), selected: group.firstIndex(of: pane) ?? 0)
          if let index = tabs.index(atColumn: mouse.position.x - inner.x, width: inner.width) {
            focusPane(group[index])
          }
          return
        }
        inner = inner.inset(top: 1)
      }
      let row = mouse.position.y - inner.y
      switch pane {
      case .executions:
        if let index = executionsList(focused: true).itemIndex(atRow: row, height: inner.height) {
          executions.selected = index
        }
      case .pending:
        if let index = pendingList(focused: true).itemIndex(atRow: row, height: inner.height) {
          pending.selected = index
        }
      case .history:
        if let index = historyList(focused: true).itemIndex(atRow: row, height: inner.height) {
          history.selected = index
        }
      case .graph:
        if let diagram, let window = graph.window {
          let x = mouse.position.x - inner.x + window.x
          let y = mouse.position.y - inner.y + window.y
          if let node = diagram.nodes.last(where: {
            $0.rect.contains(GridPoint(x: x, y: y))
          }) {
            graph.selectedNode = node.id
          }
        }
      case .stateIO:
        break
      }
    case .scrollUp:
      focusPane(pane)
      _ = handlePaneKey(.up)
    case .scrollDown:
      focusPane(pane)
      _ = handlePaneKey(.down)
    default: break
    }
  }

  var editorTextSize: Size {
    let box = Self.editorBox(in: Rect(size: screenSize))
    return Size(width: max(1, box.width - 2 - 5), height: max(1, box.height - 3))
  }

  static func viewerBox(in screen: Rect) -> Rect {
    Overlay.area(width: min(100, screen.width - 4), height: max(6, screen.height * 2 / 3), in: screen)
  }

  static func editorBox(in screen: Rect) -> Rect {
    Overlay.area(width: min(90, screen.width * 4 / 5), height: max(8, screen.height * 3 / 4), in: screen)
  }
}

extension String {
  func trimmingCharacters(in set: Character) -> String {
    var s = Substring(self)
    while s.first == set { s = s.dropFirst() }
    while s.last == set { s = s.dropLast() }
    return String(s)
  }
}
