import JSONCore

extension ASLGraph {
  /// A generated definition with exactly `states` states (nested ones included), for benchmarks.
  ///
  /// Blocks of ten states repeat: a Task with Retry and Catch, a Choice with two rules and a
  /// Default, a Wait that loops back to the Task, a Pass, a Parallel with two one-state
  /// branches, a recovery Pass, a storing Task and an audit Pass. Leftover states become a chain
  /// of Pass states, and the machine ends with a Succeed state.
  public static func syntheticMachine(states count: Int) -> JSONValue {
    let total = max(1, count)
    let blocks = (total - 1) / 10
    let padding = total - 1 - blocks * 10
    var states: [(String, JSONValue)] = []
    func object(_ pairs: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(pairs)) }
    func pass(_ next: String) -> JSONValue {
      object([("Type", "Pass"), ("Next", .string(next))])
    }
    let first = blocks > 0 ? "Fetch 1" : (padding > 0 ? "Pad 1" : "Done")
    for block in 1...max(1, blocks) where blocks > 0 {
      let next = block < blocks ? "Fetch \(block + 1)" : (padding > 0 ? "Pad 1" : "Done")
      states.append(
        (
          "Fetch \(block)",
          object([
            ("Type", "Task"), ("Resource", "arn:aws:states:::lambda:invoke"),
            ("Retry", [object([("ErrorEquals", ["States.Timeout"]), ("MaxAttempts", 2)])]),
            (
              "Catch",
              [object([("ErrorEquals", ["States.ALL"]), ("Next", .string("Recover \(block)"))])]
            ),
            ("Next", .string("Check \(block)")),
          ])
        ))
      states.append(
        (
          "Check \(block)",
          object([
            ("Type", "Choice"),
            (
              "Choices",
              [
                object([
                  ("Variable", "$.status"), ("StringEquals", "ok"),
                  ("Next", .string("Process \(block)")),
                ]),
                object([
                  ("Variable", "$.attempts"), ("NumericLessThan", 3),
                  ("Next", .string("Wait \(block)")),
                ]),
              ]
            ),
            ("Default", .string("Recover \(block)")),
          ])
        ))
      states.append(
        (
          "Wait \(block)",
          object([("Type", "Wait"), ("Seconds", 1), ("Next", .string("Fetch \(block)"))])
        ))
      states.append(("Process \(block)", pass("Fan out \(block)")))
      func branch(_ name: String) -> JSONValue {
        object([
          ("StartAt", .string(name)),
          ("States", object([(name, object([("Type", "Pass"), ("End", true)]))])),
        ])
      }
      states.append(
        (
          "Fan out \(block)",
          object([
            ("Type", "Parallel"),
            ("Branches", [branch("Left \(block)"), branch("Right \(block)")]),
            ("Next", .string("Store \(block)")),
          ])
        ))
      states.append(("Recover \(block)", pass("Store \(block)")))
      states.append(
        (
          "Store \(block)",
          object([
            ("Type", "Task"), ("Resource", "arn:aws:states:::dynamodb:putItem"),
            ("Next", .string("Audit \(block)")),
          ])
        ))
      states.append(("Audit \(block)", pass(next)))
    }
    if padding > 0 {
      for index in 1...padding {
        states.append(("Pad \(index)", pass(index < padding ? "Pad \(index + 1)" : "Done")))
      }
    }
    states.append(("Done", object([("Type", "Succeed")])))
    return object([
      ("Comment", .string("Synthetic machine with \(total) states")),
      ("StartAt", .string(first)),
      ("States", object(states)),
    ])
  }
}
