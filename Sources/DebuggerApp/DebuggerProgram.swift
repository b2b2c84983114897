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
    let effects = app.handle(event)
    var changed = false
    for effect in effects {
      switch effect {
      case .quit:
        hasQuit = true
      case .execute(let command):
        let outcome = session.execute(command)
        changed = true
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
    if changed || app.graph.selectedNode != shownSelection {
      refreshView()
    }
    return !hasQuit
  }

  /// Long command output (`executions`, `history`, `print`) is shown as its first lines.
  static func summarize(_ messages: [String]) -> [String] {
    let lines = messages.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    guard lines.count > 3 else { return lines }
    return Array(lines.prefix(3)) + ["… \(lines.count - 3) more lines"]
  }

  /// Rebuilds the screen's view of the session (after a command or a new graph selection).
  public mutating func refreshView() {
    shownSelection = app.graph.selectedNode
    app.setView(SessionView(
      session: session, title: title, definitions: definitions, selectedState: app.graph.selectedNode))
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
    while !hasQuit {
      guard let event = backend.nextEvent(timeout: nil) else { break }
      if case .resize(let newSize) = event {
        size = newSize
        presenter.invalidate()
      }
      handle(event)
      if hasQuit { break }
      presenter.present(frame(size: size), to: &backend)
    }
  }
}
