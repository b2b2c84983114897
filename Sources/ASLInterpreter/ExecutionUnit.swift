import ASLModel
import JSONCore

/// A separately steppable part of an execution: the top level, one Parallel branch, or one Map
/// iteration. Units form a tree through `parentID`.
public struct ExecutionUnit: Sendable {
  public let id: Int
  public let parentID: Int?
  public let kind: UnitKind
  /// The states this unit runs (the machine, a branch, or the item processor).
  public let machine: StateMachine
  /// Variables visible in this unit (`Assign`); children start with a copy of their parent's.
  public internal(set) var variables: [String: JSONValue]
  public internal(set) var phase: UnitPhase
  /// The state being run (nil between states or once finished).
  public internal(set) var visit: StateVisit?
  /// Children of a Parallel/Map state this unit is in.
  public internal(set) var group: ChildGroup?
  /// Last event emitted by this unit (the next one's `previousEventId`).
  public internal(set) var lastEventID: Int
  /// False for distributed-map iterations, whose events belong to child executions.
  public let recordsHistory: Bool
  /// `Root`, `Parallel[0]`, `Map[3]`, … joined with `/`.
  public let path: String

  /// True once the unit succeeded, failed or was aborted.
  public var isFinished: Bool {
    switch phase {
    case .succeeded, .failed, .aborted: return true
    default: return false
    }
  }
}

/// What a unit is.
public enum UnitKind: Sendable, Equatable {
  case root
  case branch(index: Int)
  case iteration(index: Int)
}

/// Where a unit stands.
public enum UnitPhase: Sendable {
  /// About to enter the state at `stateIndex` with `input`.
  case ready(stateIndex: Int, input: JSONValue)
  /// A Map iteration about to start (emits `MapIterationStarted`).
  case startingIteration(input: JSONValue)
  /// Inside `visit`, waiting for a timer (Wait state or retry back-off).
  case waitingTimer(until: VirtualInstant, reason: TimerReason)
  /// Inside a Task state, waiting for the outside to complete `requestID`.
  case waitingTask(requestID: Int)
  /// Inside a Parallel/Map state, waiting for its children.
  case waitingChildren
  /// Runnable: continue `visit` with this event.
  case resuming(Resumption)
  case succeeded(output: JSONValue)
  case failed(error: String, cause: String?)
  case aborted
}

extension UnitPhase {
  /// True when the unit can step without outside help or the clock.
  @inlinable public var isRunnable: Bool {
    switch self {
    case .ready, .startingIteration, .resuming: return true
    default: return false
    }
  }
}

/// Why a unit waits on the clock.
public enum TimerReason: Sendable, Equatable {
  case wait
  case retry
}

/// What resumes a unit inside a state.
public enum Resumption: Sendable {
  case waitElapsed
  case retry
  case taskCompleted(TaskOutcome)
  case childrenSucceeded
  case childrenFailed(error: String, cause: String?)
  /// The state raised an error (`Execution.raisedErrors[unit]`); Retry and Catch act now.
  case errorRaised
}

/// One visit of a state by a unit.
public struct StateVisit: Sendable {
  public var stateIndex: Int
  /// The state's common fields (shared storage, one reference).
  public var common: StateCommon
  public var name: String { common.name }
  /// The state's `Type` (`Pass`, `Task`, …).
  public var type: String { common.type }
  /// True when the state's expressions read the context object.
  public var readsContext: Bool { common.readsContext }
  public var enteredEventID: Int
  public var enteredTime: VirtualInstant
  /// The input as the state received it (ResultPath and Catch merge into this).
  public var rawInput: JSONValue
  /// The input after InputPath (and Parameters for Task/Parallel).
  public var effectiveInput: JSONValue
  /// Attempts used per retrier.
  public var retryAttempts: [Int]
  /// Total retries so far (`$$.State.RetryCount`).
  public var retryCount: Int
}

/// The children of a Parallel state (its branches) or a Map run (its iterations): which have
/// started, their results, and whether the failures so far end the state.
public struct ChildGroup: Sendable {
  public enum Kind: Sendable, Equatable {
    case parallel
    case inlineMap
    case distributedMap
  }
  public private(set) var kind: Kind
  /// Inputs of iterations not started yet (beyond MaxConcurrency), by index.
  private(set) var pendingInputs: [JSONValue]
  public private(set) var nextToStart: Int
  public private(set) var total: Int
  /// Unit ids of started children, by index.
  public private(set) var childIDs: [Int] = []
  /// Outputs of the children by index (a distributed Map's failed iterations: their error).
  public private(set) var results: [JSONValue]
  public private(set) var running = 0
  public private(set) var succeeded = 0
  public private(set) var failed = 0
  /// Most iterations running at once (0: no limit).
  public let maxConcurrency: Int
  public let toleratedFailureCount: Int?
  public let toleratedFailurePercentage: Double?
  /// The Map's item processor (iterations run it).
  public let processor: StateMachine?
  /// A distributed Map's run: its ARN and, by index, each child execution as it ended (for the
  /// ResultWriter).
  public internal(set) var mapRun: MapRun?

  /// The branches of a Parallel state, all started at once.
  init(branches: Int) {
    kind = .parallel
    pendingInputs = []
    nextToStart = branches
    total = branches
    results = Array(repeating: .null, count: branches)
    maxConcurrency = 0
    toleratedFailureCount = nil
    toleratedFailurePercentage = nil
    processor = nil
    mapRun = nil
  }

  /// A Map run over `inputs`, one iteration each.
  init(
    iterations inputs: [JSONValue], distributed: Bool, maxConcurrency: Int,
    toleratedFailureCount: Int?, toleratedFailurePercentage: Double?, processor: StateMachine
  ) {
    kind = distributed ? .distributedMap : .inlineMap
    pendingInputs = inputs
    nextToStart = 0
    total = inputs.count
    results = Array(repeating: .null, count: inputs.count)
    self.maxConcurrency = maxConcurrency
    self.toleratedFailureCount = toleratedFailureCount
    self.toleratedFailurePercentage = toleratedFailurePercentage
    self.processor = processor
    mapRun = nil
  }

  /// True once every child has ended.
  public var isComplete: Bool { succeeded + failed == total }

  /// The next iteration to start, when MaxConcurrency allows one: its index and input (moved
  /// out of the group).
  mutating func nextIteration() -> (index: Int, input: JSONValue)? {
    guard nextToStart < total, maxConcurrency <= 0 || running < maxConcurrency else { return nil }
    let index = nextToStart
    var input = JSONValue.null
    swap(&input, &pendingInputs[index])
    nextToStart += 1
    return (index, input)
  }

  /// Child `unitID` started (children start in index order).
  mutating func started(_ unitID: Int) {
    childIDs.append(unitID)
    running += 1
  }

  /// An iteration started as a child execution outside this execution (the runtime runs it).
  mutating func startedOutside() {
    running += 1
  }

  /// What the parent does after a child ended.
  enum Verdict {
    /// Start what may start; resume when complete.
    case carryOn
    /// Stop the other children and fail the state.
    case failed(error: String, cause: String?)
  }

  /// Records that child `index` ended in `phase` (succeeded or failed).
  mutating func childEnded(_ index: Int, _ phase: UnitPhase) -> Verdict {
    running -= 1
    switch phase {
    case .succeeded(let output):
      results[index] = output
      succeeded += 1
    case .failed(let error, let cause):
      failed += 1
      // Only a distributed Map tolerates failures; its result lists them.
      guard kind == .distributedMap else { return .failed(error: error, cause: cause) }
      var errorOutput = JSONObject([("Error", .string(error))])
      if let cause { errorOutput["Cause"] = .string(cause) }
      results[index] = .object(errorOutput)
      if toleratedFailureExceeded {
        return .failed(
          error: "States.ExceedToleratedFailureThreshold",
          cause: "The specified tolerated failure threshold was exceeded")
      }
    default:
      break
    }
    return .carryOn
  }

  /// True when more iterations failed than ToleratedFailureCount/Percentage allow (none
  /// without either).
  var toleratedFailureExceeded: Bool {
    if let count = toleratedFailureCount, failed > count { return true }
    if let percentage = toleratedFailurePercentage, total > 0,
      Double(failed) * 100 / Double(total) > percentage
    {
      return true
    }
    if toleratedFailureCount == nil && toleratedFailurePercentage == nil {
      return failed > 0
    }
    return false
  }

  /// Forgets the children not started (the started ones were aborted).
  mutating func abandonUnstarted() {
    nextToStart = total
    running = 0
  }
}
