import ASLExpressions
import ASLInterpreter
import ASLModel
import ASLRuntime
import JSONCore

/// What entering a Task about to be entered does, worked out on a copy of its execution (so the
/// token, the clock and `$$` are exactly those of the real step): the request it sends, or the
/// error raised while building it.
struct RequestPreview: Sendable {
  /// `Input`, `InputPath`, `Parameters`/`Arguments` as the step records them.
  var stages: [DataFlowStage]
  var request: TaskRequest?
  var raisedError: String?
}

extension Session {
  /// The state a unit about to enter one will enter (nil: the unit is not about to enter one).
  static func upcomingState(of unitID: Int, in execution: Execution) -> State? {
    let unit = execution.units[unitID]
    switch unit.phase {
    case .ready(let index, _): return unit.machine.states[index]
    case .startingIteration: return unit.machine.stateIndex[unit.machine.startAt].map { unit.machine.states[$0] }
    default: return nil
    }
  }

  /// The request unit `unitID` of execution `executionID` sends when it enters the Task it is
  /// about to enter; nil when it is not about to enter a Task.
  func requestPreview(unit unitID: Int, executionID: Int) -> RequestPreview? {
    let execution = runtime.executions[executionID].execution
    guard Self.upcomingState(of: unitID, in: execution)?.typeName == "Task" else { return nil }
    var copy = execution
    copy.advanceClock(to: runtime.now)
    guard copy.step(unit: unitID) != nil else { return nil }
    let sent = Set(execution.pendingTasks.map(\.id))
    return RequestPreview(
      stages: copy.openTraces[unitID]?.stages ?? copy.traces.last(where: { $0.unitID == unitID })?.stages ?? [],
      request: copy.pendingTasks.first { $0.unitID == unitID && !sent.contains($0.id) },
      raisedError: copy.raisedError(of: unitID))
  }

  /// The request the focused state's Task sends: the pending one, or, before the Task is
  /// entered, the one it will send. Returns a reason when there is none.
  func focusedRequest() -> Result<(request: JSONValue, sent: Bool), RuntimeError> {
    let execution = focusedExecution.execution
    guard let current = execution.currentStates.first else {
      return .failure(RuntimeError("NoRequest", "\(focusedExecution.label) is in no state"))
    }
    let unit = execution.units[current.unitID]
    if case .waitingTask(let requestID) = unit.phase, let request = execution.pendingTasks.first(where: { $0.id == requestID }) {
      return .success((request.parameters, true))
    }
    if let preview = requestPreview(unit: current.unitID, executionID: focus) {
      if let request = preview.request { return .success((request.parameters, false)) }
      return .failure(RuntimeError(
        "NoRequest", "entering '\(current.stateName)' raises \(preview.raisedError ?? "an error") before its request is sent"))
    }
    return .failure(RuntimeError("NoRequest", "'\(current.stateName)' is not a Task waiting on or about to send a request"))
  }

  /// `print request [PATH]`.
  mutating func printRequest(_ path: String?, _ out: inout CommandOutcome) {
    switch focusedRequest() {
    case .failure(let error):
      fail(&out, error.message)
    case .success(let (request, _)):
      var scope = focusedScope
      scope.input = request
      do throws(ASLRuntimeError) {
        out.output = .value(try PathExpression.resolve(path ?? "$", field: "print", scope: scope))
      } catch {
        fail(&out, "\(error.error): \(error.cause)")
      }
    }
  }

  /// State I/O of a state about to be entered: its input and, for a Task, the request it will
  /// send and who answers it.
  func describeUpcoming(unit unitID: Int, input: JSONValue, _ data: inout StateData) {
    guard let preview = requestPreview(unit: unitID, executionID: focus) else {
      data.stages.append(("input", input))
      return
    }
    let beforeRequest = preview.stages.filter { $0.name != "Parameters" && $0.name != "Arguments" }
    Self.appendStages(beforeRequest.isEmpty ? [DataFlowStage(name: "Input", value: input)] : beforeRequest, to: &data)
    if let request = preview.request {
      data.stages.append(("request (not sent yet)", request.parameters))
    }
    let name = CommandLexer.quote(data.stateName ?? "")
    if let armed = armedAnswers.first(where: { $0.executionID == focus && $0.unitID == unitID }) {
      data.explanation.append("⏸ not sent yet: s enters it and answers with your \(armed.answer.summary), not its mock or handler")
    } else if let error = preview.raisedError {
      data.explanation.append("⏸ not entered yet: entering it raises \(error) before the request is sent")
    } else {
      data.explanation.append("⏸ not sent yet: s sends it · succeed/fail \(name) … answers it by hand first")
    }
  }
}
