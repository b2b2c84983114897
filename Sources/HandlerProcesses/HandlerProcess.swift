import DebuggerCore
import Foundation
import JSONCore

#if canImport(Glibc)
import Glibc
#endif

/// Runs one handler job as a child process (`/bin/sh -c COMMAND`) in its own process group and
/// turns what it printed into a `HandlerResult`. Blocks until the job ends: `HandlerProcessRunner`
/// calls it on a worker thread.
///
/// stdout and stderr are drained by plain blocking reads on their own threads (no dispatch read
/// sources, which race on Linux), and at the time limit or on cancel the whole process group is
/// killed, so a hung handler leaves nothing running behind it.
enum HandlerProcess {
  /// Runs `job`; `control` learns the child's pid and says when the job was cancelled.
  static func run(
    _ job: HandlerJob, control: JobControl, environment extra: [String: String] = [:], functions: FunctionRunner? = nil
  ) -> HandlerResult {
    // A handler that exits without reading stdin must not kill us with SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    if let invocation = job.function {
      return (functions ?? FunctionRunner()).invoke(invocation, event: job.input, control: control, environment: extra)
    }
    let command = job.handler.command
    var environment = ProcessInfo.processInfo.environment.merging(extra) { _, endpoint in endpoint }
    if let taskToken = job.taskToken { environment["SFDBG_TASK_TOKEN"] = taskToken }
    guard let child = ChildProcess.spawn(command: command, environment: environment) else {
      return .failed(error: "Handler.Failed", cause: "could not start handler '\(command)': \(String(cString: strerror(errno)))")
    }
    control.started(child.pid, guardSlot: child.guardSlot)
    let stdoutReader = PipeReader(fd: child.stdout)
    let stderrReader = PipeReader(fd: child.stderr!)
    child.feed(Array(job.input.compactString.utf8))
    let exit = child.wait(timeoutSeconds: job.timeoutSeconds, isCancelled: control.isCancelled)
    // Stop anything the handler left running in its group, so the pipes reach end of file.
    kill(-child.pid, SIGKILL)
    control.ended()
    let out = stdoutReader.finish(waitingAtMost: 2)
    let err = stderrReader.finish(waitingAtMost: 2)
    if control.isCancelled() { return .cancelled }
    guard let status = exit else { return .timedOut }
    return HandlerOutput(command: command, status: status, stdout: out, stderr: err).result
  }
}

/// What a finished handler printed, read as the task's result: exit 0 with JSON (or nothing)
/// on stdout succeeds; a non-zero exit fails with stdout's `{"error", "cause"}` or with stderr.
struct HandlerOutput {
  var command: String
  var status: Int32
  var stdout: [UInt8]
  var stderr: [UInt8]

  var result: HandlerResult {
    let outText = String(decoding: stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    let errText = String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    if status == 0 {
      if outText.isEmpty { return .succeeded(.null) }
      do {
        return .succeeded(try JSONParser.parse(outText, options: .init(rejectDuplicateKeys: false)))
      } catch {
        return .failed(error: "Handler.InvalidOutput", cause: "handler '\(command)' printed invalid JSON: \(error.description)")
      }
    }
    // A handler plays the worker calling SendTaskFailure: its error and cause fit AWS's limits.
    if let v = try? JSONParser.parse(outText), case .string(let e)? = v["error"] {
      return .failed(
        error: TaskFailureLimits.truncated(e, limit: TaskFailureLimits.errorLength),
        cause: TaskFailureLimits.truncated(v["cause"]?.stringValue ?? "", limit: TaskFailureLimits.causeLength))
    }
    let cause = errText.isEmpty ? "handler '\(command)' exited with status \(status)" : errText
    return .failed(error: "Handler.Failed", cause: TaskFailureLimits.truncated(cause, limit: TaskFailureLimits.causeLength))
  }
}

/// A child in its own process group (`/bin/sh -c COMMAND`, or a program with arguments), with
/// pipes for stdin, stdout and stderr (or one pipe for both, as a log).
struct ChildProcess {
  var pid: pid_t
  /// Its slot in TerminationGuard (nil when every slot was taken).
  var guardSlot: Int?
  var stdin: Int32
  var stdout: Int32
  /// nil when stderr goes to the stdout pipe (`mergingOutput`).
  var stderr: Int32?

  static func spawn(command: String, environment: [String: String]) -> ChildProcess? {
    spawn(arguments: ["/bin/sh", "-c", command], environment: environment)
  }

  /// Starts `arguments[0]` (a path, or a name looked up in `environment`'s PATH).
  static func spawn(arguments: [String], environment: [String: String], mergingOutput: Bool = false) -> ChildProcess? {
    spawnLock.lock()
    defer { spawnLock.unlock() }
    var inPipe: [Int32] = [0, 0]
    var outPipe: [Int32] = [0, 0]
    var errPipe: [Int32] = [0, 0]
    guard closeOnExecPipe(&inPipe), closeOnExecPipe(&outPipe), closeOnExecPipe(&errPipe) else { return nil }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, mergingOutput ? outPipe[1] : errPipe[1], 2)
    for fd in inPipe + outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // Its own group (killed as one), and default signal actions: sfdbg ignores SIGPIPE and
    // catches SIGINT/SIGTERM/SIGHUP, which a child would otherwise inherit as ignored.
    // The spawning thread blocks the termination signals while it spawns (see
    // TerminationGuard.spawnWatched); the child starts with none blocked.
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    posix_spawnattr_setpgroup(&attributes, 0)
    var noneBlocked = sigset_t()
    sigemptyset(&noneBlocked)
    posix_spawnattr_setsigmask(&attributes, &noneBlocked)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for p in argv { free(p) }
      for p in envp { free(p) }
    }
    var pid: pid_t = 0
    var guardSlot: Int?
    var rc: Int32 = 0
    TerminationGuard.spawnWatched {
      rc = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
      if rc == 0 { guardSlot = TerminationGuard.watch(pid) }
    }
    close(inPipe[0])
    close(outPipe[1])
    close(errPipe[1])
    if mergingOutput { close(errPipe[0]) }
    guard rc == 0 else {
      close(inPipe[1])
      close(outPipe[0])
      if !mergingOutput { close(errPipe[0]) }
      errno = rc
      return nil
    }
    return ChildProcess(
      pid: pid, guardSlot: guardSlot, stdin: inPipe[1], stdout: outPipe[0], stderr: mergingOutput ? nil : errPipe[0])
  }

  /// Writes `bytes` to the child's stdin on a thread of its own and closes it (a child that
  /// does not read it cannot block us).
  func feed(_ bytes: [UInt8]) {
    let fd = stdin
    let writer = Thread {
      bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
          let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
          if n <= 0 { break }
          offset += n
        }
      }
      close(fd)
    }
    writer.start()
  }

  /// A pipe whose ends no other child inherits (jobs spawn side by side on worker threads: a
  /// pipe leaked into another child would hold back end of file until that child exits).
  /// Called under `spawnLock`, so no spawn sees it before it is close-on-exec.
  private static func closeOnExecPipe(_ fds: inout [Int32]) -> Bool {
    guard pipe(&fds) == 0 else { return false }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    return true
  }

  private static let spawnLock = NSLock()

  /// The exit status, or nil when the time limit passed (the group is then killed).
  func wait(timeoutSeconds: Double, isCancelled: () -> Bool) -> Int32? {
    let deadline = Date().addingTimeInterval(timeoutSeconds)
    var status: Int32 = 0
    while true {
      let r = waitpid(pid, &status, WNOHANG)
      if r == pid { return Self.exitCode(status) }
      if r < 0 && errno != EINTR { return -1 }
      if Date() >= deadline || isCancelled() { break }
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

/// Drains a pipe on its own thread with blocking reads; with `keepingLast`, only the last that
/// many bytes are kept (the rest are counted in `dropped`), so a child printing without end
/// never blocks and never grows our memory.
final class PipeReader: @unchecked Sendable {
  private let fd: Int32
  private var data: [UInt8] = []
  private(set) var dropped = 0
  private let done = DispatchSemaphore(value: 0)
  private let lock = NSLock()

  private let limit: Int?

  init(fd: Int32, keepingLast limit: Int? = nil) {
    self.fd = fd
    self.limit = limit
    let thread = Thread { [self] in
      Self.readToEnd(fd) { chunk in
        lock.lock()
        data.append(contentsOf: chunk)
        // Trim in chunks (at twice the limit) so the copying stays linear.
        if let limit, data.count > 2 * limit {
          dropped += data.count - limit
          data.removeFirst(data.count - limit)
        }
        lock.unlock()
      }
      done.signal()
    }
    thread.start()
  }

  /// Reads `fd` with blocking reads until end of file (or an error), handing each chunk to
  /// `body`, then closes it.
  static func readToEnd(_ fd: Int32, _ body: (ArraySlice<UInt8>) -> Void) {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
      if n > 0 {
        body(buffer[0..<n])
      } else if n < 0 && errno == EINTR {
        continue
      } else {
        break
      }
    }
    close(fd)
  }

  /// What was read, once the pipe is closed (or after `seconds`).
  func finish(waitingAtMost seconds: Double) -> [UInt8] {
    _ = done.wait(timeout: .now() + seconds)
    lock.lock()
    defer { lock.unlock() }
    if let limit, data.count > limit {
      dropped += data.count - limit
      data.removeFirst(data.count - limit)
    }
    return data
  }
}
