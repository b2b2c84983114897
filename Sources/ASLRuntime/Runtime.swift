import ASLInterpreter
import ASLModel
import JSONCore

/// The Step Functions service in one value: registered state machines, every execution started
/// in the session (the main one and each child a Task starts), task tokens, and one virtual
/// clock shared by all of them.
///
/// Everything is deterministic: executions step only when asked, children get seeds derived from
/// the runtime's seed, and time moves only in `advanceClock()`. Copying a `Runtime` is a complete
/// snapshot (histories are shared copy-on-write), which is what the debugger's step-back uses.
public struct Runtime: Sendable {
  public internal(set) var machines: [RegisteredMachine]
  public internal(set) var executions: [RuntimeExecution] = []
  /// The shared virtual clock.
  public internal(set) var now: VirtualInstant
  public let seed: UInt64
  /// Record per-state traces (data-flow stages, Choice explanations) for the debugger.
  public var recordTraces: Bool
  /// Executions wait one step between raising an error and its Retry/Catch (a debugger's
  /// error breakpoints stop there); see `ExecutionOptions.pausesAtRaisedErrors`.
  public var pausesAtRaisedErrors: Bool
  /// At most this many executions started by Tasks (`states:startExecution`) and Map Runs; the
  /// Task (or Map) that would start one more fails with
  /// `StepFunctions.ExecutionLimitExceededException`, so a machine that starts itself ends
  /// instead of growing without bound.
  public var maxChildExecutions: Int = Runtime.defaultMaxChildExecutions
  public static let defaultMaxChildExecutions = 1000
  /// Executions started by Tasks and Map Runs so far.
  var childExecutionCount = 0
  /// The buckets Distributed Maps read and write (`--s3 BUCKET=DIR`).
  public var objectStore: (any ObjectStore)? = nil
  /// Running children of Map Runs (execution id), reported to their Map when they end.
  var mapRunChildren: Set<Int> = []
  /// The Map Run event chaining new executions write (replay re-runs an old recording's form).
  public var mapRunEventChain: MapRunEventChain = .current

  /// Task requests that have been dispatched (started natively, resolved, or handed to a person).
  var dispatched: Set<TaskKey> = []
  /// Tasks waiting on a person, in the order they started waiting.
  var personQueue: [TaskKey] = []
  var personKinds: [TaskKey: PendingItem.Kind] = [:]
  /// `.sync`/`.sync:2` waits: child execution id → the parent's task.
  var syncWaits: [Int: TaskKey] = [:]
  /// Every token ever issued → its task (to tell TaskTimedOut from TaskDoesNotExist).
  var tokens: [String: TaskKey] = [:]
  /// The child started for a task (states:startExecution).
  var childOfTask: [TaskKey: Int] = [:]
  var nameCounter: UInt64 = 0

  public init(
    machines: [RegisteredMachine], startTime: VirtualInstant = .defaultEpoch, seed: UInt64 = 1,
    recordTraces: Bool = true, pausesAtRaisedErrors: Bool = false
  ) {
    self.machines = machines
    self.now = startTime
    self.seed = seed
    self.recordTraces = recordTraces
    self.pausesAtRaisedErrors = pausesAtRaisedErrors
  }

  // MARK: Machines and executions

  /// The machine known by this ARN, name or logical id.
  public func machine(_ key: String) -> RegisteredMachine? {
    machines.first { $0.arn == key } ?? machines.first { $0.name == key }
      ?? machines.first { $0.logicalID == key }
  }

  /// The execution known by `#N` / `N` (1-based), name or ARN.
  public func execution(_ key: String) -> RuntimeExecution? {
    let trimmed = key.hasPrefix("#") ? String(key.dropFirst()) : key
    if let n = Int(trimmed), n >= 1, n <= executions.count { return executions[n - 1] }
    return executions.first { $0.arn == key } ?? executions.first { $0.name == key }
  }

  /// The children an execution started, in order.
  public func children(of id: Int) -> [RuntimeExecution] {
    executions.filter { $0.startedBy?.parent == id }
  }

  /// Starts an execution by hand (`StartExecution`): the main one, or `start MACHINE JSON`.
  /// `context`: `$$.Execution` as a recorded execution had it (replay re-runs and forks).
  @discardableResult
  public mutating func startExecution(
    machine key: String, input: JSONValue, name: String? = nil, context: RecordedExecutionContext? = nil
  ) throws(RuntimeError) -> Int {
    guard let m = machine(key) else {
      throw RuntimeError("StateMachineDoesNotExist", "State Machine Does Not Exist: '\(key)'")
    }
    return try createExecution(m, input: input, name: name, link: nil, context: context)
  }

  mutating func createExecution(
    _ m: RegisteredMachine, input: JSONValue, name: String?, link: ExecutionLink?,
    context: RecordedExecutionContext? = nil
  ) throws(RuntimeError) -> Int {
    let executionName = name ?? nextExecutionName()
    let arnPrefix = "arn:aws:states:\(ServiceResponses.region):\(ServiceResponses.accountID):execution:\(m.name):"
    if executions.contains(where: { $0.machineArn == m.arn && $0.name == executionName }) {
      throw RuntimeError("ExecutionAlreadyExists", "Execution Already Exists: '\(arnPrefix)\(executionName)'")
    }
    guard Runtime.isValidExecutionName(executionName) else {
      throw RuntimeError("InvalidName", "Invalid Name: '\(executionName)'")
    }
    let id = executions.count
    var options = executionOptions(id: id, name: executionName, machineName: m.name)
    if let context {
      options.recordedContext = context
      if let role = context.roleArn { options.roleArn = role }
    }
    if m.isExpress { options.expressExecutionID = requestUUID(TaskKey(executionID: id, requestID: 1 << 40)) }
    let execution = Execution(machine: m.machine, input: input, options: options)
    executions.append(
      RuntimeExecution(
        id: id, name: executionName, arn: options.executionArn, machineName: m.name,
        machineArn: m.arn, execution: execution, startedBy: link, startedAt: now, stoppedAt: nil))
    // Record ExecutionStarted at once, as the service does when StartExecution returns.
    _ = executions[id].execution.step()
    return id
  }

  /// The options of execution `id`: this runtime's identity, clock, seed and settings.
  func executionOptions(id: Int, name: String, machineName: String) -> ExecutionOptions {
    var options = ExecutionOptions(
      executionName: name, stateMachineName: machineName, region: ServiceResponses.region,
      accountID: ServiceResponses.accountID, startTime: now,
      seed: seed &+ UInt64(id) &* 0x9E37_79B9_7F4A_7C15, recordTraces: recordTraces,
      pausesAtRaisedErrors: pausesAtRaisedErrors)
    options.objectStore = objectStore
    options.runsMapIterationsAsExecutions = true
    options.mapRunEventChain = mapRunEventChain
    return options
  }

  /// A deterministic, UUID-shaped execution name (AWS names unnamed executions with a UUID).
  mutating func nextExecutionName() -> String {
    nameCounter += 1
    var x = seed &+ nameCounter &* 0xD1B5_4A32_D192_ED03
    func next() -> UInt64 {
      x = x &+ 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let hex = Array("0123456789abcdef")
    var digits: [Character] = []
    var bits = next()
    for i in 0..<32 {
      if i == 16 { bits = next() }
      digits.append(hex[Int(bits & 15)])
      bits >>= 4
    }
    digits[12] = "4"
    digits[16] = hex[8 + Int(bits & 3)]
    let s = String(digits)
    func part(_ a: Int, _ b: Int) -> Substring {
      s[s.index(s.startIndex, offsetBy: a)..<s.index(s.startIndex, offsetBy: b)]
    }
    return "\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
  }

  /// AWS's rule for execution, state machine and activity names: 1 to 80 characters, no
  /// whitespace, brackets, wildcards, special or control characters.
  public static func isValidExecutionName(_ name: String) -> Bool {
    guard !name.isEmpty, name.count <= 80 else { return false }
    let forbidden = Set(" <>{}[]?*\"#%\\^|~`$&,;:/")
    return !name.contains { forbidden.contains($0) || $0.asciiValue.map { $0 < 32 || $0 == 127 } == true }
  }

  // MARK: Stepping

  /// What the next `step(id)` will do (nil: execution `id` cannot step now).
  public func upcomingStep(_ id: Int) -> UpcomingStep? {
    guard id < executions.count, executions[id].isRunning else { return nil }
    return executions[id].execution.upcomingStep
  }

  /// Executions that can take a step now without the clock or a person.
  public var runnableExecutions: [Int] {
    executions.indices.filter { executions[$0].isRunning && executions[$0].execution.hasRunnableUnit }
  }

  /// Applies one transition of execution `id` and propagates what the service does in reaction
  /// (children finishing under `.sync`, stop cascades). Returns the events of that execution, or
  /// nil when it could not step.
  @discardableResult
  public mutating func step(_ id: Int) -> [HistoryEvent]? {
    guard id < executions.count, executions[id].isRunning else { return nil }
    executions[id].execution.advanceClock(to: now)
    let before = executions[id].execution.history.count
    guard executions[id].execution.hasRunnableUnit else { return nil }
    _ = executions[id].execution.step()
    settle()
    let history = executions[id].execution.history
    return Array(history[min(before, history.count)...])
  }

  /// The earliest timer of any running execution.
  public var nextTimer: (due: VirtualInstant, executionID: Int, kind: TimerKind)? {
    var best: (VirtualInstant, Int, TimerKind)? = nil
    for e in executions where e.isRunning {
      if let due = e.execution.nextTimerDue, best == nil || due < best!.0 {
        best = (due, e.id, e.execution.nextTimerKind ?? .wait)
      }
    }
    return best.map { (due: $0.0, executionID: $0.1, kind: $0.2) }
  }

  /// Moves the clock to the next timer and fires every timer due then, in every execution.
  /// False when no timer is pending.
  @discardableResult
  public mutating func advanceClock() -> Bool {
    guard let next = nextTimer else { return false }
    if next.due > now { now = next.due }
    for id in executions.indices where executions[id].isRunning {
      executions[id].execution.advanceClock(to: now)
    }
    settle()
    return true
  }

  /// Moves the clock to `instant`, firing every timer due by then in order (`advance 5m`).
  /// Executions do not step meanwhile: what the timers woke runs on the next step.
  public mutating func advanceClock(to instant: VirtualInstant) {
    while let next = nextTimer, next.due <= instant { advanceClock() }
    guard instant > now else { return }
    now = instant
    for id in executions.indices where executions[id].isRunning {
      executions[id].execution.advanceClock(to: now)
    }
  }

  // MARK: Stopping

  /// StopExecution: aborts the execution and, like AWS, the `.sync` children it waits on.
  public mutating func stopExecution(_ id: Int, error: String? = nil, cause: String? = nil) throws(RuntimeError) {
    guard id < executions.count else { throw RuntimeError("ExecutionDoesNotExist", "Execution Does Not Exist: #\(id + 1)") }
    guard executions[id].isRunning else {
      throw RuntimeError("ExecutionNotRunning", "Execution \(executions[id].label) is not running (\(executions[id].status.name))")
    }
    abort(id, error: error, cause: cause)
    settle()
  }

  mutating func abort(_ id: Int, error: String?, cause: String?) {
    let waitedChildren = syncWaits.filter { $0.value.executionID == id }.map(\.key).sorted()
    executions[id].execution.stop(error: error, cause: cause)
    executions[id].stoppedAt = now
    for child in waitedChildren where executions[child].isRunning {
      syncWaits[child] = nil
      abort(child, error: error, cause: cause)
    }
  }

  // MARK: The service's reactions

  /// Propagates finished children to the `.sync` parents waiting on them, records stop times.
  mutating func settle() {
    var changed = true
    while changed {
      changed = settleMapRuns()
      for id in executions.indices where !executions[id].isRunning && executions[id].stoppedAt == nil {
        executions[id].stoppedAt = executions[id].execution.now > now ? executions[id].execution.now : now
      }
      for (child, parentTask) in syncWaits.sorted(by: { $0.key < $1.key }) where !executions[child].isRunning {
        syncWaits[child] = nil
        changed = true
        guard executions[parentTask.executionID].isRunning else { continue }
        executions[parentTask.executionID].execution.advanceClock(to: now)
        let request = executions[parentTask.executionID].execution.pendingTasks.first { $0.id == parentTask.requestID }
        guard let request else { continue }
        let describe = ServiceResponses.describeExecution(executions[child], pattern: request.pattern, stopDate: now)
        let outcome: TaskOutcome
        if Runtime.startsSyncExecution(request) {
          // StartSyncExecution answers whatever the child's status (FAILED is a result, not an error).
          outcome = .succeeded(ServiceResponses.sdkResult(ServiceResponses.startSyncExecution(executions[child], stopDate: now)))
        } else if case .succeeded = executions[child].status {
          outcome = .succeeded(describe)
        } else {
          // Each level of nesting escapes the child's cause again; AWS's cause limit keeps a
          // deep chain of failed children linear instead of doubling per level.
          outcome = .failed(error: "States.TaskFailed", cause: String(describe.compactString.prefix(ServiceResponses.maxCauseLength)))
        }
        try? executions[parentTask.executionID].execution.completeTask(parentTask.requestID, with: outcome)
      }
    }
  }
}
