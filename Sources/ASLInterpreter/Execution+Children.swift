import ASLExpressions
import ASLModel
import JSONCore

extension Execution {
  // MARK: Parallel

  mutating func runParallel(_ language: QueryLanguage, _ unit: Int, _ s: ParallelState)
    throws(ASLRuntimeError)
  {
    let raw = rawInput(of: unit)
    let input = try language.effectiveInput(&self, unit, s.common, raw: raw)
    let effective = try language.arguments(
      &self, unit, parameters: s.common.expressions.parameters, arguments: s.arguments,
      input: input, taskToken: nil)
    units[unit].visit?.effectiveInput = effective
    emit("ParallelStateStarted", unit: unit, .none)
    var group = ChildGroup(branches: s.branches.count)
    for (index, branch) in s.branches.enumerated() {
      let child = addUnit(
        ExecutionUnit(
          id: units.count, parentID: unit, kind: .branch(index: index), machine: branch,
          variables: units[unit].variables,
          phase: .ready(stateIndex: branch.stateIndex[branch.startAt] ?? 0, input: effective),
          visit: nil, group: nil, lastEventID: units[unit].lastEventID,
          recordsHistory: units[unit].recordsHistory,
          path: units[unit].path + "/\(s.common.name)[\(index)]"))
      group.started(child)
      enqueue(child)
    }
    units[unit].group = group
    units[unit].phase = .waitingChildren
    if s.branches.isEmpty {
      units[unit].phase = .resuming(.childrenSucceeded)
      enqueue(unit)
    }
  }

  mutating func finishParallel(_ language: QueryLanguage, _ unit: Int, _ s: ParallelState)
    throws(ASLRuntimeError)
  {
    let results = takeChildResults(unit)
    // AWS records no ParallelStateSucceeded event (see the recorded histories).
    try finishWithResult(
      language, unit, result: .array(results), common: s.common, resultPath: s.resultPath)
  }

  /// The shared tail of Task/Parallel/Map: the result through the state's exit fields.
  mutating func finishWithResult(
    _ language: QueryLanguage, _ unit: Int, result: JSONValue, common: StateCommon,
    resultPath: PathField
  ) throws(ASLRuntimeError) {
    let raw = rawInput(of: unit)
    trace(unit, "Result", result)
    try language.leave(
      &self, unit, common, result, .result(resultPath: resultPath), raw: raw,
      next: common.transition)
  }

  // MARK: Map

  mutating func runMap(_ language: QueryLanguage, _ unit: Int, _ s: MapState)
    throws(ASLRuntimeError)
  {
    let raw = rawInput(of: unit)
    let e = s.common.expressions
    let distributed = s.processorMode == .distributed
    let effective = try language.effectiveInput(&self, unit, s.common, raw: raw)
    units[unit].visit?.effectiveInput = effective
    var items: [JSONValue]
    if let reader = s.itemReader {
      items = try readItems(language, unit, s, reader: reader, input: effective)
    } else {
      items = try language.mapItems(&self, unit, s, input: effective)
    }
    let maxConcurrency =
      try mapInteger(
        unit, s.maxConcurrency, e.maxConcurrencyPath, name: "MaxConcurrency", input: effective) ?? 0
    emit("MapStateStarted", unit: unit, .mapStateStarted(length: items.count))
    var toleratedCount: Int? = nil
    var toleratedPercentage: Double? = nil
    if distributed {
      toleratedCount = try mapInteger(
        unit, s.toleratedFailureCount, e.toleratedFailureCountPath,
        name: "ToleratedFailureCount", input: effective)
      toleratedPercentage = try mapPercentage(unit, s, input: effective)
    }
    try language.selectItems(&self, unit, s, input: effective, &items)
    if distributed, let batcher = s.itemBatcher {
      items = try batch(
        items, batcher, unit: unit, input: effective, batchInput: e.batchInput, language: language)
    }
    var mapRun: MapRun? = nil
    if distributed {
      let label = s.label ?? s.common.name
      let arn =
        "arn:aws:states:\(options.region):\(options.accountID):mapRun:"
        + "\(options.stateMachineName)/\(label):\(MapRun.uuid(seed: options.seed, counter: units.count))"
      emit("MapRunStarted", unit: unit, .mapRunStarted(mapRunArn: arn))
      mapRun = MapRun(arn: arn, label: label, count: items.count)
    }
    let count = items.count
    units[unit].group = ChildGroup(
      iterations: items, distributed: distributed, maxConcurrency: maxConcurrency,
      toleratedFailureCount: toleratedCount, toleratedFailurePercentage: toleratedPercentage,
      processor: s.itemProcessor)
    units[unit].group?.mapRun = mapRun
    units[unit].phase = .waitingChildren
    if count == 0 {
      units[unit].phase = .resuming(.childrenSucceeded)
      enqueue(unit)
      return
    }
    startIterations(unit)
  }

  /// Starts Map iterations up to MaxConcurrency (0 = all).
  mutating func startIterations(_ unit: Int) {
    // Reads go through `read` and single fields: copying the unit or holding a copy of its group
    // while mutating it would copy whole arrays (quadratic for big maps).
    guard let name = visit(of: unit)?.name,
      let (processor, distributed) = read(
        unit,
        { u in
          u.group.flatMap { g in g.processor.map { ($0, g.kind == .distributedMap) } }
        })
    else { return }
    let (variables, lastEventID, records, parentPath) = read(unit) {
      ($0.variables, $0.lastEventID, $0.recordsHistory, $0.path)
    }
    if distributed, options.runsMapIterationsAsExecutions,
      let run = read(unit, { $0.group?.mapRun })
    {
      // Child executions (no variables of the parent, as on AWS): the runtime starts them.
      while let (index, input) = withGroup(unit, { $0.nextIteration() }) {
        withGroup(unit) { $0.startedOutside() }
        iterationRequests.append(
          IterationRequest(
            unit: unit, index: index, input: input, processor: processor, mapRunArn: run.arn,
            label: run.label, stateName: name))
      }
      return
    }
    while let (index, input) = withGroup(unit, { $0.nextIteration() }) {
      let child = addUnit(
        ExecutionUnit(
          id: units.count, parentID: unit, kind: .iteration(index: index),
          machine: processor, variables: variables,
          phase: .startingIteration(input: input), visit: nil, group: nil,
          lastEventID: lastEventID, recordsHistory: records && !distributed,
          path: parentPath + "/" + name + "[" + String(index) + "]"))
      withGroup(unit) { $0.started(child) }
      enqueue(child)
    }
  }

  mutating func finishMap(_ language: QueryLanguage, _ unit: Int, _ s: MapState)
    throws(ASLRuntimeError)
  {
    let mapRun = read(unit) { $0.group?.mapRun }
    let results = takeChildResults(unit)
    var result = JSONValue.array(results)
    if let mapRun, let writer = s.resultWriter {
      result = try writeResults(language, unit, writer, mapRun: mapRun, results: results)
    }
    // AWS chains MapRunSucceeded → MapStateSucceeded aside: MapStateExited follows the event
    // before them (MapRunStarted, or the last MapIterationSucceeded); until mid-2024 it followed
    // MapRunSucceeded (`MapRunEventChain`).
    var run: Int? = nil
    if s.processorMode == .distributed {
      run = emit(
        "MapRunSucceeded", unit: unit, .none,
        advancesChain: options.mapRunEventChain == .exitFollowsMapRunSucceeded)
    }
    emit("MapStateSucceeded", unit: unit, .none, after: run, advancesChain: false)
    try finishWithResult(
      language, unit, result: result, common: s.common, resultPath: s.resultPath)
  }

  // MARK: Children

  /// Changes the child group of `unit` (a unit waiting on children has one) in place.
  @inline(__always)
  mutating func withGroup<T>(_ unit: Int, _ body: (inout ChildGroup) -> T) -> T {
    body(&units[unit].group!)
  }

  /// The results of `unit`'s children, in order; the group is done with.
  mutating func takeChildResults(_ unit: Int) -> [JSONValue] {
    let results = units[unit].group?.results ?? []
    units[unit].group = nil
    return results
  }

  /// A child (branch or iteration) ended: record its result, start the next iteration, and
  /// resume the parent when all are done or one failed.
  mutating func childFinished(_ child: Int) {
    guard let parent = read(child, { $0.parentID }), let kind = read(parent, { $0.group?.kind })
    else { return }
    let index: Int
    switch read(child, { $0.kind }) {
    case .branch(let i), .iteration(let i): index = i
    case .root: return
    }
    let phase = phase(of: child)
    // AWS chains what the parent writes next (the next iteration's MapIterationStarted, a
    // retry's …StateStarted, …StateFailed) to the child's last state event; only after a
    // MapIterationSucceeded does the parent's own chain (MapStateSucceeded/Exited) follow it.
    let lastInside = read(child) { $0.lastEventID }
    var iterationSucceeded = 0
    if kind == .inlineMap {
      let mapName = visit(of: parent)?.name ?? ""
      let iteration = HistoryEventDetails.mapIteration(name: mapName, index: index)
      switch phase {
      case .succeeded: iterationSucceeded = emit("MapIterationSucceeded", unit: child, iteration)
      case .failed: emit("MapIterationFailed", unit: child, iteration)
      default: break
      }
    }
    units[parent].lastEventID = lastInside
    if kind == .distributedMap { recordUnitIteration(parent, index: index, phase: phase) }
    iterationEnded(parent, index: index, phase: phase, succeededEvent: iterationSucceeded)
  }

  /// An iteration of `parent`'s Map (or a branch of its Parallel) ended in `phase`
  /// (`succeededEvent`: its MapIterationSucceeded, which the parent's chain then follows).
  mutating func iterationEnded(_ parent: Int, index: Int, phase: UnitPhase, succeededEvent: Int = 0) {
    switch withGroup(parent, { $0.childEnded(index, phase) }) {
    case .failed(let error, let cause):
      abortChildren(of: parent)
      units[parent].phase = .resuming(.childrenFailed(error: error, cause: cause))
      enqueue(parent)
    case .carryOn:
      startIterations(parent)
      if succeededEvent > 0 { units[parent].lastEventID = succeededEvent }
      if read(parent, { $0.group?.isComplete ?? false }) {
        units[parent].phase = .resuming(.childrenSucceeded)
        enqueue(parent)
      }
    }
  }

  /// Aborts every still-running child of `unit` and forgets those not started.
  mutating func abortChildren(of unit: Int) {
    guard let children = read(unit, { $0.group?.childIDs }) else { return }
    for child in children where !units[child].isFinished { abortUnit(child) }
    withGroup(unit) { $0.abandonUnstarted() }
  }

  // MARK: Map numeric fields

  /// The integer a JSONata field (MaxConcurrency, TimeoutSeconds, …) evaluates to, at least
  /// `minimum` (0 or 1).
  mutating func jsonataInteger(
    _ unit: Int, _ text: String, field name: String, input: JSONValue, minimum: Int
  ) throws(ASLRuntimeError) -> Int {
    let n = try jsonataNumber(unit, text, field: name, input: input)
    guard let i = n.intValue, i >= minimum else {
      throw ASLRuntimeError(
        error: "States.QueryEvaluationError",
        cause: "The \(name) field must be a \(minimum > 0 ? "positive" : "non-negative") integer, "
          + "but was \(n.text)", location: name)
    }
    return i
  }

  /// MaxConcurrency / ToleratedFailureCount: literal or `…Path` (strings holding an integer are
  /// accepted, as AWS does).
  mutating func mapInteger(
    _ unit: Int, _ field: MapNumberField?, _ compiled: CompiledPath?,
    name: String, input: JSONValue
  ) throws(ASLRuntimeError) -> Int? {
    switch field {
    case nil: return nil
    case .value(let n)?: return n.intValue
    case .jsonata(let text)?:
      return try jsonataInteger(unit, text, field: name, input: input, minimum: 0)
    case .path(let text)?:
      guard let compiled else { return nil }
      let value = try pathValue(unit, compiled, field: name + "Path", input: input)
      var parsed: Int? = nil
      switch value {
      case .number(let n) where n.isIntegerLiteral: parsed = n.intValue
      case .string(let s): parsed = Int(s)
      default: parsed = nil
      }
      guard let parsed, parsed >= 0 else {
        throw ASLRuntimeError(
          error: "States.Runtime",
          cause: "The \(name)Path field refers to value \"\(value.textValue)\" which is not a "
            + "valid integer: \(text)")
      }
      return parsed
    }
  }

  /// ToleratedFailurePercentage (literal or path), checked to be within 0…100.
  mutating func mapPercentage(_ unit: Int, _ s: MapState, input: JSONValue)
    throws(ASLRuntimeError) -> Double?
  {
    var percentage: Double? = nil
    switch s.toleratedFailurePercentage {
    case nil: return nil
    case .value(let n)?: percentage = n.doubleValue
    case .jsonata(let text)?:
      percentage = try jsonataNumber(unit, text, field: "ToleratedFailurePercentage", input: input)
        .doubleValue
    case .path(let text)?:
      guard let compiled = s.common.expressions.toleratedFailurePercentagePath else { return nil }
      let value = try pathValue(
        unit, compiled, field: "ToleratedFailurePercentagePath", input: input)
      switch value {
      case .number(let n): percentage = n.doubleValue
      case .string(let str): percentage = Double(str)
      default: percentage = nil
      }
      guard percentage != nil else {
        throw ASLRuntimeError(
          error: "States.Runtime",
          cause: "The ToleratedFailurePercentagePath field refers to value \""
            + "\(value.textValue)\" which is not a valid float: \(text)")
      }
    }
    if let p = percentage, p < 0 || p > 100 {
      throw ASLRuntimeError(
        error: "States.Runtime", cause: "ToleratedFailurePercentage must be between 0 and 100.")
    }
    return percentage
  }

  /// Groups items into `{"Items": [...]}` batches (plus `BatchInput`), per ItemBatcher.
  mutating func batch(
    _ items: [JSONValue], _ batcher: ItemBatcher, unit: Int, input: JSONValue,
    batchInput compiledBatchInput: CompiledTemplate?, language: QueryLanguage = .jsonPath
  ) throws(ASLRuntimeError) -> [JSONValue] {
    /// A batch limit: a number, its `…Path` (JSONPath) or a JSONata expression; 0 or less: none.
    func limit(_ field: MapNumberField?, _ name: String) throws(ASLRuntimeError) -> Int {
      var n: Int? = nil
      switch field {
      case nil: break
      case .value(let v)?: n = v.intValue
      case .path(let text)?:
        n = try PathExpression.resolve(text, field: name + "Path", scope: scope(unit, input: input))
          .intValue
      case .jsonata(let text)?:
        n = try jsonataInteger(unit, text, field: name, input: input, minimum: 0)
      }
      guard let n, n > 0 else { return Int.max }
      return n
    }
    let maxItems = try limit(batcher.maxItemsPerBatch, "MaxItemsPerBatch")
    let maxBytes = try limit(batcher.maxInputBytesPerBatch, "MaxInputBytesPerBatch")
    var batchInput: JSONValue? = nil
    if language == .jsonata, let template = batcher.batchInput {
      batchInput = try jsonata(
        unit, template, field: "BatchInput", states: statesObject(unit, input: input))
    } else if let compiled = compiledBatchInput {
      batchInput = try compiled.get().evaluate(scope: scope(unit, input: input), random: &random)
    }
    var batches: [JSONValue] = []
    var current: [JSONValue] = []
    var currentBytes = 0
    func flush() {
      guard !current.isEmpty else { return }
      var o = JSONObject()
      if let batchInput { o["BatchInput"] = batchInput }
      o["Items"] = .array(current)
      batches.append(.object(o))
      current = []
      currentBytes = 0
    }
    for item in items {
      let size = maxBytes == Int.max ? 0 : item.compactString.utf8.count
      if !current.isEmpty, current.count >= maxItems || currentBytes + size > maxBytes { flush() }
      current.append(item)
      currentBytes += size
    }
    flush()
    return batches
  }
}
