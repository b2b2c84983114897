import DebuggerCore
import Foundation
import JSONCore

#if canImport(Glibc)
import Glibc
#endif

/// A Python function's process kept warm between invocations, as Lambda keeps an execution
/// environment: Python's start-up (~100-150 ms here, most of an empty invocation) is paid once.
/// Requests go one a line to its stdin; its stdout and stderr are one log stream in which a
/// marker line ends each invocation's output. A worker that times out, is cancelled or dies is
/// killed with its process group and never used again.
final class WarmWorker: @unchecked Sendable {
  let child: ChildProcess
  let log: LogStream
  /// The marker the bootstrap prints after each invocation's output.
  static func endMarker(_ requestID: String) -> [UInt8] { Array("\0sfdbg-end \(requestID)\0\n".utf8) }

  init?(arguments: [String], environment: [String: String]) {
    guard let child = ChildProcess.spawn(arguments: arguments, environment: environment, mergingOutput: true) else { return nil }
    self.child = child
    log = LogStream(fd: child.stdout, keepingLast: FunctionLog.maxBytes)
  }

  /// Sends one request line; false when the worker is gone.
  func send(_ line: [UInt8]) -> Bool {
    var offset = 0
    while offset < line.count {
      let n = line.withUnsafeBytes { write(child.stdin, $0.baseAddress! + offset, line.count - offset) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return false }
      offset += n
    }
    return true
  }

  /// Kills the worker's group and reaps it; its exit status, as `ChildProcess.exitCode` gives it.
  @discardableResult
  func stop() -> Int32 {
    kill(-child.pid, SIGKILL)
    close(child.stdin)
    var status: Int32 = 0
    _ = waitpid(child.pid, &status, 0)
    if let slot = child.guardSlot { TerminationGuard.forget(slot) }
    log.close()
    return ChildProcess.exitCode(status)
  }

  /// The exit status when the worker has ended by itself (nil while it runs).
  func exitStatus() -> Int32? {
    var status: Int32 = 0
    let r = waitpid(child.pid, &status, WNOHANG)
    return r == child.pid ? ChildProcess.exitCode(status) : nil
  }
}

/// A log pipe drained by its own thread: the output of one invocation is what arrives until
/// that invocation's end marker (at most the last `limit` bytes are kept).
final class LogStream: @unchecked Sendable {
  private let limit: Int
  private let condition = NSCondition()
  private var buffer: [UInt8] = []
  private var dropped = 0
  private var ended = false
  /// How far `buffer` was searched for a marker already.
  private var scanned = 0

  init(fd: Int32, keepingLast limit: Int) {
    self.limit = limit
    let thread = Thread { [self] in
      PipeReader.readToEnd(fd) { chunk in
        condition.lock()
        buffer.append(contentsOf: chunk)
        // Keep the tail (and a marker split across reads) while the output grows without end.
        if buffer.count > 2 * limit + 4096 {
          let cut = buffer.count - limit - 4096
          dropped += cut
          buffer.removeFirst(cut)
          scanned = max(0, scanned - cut)
        }
        condition.broadcast()
        condition.unlock()
      }
      condition.lock()
      ended = true
      condition.broadcast()
      condition.unlock()
    }
    thread.start()
  }

  /// The output up to `marker` (which is consumed), or nil at the deadline, on cancel or when
  /// the pipe ended first; `dropped` counts bytes not kept.
  func output(until marker: [UInt8], deadline: Date, isCancelled: () -> Bool) -> (text: [UInt8], dropped: Int)? {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if let range = Self.find(marker, in: buffer, from: max(0, scanned - marker.count)) {
        var text = Array(buffer[..<range.lowerBound])
        buffer.removeFirst(range.upperBound)
        scanned = 0
        var lost = dropped
        if text.count > limit {
          lost += text.count - limit
          text.removeFirst(text.count - limit)
        }
        dropped = 0
        return (text, lost)
      }
      scanned = buffer.count
      if ended || isCancelled() || Date() >= deadline { return nil }
      _ = condition.wait(until: min(deadline, Date().addingTimeInterval(0.05)))
    }
  }

  /// What arrived so far (for a worker that timed out or died), emptying the stream.
  func drain() -> (text: [UInt8], dropped: Int) {
    condition.lock()
    defer { condition.unlock() }
    var text = buffer
    var lost = dropped
    if text.count > limit {
      lost += text.count - limit
      text.removeFirst(text.count - limit)
    }
    buffer = []
    dropped = 0
    scanned = 0
    return (text, lost)
  }

  /// Waits (briefly) for the reading thread to see end of file after the worker was killed.
  func close() {
    condition.lock()
    let deadline = Date().addingTimeInterval(1)
    while !ended && Date() < deadline { _ = condition.wait(until: deadline) }
    condition.unlock()
  }

  static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Range<Int>? {
    guard let first = needle.first, haystack.count >= needle.count else { return nil }
    var i = start
    while i <= haystack.count - needle.count {
      if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
      i += 1
    }
    return nil
  }
}
