/// Where a read-only replay stands: the focused recorded execution and, per execution, how many
/// of its events have been "played" (the current event is the last of them). Stepping moves one
/// recorded event; continuing moves to the next breakpoint hit (a breakpoint state's
/// `…StateEntered`, or an error event under break-on-error) or the end.
public struct ReplayCursor: Sendable {
  public let recorded: RecordedSet
  public private(set) var focus = 0
  /// Events played per execution (1…count; the ExecutionStarted is always played).
  public private(set) var positions: [Int]
  public var breakpoints: Set<String> = []
  public var breakOnError = false

  public init(set: RecordedSet) {
    self.recorded = set
    positions = set.executions.map { _ in 1 }
  }

  public var execution: RecordedExecution { recorded.executions[focus] }
  public var position: Int { positions[focus] }
  public var currentEvent: RecordedEvent { execution.events[position - 1] }
  public var atEnd: Bool { position == execution.events.count }
  public var atStart: Bool { position == 1 }

  /// Why continuing stops at `event`, if it does.
  public func stop(at event: RecordedEvent) -> String? {
    if event.type.hasSuffix("StateEntered"), let name = event.stateName, breakpoints.contains(name) {
      return "breakpoint: '\(name)' entered (event \(event.id))"
    }
    if breakOnError, event.type.hasSuffix("Failed") || event.type.hasSuffix("TimedOut") || event.type == "ExecutionAborted" {
      let error = event.details["error"]?.stringValue ?? (event.type.hasSuffix("TimedOut") ? "States.Timeout" : event.type)
      return "error: \(error) (event \(event.id) \(event.type))"
    }
    return nil
  }

  /// One recorded event forward; false at the end.
  @discardableResult
  public mutating func step() -> Bool {
    guard !atEnd else { return false }
    positions[focus] += 1
    return true
  }

  /// One recorded event back; false at the start.
  @discardableResult
  public mutating func back() -> Bool {
    guard !atStart else { return false }
    positions[focus] -= 1
    return true
  }

  /// Forward to the next stop (returned) or the end (nil).
  public mutating func continueForward() -> String? {
    while step() {
      if let why = stop(at: currentEvent) { return why }
    }
    return nil
  }

  /// Back to the previous stop (returned) or the start (nil).
  public mutating func reverseContinue() -> String? {
    while back() {
      if let why = stop(at: currentEvent) { return why }
    }
    return nil
  }

  /// To the event with this id; false when the execution has no such event.
  @discardableResult
  public mutating func goto(eventID: Int) -> Bool {
    guard eventID >= 1, eventID <= execution.events.count else { return false }
    positions[focus] = eventID
    return true
  }

  /// Focuses another recorded execution (0-based index in `set.executions`).
  public mutating func focus(_ index: Int) {
    guard recorded.executions.indices.contains(index) else { return }
    focus = index
  }

  /// The state visits entered up to the current event.
  public var playedVisits: ArraySlice<RecordedStateVisit> { execution.visits.prefix { $0.enteredEventID <= position } }

  /// The latest visit of `name` up to the current event (in `iteration` of its Map when given).
  public func latestVisit(of name: String, iteration: Int? = nil) -> RecordedStateVisit? {
    playedVisits.last { $0.name == name && (iteration == nil || $0.iterations.last?.index == iteration) }
  }

  /// The states running at the current event: entered and not yet exited, innermost last.
  public var runningStates: [String] {
    playedVisits.filter { visit in visit.exitedEventID.map { $0 > position } ?? !endedAt(visit) }.map(\.name)
  }

  /// Whether the execution had ended by the current event (so a visit never exited is over).
  private func endedAt(_ visit: RecordedStateVisit) -> Bool {
    atEnd && HistoryEventTypes.terminal[currentEvent.type] != nil
  }

  /// The execution's status as of the current event: RUNNING until its last event.
  public var status: String { atEnd ? execution.status : "RUNNING" }
}
