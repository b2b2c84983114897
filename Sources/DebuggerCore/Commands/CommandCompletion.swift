/// What the `:` prompt can complete arguments from.
public struct CompletionContext: Sendable {
  public var states: [String]
  public var executions: [String]
  /// Pending items: their indexes and the names of the states that wait on them.
  public var tokens: [String]
  /// Durations `advance` offers (e.g. the time until each timer).
  public var durations: [String]

  public init(
    states: [String] = [], executions: [String] = [], tokens: [String] = [], durations: [String] = ["10s", "1m", "5m", "1h"]
  ) {
    self.states = states
    self.executions = executions
    self.tokens = tokens
    self.durations = durations
  }

  func candidates(for kind: CommandSpec.ArgumentKind) -> [String] {
    switch kind {
    case .stateName: return states
    case .executionID: return executions
    case .token: return tokens
    case .duration: return durations
    case .keyword(let spellings): return [spellings[0]]
    case .operation: return APIOperation.allCases.map(\.rawValue)
    case .machine, .errorName, .cause, .file, .json, .path, .condition, .eventID: return []
    }
  }
}

extension CommandSpec {
  /// Completions of the text before the cursor at the `:` prompt, from the table: the first
  /// word completes to command names (to longer aliases when no name fits, so `fin` gives
  /// `finish`); the first argument completes by its kind — state names, execution ids, pending
  /// items, then the form keywords (`error`, `all`).
  public static func completions(for before: String, in context: CompletionContext) -> [String] {
    guard let space = before.firstIndex(of: " ") else {
      let names = all.map(\.name).filter { $0.hasPrefix(before) }
      // One-letter aliases are complete as typed.
      let aliases = all.flatMap(\.aliases).filter { $0.count > 1 && $0.hasPrefix(before) }
      return (names.isEmpty ? aliases : names).map { $0 + " " }
    }
    let command = String(before[..<space])
    let argument = String(before[before.index(after: space)...])
    guard let spec = byName[command] else { return [] }
    let firsts = spec.forms.compactMap(\.arguments.first)
    // Values are written as a command line has them (a state called `error` in quotes);
    // keywords follow them, in order.
    let values = firsts.filter { $0.kind.isValue }.flatMap { context.candidates(for: $0.kind) }
      .map { ($0, ArgumentValue.text($0).written(keywords: spec.keywords)) }
    let keywords = firsts.filter { !$0.kind.isValue }.flatMap { context.candidates(for: $0.kind) }.sorted()
      .map { ($0, $0) }
    // A name matches by its plain or its written form; the written form is what gets inserted.
    return (values + keywords).compactMap { name, written in
      guard name.hasPrefix(argument) || written.hasPrefix(argument) else { return nil }
      return command + " " + written
    }
  }
}

extension CommandSpec.ArgumentKind {
  /// Not a keyword.
  var isValue: Bool {
    if case .keyword = self { return false }
    return true
  }
}
