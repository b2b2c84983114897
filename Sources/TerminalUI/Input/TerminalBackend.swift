/// The boundary between the pure screen model and a real terminal.
///
/// A backend reports the terminal size, draws cell changes and delivers input events. The app
/// renders a `ScreenBuffer` per frame and passes `ScreenPresenter` the backend to draw only
/// what changed.
public protocol TerminalBackend {
  /// The current terminal size in cells.
  var size: Size { get }
  /// Draws the changed cells and makes them visible (continuation cells are skipped).
  mutating func draw(_ changes: [CellChange])
  /// Waits up to `timeout` (forever when nil) for the next event; nil when none arrived.
  mutating func nextEvent(timeout: Duration?) -> TerminalEvent?
}

/// Keeps the last frame drawn and sends a backend only the difference to the next one.
public struct ScreenPresenter: Sendable {
  /// The frame the terminal currently shows (nil before the first frame or after `invalidate`).
  public private(set) var current: ScreenBuffer?

  public init() {}

  /// Draws `frame`, sending only the changed cells (all cells on the first frame, after a size
  /// change or after `invalidate()`). Returns the number of cells sent.
  @discardableResult
  public mutating func present(_ frame: ScreenBuffer, to backend: inout some TerminalBackend) -> Int {
    let changes = current.map { frame.diff(from: $0) } ?? frame.allCells()
    if !changes.isEmpty || current == nil { backend.draw(changes) }
    current = frame
    return changes.count
  }

  /// Forgets the current frame so the next one is drawn in full (after a resize or when the
  /// terminal may have been scribbled on).
  public mutating func invalidate() { current = nil }
}

/// An in-memory terminal for tests: it applies drawn changes to a buffer and replays scripted
/// events.
public struct TestBackend: TerminalBackend, Sendable {
  public private(set) var size: Size
  /// What the terminal shows now.
  public private(set) var screen: ScreenBuffer
  /// Events still to deliver, first first.
  public var pendingEvents: [TerminalEvent]
  /// How many times `draw` was called, and how many cells the last call drew.
  public private(set) var drawCount = 0
  public private(set) var lastDrawnCellCount = 0

  public init(size: Size, events: [TerminalEvent] = []) {
    self.size = size
    self.screen = ScreenBuffer(size: size)
    self.pendingEvents = events
  }

  public mutating func draw(_ changes: [CellChange]) {
    drawCount += 1
    lastDrawnCellCount = changes.count
    for change in changes where !change.cell.isContinuation {
      screen.set(change.cell, at: change.position)
    }
  }

  public mutating func nextEvent(timeout: Duration?) -> TerminalEvent? {
    pendingEvents.isEmpty ? nil : pendingEvents.removeFirst()
  }

  /// Simulates the user resizing the terminal: the size changes, the screen is cleared, and a
  /// `.resize` event is queued.
  public mutating func resize(to newSize: Size) {
    size = newSize
    screen = ScreenBuffer(size: newSize)
    pendingEvents.append(.resize(newSize))
  }

  /// Queues key presses.
  public mutating func type(_ keys: Key...) {
    pendingEvents.append(contentsOf: keys.map { .key($0) })
  }

  /// Queues one key press per character of `text`.
  public mutating func type(_ text: String) {
    pendingEvents.append(contentsOf: text.map { .key(.character($0)) })
  }
}
