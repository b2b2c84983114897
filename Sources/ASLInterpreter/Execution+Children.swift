import ASLExpressions
import ASLModel
import JSONCore

extension Execution {
  // MARK: Parallel

  mutating func runParallel(_ unit: Int, _ s: ParallelState) {
    let raw = rawInput(of: unit)
    let e = s.common.expressions
    do throws(ASLRuntimeError) {
      var effective: JSONValue
      if s.common.queryLanguage == .jsonata {
        effective = try jsonataArguments(unit, s.arguments, input: raw)
        trace(unit, "Arguments", effective)
      } else {
        effective = try applyPath(unit, s.common.inputPath, e.inputPath, to: raw, name: "InputPath")
        trace(unit, "InputPath", effective)
        if let parameters = e.parameters {
          effective = try parameters.get().evaluate(scope: scope(unit, input: effective), random: &random)
          trace(unit, "Parameters", effective)
        }
      }
      units[unit].visit?.effectiveInput = effective
      emit("ParallelStateStarted", unit: unit, .none)
      var group = ChildGroup(
        kind: .parallel, pendingInputs: [], nextToStart: s.branches.count, total: s.branches.count,
        childIDs: [], results: Array(repeating: .null, count: s.branches.count), running: 0,
        succeeded: 0, failed: 0, maxConcurrency: 0)
      for (index, branch) in s.branches.enumerated() {
        let child = addUnit(
          ExecutionUnit(
            id: units.count, parentID: unit, kind: .branch(index: index), machine: branch,
            variables: units[unit].variables,
            phase: .ready(stateIndex: branch.stateIndex[branch.startAt] ?? 0, input: effective),
            visit: nil, group: nil, lastEventID: units[unit].lastEventID,
            recordsHistory: units[unit].recordsHistory,
            path: units[unit].path + "/\(s.common.name)[\(index)]"))
        group.childIDs.append(child)
        group.running += 1
        enqueue(child)
      }
      units[unit].group = group
      units[unit].phase = .waitingChildren
      if s.branches.isEmpty {
        units[unit].phase = .resuming(.childrenSucceeded)
        enqueue(unit)
      }
    } catch {
      stateFailed(unit, error, prefixed: true)
    }
  }

  mutating func finishParallel(_ unit: Int, _ s: ParallelState) {
    let visit = visit(of: unit)!
    let results = units[unit].group?.results ?? []
    units[unit].group = nil
    // AWS records no ParallelStateSucceeded event (see the recorded histories).
    finishWithResult(
      unit, result: .array(results), resultSelector: s.common.expressions.resultSelector,
      resultPath: s.resultPath, common: s.common, rawInput: visit.rawInput)
  }

  /// The shared tail of Task/Parallel/Map: ResultSelector, Assign, ResultPath, OutputPath, exit.
  mutating func finishWithResult(
    _ unit: Int, result: JSONValue, resultSelector: CompiledTemplate?,
    resultPath: PathField, common: StateCommon, rawInput: JSONValue
  ) {
    if common.queryLanguage == .jsonata {
      return finishWithResultJSONata(unit, result: result, common: common)
    }
    let e = common.expressions
    trace(unit, "Result", result)
    do throws(ASLRuntimeError) {
      var selected = result
      if let resultSelector {
        selected = try resultSelector.get().evaluate(scope: scope(unit, input: result), random: &random)
        trace(unit, "ResultSelector", selected)
      }
      let assigned = try evaluateAssign(unit, e.assign, value: selected)
      let merged = try applyResultPath(resultPath, e.resultPath, result: selected, rawInput: rawInput)
      trace(unit, "ResultPath", merged)
      let output = try applyPath(unit, common.outputPath, e.outputPath, to: merged, name: "OutputPath")
      trace(unit, "OutputPath", output)
      exitState(unit, output: output, next: common.transition, assigned: assigned)
    } catch {
      stateFailed(unit, error, prefixed: true)
    }
  }

  // MARK: Map

  mutating func runMap(_ unit: Int, _ s: MapState) {
    let raw = rawInput(of: unit)
    let e = s.common.expressions
    let distributed = s.processorMode == .distributed
    do throws(ASLRuntimeError) {
      let jsonataMode = s.common.queryLanguage == .jsonata
      let effective =
        jsonataMode
        ? raw : try applyPath(unit, s.common.inputPath, e.inputPath, to: raw, name: "InputPath")
      trace(unit, "InputPath", effective)
      units[unit].visit?.effectiveInput = effective
      if s.itemReader != nil {
        throw ASLRuntimeError(
          error: "States.Runtime",
          cause: "ItemReader (S3) is not supported by this interpreter; use ItemsPath.")
      }
      var items: [JSONValue]
      if jsonataMode {
        items = try jsonataItems(unit, s, input: effective)
      } else {
        var itemsValue = effective
        if case .path(let text) = s.itemsPath, text != "$", let path = e.itemsPath {
          itemsValue = try path.get().evaluate(
            field: "ItemsPath", scope: scope(unit, input: effective), random: &random)
        }
        guard case .array(let array) = itemsValue else {
          throw ASLRuntimeError(
            error: "States.Runtime",
            cause: "Map state input must be an array, but ItemsPath resolved to "
              + "\(itemsValue.typeName) \(itemsValue.compactString)")
        }
        items = array
      }
      let maxConcurrency = try mapInteger(
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
      // Item inputs: ItemSelector (or legacy Parameters) per item, with $$.Map.Item.
      if jsonataMode, let selector = s.itemSelector {
        for index in items.indices {
          let states = statesObject(unit, input: effective, mapItem: (index, items[index]))
          items[index] = try jsonata(
            unit, selector, field: "ItemSelector", states: states, stateField: true)
        }
      } else if let selector = e.parameters {
        let template = try selector.get()
        for index in items.indices {
          let itemScope = scope(unit, input: effective, mapItem: (index, items[index]))
          items[index] = try template.evaluate(scope: itemScope, random: &random)
        }
      }
      if distributed, let batcher = s.itemBatcher {
        items = try batch(items, batcher, unit: unit, input: effective)
      }
      var mapRunArn: String? = nil
      if distributed {
        let arn =
          "arn:aws:states:\(options.region):\(options.accountID):mapRun:"
          + "\(options.stateMachineName)/\(s.label ?? s.common.name):\(units.count)"
        mapRunArn = arn
        emit("MapRunStarted", unit: unit, .mapRunStarted(mapRunArn: arn))
      }
      let count = items.count
      units[unit].group = ChildGroup(
        kind: distributed ? .distributedMap : .inlineMap, pendingInputs: items, nextToStart: 0,
        total: count, childIDs: [], results: Array(repeating: .null, count: count), running: 0,
        succeeded: 0, failed: 0, maxConcurrency: maxConcurrency,
        toleratedFailureCount: toleratedCount, toleratedFailurePercentage: toleratedPercentage,
        firstFailure: nil, mapRunArn: mapRunArn, processor: s.itemProcessor)
      units[unit].phase = .waitingChildren
      if count == 0 {
        units[unit].phase = .resuming(.childrenSucceeded)
        enqueue(unit)
        return
      }
      startIterations(unit)
    } catch {
      stateFailed(unit, error, prefixed: true)
    }
  }

  /// Starts Map iterations up to MaxConcurrency (0 = all).
  mutating func startIterations(_ unit: Int) {
    // Reads go through `read` and single fields: copying the unit or holding a copy of its group
    // while mutating it would copy whole arrays (quadratic for big maps).
    guard let name = visit(of: unit)?.name, let processor = read(unit, { $0.group?.processor })
    else { return }
    let (variables, lastEventID, records, parentPath) = read(unit) {
      ($0.variables, $0.lastEventID, $0.recordsHistory, $0.path)
    }
    while true {
      let (index, total, maxConcurrency, running, distributed) = read(unit) { u in
        u.group.map {
          ($0.nextToStart, $0.total, $0.maxConcurrency, $0.running, $0.kind == .distributedMap)
        } ?? (0, 0, 0, 0, false)
      }
      guard index < total, maxConcurrency <= 0 || running < maxConcurrency else { break }
      let input = read(unit) { $0.group!.pendingInputs[index] }
      units[unit].group!.pendingInputs[index] = .null
      let child = addUnit(
        ExecutionUnit(
          id: units.count, parentID: unit, kind: .iteration(index: index),
          machine: processor, variables: variables,
          phase: .startingIteration(input: input), visit: nil, group: nil,
          lastEventID: lastEventID, recordsHistory: records && !distributed,
          path: parentPath + "/" + name + "[" + String(index) + "]"))
      units[unit].group!.childIDs.append(child)
      units[unit].group!.nextToStart += 1
      units[unit].group!.running += 1
      enqueue(child)
    }
  }

  mutating func finishMap(_ unit: Int, _ s: MapState) {
    let visit = visit(of: unit)!
    let results = units[unit].group?.results ?? []
    if s.processorMode == .distributed { emit("MapRunSucceeded", unit: unit, .none) }
    units[unit].group = nil
    emit("MapStateSucceeded", unit: unit, .none)
    finishWithResult(
      unit, result: .array(results), resultSelector: s.common.expressions.resultSelector,
      resultPath: s.resultPath, common: s.common, rawInput: visit.rawInput)
  }

  /// A child (branch or iteration) ended: record its result, start the next iteration, and
  /// resume the parent when all are done or one failed.
  mutating func childFinished(_ child: Int) {
    guard let parent = read(child, { $0.parentID }), let kind = read(parent, { $0.group?.kind })
    else { return }
    var index = 0
    switch read(child, { $0.kind }) {
    case .branch(let i), .iteration(let i): index = i
    case .root: return
    }
    let mapName = visit(of: parent)?.name ?? ""
    units[parent].group!.running -= 1
    switch phase(of: child) {
    case .succeeded(let output):
      if kind == .inlineMap {
        emit("MapIterationSucceeded", unit: child, .mapIteration(name: mapName, index: index))
      }
      units[parent].group!.results[index] = output
      units[parent].group!.succeeded += 1
    case .failed(let error, let cause):
      if kind == .inlineMap {
        emit("MapIterationFailed", unit: child, .mapIteration(name: mapName, index: index))
      }
      units[parent].group!.failed += 1
      if read(parent, { $0.group!.firstFailure == nil }) {
        units[parent].group!.firstFailure = (error, cause)
      }
      if kind == .distributedMap {
        var errorOutput = JSONObject([("Error", .string(error))])
        if let cause { errorOutput["Cause"] = .string(cause) }
        units[parent].group!.results[index] = .object(errorOutput)
        if read(parent, { toleratedFailureExceeded($0.group!) }) {
          abortChildren(of: parent)
          units[parent].phase = .resuming(
            .childrenFailed(
              error: "States.ExceedToleratedFailureThreshold",
              cause: "The specified tolerated failure threshold was exceeded"))
          enqueue(parent)
          return
        }
      } else {
        abortChildren(of: parent)
        units[parent].phase = .resuming(.childrenFailed(error: error, cause: cause))
        enqueue(parent)
        return
      }
    default:
      return
    }
    startIterations(parent)
    if read(parent, { $0.group!.succeeded + $0.group!.failed == $0.group!.total }) {
      units[parent].phase = .resuming(.childrenSucceeded)
      enqueue(parent)
    }
  }

  func toleratedFailureExceeded(_ group: ChildGroup) -> Bool {
    if let count = group.toleratedFailureCount, group.failed > count { return true }
    if let percentage = group.toleratedFailurePercentage, group.total > 0,
      Double(group.failed) * 100 / Double(group.total) > percentage
    {
      return true
    }
    if group.toleratedFailureCount == nil && group.toleratedFailurePercentage == nil {
      return group.failed > 0
    }
    return false
  }

  /// Aborts every still-running child of `unit` and forgets those not started.
  mutating func abortChildren(of unit: Int) {
    guard let group = units[unit].group else { return }
    for child in group.childIDs where !units[child].isFinished { abortUnit(child) }
    units[unit].group!.nextToStart = group.total
    units[unit].group!.running = 0
  }

  // MARK: Map numeric fields

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
      let n = try jsonataNumber(
        unit, .string(text), field: name, states: statesObject(unit, input: input))
      guard let i = n.intValue, i >= 0 else {
        throw ASLRuntimeError(
          error: "States.QueryEvaluationError",
          cause: "The \(name) field must be a non-negative integer, but was \(n.text)")
      }
      return i
    case .path(let text)?:
      guard let compiled else { return nil }
      let value = try compiled.get().evaluate(
        field: name + "Path", scope: scope(unit, input: input), random: &random)
      var parsed: Int? = nil
      switch value {
      case .number(let n) where n.isIntegerLiteral: parsed = n.intValue
      case .string(let s): parsed = Int(s)
      default: parsed = nil
      }
      guard let parsed, parsed >= 0 else {
        throw ASLRuntimeError(
          error: "States.Runtime",
          cause: "The \(name)Path field refers to value \"\(value.stringValue ?? value.compactString)"
            + "\" which is not a valid integer: \(text)")
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
      percentage = try jsonataNumber(
        unit, .string(text), field: "ToleratedFailurePercentage",
        states: statesObject(unit, input: input)
      ).doubleValue
    case .path(let text)?:
      guard let compiled = s.common.expressions.toleratedFailurePercentagePath else { return nil }
      let value = try compiled.get().evaluate(
        field: "ToleratedFailurePercentagePath", scope: scope(unit, input: input), random: &random)
      switch value {
      case .number(let n): percentage = n.doubleValue
      case .string(let str): percentage = Double(str)
      default: percentage = nil
      }
      guard percentage != nil else {
        throw ASLRuntimeError(
          error: "States.Runtime",
          cause: "The ToleratedFailurePercentagePath field refers to value \""
            + "\(value.stringValue ?? value.compactString)\" which is not a valid float: \(text)")
      }
    }
    if let p = percentage, p < 0 || p > 100 {
      throw ASLRuntimeError(
        error: "States.Runtime", cause: "ToleratedFailurePercentage must be between 0 and 100.")
    }
    return percentage
  }

  /// Groups items into `{"Items": [...]}` batches (plus `BatchInput`), per ItemBatcher.
  mutating func batch(_ items: [JSONValue], _ batcher: ItemBatcher, unit: Int, input: JSONValue)
    throws(ASLRuntimeError) -> [JSONValue]
  {
    let e = units[unit].machine.states[units[unit].visit!.stateIndex].common.expressions
    var maxItems = Int.max
    if case .value(let n)? = batcher.maxItemsPerBatch, let i = n.intValue, i > 0 { maxItems = i }
    if case .path(let text)? = batcher.maxItemsPerBatch {
      let value = try PathExpression.resolve(
        text, field: "MaxItemsPerBatchPath", scope: scope(unit, input: input))
      if let i = value.intValue, i > 0 { maxItems = i }
    }
    var maxBytes = Int.max
    if case .value(let n)? = batcher.maxInputBytesPerBatch, let i = n.intValue, i > 0 { maxBytes = i }
    var batchInput: JSONValue? = nil
    if let compiled = e.batchInput {
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
