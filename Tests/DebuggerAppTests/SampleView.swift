import GraphLayout
import JSONCore
@testable import DebuggerApp

/// A session view like the sketch's: the parent waits on the callback token.
enum SampleView {
  static let definition: JSONValue = try! JSONParser.parse("""
    {"StartAt": "Log order", "States": {
      "Log order": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution", "Next": "Ship (wait for callback)"},
      "Ship (wait for callback)": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.waitForTaskToken", "Next": "Order complete"},
      "Order complete": {"Type": "Succeed"}
    }}
    """)

  static func make() -> SessionView {
    SessionView(
      title: "template.yaml · Main", focusSummary: "main-1 RUNNING", focusStatus: "RUNNING",
      clock: "00:00:02.000", nextStep: "next: waits for the callback token of Ship",
      isRunning: true, canStepBack: true,
      executions: [
        ExecutionRow(id: "main-1", label: "main-1", machine: "Main", status: "RUNNING", isFocused: true),
        ExecutionRow(id: "child-1", label: "child-1", machine: "Nested", status: "SUCCEEDED", depth: 1,
                     link: "call-and-continue"),
        ExecutionRow(id: "child-2", label: "child-2", machine: "Nested", status: "RUNNING", depth: 1,
                     link: ".waitForTaskToken ⧗ token"),
      ],
      pending: [
        PendingRow(index: 1, kind: "token", execution: "main-1", stateName: "Ship (wait for callback)",
                   resource: "states:startExecution.waitForTaskToken", details: ["age 2.0s · no timeout"],
                   prefill: "{\"Shipped\": true}"),
      ],
      history: (1...6).map { HistoryRow(id: $0, type: $0 % 2 == 1 ? "TaskStateEntered" : "TaskScheduled", stateName: "Log order") },
      graph: GraphModel(
        key: "Main", definition: definition, nodeStatus: ["Log order": [.visited], "Ship (wait for callback)": [.pendingToken]],
        currentStates: ["Ship (wait for callback)"]),
      stateIO: StateIOModel(
        stateName: "Ship (wait for callback)",
        stages: [("input", ["OrderId": "o-1"]), ("parameters", ["Input": ["TaskToken": "AQB4…e1f"]]),
                 ("result", "⧗ waiting for SendTaskSuccess / SendTaskFailure")]),
      restartInput: "{\"OrderId\": \"o-1\"}")
  }
}
