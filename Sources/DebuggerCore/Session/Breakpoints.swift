import ASLExpressions
import JSONCore

/// The session's breakpoints: on states (optionally conditional) and on errors.
public struct Breakpoints: Sendable, Equatable {
  /// State name → condition (nil: always), in the order they were set.
  public private(set) var states: [(name: String, condition: BreakCondition?)] = []
  /// Break on every error.
  public var onAnyError = false
  /// Break on these error names.
  public var onErrors: [String] = []

  public init() {}

  public static func == (a: Breakpoints, b: Breakpoints) -> Bool {
    a.states.map(\.name) == b.states.map(\.name) && a.states.map(\.condition) == b.states.map(\.condition)
      && a.onAnyError == b.onAnyError && a.onErrors == b.onErrors
  }

  public func has(state: String) -> Bool { states.contains { $0.name == state } }

  public mutating func set(state: String, condition: BreakCondition?) {
    if let i = states.firstIndex(where: { $0.name == state }) {
      states[i].condition = condition
    } else {
      states.append((state, condition))
    }
  }

  /// Toggles an unconditional breakpoint; returns true when it is now set.
  public mutating func toggle(state: String) -> Bool {
    if has(state: state) {
      remove(state: state)
      return false
    }
    set(state: state, condition: nil)
    return true
  }

  public mutating func remove(state: String) { states.removeAll { $0.name == state } }

  /// `'Check' if $.n == 2`, as messages and the breakpoint list write a state breakpoint.
  static func describe(_ state: String, _ condition: BreakCondition?) -> String {
    "'\(state)'" + (condition.map { " if \($0)" } ?? "")
  }

  /// Whether entering `state` with `input` stops.
  public func shouldBreak(enteringState state: String, input: JSONValue) -> Bool {
    guard let bp = states.first(where: { $0.name == state }) else { return false }
    guard let condition = bp.condition else { return true }
    return condition.holds(on: input)
  }

  /// Whether raising `error` stops.
  public func shouldBreak(onError error: String) -> Bool {
    onAnyError || onErrors.contains(error) || onErrors.contains("States.ALL")
  }
}

extension BreakCondition {
  /// Evaluates the condition on a state's input: a bare path must exist and not be false/null.
  public func holds(on input: JSONValue) -> Bool {
    guard let path = try? JSONPath(self.path) else { return false }
    let found = try? path.evaluate(in: input)
    guard let op, let value else {
      switch found {
      case nil, .null?, .bool(false)?: return false
      default: return true
      }
    }
    guard let found else { return op == .notEqual }
    switch op {
    case .equal: return found == value
    case .notEqual: return found != value
    case .less, .lessOrEqual, .greater, .greaterOrEqual:
      let ordering: Int?
      switch (found, value) {
      case (.number(let a), .number(let b)): ordering = a < b ? -1 : (a == b ? 0 : 1)
      case (.string(let a), .string(let b)): ordering = a < b ? -1 : (a == b ? 0 : 1)
      default: ordering = nil
      }
      guard let ordering else { return false }
      switch op {
      case .less: return ordering < 0
      case .lessOrEqual: return ordering <= 0
      case .greater: return ordering > 0
      default: return ordering >= 0
      }
    }
  }
}
