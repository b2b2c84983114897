import Foundation
import DebuggerCore
import JSONCore
import TerminalUI

/// The debugger as a program: a session, the screen state, and the loop that connects them to a
/// terminal backend.
///
/// `handle(_:)` applies one terminal event (running the commands it produces on the session) and
/// `frame(size:)` renders; `run(on:)` loops until quit. Everything but `run` is pure and
/// synchronous, so tests and benchmarks drive it directly.
public struct DebuggerProgram: Sendable {
  public private(set) var session: Session
  public private(set) var app: AppState
  public let title: String
  public let definitions: [String: JSONValue]
  /// Performs `save`/`save-mocks` writes; returns an error message on failure.
  public var writeFile: @Sendable (_ path: String, _ contents: String) -> String?
  /// Whether the program asked to quit.
  public private(set) var hasQuit = false
  private var shownSelection: String?

  public init(
    session: Session, title: String, definitions: [String: JSONValue], size: Size,
    writeFile: @escaping @Sendable (String, String) -> String? = { _, _ in "writing files is not available here" }
  ) {
    self.session = session
    self.title = title
    self.definitions = definitions
    self.writeFile = writeFile
    self.app = AppState(
      view: SessionView(session: session, title: title, definitions: definitions), screenSize: size)
  }

  /// Applies one event: keys become commands run on the session, whose output and notes appear
  /// on screen. Returns false once the program should end.
  @discardableResult
  public mutating func handle(_ event: TerminalEvent) -> Bool {
    handle(event) { session, command, _ in session.execute(command) }
  }

  /// Runs one command on the session. `run(on:)` passes one that keeps the screen live while a
  /// handler command runs; it gets the screen state to draw meanwhile.
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
        tourNext()
      case .showEvent(let id):
        let history = session.focusedExecution.execution.history
        if let event = history.first(where: { $0.id == id }) {
          app.mode = .viewer(ValueViewer(title: "Event \(id) · \(event.type)", text: event.json.prettyString))
        }
      case .execute(let command):
        let outcome = executor(&session, command, app)
        changed = true
        onlyForward = onlyForward && Self.onlyExtendsHistory(command)
        var messages = outcome.messages
        var isError = outcome.isError
        for sessionEffect in outcome.effects {
          switch sessionEffect {
          case .quit: hasQuit = true
          case .writeFile(let path, let contents):
            if let error = writeFile(path, contents) {
              messages.append(error)
              isError = true
            } else {
              messages.append("wrote \(path)")
            }
          }
        }
        if let stop = outcome.stop, !messages.contains(where: { $0.contains(stop.description) }) {
          switch stop {
          case .stepped, .reached: break
          default: messages.insert(stop.description, at: 0)
          }
        }
        app.apply(messages: Self.summarize(messages), notes: [], isError: isError)
      }
    }
    if changed {
      refreshView(extending: onlyForward && session.focus == focusBefore)
    } else if app.graph.selectedNode != shownSelection {
      // Only the selection moved: recompute the State I/O pane, not the whole view.
      shownSelection = app.graph.selectedNode
      var view = app.view
      view.stateIO = SessionView.stateIO(session: session, selectedState: app.graph.selectedNode)
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

  /// Starts the guided tour: space steps to the next teaching note and explains it.
  public mutating func startTour() {
    tourStep = 0
    app.tour = TourCaption(title: "Tour", lines: [
      "This tour steps \(session.mainExecution.label) and stops at every nesting event: a child "
        + "execution starting, a task token waiting, a child's result reaching its parent.",
      "Press space to go to the next one; answer tokens with S (succeed) or F (fail); esc leaves "
        + "the tour (every key still works).",
    ])
  }

  private var tourStep = 0

  /// Steps the focused execution until a step teaches something, someone must answer, or the
  /// execution ends; the caption says what happened.
  mutating func tourNext() {
    var notes: [String] = []
    var stop: StopReason?
    var steps = 0
    while notes.isEmpty && steps < 1000 {
      let outcome = session.execute(.step)
      steps += 1
      notes = outcome.notes
      stop = outcome.stop
      if let stop, stop != .stepped { break }
    }
    tourStep += 1
    var lines = notes
    switch stop {
    case .waitingOnPerson?:
      if notes.isEmpty {
        lines.append("Nothing moves until someone answers the pending item: press S to send a result or F to fail it, then space.")
      }
    case .finished?:
      let main = session.mainExecution
      lines.append("\(main.label) ended: \(main.status.name). u steps back, r restarts, esc leaves the tour.")
    case .breakpoint?, .error?, .blocked?:
      lines.append(stop!.description)
    default: break
    }
    if lines.isEmpty { lines = ["Stepped \(steps) times; nothing nested happened."] }
    app.tour = TourCaption(title: "Tour · \(tourStep)", lines: lines)
  }

  /// Long command output (`executions`, `history`, `print`) is shown as its first lines.
  static func summarize(_ messages: [String]) -> [String] {
    let lines = messages.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    guard lines.count > 3 else { return lines }
    return Array(lines.prefix(3)) + ["… \(lines.count - 3) more lines"]
  }

  /// Rebuilds the screen's view of the session (after a command or a new graph selection).
  /// `extending`: the last commands only moved the focused execution forward, so the previous
  /// view's history rows are a prefix of the new ones.
  public mutating func refreshView(extending: Bool = false) {
    shownSelection = app.graph.selectedNode
    app.setView(SessionView(
      session: session, title: title, definitions: definitions, selectedState: app.graph.selectedNode,
      extending: extending ? app.view : nil))
  }

  /// Whether a command can only append to histories (never rewind or replace them).
  static func onlyExtendsHistory(_ command: DebuggerCommand) -> Bool {
    switch command {
    case .back, .restart, .focus, .start, .stop: return false
    default: return true
    }
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
    _ = app.handle(.resize(size))
    presenter.present(frame(size: size), to: &backend)
    let hasHandlers = !session.configuration.handlers.isEmpty
    // A resize while a command ran: the screen state hears of it once the command is done.
    var resizedMeanwhile: Size?

    /// Runs a command on a worker thread while the screen stays live: it says a handler is
    /// running (with the seconds so far), follows resizes, and `esc` or `ctrl-c` stops the
    /// handler (its task then waits for a person). Without handlers, commands run in place.
    func execute(_ session: inout Session, _ command: DebuggerCommand, _ screen: AppState)
      -> CommandOutcome
    {
      guard hasHandlers else { return session.execute(command) }
      let work = BackgroundCommand(session: session, command: command)
      work.start()
      let started = ContinuousClock.now
      var stopping = false
      while !work.wait(for: .milliseconds(100)) {
        var busy = screen
        let seconds = Int((ContinuousClock.now - started).components.seconds)
        busy.apply(messages: [
          stopping
            ? "stopping the handler…"
            : "running… \(seconds) s · esc stops a handler command (its task then waits for you)"
        ])
        presenter.present(busy.render(size: size), to: &backend)
        guard let event = backend.nextEvent(timeout: .milliseconds(100)) else { continue }
        switch event {
        case .key(.escape), .key(.ctrl("c")):
          stopping = true
          work.cancelHandlers()
        case .resize(let newSize):
          size = newSize
          resizedMeanwhile = newSize
          presenter.invalidate()
        default:
          break
        }
      }
      let (finished, outcome) = work.result()
      session = finished
      return outcome
    }

    while !hasQuit {
      guard var event = backend.nextEvent(timeout: nil) else { break }
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
        guard !hasQuit, let next = backend.nextEvent(timeout: .zero) else { break }
        event = next
      }
      if hasQuit { break }
      presenter.present(frame(size: size), to: &backend)
    }
  }
}

/// A session command running on its own thread (so that a handler command cannot freeze the
/// screen). The session is a value: the thread works on its copy and hands it back.
private final class BackgroundCommand: @unchecked Sendable {
  private var session: Session
  private let command: DebuggerCommand
  private var outcome: CommandOutcome?
  private let done = DispatchSemaphore(value: 0)

  init(session: Session, command: DebuggerCommand) {
    self.session = session
    self.command = command
  }

  private let threadIDLock = NSLock()
  private var threadID: UInt?

  func start() {
    let thread = Thread { [self] in
      threadIDLock.lock()
      threadID = HandlerProcess.currentThreadID()
      threadIDLock.unlock()
      outcome = session.execute(command)
      done.signal()
    }
    thread.stackSize = 16 << 20
    thread.start()
  }

  /// True once the command has finished (waits at most `duration`).
  func wait(for duration: Duration) -> Bool {
    let milliseconds = Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    return done.wait(timeout: .now() + .milliseconds(milliseconds)) == .success
  }

  /// Stops the handler commands this command is running (their tasks then wait for a person).
  func cancelHandlers() {
    threadIDLock.lock()
    let id = threadID
    threadIDLock.unlock()
    if let id { HandlerProcess.cancelRunning(onThread: id) }
  }

  /// The session after the command, and its outcome (only once `wait` returned true).
  func result() -> (Session, CommandOutcome) { (session, outcome ?? CommandOutcome()) }
}
