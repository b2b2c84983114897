import Foundation
import JSONCore

#if canImport(Glibc)
import Glibc
#endif

/// Runs a `TaskHandler` command as a child process (`/bin/sh -c COMMAND`) in its own process
/// group. This is the one place in DebuggerCore that does process I/O.
///
/// stdout and stderr are drained by plain blocking reads on their own threads (no dispatch read
/// sources, which race on Linux), and at the time limit the whole process group is killed, so a
/// hung handler leaves nothing running behind it.
public enum HandlerProcess {
  /// Runs `handler` with `input` on stdin; kills its process group after `timeoutSeconds`.
  public static func run(
    _ handler: TaskHandler, input: JSONValue, taskToken: String?, timeoutSeconds: Double
  ) -> HandlerResult {
    // A handler that exits without reading stdin must not kill us with SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    var environment = ProcessInfo.processInfo.environment
    if let taskToken { environment["SFDBG_TASK_TOKEN"] = taskToken }
    guard let child = ChildProcess.spawn(command: handler.command, environment: environment) else {
      return .failed(error: "Handler.Failed", cause: "could not start handler '\(handler.command)': \(String(cString: strerror(errno)))")
    }
    let stdoutReader = PipeReader(fd: child.stdout)
    let stderrReader = PipeReader(fd: child.stderr)
    let payload = Array(input.compactString.utf8)
    let writer = Thread {
      payload.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
          let n = write(child.stdin, raw.baseAddress! + offset, raw.count - offset)
          if n <= 0 { break }
          offset += n
        }
      }
      close(child.stdin)
    }
    writer.start()
    RunningHandlers.shared.started(child.pid, onThread: currentThreadID())
    let exit = child.wait(timeoutSeconds: timeoutSeconds)
    let wasCancelled = RunningHandlers.shared.finished(child.pid)
    // Stop anything the handler left running in its group, so the pipes reach end of file.
    kill(-child.pid, SIGKILL)
    let out = stdoutReader.finish(waitingAtMost: 2)
    let err = stderrReader.finish(waitingAtMost: 2)
    if wasCancelled { return .cancelled }
    guard let status = exit else { return .timedOut }
    let outText = String(decoding: out, as: UTF8.self).trimmingWhitespace()
    let errText = String(decoding: err, as: UTF8.self).trimmingWhitespace()
    if status == 0 {
      if outText.isEmpty { return .succeeded(.null) }
      do {
        return .succeeded(try JSONParser.parse(outText, options: .init(rejectDuplicateKeys: false)))
      } catch {
        return .failed(error: "Handler.InvalidOutput", cause: "handler '\(handler.command)' printed invalid JSON: \(error.description)")
      }
    }
    if let v = try? JSONParser.parse(outText), case .string(let e)? = v["error"] {
      return .failed(error: e, cause: v["cause"]?.stringValue ?? "")
    }
    let cause = errText.isEmpty ? "handler '\(handler.command)' exited with status \(status)" : errText
    return .failed(error: "Handler.Failed", cause: cause)
  }
}

extension HandlerProcess {
  /// An identifier of the calling thread (handlers run on the thread that asked for them).
  public static func currentThreadID() -> UInt { UInt(pthread_self()) }

  /// Stops the handlers running on thread `threadID` (called from another thread: the
  /// debugger's screen stays live while a command runs a handler on a worker thread, and `esc`
  /// calls this). Each stopped run returns `.cancelled`.
  public static func cancelRunning(onThread threadID: UInt) {
    for pid in RunningHandlers.shared.cancel(onThread: threadID) { kill(-pid, SIGKILL) }
  }
}

/// The handler processes running now (with the thread that runs each), and those the user
/// asked to stop.
private final class RunningHandlers: @unchecked Sendable {
  static let shared = RunningHandlers()
  private let lock = NSLock()
  private var running: [pid_t: UInt] = [:]
  private var cancelled: Set<pid_t> = []

  func started(_ pid: pid_t, onThread threadID: UInt) {
    lock.lock()
    defer { lock.unlock() }
    running[pid] = threadID
  }

  /// Forgets `pid`; true when it was cancelled.
  func finished(_ pid: pid_t) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    running[pid] = nil
    return cancelled.remove(pid) != nil
  }

  func isCancelled(_ pid: pid_t) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    return cancelled.contains(pid)
  }

  /// Marks the handlers running on `threadID` cancelled and returns their process ids.
  func cancel(onThread threadID: UInt) -> [pid_t] {
    lock.lock()
    defer { lock.unlock() }
    let pids = running.filter { $0.value == threadID }.map(\.key)
    cancelled.formUnion(pids)
    return pids
  }
}

/// A `/bin/sh -c` child in its own process group, with pipes for stdin, stdout and stderr.
private struct ChildProcess {
  var pid: pid_t
  var stdin: Int32
  var stdout: Int32
  var stderr: Int32

  static func spawn(command: String, environment: [String: String]) -> ChildProcess? {
    var inPipe: [Int32] = [0, 0]
    var outPipe: [Int32] = [0, 0]
    var errPipe: [Int32] = [0, 0]
    guard pipe(&inPipe) == 0, pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { return nil }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
    for fd in inPipe + outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)
    let arguments: [String] = ["/bin/sh", "-c", command]
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for p in argv { free(p) }
      for p in envp { free(p) }
    }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
    close(inPipe[0])
    close(outPipe[1])
    close(errPipe[1])
    guard rc == 0 else {
      close(inPipe[1])
      close(outPipe[0])
      close(errPipe[0])
      errno = rc
      return nil
    }
    return ChildProcess(pid: pid, stdin: inPipe[1], stdout: outPipe[0], stderr: errPipe[0])
  }

  /// The exit status, or nil when the time limit passed (the group is then killed).
  func wait(timeoutSeconds: Double) -> Int32? {
    let deadline = Date().addingTimeInterval(timeoutSeconds)
    var status: Int32 = 0
    while true {
      let r = waitpid(pid, &status, WNOHANG)
      if r == pid { return Self.exitCode(status) }
      if r < 0 && errno != EINTR { return -1 }
      if Date() >= deadline || RunningHandlers.shared.isCancelled(pid) { break }
      usleep(2_000)
    }
    kill(-pid, SIGTERM)
    let grace = Date().addingTimeInterval(0.2)
    while Date() < grace {
      if waitpid(pid, &status, WNOHANG) == pid { return nil }
      usleep(2_000)
    }
    kill(-pid, SIGKILL)
    _ = waitpid(pid, &status, 0)
    return nil
  }

  static func exitCode(_ status: Int32) -> Int32 {
    // WIFEXITED / WEXITSTATUS, WTERMSIG (as 128 + signal).
    if status & 0x7f == 0 { return (status >> 8) & 0xff }
    return 128 + (status & 0x7f)
  }
}

/// Drains a pipe on its own thread with blocking reads.
private final class PipeReader: @unchecked Sendable {
  private let fd: Int32
  private var data: [UInt8] = []
  private let done = DispatchSemaphore(value: 0)
  private let lock = NSLock()

  init(fd: Int32) {
    self.fd = fd
    let thread = Thread { [self] in
      var buffer = [UInt8](repeating: 0, count: 65_536)
      while true {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
        if n > 0 {
          lock.lock()
          data.append(contentsOf: buffer[0..<n])
          lock.unlock()
        } else if n < 0 && errno == EINTR {
          continue
        } else {
          break
        }
      }
      close(fd)
      done.signal()
    }
    thread.start()
  }

  /// What was read, once the pipe is closed (or after `seconds`).
  func finish(waitingAtMost seconds: Double) -> [UInt8] {
    _ = done.wait(timeout: .now() + seconds)
    lock.lock()
    defer { lock.unlock() }
    return data
  }
}
