import JSONCore

/// A parent execution and the children its tasks started, each from its own history file. A
/// child is linked to the task that started it by its execution ARN (the parent's task result
/// names it): the file's `"executionArn"`, or a file named after the execution (`NAME.json`, the
/// ARN's last part), or else its input equal to the `Input` the parent's task sent.
public struct RecordedSet: Sendable {
  /// The main execution first, then the children in the order they were started.
  public var executions: [RecordedExecution]
  /// For each execution (same order), the index of its parent (nil for the main one).
  public var parents: [Int?]

  public var main: RecordedExecution { executions[0] }

  /// - Parameters:
  ///   - histories: the files, in the order given (a folder's files sorted by name).
  ///   - definitions: each machine's ASL definition by machine name.
  ///   - mainMachine: the machine the main execution ran.
  public init(histories: [RecordedHistory], definitions: [String: JSONValue], mainMachine: String)
    throws(HistoryReplayError)
  {
    guard !histories.isEmpty else {
      throw HistoryReplayError(file: "", pointer: "", message: "no history files given")
    }
    var scopes: [String: DefinitionScopes] = [:]
    func scopesOf(_ machine: String) -> DefinitionScopes {
      if let s = scopes[machine] { return s }
      let s = DefinitionScopes(definition: definitions[machine] ?? .null)
      scopes[machine] = s
      return s
    }
    // The main execution: the first history no other history's task result names.
    let named = Set(histories.flatMap(\.startedExecutionArns))
    let mainIndex = histories.firstIndex { history in
      !named.contains { Self.arn($0, names: history) }
    } ?? 0
    var remaining = histories
    let root = remaining.remove(at: mainIndex)
    executions = [try RecordedExecution(history: root, machineName: mainMachine, scopes: scopesOf(mainMachine))]
    parents = [nil]
    var queue = [0]
    while let parentIndex = queue.first, !remaining.isEmpty {
      queue.removeFirst()
      let parent = executions[parentIndex]
      for child in parent.startedChildren {
        guard let found = Self.match(child, in: remaining) else { continue }
        let history = remaining.remove(at: found)
        let machine = Self.machine(startedBy: parent, state: child.state, definitions: definitions)
          ?? Self.machine(naming: history, scopes: definitions.keys.sorted().map { ($0, scopesOf($0)) })
        guard let machine else {
          throw HistoryReplayError(
            file: history.file, pointer: "", message: "no loaded machine has the states this history names (add it with --machine NAME=PATH)")
        }
        var record = try RecordedExecution(history: history, machineName: machine, scopes: scopesOf(machine))
        record.executionArn = child.arn
        executions.append(record)
        parents.append(parentIndex)
        queue.append(executions.count - 1)
      }
    }
    if let stray = remaining.first {
      throw HistoryReplayError(
        file: stray.file, pointer: "",
        message: "this history is not linked to \(root.file): no task there started it (a child's file is linked by its "
          + "\"executionArn\", a file name equal to the execution's name, or its input)")
    }
  }

  /// The remaining history that is the child with this ARN.
  static func match(_ child: (state: String, arn: String, input: JSONValue?), in histories: [RecordedHistory]) -> Int? {
    if let i = histories.firstIndex(where: { arn(child.arn, names: $0) }) { return i }
    guard let input = child.input else { return nil }
    return histories.firstIndex { $0.executionArn == nil && $0.events[0].details["input"] == input }
  }

  /// Whether `arn` is the execution of `history`: its `"executionArn"`, or a file named after the
  /// execution (the ARN's last part).
  static func arn(_ arn: String, names history: RecordedHistory) -> Bool {
    if let own = history.executionArn { return own == arn }
    return baseName(history.file) == (arn.split(separator: ":").last.map(String.init) ?? arn)
  }

  static func baseName(_ path: String) -> String {
    var name = path.split(separator: "/").last.map(String.init) ?? path
    for ext in [".json", ".history"] where name.hasSuffix(ext) { name.removeLast(ext.count) }
    return name
  }

  /// The machine the parent's task asked for (`StateMachineArn`'s last part names it).
  static func machine(startedBy parent: RecordedExecution, state: String, definitions: [String: JSONValue]) -> String? {
    let scheduled = parent.events.first {
      $0.type == "TaskScheduled" && parent.enteredState(before: $0) == state
    }
    guard let arn = scheduled?.details["parameters"]?.objectValue?["StateMachineArn"]?.stringValue else { return nil }
    let name = arn.split(separator: ":").last.map(String.init) ?? arn
    return definitions[name] != nil ? name : nil
  }

  /// The first machine that has every state the history names.
  static func machine(naming history: RecordedHistory, scopes: [(String, DefinitionScopes)]) -> String? {
    let names = Set(history.events.compactMap(\.stateName))
    return scopes.first { entry in names.allSatisfy { entry.1.contains($0) } }?.0
  }
}
