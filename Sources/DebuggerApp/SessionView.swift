import ASLGraph
import DebuggerCore
import GraphLayout
import JSONCore
import TerminalUI

/// What the debugger screen shows, taken from the debug session after every command.
///
/// A plain value: the panes render it, tests build it by hand (every field has a default, so
/// the memberwise initializers take what a test needs), and `SessionView(session:…)` (in
/// `SessionView+Session.swift`) fills it from a `DebuggerCore.Session`.
public struct SessionView: Equatable, Sendable {
  /// The file and machine, shown at the left of the top line.
  public var title: String = ""
  /// The focused execution's label and status, e.g. `main-1 RUNNING`.
  public var focusSummary: String = ""
  /// The focused execution's status word (RUNNING, SUCCEEDED, FAILED…), for colouring.
  public var focusStatus: String = ""
  /// The virtual clock, shown as `clock …`.
  public var clock: String = ""
  /// One sentence on what the next step will do (or why the session stopped).
  public var nextStep: String = ""
  /// Whether some execution is still running (quitting then asks first).
  public var isRunning: Bool = false
  public var canStepBack: Bool = false
  public var executions: [ExecutionRow] = []
  public var pending: [PendingRow] = []
  /// The focused execution's history, oldest first.
  public var history: [HistoryRow] = []
  /// The focused execution's machine drawn as a graph, with statuses.
  public var graph: GraphModel?
  /// The data of the selected (or current) state of the focused execution.
  public var stateIO: StateIOModel = StateIOModel()
  /// The main execution's input as JSON text (what `R` starts editing from).
  public var restartInput: String = "{}"
  /// Every state of every loaded machine (the `:` prompt completes `break` from them).
  public var stateNames: [String] = []
  /// What local functions printed for the focused execution, by state name: each invocation
  /// framed as CloudWatch Logs does, control characters escaped (`O` shows them).
  public var functionLogs: [String: [String]] = [:]
}

/// One execution in the executions tree.
public struct ExecutionRow: Equatable, Sendable {
  /// The id the `focus` command takes.
  public var id: String
  /// Shown name, e.g. `main-1` or `#2 OrderWorker`.
  public var label: String
  public var machine: String
  public var status: String
  /// Nesting depth (0 for the main execution).
  public var depth: Int = 0
  /// How the parent started it and what the parent receives (`.sync:2 → Output as JSON`), nil
  /// for the main execution.
  public var link: String?
  public var isFocused: Bool = false
  /// When it started, on the virtual clock as the status line shows it.
  public var startedAt: String = ""
}

/// A task token or a task resolved by hand, waiting on the user.
public struct PendingRow: Equatable, Sendable {
  /// 1-based index, as `succeed 1 …` takes it.
  public var index: Int
  /// `token` or `task`.
  public var kind: String
  public var execution: String
  public var stateName: String
  public var resource: String
  /// Extra lines: where the token went, age, deadlines.
  public var details: [String] = []
  /// The JSON the success editor starts with.
  public var prefill: String = "{}"
  /// Whether the task has a heartbeat deadline (`HeartbeatSeconds`).
  public var hasHeartbeat: Bool = false
}

/// One history event.
public struct HistoryRow: Equatable, Sendable {
  public var id: Int
  public var type: String
  public var stateName: String?
  /// A short detail (error name, resource…).
  public var detail: String?

  /// The row as one line of text (also what the `/` filter matches against).
  public var text: String {
    var parts = [String(id).padded(toWidth: 3), type.padded(toWidth: 18)]
    if let stateName { parts.append(stateName) }
    if let detail { parts.append("· " + detail) }
    return parts.joined(separator: " ")
  }
}

/// The focused execution's machine for the graph pane.
public struct GraphModel: Equatable, Sendable {
  /// Identifies the layout (the machine name): the diagram is laid out once per key.
  public var key: String
  /// The machine's definition (the layout input).
  public var definition: JSONValue
  public var nodeStatus: [String: StepStatus] = [:]
  /// The state(s) being executed now (the graph follows the first).
  public var currentStates: [String] = []
  /// States with a breakpoint.
  public var breakpoints: Set<String> = []
  /// Transitions taken (from state → next state), for drawing visited edges.
  public var transitions: Set<GraphTransition> = []
  /// Transitions taken by a Catcher (drawn as failed edges).
  public var caughtTransitions: Set<GraphTransition> = []
  /// How many state visits (traces) the transitions were collected from.
  public var tracesSeen: Int = 0
}

/// A transition between two states of one machine.
public struct GraphTransition: Hashable, Sendable {
  public var from: String
  public var to: String
}

/// The data-flow stages of one state, as AWS's TestState shows them.
public struct StateIOModel: Equatable, Sendable {
  /// The state shown (nil before the execution starts).
  public var stateName: String?
  /// Stage name and value in order: `input`, `after InputPath`, `parameters`, `result`,
  /// `after ResultSelector`, `after ResultPath`, `output`, `variables` (only those present).
  public var stages: [(name: String, value: JSONValue)] = []
  /// Why the state did what it did: Choice rules as evaluated, Retry/Catch decisions, what a
  /// state in flight waits for.
  public var explanation: [String] = []
  /// For a state inside a Map: the iteration shown (`[`/`]` pick another) and how they stand.
  public var iterations: MapIterations?

  /// The stages as one object (stage name → value), for the labelled JSON tree.
  public var stagesValue: JSONValue {
    var object = JSONObject()
    for stage in stages { object[stage.name] = stage.value }
    return .object(object)
  }

  public static func == (lhs: StateIOModel, rhs: StateIOModel) -> Bool {
    lhs.stateName == rhs.stateName && lhs.explanation == rhs.explanation && lhs.iterations == rhs.iterations
      && lhs.stages.map(\.name) == rhs.stages.map(\.name)
      && lhs.stages.map(\.value) == rhs.stages.map(\.value)
  }
}
