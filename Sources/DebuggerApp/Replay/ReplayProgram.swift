import DebuggerCore
import HistoryReplay
import JSONCore
import TerminalUI

/// `sfdbg debug FILE --replay HISTORY…`: an execution recorded on AWS, opened read-only in the
/// debugger's screen. The keys and the `:` prompt speak the same command language, acting on a
/// `ReplayCursor` instead of a live session: `s`/`u` step one recorded event forward/back, `c`/`U`
/// run to the next/previous breakpoint hit (`b` on a state, `B` on errors), `goto`, `focus` and
/// `i`/`o` move between the recorded executions; commands that would change an execution say it
/// is read-only. `f` forks: the debugger continues locally from the selected (or current)
/// recorded state, on its recorded input, with the later recorded task results as mocks.
public struct ReplayProgram: Sendable {
  public private(set) var cursor: ReplayCursor
  public private(set) var app: AppState
  public let title: String
  public let definitions: [String: JSONValue]
  /// The session the files were loaded into (machines, handlers, seed): a fork starts from it.
  public let base: Session
  public var performer: any EffectPerformer
  public private(set) var hasQuit = false
  /// The debugger on the fork, once `f` made one: the runner switches to it.
  public private(set) var fork: DebuggerProgram?

  public init(
    recorded: RecordedSet, title: String, definitions: [String: JSONValue], base: Session, size: Size,
    performer: any EffectPerformer = InstantPerformer()
  ) {
    cursor = ReplayCursor(set: recorded)
    self.title = title
    self.definitions = definitions
    self.base = base
    self.performer = performer
    app = AppState(view: SessionView(), screenSize: size)
    app.modeBindings = AppState.replayBindings
    refreshView()
  }

  /// Applies one terminal event; false once the program should end (quit, or a fork to run).
  @discardableResult
  public mutating func handle(_ event: TerminalEvent) -> Bool {
    for effect in app.handle(event) {
      switch effect {
      case .quit:
        hasQuit = true
      case .execute(let command):
        let (messages, isError) = apply(command)
        app.record(command, output: nil, messages: messages, notes: [], isError: isError, stopped: isError)
      case .showEvent(let id):
        if let e = cursor.execution.events.first(where: { $0.id == id }) {
          app.mode = .viewer(ValueViewer(title: "Event \(id) · \(e.type) (recorded)", text: Self.eventJSON(e).prettyString, event: id))
        }
      case .fork:
        forkHere()
      case .tourNext:
        break
      }
    }
    refreshView()
    return !hasQuit && fork == nil
  }

  /// Runs one command of the command language on the recorded execution.
  mutating func apply(_ command: DebuggerCommand) -> (messages: [String], isError: Bool) {
    switch command {
    case .step, .next:
      return cursor.step() ? ([], false) : (["the recorded execution ends here (event \(cursor.position))"], false)
    case .back:
      return cursor.back() ? ([], false) : (["at the first recorded event"], false)
    case .continue:
      return ([cursor.continueForward() ?? "end of the recorded execution: \(cursor.status)"], false)
    case .reverseContinue:
      return ([cursor.reverseContinue() ?? "at the first recorded event"], false)
    case .goto(let id):
      guard cursor.goto(eventID: id) else { return (["no recorded event \(id) in #\(cursor.focus + 1)"], true) }
      let event = cursor.currentEvent
      return (["at event \(id) · \(event.type)" + (event.stateName.map { " '\($0)'" } ?? "")], false)
    case .breakAt(let state, _):
      guard Set(base.stateNames).contains(state) else { return (["no loaded machine has a state '\(state)'"], true) }
      cursor.breakpoints.insert(state)
      return (["breakpoint at '\(state)'"], false)
    case .breakOnError:
      cursor.breakOnError = true
      return (["break on errors"], false)
    case .deleteBreakpoint(let reference):
      switch reference {
      case .state(let state): cursor.breakpoints.remove(state)
      case .errors: cursor.breakOnError = false
      case .all:
        cursor.breakpoints = []
        cursor.breakOnError = false
      }
      return (["breakpoint removed"], false)
    case .focus(let key):
      guard let index = executionIndex(key) else { return (["no recorded execution \(key)"], true) }
      cursor.focus(index)
      app.graph.selectedNode = nil
      return ([], false)
    case .into:
      let name = cursor.runningStates.last ?? cursor.currentEvent.stateName
      guard let child = cursor.execution.startedChildren.last(where: { $0.state == name }),
        let index = cursor.recorded.executions.firstIndex(where: { $0.executionArn == child.arn })
      else { return (["no recorded child execution started here"], true) }
      cursor.focus(index)
      return (["into #\(index + 1) \(cursor.execution.machineName)"], false)
    case .out:
      guard let parent = cursor.recorded.parents[cursor.focus] else { return (["the main execution has no parent"], true) }
      cursor.focus(parent)
      return ([], false)
    case .quit:
      hasQuit = true
      return ([], false)
    default:
      return (["a recorded execution is read-only: f forks it at the selected state, then '\(command)' works on the fork"], true)
    }
  }

  /// `#N`, `N` or an execution ARN of the recorded set.
  func executionIndex(_ key: String) -> Int? {
    let trimmed = key.hasPrefix("#") ? String(key.dropFirst()) : key
    if let n = Int(trimmed), cursor.recorded.executions.indices.contains(n - 1) { return n - 1 }
    return cursor.recorded.executions.firstIndex { $0.executionArn == key }
  }

  /// `f`: the debugger on a fork at the selected (or current) state's latest recorded visit.
  mutating func forkHere() {
    let name = app.graph.selectedNode ?? cursor.runningStates.last ?? cursor.currentEvent.stateName
      ?? cursor.playedVisits.last?.name
    guard let name, let visit = cursor.latestVisit(of: name, iteration: app.stateIO.iteration) ?? cursor.latestVisit(of: name)
    else {
      app.apply(messages: ["select a state the recorded execution entered (up to this event) to fork there"], isError: true)
      return
    }
    do {
      let session = try ReplayFork.session(
        from: base, definitions: definitions, set: cursor.recorded, execution: cursor.focus, visit: visit)
      var forkDefinitions = definitions
      if let original = definitions[cursor.execution.machineName],
        let forked = ReplayFork.definition(
          startingAt: name, in: original, variables: ReplayFork.variables(at: visit, in: cursor.execution))
      {
        forkDefinitions[session.mainExecution.machineName] = forked
      }
      fork = DebuggerProgram(
        session: session, title: title + " · fork at \(name) (event \(visit.enteredEventID))", definitions: forkDefinitions,
        size: app.screenSize, performer: performer)
    } catch {
      app.apply(messages: [error.description], isError: true)
    }
  }

  mutating func refreshView() {
    app.setView(SessionView(
      replay: cursor, title: title, definitions: definitions, selectedState: app.graph.selectedNode,
      iteration: app.stateIO.iteration))
  }

  /// The screen for a terminal of `size`.
  public func frame(size: Size) -> ScreenBuffer { app.render(size: size) }

  /// A recorded event as GetExecutionHistory shows it (JSON text fields parsed).
  static func eventJSON(_ e: RecordedEvent) -> JSONValue {
    var o = JSONObject()
    o["id"] = .int(e.id)
    o["previousEventId"] = .int(e.previousEventID)
    o["timestamp"] = .string(SessionView.recordedTime(e.timestamp))
    o["type"] = .string(e.type)
    if let key = e.detailsKey { o[key] = .object(e.details) }
    return .object(o)
  }

  /// Runs until the user quits or forks (then `fork` holds the debugger to run next).
  public mutating func run(on backend: inout some TerminalBackend) {
    var presenter = ScreenPresenter()
    var size = backend.size
    _ = app.handle(.resize(size))
    presenter.present(frame(size: size), to: &backend)
    while !hasQuit && fork == nil {
      guard let event = backend.nextEvent(timeout: nil) else { break }
      if case .resize(let newSize) = event {
        size = newSize
        presenter.invalidate()
      }
      handle(event)
      if hasQuit || fork != nil { break }
      presenter.present(frame(size: size), to: &backend)
    }
  }
}
