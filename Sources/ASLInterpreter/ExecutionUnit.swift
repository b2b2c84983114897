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

/// The children of a Parallel or Map state.
public struct ChildGroup: Sendable {
  public enum Kind: Sendable, Equatable {
    case parallel
    case inlineMap
    case distributedMap
  }
  public var kind: Kind
  /// Inputs of children not started yet (Map, beyond MaxConcurrency), by index.
  public var pendingInputs: [JSONValue]
  public var nextToStart: Int
  public var total: Int
  /// Unit ids of started children, by index.
  public var childIDs: [Int]
  public var results: [JSONValue]
  public var running: Int
  public var succeeded: Int
  public var failed: Int
  public var maxConcurrency: Int
  public var toleratedFailureCount: Int?
  public var toleratedFailurePercentage: Double?
  public var firstFailure: (error: String, cause: String?)?
  public var mapRunArn: String?
  /// The Map's item processor (iterations run it).
  public var processor: StateMachine?
}
