import ASLExpressions
import ASLModel
import JSONCore

extension Execution {
  /// Runs one transition of `unit` (it must be runnable).
  mutating func stepUnit(_ unit: Int) {
    // Moved out (not copied): every runnable phase is replaced while the unit runs.
    var current = UnitPhase.waitingChildren
    swap(&current, &units[unit].phase)
    switch current {
    case .ready(let index, let input):
      enterState(unit, index: index, input: input)
    case .startingIteration(let input):
      if case .iteration(let index) = read(unit, { $0.kind }),
        let parent = read(unit, { $0.parentID }),
        let mapName = units.withUnsafeBufferPointer({ $0[parent].visit?.common.name })
      {
        emit("MapIterationStarted", unit: unit, .mapIteration(name: mapName, index: index))
      }
      let start = read(unit) { $0.machine.stateIndex[$0.machine.startAt] ?? 0 }
      enterState(unit, index: start, input: input)
    case .resuming(let resumption):
      resume(unit, resumption)  // the phase is `.waitingChildren` meanwhile
    default:
      swap(&current, &units[unit].phase)
    }
    finishIfHistoryLimitReached()
  }

  /// Enters state `index` of `unit`'s machine: `…StateEntered`, then the state's work.
  mutating func enterState(_ unit: Int, index: Int, input: consuming JSONValue) {
    let state = state(index, of: unit)
    let common = state.common
    transitionCount += 1
    let entered = emit(
      common.enteredEventType, unit: unit, .stateEntered(name: common.name, input: copy input))
    if options.recordTraces {
      var trace = StateTrace(
        unitID: unit, stateName: common.name, stateType: common.type, enteredEventID: entered)
      trace.stages.append(DataFlowStage(name: "Input", value: copy input))
      openTraces[unit] = trace
    }
    units[unit].visit = StateVisit(
      stateIndex: index, common: common, enteredEventID: entered, enteredTime: now,
      // effectiveInput is set by the states that read it back later (Wait, Task, Parallel, Map).
      rawInput: input, effectiveInput: .null, retryAttempts: [], retryCount: 0)
    units[unit].phase = .waitingChildren  // replaced by the state's own work below
    runStateBody(common.queryLanguage, unit, state)
  }

  /// Runs the work of `state`; a runtime error goes to the state's Retry and Catch (with AWS's
  /// cause prefix).
  mutating func runStateBody(_ language: QueryLanguage, _ unit: Int, _ state: State) {
    do throws(ASLRuntimeError) {
      switch state {
      case .pass(let s): try runPass(language, unit, s)
      case .succeed(let s): try runSucceed(language, unit, s)
      case .fail(let s): try runFail(language, unit, s)
      case .choice(let s): try runChoice(language, unit, s)
      case .wait(let s): try runWait(language, unit, s)
      case .task(let s): try runTask(language, unit, s)
      case .parallel(let s): try runParallel(language, unit, s)
      case .map(let s): try runMap(language, unit, s)
      }
    } catch {
      stateFailed(unit, error, prefixed: true)
    }
  }

  /// Continues the state of `unit` after a timer, task result or its children.
  mutating func resume(_ unit: Int, _ resumption: Resumption) {
    guard let index = units.withUnsafeBufferPointer({ $0[unit].visit?.stateIndex }) else { return }
    let state = state(index, of: unit)
    resume(state.common.queryLanguage, unit, state, resumption)
  }

  mutating func resume(
    _ language: QueryLanguage, _ unit: Int, _ state: State, _ resumption: Resumption
  ) {
    do throws(ASLRuntimeError) {
      switch (resumption, state) {
      case (.retry, _):
        runStateBody(language, unit, state)
      case (.errorRaised, _):
        if let raised = raisedErrors.removeValue(forKey: unit) { handle(raised, of: unit) }
      case (.waitElapsed, .wait(let s)):
        try finishWait(language, unit, s)
      case (.taskCompleted(let outcome), .task(let s)):
        try finishTask(language, unit, s, outcome)
      case (.childrenSucceeded, .parallel(let s)):
        try finishParallel(language, unit, s)
      case (.childrenSucceeded, .map(let s)):
        try finishMap(language, unit, s)
      case (.childrenFailed(let error, let cause), _):
        if case .map(let s) = state, s.processorMode == .distributed {
          // The results so far are exported even when the run fails.
          if let writer = s.resultWriter, let run = read(unit, { $0.group?.mapRun }) {
            let (results, pending) = read(unit) { ($0.group?.results ?? [], $0.group?.pendingInputs ?? []) }
            _ = try? writeResults(language, unit, writer, mapRun: run, results: results, pendingInputs: pending)
          }
          emit("MapRunFailed", unit: unit, .failure(error: error, cause: cause))
        }
        stateFailed(
          unit, ASLRuntimeError(error: error, cause: cause ?? ""), prefixed: false,
          causeMissing: cause == nil, fromChildren: true)
      default:
        break
      }
    } catch {
      stateFailed(unit, error, prefixed: true)
    }
  }

  // MARK: Leaving states

  /// Leaves the current state with `output`: `…StateExited`, variables assigned, then the
  /// transition (or the end of the unit).
  mutating func exitState(
    _ unit: Int, output: consuming JSONValue, next: Transition?, assigned: [(String, JSONValue)]
  ) {
    guard let stateIndex = units.withUnsafeBufferPointer({ $0[unit].visit?.stateIndex }),
      let common = units.withUnsafeBufferPointer({ $0[unit].visit?.common })
    else { return }
    if PayloadSize.exceeds(output, limit: options.payloadLimitBytes) {
      stateFailed(
        unit,
        ASLRuntimeError(
          error: "States.DataLimitExceeded",
          cause: "The state/task '\(common.name)' returned a result with a size exceeding the "
            + "maximum number of bytes service limit."),
        prefixed: false)
      return
    }
    if !assigned.isEmpty, let problem = variableLimitError(unit, assigned, state: common.name) {
      stateFailed(unit, problem, prefixed: false)
      return
    }
    emit(
      common.exitedEventType, unit: unit,
      .stateExited(name: common.name, output: output, assignedVariables: assigned))
    for (name, value) in assigned { units[unit].variables[name] = value }
    if options.recordTraces, var trace = openTraces.removeValue(forKey: unit) {
      trace.assigned = assigned
      trace.nextState = next?.nextStateName
      traces.append(trace)
    }
    units[unit].visit = nil
    switch next {
    case .next(let name)?:
      let resolved =
        next == common.transition
        ? units.withUnsafeBufferPointer { $0[unit].machine.nextIndex[stateIndex] }
        : units.withUnsafeBufferPointer { $0[unit].machine.stateIndex[name] }
      guard let index = resolved else {
        unitFailed(unit, error: "States.Runtime", cause: "Missing state '\(name)'.")
        return
      }
      units[unit].phase = .ready(stateIndex: index, input: output)
      enqueue(unit)
    case .end?, nil:
      unitSucceeded(unit, output: output)
    }
  }

  /// The unit completed successfully (End, Succeed).
  mutating func unitSucceeded(_ unit: Int, output: JSONValue) {
    units[unit].visit = nil
    units[unit].phase = .succeeded(output: output)
    if unit == 0 {
      emit("ExecutionSucceeded", unit: 0, .executionSucceeded(output: output), terminal: true)
      status = .succeeded(output: output)
      pendingTasks.removeAll()
      timers.removeAll()
    } else {
      childFinished(unit)
    }
  }

  /// The unit failed with an error nothing caught (or a Fail state, whose Error may be absent).
  mutating func unitFailed(_ unit: Int, error: String?, cause: String?) {
    if options.recordTraces, var trace = openTraces.removeValue(forKey: unit) {
      trace.failure = (error ?? "", cause)
      traces.append(trace)
    }
    units[unit].visit = nil
    units[unit].phase = .failed(error: error ?? "", cause: cause)
    if unit == 0 {
      failExecution(error: error, cause: cause)
    } else {
      childFinished(unit)
    }
  }

  /// Aborts `unit` and everything under it (a sibling failed, or the parent was stopped).
  mutating func abortUnit(_ unit: Int) {
    guard !units[unit].isFinished else { return }
    if let group = units[unit].group {
      for child in group.childIDs { abortUnit(child) }
    }
    if let visit = units[unit].visit {
      let type = visit.type
      if type == "Task" || type == "Wait" || type == "Map" || type == "Parallel" {
        emit(type + "StateAborted", unit: unit, .none)
      }
    }
    if case .iteration(let index) = units[unit].kind, let parent = units[unit].parentID,
      let mapName = visit(of: parent)?.name
    {
      emit("MapIterationAborted", unit: unit, .mapIteration(name: mapName, index: index))
    }
    pendingTasks.removeAll { $0.unitID == unit }
    openTraces[unit] = nil
    units[unit].visit = nil
    units[unit].phase = .aborted
  }

  // MARK: Expression helpers

  /// The prefix AWS puts before runtime causes.
  func causePrefix(_ unit: Int) -> String {
    guard let visit = visit(of: unit) else { return "" }
    return "An error occurred while executing the state '\(visit.name)' (entered at the event id "
      + "#\(visit.enteredEventID)). "
  }

  /// The context object as the state of `unit` sees it.
  func contextObject(
    _ unit: Int, mapItem: (index: Int, value: JSONValue)? = nil, taskToken: String? = nil
  ) -> JSONValue {
    guard let visit = visit(of: unit) else { return .null }
    var stateObject = JSONObject([
      ("Name", .string(visit.name)), ("EnteredTime", .string(visit.enteredTime.iso8601)),
    ])
    let type = visit.type
    if type == "Task" || type == "Map" || type == "Parallel" {
      stateObject["RetryCount"] = .int(visit.retryCount)
    }
    var o = JSONObject([
      ("Execution", executionContext), ("StateMachine", stateMachineContext),
      ("State", .object(stateObject)),
    ])
    if let taskToken { o["Task"] = .object(JSONObject([("Token", .string(taskToken))])) }
    if let mapItem {
      o["Map"] = .object(
        JSONObject([
          ("Item", .object(JSONObject([("Index", .int(mapItem.index)), ("Value", mapItem.value)])))
        ]))
    }
    return .object(o)
  }

  /// An evaluation scope for the state of `unit` reading `input`.
  func scope(
    _ unit: Int, input: consuming JSONValue, mapItem: (index: Int, value: JSONValue)? = nil,
    taskToken: String? = nil
  ) -> EvaluationScope {
    let readsContext = units.withUnsafeBufferPointer { $0[unit].visit?.common.readsContext } ?? true
    let context: JSONValue =
      readsContext ? contextObject(unit, mapItem: mapItem, taskToken: taskToken) : .null
    return EvaluationScope(input: input, context: context, variables: variables(of: unit))
  }

  /// Applies InputPath/OutputPath: absent → unchanged, null → `{}`, else the path's value.
  mutating func applyPath(
    _ unit: Int, _ field: PathField, _ compiled: CompiledPath?,
    to value: JSONValue, name: String
  ) throws(ASLRuntimeError) -> JSONValue {
    switch field {
    case .absent: return value
    case .null: return .object(JSONObject())
    case .path(let text):
      if text == "$" { return value }
      guard let compiled else { return value }
      let expression = try compiled.get()
      do {
        return try expression.evaluate(
          field: name, scope: scope(unit, input: value), random: &random)
      } catch {
        if name == "OutputPath" || name == "InputPath" {
          throw ASLRuntimeError(
            error: "States.Runtime",
            cause: "Invalid path '\(text)' : No results for path: \(bracketed(text))")
        }
        throw error
      }
    }
  }

  /// `$.a.b` → `$['a']['b']`, as AWS prints paths in "No results for path" causes.
  func bracketed(_ path: String) -> String {
    // Parsed, `$['a']` stays as written (splitting the text made it `$[''a']']`).
    if let parsed = try? JSONPath(path) { return parsed.normalizedText }
    guard path.hasPrefix("$.") || path.hasPrefix("$[") else { return path }
    var out = "$"
    for part in path.dropFirst(2).split(separator: ".", omittingEmptySubsequences: false) {
      if let bracket = part.firstIndex(of: "[") {
        out += "['\(part[..<bracket])']" + part[bracket...]
      } else {
        out += "['\(part)']"
      }
    }
    return out
  }

  /// Applies ResultPath: absent → result, null → raw input, else the result merged in.
  func applyResultPath(
    _ field: PathField, _ compiled: CompiledReferencePath?, result: consuming JSONValue,
    rawInput: consuming JSONValue
  ) throws(ASLRuntimeError) -> JSONValue {
    switch field {
    case .absent: return result
    case .null: return rawInput
    case .path(let text):
      if text == "$" { return result }
      guard let compiled else { return result }
      var target = rawInput
      try ReferencePath.set(result, at: try compiled.get(), into: &target)
      return target
    }
  }

  /// AWS's variable quotas, checked before `assigned` is stored: 256 KiB a variable, 256 KiB for
  /// one Assign, 10 MiB for all variables of the execution.
  func variableLimitError(_ unit: Int, _ assigned: [(String, JSONValue)], state: String)
    -> ASLRuntimeError?
  {
    let limit = EvaluationBudget.payloadBytes
    func exceeded(_ what: String) -> ASLRuntimeError {
      ASLRuntimeError(error: "States.DataLimitExceeded", cause: "The state '\(state)' \(what).")
    }
    for (name, value) in assigned where PayloadSize.exceeds(value, limit: limit) {
      return exceeded(
        "assigned the variable '\(name)' a value exceeding the maximum size of \(limit) bytes"
          + " (256 KiB per variable)")
    }
    if assigned.count > 1, PayloadSize.exceeds(.object(JSONObject(assigned)), limit: limit) {
      return exceeded(
        "assigned variables whose combined size exceeds the maximum of \(limit) bytes"
          + " (256 KiB per Assign)")
    }
    // Each variable fits in 256 KiB, so only more than 40 of them can pass 10 MiB.
    let total = EvaluationBudget.variablesBytes
    var variables = units[unit].variables
    guard variables.count + assigned.count > total / limit else { return nil }
    for (name, value) in assigned { variables[name] = value }
    guard PayloadSize.exceeds(.object(JSONObject(variables.map { ($0.key, $0.value) })), limit: total)
    else { return nil }
    return exceeded(
      "assigned variables that bring the execution's variables past the maximum total size of"
        + " \(total) bytes (10 MiB)")
  }

  /// Evaluates an `Assign` block (JSONPath) with `$` = `value`.
  mutating func evaluateAssign(
    _ unit: Int, _ compiled: CompiledTemplate?, value: JSONValue
  ) throws(ASLRuntimeError) -> [(String, JSONValue)] {
    guard let compiled else { return [] }
    let template = try compiled.get()
    let result = try template.evaluate(scope: scope(unit, input: value), random: &random)
    guard case .object(let o) = result else { return [] }
    return o.storage.map { ($0.key, $0.value) }
  }

  mutating func trace(_ unit: Int, _ stage: String, _ value: JSONValue) {
    guard options.recordTraces else { return }
    openTraces[unit]?.stages.append(DataFlowStage(name: stage, value: value))
  }
}
