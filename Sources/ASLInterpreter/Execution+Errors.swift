import ASLExpressions
import ASLModel
import JSONCore

extension Execution {
  /// The state of `unit` raised `error`: Retry, then Catch, else the unit fails.
  ///
  /// `prefixed` adds AWS's "An error occurred while executing the state …" prefix (runtime
  /// errors of the interpreter); errors from Fail states, tasks and children keep their cause.
  mutating func stateFailed(
    _ unit: Int, _ error: ASLRuntimeError, prefixed: Bool, causeMissing: Bool = false,
    fromChildren: Bool = false
  ) {
    let raised = RaisedError(
      error: error, prefixed: prefixed, causeMissing: causeMissing, fromChildren: fromChildren)
    if options.pausesAtRaisedErrors, visit(of: unit) != nil {
      // Handled by the unit's next step, which comes before any other unit's.
      raisedErrors[unit] = raised
      units[unit].phase = .resuming(.errorRaised)
      enqueueFirst(unit)
      return
    }
    handle(raised, of: unit)
  }

  /// Retry, then Catch, else the unit fails: what a raised error does.
  mutating func handle(_ raised: RaisedError, of unit: Int) {
    let (error, prefixed, causeMissing, fromChildren) = (
      raised.error, raised.prefixed, raised.causeMissing, raised.fromChildren
    )
    guard let visit = visit(of: unit) else {
      unitFailed(unit, error: error.error, cause: causeMissing ? nil : error.cause)
      return
    }
    let cause: String? =
      causeMissing ? nil : (prefixed ? causePrefix(unit) + error.cause : error.cause)
    let state = state(visit.stateIndex, of: unit)
    // JSONata evaluation errors are recorded as EvaluationFailed (and fail a Map/Parallel).
    let evaluationFailure = prefixed && error.error == "States.QueryEvaluationError"
    if evaluationFailure {
      emit(
        "EvaluationFailed", unit: unit,
        .evaluationFailed(
          error: error.error, cause: cause ?? "", location: error.location, state: visit.name),
        after: evaluationFailedPrevious(unit, visit))
    }
    let (retriers, catchers) = (state.errorHandling.retry, state.errorHandling.catchers)
    var inTask = false
    if case .task = state { inTask = true }
    // Retry: the first retrier whose ErrorEquals matches decides.
    if let index = retriers.firstIndex(where: {
      $0.errorEquals.matchesError(error.error, inTask: inTask)
    }) {
      let retrier = retriers[index]
      var attempts = visit.retryAttempts
      if attempts.count < retriers.count {
        attempts += Array(repeating: 0, count: retriers.count - attempts.count)
      }
      if attempts[index] < retrier.maxAttempts {
        var delay = retrier.delaySeconds(forAttempt: attempts[index])
        if retrier.jitterStrategy == .full {
          let unitInterval = Double(random.next() >> 11) / Double(1 << 53)
          delay = (delay * unitInterval * 1000).rounded() / 1000
        }
        attempts[index] += 1
        units[unit].visit?.retryAttempts = attempts
        units[unit].visit?.retryCount += 1
        openTraces[unit]?.errorHandling.append(
          .retry(error: error.error, retrier: index, attempt: attempts[index], delaySeconds: delay))
        let until = now.adding(seconds: delay)
        units[unit].phase = .waitingTimer(until: until, reason: .retry)
        if until <= now {
          units[unit].phase = .resuming(.retry)
          enqueue(unit)
        } else {
          addTimer(Timer(due: until, sequence: 0, kind: .unit(unit)))
        }
        return
      }
      openTraces[unit]?.errorHandling.append(
        .retriesExhausted(error: error.error, retrier: index))
    }
    if fromChildren || (evaluationFailure && (visit.type == "Map" || visit.type == "Parallel")) {
      emit(state.common.type + "StateFailed", unit: unit, .none)
    }
    // Catch: the first catcher whose ErrorEquals matches.
    if let index = catchers.firstIndex(where: {
      $0.errorEquals.matchesError(error.error, inTask: inTask)
    }) {
      let catcher = catchers[index]
      var errorOutput = JSONObject()
      errorOutput["Error"] = .string(error.error)
      if let cause { errorOutput["Cause"] = .string(cause) }
      let errorValue = JSONValue.object(errorOutput)
      openTraces[unit]?.errorHandling.append(
        .caught(error: error.error, catcher: index, next: catcher.next))
      do throws(ASLRuntimeError) {
        try state.common.queryLanguage.leave(
          &self, unit, through: catcher, errorOutput: errorValue, raw: visit.rawInput)
      } catch let inner {
        units[unit].visit = nil
        unitFailed(unit, error: inner.error, cause: causePrefix(unit) + inner.cause)
      }
      return
    }
    openTraces[unit]?.errorHandling.append(.unhandled(error: error.error))
    unitFailed(unit, error: error.error, cause: cause)
  }
}

extension Execution {
  /// What AWS chains an `EvaluationFailed` to: when the state wrote nothing since it was entered,
  /// the event before its `…StateEntered` (a Pass or Map whose field fails is evaluated with its
  /// entry); a Wait's Timestamp/Seconds fail after the entry and follow it (the recorded
  /// histories of test_undefined_reference, test_map_state_items_*, test_wait_timestamp_jsonata).
  func evaluationFailedPrevious(_ unit: Int, _ visit: StateVisit) -> Int? {
    let entered = visit.enteredEventID
    guard visit.type != "Wait", entered > 0, entered <= history.count,
      read(unit, { $0.lastEventID }) == entered
    else { return nil }
    return history[entered - 1].previousEventID
  }
}

/// An error a state raised, as `stateFailed` received it, waiting for Retry/Catch.
struct RaisedError: Sendable {
  var error: ASLRuntimeError
  var prefixed: Bool
  var causeMissing: Bool
  var fromChildren: Bool
}

/// What the next step of an execution will do (`Execution.upcomingStep`).
public enum UpcomingStep: Sendable, Equatable {
  /// Record `ExecutionStarted`.
  case start
  /// Enter `state` with `input` (its `…StateEntered` is not written yet).
  case enter(unitID: Int, state: String, input: JSONValue)
  /// `state` raised `error`; its Retry and Catch act in this step.
  case handleError(unitID: Int, state: String, error: String)
  /// Go on inside a state (a timer, a task result, children ended).
  case resume(unitID: Int)

  /// True for `handleError`.
  public var handlesError: Bool {
    if case .handleError = self { return true } else { return false }
  }

  /// The unit that steps (nil: the execution itself starts).
  public var unitID: Int? {
    switch self {
    case .start: return nil
    case .enter(let unit, _, _), .handleError(let unit, _, _), .resume(let unit): return unit
    }
  }
}
