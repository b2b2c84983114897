import Foundation
import ASLExpressions
import ASLInterpreter
import ASLRuntime
import JSONCore

extension Session {
  /// `executions`: one line per execution, children indented under their parent.
  public var executionLines: [String] {
    executionTree.map { entry, depth in
      let indent = String(repeating: "  ", count: depth)
      switch entry {
      case .mapRun(let run):
        return " \(indent)map run \(run.name) \(run.status) (\(run.countsText))  ← from \(runtime.executions[run.parent].label) '\(run.stateName)'"
      case .execution(let e):
        let link = e.startedBy.map { $0.mapRun != nil ? "" : "  ← \($0.patternName) from \(runtime.executions[$0.parent].label) '\($0.stateName)'" } ?? ""
        let marker = e.id == focus ? "*" : " "
        return "\(marker)\(indent)\(e.label) \(e.name) \(e.status.name)\(link)"
      }
    }
  }

  /// `pending`: numbered tokens and hand-resolved tasks.
  public var pendingLines: [String] {
    let items = runtime.pending
    if items.isEmpty { return ["nothing is pending"] }
    return items.enumerated().map { i, item in
      let e = runtime.executions[item.executionID]
      let kind = (item.isActivity ? "activity task waiting for an activity worker, " : "")
        + (item.token.map { "token \(RuntimeError.abbreviate($0))" } ?? "task (by hand)")
      let age = Double(runtime.now.milliseconds - item.request.scheduledAt.milliseconds) / 1000
      var deadlines: [String] = []
      if let t = item.request.timeoutAt { deadlines.append("times out at \(clockText(t))") }
      if let h = item.request.heartbeatAt { deadlines.append("heartbeat due \(clockText(h))") }
      let child = item.childExecutionID.map { " → child \(runtime.executions[$0].label)" } ?? ""
      return "\(i + 1). \(kind) \(e.label) '\(item.stateName)' \(item.resource)\(child) age \(age)s"
        + (deadlines.isEmpty ? "" : " " + deadlines.joined(separator: ", "))
    }
  }

  /// The virtual clock as the debugger shows it everywhere (status line, messages, deadlines):
  /// the time since the main execution started, `HH:MM:SS.mmm`. JSON data keeps AWS's ISO 8601
  /// timestamps (`$$.Execution.StartTime`, history events, `sfdbg run --json`).
  public var clock: String { clockText(runtime.now) }

  /// An instant of the virtual clock as `clock` writes it.
  public func clockText(_ instant: VirtualInstant) -> String {
    // A serving session has no execution until a client starts one.
    let origin = runtime.executions.isEmpty ? instant : mainExecution.startedAt
    let ms = max(0, instant.milliseconds - origin.milliseconds)
    func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let fraction = String(ms % 1000)
    return "\(two(ms / 3_600_000)):\(two(ms / 60_000 % 60)):\(two(ms / 1000 % 60))."
      + String(repeating: "0", count: 3 - fraction.count) + fraction
  }

  /// Final lines after a run: each execution's status.
  var summaryLines: [String] {
    runtime.executions.map { e in
      switch e.status {
      case .succeeded(let output): return "\(e.label) SUCCEEDED: \(output.compactString)"
      case .failed(let err, let cause): return "\(e.label) FAILED: \(err ?? "") \(cause ?? "")"
      default: return "\(e.label) \(e.status.name)"
      }
    }
  }

  public var breakpointSummary: String {
    var parts = breakpoints.states.map { Breakpoints.describe($0.name, $0.condition) }
    if breakpoints.onAnyError { parts.append("every error") }
    parts.append(contentsOf: breakpoints.onErrors)
    return parts.isEmpty ? "none" : parts.joined(separator: ", ")
  }

  /// The data the focused execution's current state sees: its input, variables and context.
  public var focusedScope: EvaluationScope {
    let e = focusedExecution
    let exec = e.execution
    var input = e.input
    var variables: [String: JSONValue] = [:]
    var stateName = ""
    var entered = exec.now
    var retryCount = 0
    if let current = exec.currentStates.first, current.unitID < exec.units.count {
      let unit = exec.units[current.unitID]
      variables = unit.variables
      stateName = current.stateName
      if let visit = unit.visit {
        input = visit.rawInput
        entered = visit.enteredTime
        retryCount = visit.retryCount
      } else if case .ready(_, let i) = unit.phase {
        input = i
      } else if case .startingIteration(let i) = unit.phase {
        input = i
      }
    } else if case .succeeded(let output) = e.status {
      input = output
    }
    let context: JSONValue = [
      "Execution": [
        "Id": .string(e.arn), "Input": e.input, "Name": .string(e.name),
        "RoleArn": .string(exec.options.roleArn), "StartTime": .string(e.startedAt.iso8601),
      ],
      "State": ["EnteredTime": .string(entered.iso8601), "Name": .string(stateName), "RetryCount": .int(retryCount)],
      "StateMachine": ["Id": .string(e.machineArn), "Name": .string(e.machineName)],
    ]
    return EvaluationScope(input: input, context: context, variables: variables)
  }

  mutating func printPath(_ path: String, _ out: inout CommandOutcome) {
    do throws(ASLRuntimeError) {
      let scope = focusedScope
      let text = path.trimmingCharacters(in: .whitespaces)
      if CompiledJSONataTemplate.expressionText(text) != nil {
        // `print {% … %}`: JSONata as a JSONata state evaluates it ($states.input, $states.context,
        // the variables); a throwaway random source, so printing changes nothing.
        var random = SeededRandom(seed: configuration.seed)
        let states: JSONValue = ["input": scope.input, "context": scope.context]
        out.output = .value(
          try CompiledJSONataTemplate(.string(text)).evaluate(
            states: states, variables: scope.variables, field: "print", random: &random,
            nowMillis: focusedExecution.execution.now.milliseconds))
        return
      }
      let value = try PathExpression.resolve(path, field: "print", scope: scope)
      out.output = .value(value)
    } catch {
      fail(&out, "\(error.error): \(error.cause)")
    }
  }

  /// The result of the session as `sfdbg run --json` prints it.
  public var resultJSON: JSONValue {
    let main = mainExecution
    var o = JSONObject()
    o["status"] = .string(main.status.name)
    switch main.status {
    case .succeeded(let output): o["output"] = output
    case .failed(let error, let cause), .timedOut(let error, let cause), .aborted(let error, let cause):
      if let error { o["error"] = .string(error) }
      if let cause { o["cause"] = .string(cause) }
    case .running: break
    }
    o["execution"] = .string(main.arn)
    o["executions"] = .array(runtime.executions.map { e in
      var x = JSONObject()
      x["id"] = .string("#\(e.id + 1)")
      x["name"] = .string(e.name)
      x["arn"] = .string(e.arn)
      x["stateMachine"] = .string(e.machineName)
      x["status"] = .string(e.status.name)
      if let link = e.startedBy {
        x["parent"] = .string(runtime.executions[link.parent].arn)
        x["startedBy"] = .string(link.stateName)
        x["pattern"] = .string(link.patternName)
        if let run = link.mapRun {
          x["mapRunArn"] = .string(run.arn)
          x["itemIndex"] = .int(run.index)
        }
      }
      if case .succeeded(let output) = e.status { x["output"] = output }
      if case .failed(let err, let cause) = e.status {
        if let err { x["error"] = .string(err) }
        if let cause { x["cause"] = .string(cause) }
      }
      if e.isRunning {
        let waits = runtime.pending.filter { $0.executionID == e.id }.map(\.stateName)
        if !waits.isEmpty { x["waitingOn"] = .array(waits.map { .string($0) }) }
      }
      return .object(x)
    })
    let pend = runtime.pending
    if !pend.isEmpty {
      o["pending"] = .array(pend.enumerated().map { i, item in
        var x = JSONObject()
        x["index"] = .int(i + 1)
        x["kind"] = .string(item.token == nil ? "task" : "token")
        if let t = item.token { x["token"] = .string(t) }
        x["execution"] = .string(runtime.executions[item.executionID].arn)
        x["state"] = .string(item.stateName)
        x["resource"] = .string(item.resource)
        x["createdAt"] = .string(item.request.scheduledAt.iso8601)
        if let t = item.request.timeoutAt { x["timeoutAt"] = .string(t.iso8601) }
        if let h = item.request.heartbeatAt { x["heartbeatAt"] = .string(h.iso8601) }
        if let c = item.childExecutionID { x["childExecution"] = .string(runtime.executions[c].arn) }
        return .object(x)
      })
    }
    return .object(o)
  }
}
