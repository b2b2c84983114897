import DebuggerCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs handler jobs as child processes, each waited on by a worker thread that posts its
/// result; the caller collects results with `nextResult` (a wait with a deadline, so the TUI
/// stays live). Cancelling a job kills its process group at once. No child outlives the
/// runner: `stopAll` (also on deinit) kills every group left, and `TerminationGuard` kills them
/// when sfdbg dies of a signal.
public final class HandlerProcessRunner: @unchecked Sendable {
  private let lock = NSCondition()
  private var running: [JobID: JobControl] = [:]
  private var finished: [(job: JobID, result: HandlerResult)] = []

  /// Variables added to every handler's environment (the session's endpoint: `EndpointEnvironment`).
  private let environment: [String: String]

  public init(environment: [String: String] = [:]) { self.environment = environment }

  /// Runs the jobs that invoke local Lambda functions (and keeps their warm workers).
  private let functions = FunctionRunner()

  deinit { stopAll() }

  /// Starts `job` on a worker thread and returns at once.
  public func start(_ job: HandlerJob) {
    let control = JobControl()
    lock.lock()
    running[job.id] = control
    lock.unlock()
    let worker = Thread { [self] in
      let result = HandlerProcess.run(job, control: control, environment: environment, functions: functions)
      lock.lock()
      running[job.id] = nil
      finished.append((job.id, result))
      lock.broadcast()
      lock.unlock()
    }
    worker.start()
  }

  /// The next finished job, waiting at most `timeout` (nil: until one finishes); nil when none
  /// finished in time or none is running.
  public func nextResult(waitingAtMost timeout: Duration?) -> (job: JobID, result: HandlerResult)? {
    let deadline = timeout.map { Date().addingTimeInterval(Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18) }
    lock.lock()
    defer { lock.unlock() }
    while finished.isEmpty {
      guard !running.isEmpty else { return nil }
      if let deadline {
        if !lock.wait(until: deadline) && finished.isEmpty { return nil }
      } else {
        lock.wait()
      }
    }
    return finished.removeFirst()
  }

  /// Stops a running job (its process group is killed); its result is `.cancelled`.
  public func cancel(_ job: JobID) {
    lock.lock()
    let control = running[job]
    lock.unlock()
    control?.cancel()
  }

  /// Kills every job still running (their results are `.cancelled`).
  public func stopAll() {
    lock.lock()
    let controls = Array(running.values)
    lock.unlock()
    for control in controls { control.cancel() }
  }

  /// The ids of the jobs still running.
  public var runningJobs: [JobID] {
    lock.lock()
    defer { lock.unlock() }
    return Array(running.keys)
  }
}

/// One running job as its worker and a canceller share it: the child's pid and whether the job
/// was cancelled.
final class JobControl: @unchecked Sendable {
  private let lock = NSLock()
  private var pid: pid_t?
  private var guardSlot: Int?
  private var cancelled = false

  /// The child started: a cancel that came first kills it now.
  func started(_ pid: pid_t, guardSlot: Int?) {
    lock.lock()
    defer { lock.unlock() }
    self.pid = pid
    self.guardSlot = guardSlot
    if cancelled { kill(-pid, SIGKILL) }
  }

  /// The child was reaped: its pid may be reused, so it is never killed again.
  func ended() {
    lock.lock()
    defer { lock.unlock() }
    pid = nil
    if let guardSlot { TerminationGuard.forget(guardSlot) }
    guardSlot = nil
  }

  func cancel() {
    lock.lock()
    defer { lock.unlock() }
    cancelled = true
    if let pid { kill(-pid, SIGKILL) }
  }

  func isCancelled() -> Bool {
    lock.lock()
    defer { lock.unlock() }
    return cancelled
  }
}
