import ASLModel
import ASLRuntime
import DebuggerCore
import JSONCore
import TerminalUI

/// Timings of the debugger screen for the benchmark (`sfdbg-bench`) and tests.
public enum DebuggerBenchmark {
  /// What one measurement found.
  public struct Result: Sendable {
    /// Building the program (session view, graph layout) and rendering the first frame.
    public var firstFrame: Duration
    /// Each key press: handling it (running its command, if any), rendering, and diffing
    /// against the previous frame.
    public var keyRedraws: [Duration]
    /// Events in the focused execution's history when measured.
    public var historyEvents: Int
    /// States in the focused machine's graph.
    public var graphNodes: Int

    /// The slowest key redraw.
    public var worstKeyRedraw: Duration { keyRedraws.max() ?? .zero }
  }

  /// The keys a user presses while looking around (moving in the history, the graph, the panes).
  public static let browsingKeys: [Key] = [
    .down, .down, .up, .tab, .down, .down, .pageUp, .tab, .down, .tab, .tab, .end, .up, .home,
    .tab, .character("j"), .character("k"),
  ]

  /// A machine of `states` Pass states in a loop that runs until its history holds at least
  /// `events` events: a big graph with a long history.
  public static func loopMachine(states: Int, events: Int) throws -> (definition: JSONValue, machine: RegisteredMachine) {
    let rounds = max(1, events / (states * 2 + 2) + 1)
    var members: [(String, JSONValue)] = []
    for index in 0..<states {
      let next = index + 1 < states ? "S\(index + 1)" : "Again?"
      var state: [(String, JSONValue)] = [("Type", "Pass"), ("Next", .string(next))]
      if index == 0 { state.append(("Parameters", ["i.$": "States.MathAdd($.i, 1)"])) }
      members.append(("S\(index)", .object(JSONObject(state))))
    }
    members.append(("Again?", [
      "Type": "Choice",
      "Choices": [["Variable": "$.i", "NumericLessThan": .int(rounds), "Next": "S0"]],
      "Default": "Done",
    ]))
    members.append(("Done", ["Type": "Succeed"]))
    let definition: JSONValue = ["StartAt": "S0", "States": .object(JSONObject(members))]
    let machine = try StateMachine(definition: definition)
    return (definition, RegisteredMachine(
      name: "Loop", arn: "arn:aws:states:us-east-1:123456789012:stateMachine:Loop", machine: machine))
  }

  /// Keys that step the execution (each one runs a command and rebuilds the view).
  public static let steppingKeys: [Key] = [
    .character("s"), .character("s"), .character("s"), .character("u"), .character("s"),
  ]

  /// Runs `loopMachine` in a session until its last round (so the execution is still running,
  /// with about `events` events), then measures the first frame and `keys`.
  public static func measureLoop(
    states: Int = 200, events: Int = 25_000, size: Size = Size(width: 100, height: 30),
    keys: [Key] = browsingKeys
  ) throws -> Result {
    let (definition, machine) = try loopMachine(states: states, events: events)
    let rounds = max(1, events / (states * 2 + 2) + 1)
    var session = try Session(machines: [machine], mainMachine: machine.name, input: ["i": 0])
    _ = session.execute(.breakAt(
      state: "S1", condition: BreakCondition(path: "$.i", op: .equal, value: .int(rounds))))
    _ = session.execute(.continue)
    return measure(session: session, definitions: ["Loop": definition], size: size, keys: keys)
  }

  /// Measures the first frame and each key of `keys` on a session.
  public static func measure(
    session: Session, definitions: [String: JSONValue], size: Size, keys: [Key]
  ) -> Result {
    let clock = ContinuousClock()
    let start = clock.now
    var program = DebuggerProgram(session: session, title: "bench", definitions: definitions, size: size)
    var previous = program.frame(size: size)
    let firstFrame = clock.now - start
    var redraws: [Duration] = []
    for key in keys {
      let keyStart = clock.now
      let frame = program.respond(to: .key(key), size: size)
      _ = frame.diff(from: previous)
      redraws.append(clock.now - keyStart)
      previous = frame
    }
    return Result(
      firstFrame: firstFrame, keyRedraws: redraws,
      historyEvents: program.session.focusedExecution.execution.history.count,
      graphNodes: program.app.graph.diagram?.nodes.count ?? 0)
  }
}
