import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Kills the process groups of running handlers when sfdbg dies of SIGINT, SIGTERM, SIGHUP or
/// SIGQUIT, then lets the signal do what it did before (the terminal restore of CursesBackend,
/// or the default action), so no handler outlives sfdbg. A signal handler may only touch plain
/// memory, so the groups live in fixed slots that it reads without a lock.
enum TerminationGuard {
  static let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
  static let capacity = 4096
  nonisolated(unsafe) static let groups: UnsafeMutablePointer<pid_t> = {
    let slots = UnsafeMutablePointer<pid_t>.allocate(capacity: capacity)
    slots.initialize(repeating: 0, count: capacity)
    return slots
  }()
  /// The actions the guard replaced, by signal number (restored before the signal is raised again).
  nonisolated(unsafe) static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
  private static let lock = NSLock()
  private static let installed: Void = {
    for signalNumber in signals {
      var old = sigaction()
      sigaction(signalNumber, nil, &old)
      // A signal the user asked to ignore (nohup) stays ignored.
      if let handler = old.__sigaction_handler.sa_handler,
        unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
      { continue }
      var action = sigaction()
      action.__sigaction_handler.sa_handler = killGroupsAndResignal
      sigemptyset(&action.sa_mask)
      sigaction(signalNumber, &action, previous + Int(signalNumber))
    }
  }()

  /// Spawns in progress. A signal that arrives between a spawn and its `watch` would miss the new
  /// group, so the signal handler waits (briefly, bounded) until none is in progress.
  static let spawning = Atomic<Int>(0)

  /// Runs `spawnAndWatch` (posix_spawn, then `watch`) with the termination signals blocked on
  /// this thread, so the guard's handler never runs here in the middle of it, and counted in
  /// `spawning`, so the handler on another thread waits for it to finish.
  static func spawnWatched(_ spawnAndWatch: () -> Void) {
    _ = installed
    var blocked = sigset_t()
    sigemptyset(&blocked)
    for signalNumber in signals { sigaddset(&blocked, signalNumber) }
    var previousMask = sigset_t()
    pthread_sigmask(SIG_BLOCK, &blocked, &previousMask)
    spawning.add(1, ordering: .sequentiallyConsistent)
    spawnAndWatch()
    spawning.subtract(1, ordering: .sequentiallyConsistent)
    pthread_sigmask(SIG_SETMASK, &previousMask, nil)
  }

  /// Watches the group `pid` leads; returns its slot (nil when every slot is taken).
  static func watch(_ pid: pid_t) -> Int? {
    _ = installed
    lock.lock()
    defer { lock.unlock() }
    guard let slot = (0..<capacity).first(where: { groups[$0] == 0 }) else { return nil }
    groups[slot] = pid
    return slot
  }

  /// Stops watching a slot (its child was reaped; the pid may be reused).
  static func forget(_ slot: Int) {
    lock.lock()
    defer { lock.unlock() }
    groups[slot] = 0
  }
}

/// The signal handler: kill every watched group, put back the previous action, raise again
/// (delivered once this handler returns).
private func killGroupsAndResignal(_ signalNumber: Int32) {
  // A spawn under way on another thread is about to watch its group: wait for it (at most
  // 0.5 s, in 1 ms naps; nanosleep is async-signal-safe).
  var nap = timespec(tv_sec: 0, tv_nsec: 1_000_000)
  var naps = 0
  while TerminationGuard.spawning.load(ordering: .sequentiallyConsistent) > 0 && naps < 500 {
    nanosleep(&nap, nil)
    naps += 1
  }
  for slot in 0..<TerminationGuard.capacity where TerminationGuard.groups[slot] > 0 {
    kill(-TerminationGuard.groups[slot], SIGKILL)
  }
  sigaction(signalNumber, TerminationGuard.previous + Int(signalNumber), nil)
  raise(signalNumber)
}
