import ASLInterpreter
import JSONCore

/// Distributed Map iterations as child executions, as on AWS: each has its own history, ARN
/// (`execution:<machine>/<label>:<name>`) and status, and its Map Run hears when it ends.
extension Runtime {
  /// Starts the iterations executions asked for, reports ended children to their Map, and stops
  /// the children of Map Runs that ended. True when anything changed.
  mutating func settleMapRuns() -> Bool {
    var changed = false
    for id in executions.indices where executions[id].isRunning {
      guard !executions[id].execution.iterationRequests.isEmpty else { continue }
      for request in executions[id].execution.takeIterationRequests() {
        startIteration(request, parent: id)
      }
      changed = true
    }
    for child in mapRunChildren.sorted() {
      guard let link = executions[child].startedBy, let run = link.mapRun else { continue }
      let parent = link.parent
      if !executions[child].isRunning {
        mapRunChildren.remove(child)
        let stop = executions[child].stoppedAt ?? now
        executions[parent].execution.completeIteration(
          unit: run.unit, mapRunArn: run.arn, index: run.index,
          record: record(of: executions[child], stoppedAt: stop), at: now)
        changed = true
      } else if !executions[parent].execution.waitsOnMapRun(unit: run.unit, arn: run.arn) {
        // The Map failed or was stopped: its run's children are aborted with it.
        mapRunChildren.remove(child)
        executions[child].execution.stop(error: nil, cause: nil)
        executions[child].stoppedAt = now
        changed = true
      }
    }
    return changed
  }

  /// Creates the child execution of one iteration and records its `ExecutionStarted`. Past
  /// `maxChildExecutions` the Map fails instead, as a Task starting one more would (a run over
  /// millions of items stays bounded; `--max-executions` raises the limit).
  mutating func startIteration(_ request: IterationRequest, parent: Int) {
    guard childExecutionCount < maxChildExecutions else {
      executions[parent].execution.failMapRun(
        unit: request.unit, mapRunArn: request.mapRunArn,
        error: "StepFunctions.ExecutionLimitExceededException", cause: executionLimitMessage)
      return
    }
    childExecutionCount += 1
    let id = executions.count
    let name = nextExecutionName()
    let machineName = executions[parent].machineName + "/" + request.label
    let options = executionOptions(id: id, name: name, machineName: machineName)
    let link = ExecutionLink(
      parent: parent, requestID: 0, stateName: request.stateName, pattern: .sync,
      mapRun: MapRunLink(arn: request.mapRunArn, unit: request.unit, index: request.index))
    executions.append(
      RuntimeExecution(
        id: id, name: name, arn: options.executionArn, machineName: machineName,
        machineArn: options.stateMachineArn,
        execution: Execution(machine: request.processor, input: request.input, options: options),
        startedBy: link, startedAt: now, stoppedAt: nil))
    _ = executions[id].execution.step()
    mapRunChildren.insert(id)
  }

  /// Why no further child execution starts (`--max-executions`).
  var executionLimitMessage: String {
    "Execution Limit Exceeded: this session has started \(maxChildExecutions) child executions, its limit (sfdbg --max-executions N)"
  }

  /// A child as its Map Run's ResultWriter describes it.
  func record(of e: RuntimeExecution, stoppedAt: VirtualInstant) -> IterationRecord {
    IterationRecord(
      name: e.name, executionArn: e.arn, stateMachineArn: e.machineArn, input: e.input,
      status: e.status, startDate: e.startedAt, stopDate: stoppedAt)
  }

  /// The children of Map Run `arn`, in item order.
  public func mapRunChildren(of arn: String) -> [RuntimeExecution] {
    executions.filter { $0.startedBy?.mapRun?.arn == arn }
  }
}
