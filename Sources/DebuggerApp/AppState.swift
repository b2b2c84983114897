import DebuggerCore

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
  /// Replay (`debug --replay`): continue locally from the selected recorded state.
  case fork
}

/// A line of feedback under the panes, until the next key.
public struct AppMessage: Equatable, Sendable {
  public var text: String
  public var isError: Bool
  /// The teaching notes of the command: the first is shown when there is no text; the log has
  /// them all.
  public var notes: [String] = []

  public init(_ text: String, isError: Bool = false) {
    self.text = text
    self.isError = isError
  }
}

extension Pane {
  /// The panes as the screen reads: the left column top to bottom, then the right one (the
  /// order of `tab` and of the tabs of a shared box).
  static let screenOrder: [Pane] = [.executions, .pending, .history, .graph, .stateIO]
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

/// The whole state of the debugger screen: the session's view, the panes (each in its own file
/// under `Panes/`, with its state, drawing, keys and bindings), what the keyboard talks to, and
/// the lines under the panes. `handle` turns events into state changes and effects, routing keys
/// through the binding lists; `render` draws it.
public struct AppState: Sendable {
  public private(set) var view: SessionView
  public var focus: Pane
  /// Which of Pending/History the shared box shows on narrow screens.
  public var lowerLeft: Pane
  public var mode: AppMode
  public var executions = ExecutionsPane()
  public var pending = PendingPane()
  public var history = HistoryPane()
  public var stateIO = StateIOPane()
  public var graph = GraphPane()
  public var log = LogPane()
  /// The `:` prompt, kept between uses for its history.
  public var prompt = LineInputState()
  public var message: AppMessage?
  /// The guided tour's caption while a tour runs (space: next, esc: leave).
  public var tour: TourCaption?
  /// The size of the last frame (used to page and to keep the graph window).
  public var screenSize: Size
  /// Bindings of a screen variant, before the global ones (a replay's `f`).
  var modeBindings: [AppKeyBinding] = []

  public init(view: SessionView, screenSize: Size = Size(width: 100, height: 30)) {
    self.view = SessionView()
    self.focus = .graph
    self.lowerLeft = .pending
    self.mode = .normal
    self.screenSize = screenSize
    setView(view)
  }

  // MARK: Session updates

  /// Shows a new session view (after a command ran), keeping selections where they still apply.
  public mutating func setView(_ newView: SessionView) {
    let old = view
    view = newView
    executions.update(from: old, to: newView)
    pending.update(to: newView)
    history.update(from: old, to: newView)
    stateIO.update(from: old, to: newView)
    graph.refresh(newView.graph, inner: graphPaneInner)
  }

  /// The layout of a screen of `size` (a focused log keeps the pane above it on a one-pane screen).
  func layout(size: Size) -> AppLayout {
    AppLayout.make(size: size, focus: focus == .log ? log.returnFocus : focus, lowerLeft: lowerLeft, showsLog: log.isOpen)
  }

  /// The inside of a pane's box on the current screen, if the pane is visible.
  func paneInner(_ pane: Pane) -> Rect? {
    layout(size: screenSize).panes[pane].map { Panel(title: "").inner(of: $0) }
  }

  /// The inside of the graph pane's box on the current screen, if the pane is visible.
  var graphPaneInner: Rect? { paneInner(.graph) }

  /// Shows a line under the panes: messages joined (errors in red), else a teaching note.
  public mutating func apply(messages: [String], notes: [String] = [], isError: Bool = false) {
    let text = messages.filter { !$0.isEmpty }.joined(separator: " · ")
    message = text.isEmpty && notes.isEmpty ? nil : AppMessage(text, isError: isError)
    message?.notes = notes
  }

  /// Shows what a command did: all of it (output, messages, notes) goes to the log, and the
  /// message line sums it up: an error or a stop (`stopped`) first, else a teaching note before
  /// the step's events (History has those). Output longer than a line opens the log.
  public mutating func record(
    _ command: DebuggerCommand, output: CommandOutput?, messages: [String], notes: [String], isError: Bool,
    stopped: Bool = false
  ) {
    let outputLines = output?.lines ?? []
    log.record(command: command.description, output: outputLines, messages: messages, notes: notes, isError: isError)
    let noteFirst = !notes.isEmpty && !isError && !stopped
    var summary = noteFirst ? [] : Self.summarize(messages)
    if outputLines.count == 1 {
      summary.insert("\(command.description): \(outputLines[0])", at: 0)
    } else if outputLines.count > 1 {
      log.isOpen = true
      summary.insert("\(command.description): \(outputLines.count) lines in the log below (L goes to it)", at: 0)
    }
    apply(messages: summary, notes: notes, isError: isError)
  }

  /// Long messages are shown as their first lines; the log has them whole.
  static func summarize(_ messages: [String]) -> [String] {
    let lines = messages.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    guard lines.count > 3 else { return lines }
    return Array(lines.prefix(3)) + ["… \(lines.count - 3) more lines in the log (L)"]
  }

  /// `L`: opens the log and focuses it (so keys scroll it); on the focused log, closes it and
  /// focuses again what was focused before.
  mutating func toggleLog() {
    if log.isOpen && focus == .log {
      log.isOpen = false
      focus = log.returnFocus
    } else {
      log.isOpen = true
      focusPane(.log)
    }
  }

  /// The state the graph selection or, failing that, the execution points at (the target of `b`
  /// and of the State I/O pane).
  public var targetState: String? { graph.target(view.graph) }

  /// The pending item the pending list selects (the first one when the list has no selection).
  public var selectedPending: PendingRow? { pending.selected(in: view) }

  // MARK: Events

  /// Handles one terminal event; returns what the runner must do.
  public mutating func handle(_ event: TerminalEvent) -> [AppEffect] {
    switch event {
    case .resize(let size):
      screenSize = size
      graph.state.window = nil
      graph.refresh(view.graph, inner: graphPaneInner)
      return []
    case .mouse(let mouse):
      guard !screenTooSmall else { return [] }
      handleMouse(mouse)
      return []
    case .key(.alt(let character)):
      // No alt bindings: an escape quickly followed by a key (typed fast, or sent by a script)
      // arrives as alt+key and means escape, then that key.
      return handle(.key(.escape)) + handle(.key(.character(character)))
    case .key(let key):
      // Nothing on screen to act on: only ctrl-c works (and quits, there being no room to ask).
      if screenTooSmall {
        return key == .ctrl("c") ? [.quit] : []
      }
      let effects = handleKey(KeyInput(key: key, screen: screenSize))
      graph.keepWindow(view.graph, inner: graphPaneInner)
      return effects
    }
  }

  /// Whether the screen shows only the "Terminal too small" notice.
  var screenTooSmall: Bool { TooSmallNotice(required: AppLayout.minimum).applies(to: screenSize) }

  private mutating func handleKey(_ input: KeyInput) -> [AppEffect] {
    switch mode {
    case .normal:
      message = nil
      // The file's description gives way to the first key (which still acts).
      if tour?.isTour == false { tour = nil }
      if let effects = keyBindings.run(input, on: &self) { return effects }
      return navigateFocusedPane(input.key)
    case .prompt: return handlePrompt(input.key)
    case .filter(var line):
      handleFilterKey(input.key, &line)
      return []
    case .jsonEditor(var model): return finish(model.handle(input), else: .jsonEditor(model))
    case .failForm(var form): return finish(form.handle(input), else: .failForm(form))
    case .viewer(var viewer): return finish(viewer.handle(input), else: .viewer(viewer))
    case .help(var scroll):
      return finish(Self.helpBindings.run(input, on: &scroll) ?? .stay, else: .help(scroll))
    case .confirmQuit(var dialog):
      if input.key == .ctrl("c") { return [.quit] }
      let choice = dialog.handle(input.key)
      if choice == 0 { return [.quit] }
      mode = choice == nil ? .confirmQuit(dialog) : .normal
      return []
    }
  }

  /// Closes the box the key was for, or keeps it open as `open`.
  private mutating func finish(_ outcome: OverlayOutcome, else open: AppMode) -> [AppEffect] {
    switch outcome {
    case .stay:
      mode = open
      return []
    case .close(let effects):
      mode = .normal
      return effects
    }
  }

  /// The bindings of the main screen now, first match wins: the tour's while it runs, the
  /// global ones, then the focused pane's. Keys none of them takes go to the focused pane.
  var keyBindings: [AppKeyBinding] {
    (tour?.isTour == true ? TourCaption.bindings : []) + modeBindings + Self.globalBindings + Self.bindings(for: focus)
  }

  /// The focused pane's own bindings.
  static func bindings(for pane: Pane) -> [AppKeyBinding] {
    switch pane {
    case .executions: return ExecutionsPane.bindings
    case .pending: return PendingPane.bindings
    case .history: return HistoryPane.bindings
    case .stateIO: return StateIOPane.bindings
    case .graph: return GraphPane.bindings
    case .log: return []
    }
  }

  /// A key for the focused pane's widget: lists move, the JSON tree moves and folds, the graph
  /// selects a state.
  mutating func navigateFocusedPane(_ key: Key) -> [AppEffect] {
    let pageSize = max(1, screenSize.height / 3)
    switch focus {
    case .executions: executions.navigate(key, view, pageSize: pageSize)
    case .pending: pending.navigate(key, view, pageSize: pageSize)
    case .history: history.navigate(key, view, pageSize: pageSize)
    case .stateIO: stateIO.navigate(key, view, pageSize: pageSize)
    case .graph: graph.navigate(key, view)
    case .log: if let inner = paneInner(.log) { log.navigate(key, in: inner.size) }
    }
    return []
  }

  mutating func requestQuit() -> [AppEffect] {
    guard view.isRunning else { return [.quit] }
    mode = .confirmQuit(ConfirmDialog(
      title: "Quit", message: "An execution is still running. Quit anyway?",
      selected: 1))
    return []
  }

  mutating func cycleFocus(by delta: Int) {
    // The log, when open, lies across the bottom: it comes last.
    let order = Pane.screenOrder + (log.isOpen ? [.log] : [])
    let index = order.firstIndex(of: focus) ?? 0
    focusPane(order[(index + delta + order.count) % order.count])
  }

  /// Focuses a pane (bringing it to the front of a tabbed box).
  public mutating func focusPane(_ pane: Pane) {
    if pane == .log && focus != .log { log.returnFocus = focus }
    focus = pane
    if pane == .pending || pane == .history { lowerLeft = pane }
  }

  private mutating func handleMouse(_ mouse: MouseEvent) {
    guard mode == .normal else { return }
    let layout = layout(size: screenSize)
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
      let point = Point(x: mouse.position.x - inner.x, y: mouse.position.y - inner.y)
      switch pane {
      case .executions: executions.click(at: point, size: inner.size, view)
      case .pending: pending.click(at: point, size: inner.size, view)
      case .history: history.click(at: point, size: inner.size, view)
      case .graph: graph.click(at: point)
      case .stateIO, .log: break
      }
    case .scrollUp:
      focusPane(pane)
      _ = navigateFocusedPane(.up)
    case .scrollDown:
      focusPane(pane)
      _ = navigateFocusedPane(.down)
    default: break
    }
  }
}
