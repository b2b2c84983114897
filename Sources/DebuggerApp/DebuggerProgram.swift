import DebuggerCore
import JSONCore
import TerminalUI

/// The debugger as a program: a session, the screen state, and the loop that connects them to a
/// terminal backend.
///
/// `handle(_:)` applies one terminal event (running the commands it produces on the session,
/// their effects performed by `performer` through `EffectLoop`) and `frame(size:)` renders;
/// `run(on:)` loops until quit and keeps the screen live while a handler runs. With an
/// `InstantPerformer` everything but `run` is pure and synchronous, so tests and benchmarks drive
/// it directly.
public struct DebuggerProgram: Sendable {
  public private(set) var session: Session
  public private(set) var app: AppState
  public let title: String
  public let definitions: [String: JSONValue]
  /// Performs the session's effects: handler jobs, `save`/`save-mocks` writes.
  public var performer: any EffectPerformer
  /// API clients served between key polls (`debug --serve`); nil: no endpoint.
  public var clients: APIClients?
  /// Whether the program asked to quit.
  public private(set) var hasQuit = false
  private var shownSelection: String?
  private var shownIteration: Int?

  public init(
    session: Session, title: String, definitions: [String: JSONValue], size: Size,
    performer: any EffectPerformer = InstantPerformer()
  ) {
    self.session = session
    self.title = title
    self.definitions = definitions
    self.performer = performer
    self.app = AppState(
      view: SessionView(session: session, title: title, definitions: definitions), screenSize: size)
  }

  /// Applies one event: keys become commands run on the session, whose output and notes appear
  /// on screen. Returns false once the program should end.
  @discardableResult
  public mutating func handle(_ event: TerminalEvent) -> Bool {
    var performer = self.performer
    defer { self.performer = performer }
    return handle(event) { session, command, _ in EffectLoop.run(command, on: &session, performer: &performer) }
  }

  /// Runs one command on the session with its effects. `run(on:)` passes one that keeps the
  /// screen live while a handler runs; it gets the screen state to draw meanwhile.
  typealias Executor = (inout Session, DebuggerCommand, AppState) -> CommandOutcome

  @discardableResult
  mutating func handle(_ event: TerminalEvent, executor: Executor) -> Bool {
    let effects = app.handle(event)
    var changed = false
    var onlyForward = true
    let focusBefore = session.focus
    for effect in effects {
      switch effect {
      case .quit:
        hasQuit = true
      case .tourNext:
        changed = true
        tourNext(executor)
      case .fork:
        break  // only a replay forks
      case .showEvent(let id):
        let history = session.focusedExecution.execution.history
        if let event = history.first(where: { $0.id == id }) {
          app.mode = .viewer(ValueViewer(title: "Event \(id) · \(event.type)", text: event.json.prettyString, event: id))
        }
      case .execute(let command):
        let outcome = executor(&session, command, app)
        changed = true
        onlyForward = onlyForward && command.spec.onlyExtendsHistory
        var messages = outcome.messages
        if outcome.effects.contains(.quit) { hasQuit = true }
        if let stop = outcome.stop, !messages.contains(where: { $0.contains(stop.description) }) {
          switch stop {
          case .stepped, .reached: break
          default: messages.insert(stop.description, at: 0)
          }
        }
        let stopped = outcome.stop.map { $0 != .stepped && $0 != .reached } ?? false
        app.record(
          command, output: outcome.output, messages: messages, notes: outcome.notes,
          isError: outcome.isError, stopped: stopped)
      }
    }
    if changed {
      refreshView(extending: onlyForward && session.focus == focusBefore)
    } else if app.graph.selectedNode != shownSelection || app.stateIO.iteration != shownIteration {
      // Only the selection (or Map iteration) moved: recompute the State I/O pane, not the whole view.
      shownSelection = app.graph.selectedNode
      shownIteration = app.stateIO.iteration
      var view = app.view
      view.stateIO = SessionView.stateIO(
        session: session, selectedState: app.graph.selectedNode, iteration: app.stateIO.iteration)
      app.setView(view)
    }
    return !hasQuit
  }

  /// Selects a state of the focused machine (as clicking it in the graph does); nil follows the
  /// current state again. State I/O then shows that state's data.
  public mutating func selectState(_ name: String?) {
    app.graph.selectedNode = name
    handle(.resize(app.screenSize))
  }

  /// Starts the guided tour: space steps to the next teaching note and explains it. `about` is
  /// what the file says about itself (a lesson's `Description`), shown first.
  public mutating func startTour(about: String? = nil) {
    tourStep = 0
    app.tour = TourCaption(title: "Tour", lines: (about.map { [$0] } ?? []) + [
      "This tour steps \(session.mainExecution.label) and stops at every nesting event: a child "
        + "execution starting, a task token waiting, a child's result reaching its parent.",
      "Press space to go to the next one; answer tokens with S (succeed) or F (fail); esc leaves "
        + "the tour (every key still works).",
    ])
  }

  /// Shows what the file says about itself (a lesson's `Description`) until the first key.
  public mutating func showAbout(_ text: String) {
    app.tour = TourCaption(title: "About this file", lines: [text], isTour: false)
  }

  private var tourStep = 0

  /// Steps the focused execution until a step teaches something, someone must answer, or every
  /// execution ends (when the focused one ends first, the tour follows one still running); the
  /// caption says what happened, and says so when nothing could move.
  mutating func tourNext(_ executor: Executor) {
    guard session.runtime.executions.contains(where: \.isRunning) || tourStep == 0 else {
      // Over: space leaves, as the last caption says.
      app.tour = nil
      return
    }
    var notes: [String] = []
    var stop: StopReason?
    var steps = 0
    let eventsBefore = session.runtime.executions.reduce(0) { $0 + $1.execution.history.count }
    while notes.isEmpty && steps < 1000 {
      let outcome = executor(&session, .step, app)
      steps += 1
      notes = outcome.notes
      stop = outcome.stop
      if stop == .finished, let next = session.runtime.executions.first(where: \.isRunning) {
        let ended = session.focusedExecution
        _ = executor(&session, .focus(execution: "#\(next.id + 1)"), app)
        notes.append("\(ended.label) ended: \(ended.status.name), but \(next.label) still runs; the tour follows it.")
        stop = .stepped
        break
      }
      if let stop, stop != .stepped { break }
    }
    let moved = session.runtime.executions.reduce(0) { $0 + $1.execution.history.count } != eventsBefore
    var lines = notes
    switch stop {
    case .waitingOnPerson?:
      if notes.isEmpty { lines.append(tourAnswerPrompt(stillWaiting: !moved)) }
    case .finished?:
      let main = session.mainExecution
      lines.append(
        moved
          ? "\(main.label) ended: \(main.status.name), and so did every execution it started. u steps back, r restarts, esc leaves the tour."
          : "The tour is over: nothing is left to run. u steps back, r restarts, space or esc leaves the tour.")
    case .breakpoint?, .error?, .blocked?:
      lines.append(stop!.description)
    default: break
    }
    if lines.isEmpty { lines = ["Stepped \(steps) times; nothing nested happened."] }
    if moved { tourStep += 1 }
    app.log.record(command: "tour · \(tourStep)", output: [], messages: [], notes: lines, isError: false)
    app.tour = TourCaption(title: "Tour · \(tourStep)", lines: lines)
  }

  /// Which pending item S and F act on (the one the Pending pane selects) and what to send.
  func tourAnswerPrompt(stillWaiting: Bool) -> String {
    let pending = session.runtime.pending
    let opening = stillWaiting ? "Still waiting: space cannot go on until" : "Nothing moves until"
    guard !pending.isEmpty else { return "\(opening) the clock moves: a deadline only a (advance) brings." }
    let index = min(app.pending.list.selected ?? 0, pending.count - 1)
    let item = pending[index]
    let owner = session.runtime.executions[item.executionID].label
    let what =
      item.token == nil
      ? "the task '\(item.stateName)' in \(owner) (\(item.resource)) has no mock or handler: S opens an editor for "
        + "its result as JSON"
      : "'\(item.stateName)' in \(owner) waits for its task token: S opens an editor for the JSON the callback "
        + "returns, which becomes the state's result"
    return "\(opening) pending item \(index + 1) is answered. \(what) (type it, e.g. {\"ok\": true}, then ctrl-s); "
      + "F fails it instead. Then space."
  }

  /// Rebuilds the screen's view of the session (after a command or a new graph selection).
  /// `extending`: the last commands only moved the focused execution forward, so the previous
  /// view's history rows are a prefix of the new ones.
  public mutating func refreshView(extending: Bool = false) {
    shownSelection = app.graph.selectedNode
    shownIteration = app.stateIO.iteration
    app.setView(SessionView(
      session: session, title: title, definitions: definitions, selectedState: app.graph.selectedNode,
      iteration: app.stateIO.iteration, extending: extending ? app.view : nil))
  }

  /// The screen for a terminal of `size`.
  public func frame(size: Size) -> ScreenBuffer { app.render(size: size) }

  /// Handles `event` and renders the next frame: the unit of work a key press costs (what the
  /// benchmark times).
  public mutating func respond(to event: TerminalEvent, size: Size) -> ScreenBuffer {
    handle(event)
    return frame(size: size)
  }

  /// Runs the event loop on a terminal until the user quits: draws a frame, waits for an event,
  /// handles it, and draws only what changed.
  public mutating func run(on backend: inout some TerminalBackend) {
    var presenter = ScreenPresenter()
    var size = backend.size
    session.stepsPerBurst = Session.defaultStepsPerBurst
    _ = app.handle(.resize(size))
    presenter.present(frame(size: size), to: &backend)
    var performer = self.performer
    defer { self.performer = performer }
    // A resize while a command ran: the screen state hears of it once the command is done.
    var resizedMeanwhile: Size?
    // Keys typed during a long run (other than esc/ctrl-c): handled once it is done.
    var typedMeanwhile: [TerminalEvent] = []
    // API clients' requests that arrive while a command waits on a handler.
    let incoming = clients?.incoming ?? { [] }

    /// Runs a command with its effects while the screen stays live: while a handler runs it says
    /// so (with the seconds so far), follows resizes, and `esc` or `ctrl-c` stops the handler
    /// (its task then waits for a person); between bursts of a long run, `esc` or `ctrl-c`
    /// interrupts it.
    func execute(_ session: inout Session, _ command: DebuggerCommand, _ screen: AppState)
      -> CommandOutcome
    {
      let started = ContinuousClock.now
      var stopping = false
      var shownRunning = false
      func interrupted() -> Bool {
        if !shownRunning, ContinuousClock.now - started > .milliseconds(200) {
          shownRunning = true
          var busy = screen
          busy.apply(messages: ["continuing… esc interrupts"])
          presenter.present(busy.render(size: size), to: &backend)
        }
        while let event = backend.nextEvent(timeout: .zero) {
          switch event {
          case .key(.escape), .key(.ctrl("c")): return true
          case .resize(let newSize):
            size = newSize
            resizedMeanwhile = newSize
            presenter.invalidate()
          default: typedMeanwhile.append(event)
          }
        }
        return false
      }
      return EffectLoop.run(
        command, on: &session, performer: &performer, betweenBursts: interrupted,
        incoming: incoming
      ) {
        var busy = screen
        let seconds = Int((ContinuousClock.now - started).components.seconds)
        busy.apply(messages: [
          stopping
            ? "stopping the handler…"
            : "running… \(seconds) s · esc stops a handler command (its task then waits for you)"
        ])
        presenter.present(busy.render(size: size), to: &backend)
        switch backend.nextEvent(timeout: EffectLoop.waitSlice) {
        case .key(.escape)?, .key(.ctrl("c"))?:
          stopping = true
        case .resize(let newSize)?:
          size = newSize
          resizedMeanwhile = newSize
          presenter.invalidate()
        default:
          break
        }
        return stopping
      }
    }

    /// Runs what API clients sent; shows what changed.
    func serveClients() {
      guard let clients else { return }
      let outcomes = clients.drain(&session, &performer)
      guard !outcomes.isEmpty else { return }
      for outcome in outcomes where !outcome.messages.isEmpty || !outcome.notes.isEmpty {
        app.log.record(
          command: "client request", output: [], messages: outcome.messages, notes: outcome.notes,
          isError: outcome.isError)
      }
      refreshView()
      presenter.present(frame(size: size), to: &backend)
    }

    while !hasQuit {
      serveClients()
      guard var event = backend.nextEvent(timeout: clients?.pollInterval) else {
        if clients == nil { break }
        continue
      }
      // Handle everything already typed (a paste, key repeat) before drawing once.
      while true {
        if case .resize(let newSize) = event {
          size = newSize
          presenter.invalidate()
        }
        handle(event, executor: execute)
        if let newSize = resizedMeanwhile {
          resizedMeanwhile = nil
          handle(.resize(newSize))
        }
        guard !hasQuit, let next = typedMeanwhile.isEmpty ? backend.nextEvent(timeout: .zero) : typedMeanwhile.removeFirst()
        else { break }
        event = next
      }
      if hasQuit { break }
      presenter.present(frame(size: size), to: &backend)
    }
  }
}
