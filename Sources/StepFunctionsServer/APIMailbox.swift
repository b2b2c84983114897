import DebuggerCore
import Foundation
import JSONCore

/// A request an HTTP connection received, waiting for the serve loop to feed it to the session.
public struct ArrivedRequest: Sendable {
  public var id: RequestID
  public var request: APIRequest

  /// The command that feeds it to the session.
  public var command: InternalCommand { .apiRequest(id: id, request: request) }
}

/// The one place the NIO threads and the thread that owns the session meet: connections post
/// requests in arrival order, the serve loop takes them, and a reply (given now or, for a
/// request that waits, in a later outcome) goes back to the connection that asked. It also
/// writes the one log line per request.
public final class APIMailbox: @unchecked Sendable {
  public typealias Replier = @Sendable (APIReply) -> Void

  /// A request the session has not answered yet.
  private struct Waiting {
    var operation: String
    var executionArn: String?
    var arrived: ContinuousClock.Instant
    var replier: Replier
  }

  private let condition = NSCondition()
  private var queue: [ArrivedRequest] = []
  private var waiting: [RequestID: Waiting] = [:]
  private var lastID = 0
  private var stopped = false
  /// Where the per-request log lines go (nil: nowhere).
  private let log: (@Sendable (String) -> Void)?

  public init(log: (@Sendable (String) -> Void)? = nil) { self.log = log }

  /// Queues `request`; `replier` sends its reply (on any thread).
  public func post(_ request: APIRequest, arrived: ContinuousClock.Instant = .now, replier: @escaping Replier) {
    condition.lock()
    lastID += 1
    let id = RequestID(lastID)
    waiting[id] = Waiting(
      operation: request.operation, executionArn: request.body["executionArn"]?.stringValue,
      arrived: arrived, replier: replier)
    queue.append(ArrivedRequest(id: id, request: request))
    condition.signal()
    condition.unlock()
  }

  /// The requests that arrived, in order, waiting until at least one has, `deadline` passes, or
  /// the mailbox stops (nil deadline: no limit).
  public func take(waitingUntil deadline: ContinuousClock.Instant?) -> [ArrivedRequest] {
    condition.lock()
    defer { condition.unlock() }
    while queue.isEmpty && !stopped {
      guard let deadline else {
        condition.wait()
        continue
      }
      let left = deadline - .now
      if left <= .zero { break }
      let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
      _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
    }
    defer { queue.removeAll(keepingCapacity: true) }
    return queue
  }

  /// The requests that arrived, without waiting.
  public func takeAll() -> [ArrivedRequest] { take(waitingUntil: .now) }

  /// The commands for `takeAll()` (what `EffectLoop` serves while a handler runs).
  public func takeCommands() -> [InternalCommand] { takeAll().map(\.command) }

  /// Whether requests wait to be taken.
  public var hasArrivals: Bool {
    condition.lock()
    defer { condition.unlock() }
    return !queue.isEmpty
  }

  /// Sends the session's reply to request `id` and logs it (a reply to a request already
  /// answered, or unknown, is dropped).
  public func reply(_ id: RequestID, _ reply: APIReply) {
    condition.lock()
    let entry = waiting.removeValue(forKey: id)
    condition.unlock()
    guard let entry else { return }
    entry.replier(reply)
    let arn = entry.executionArn ?? reply.body["executionArn"]?.stringValue
    logLine(operation: entry.operation, reply: reply, executionArn: arn, since: entry.arrived)
  }

  /// Logs a reply the edge gave itself (a request that never reached the session).
  public func logEdgeReply(operation: String, _ reply: APIReply, since arrived: ContinuousClock.Instant) {
    logLine(operation: operation, reply: reply, executionArn: nil, since: arrived)
  }

  /// Wakes the serve loop and makes every later `take` return at once.
  public func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    condition.unlock()
  }

  public var isStopped: Bool {
    condition.lock()
    defer { condition.unlock() }
    return stopped
  }

  /// Wakes a `take` without stopping (a clock tick is due earlier than it waits for).
  public func wake() {
    condition.lock()
    condition.broadcast()
    condition.unlock()
  }

  /// `OPERATION STATUS [ERROR] LATENCY [EXECUTION]`, e.g.
  /// `StartExecution 200 0.41ms arn:aws:states:us-east-1:123456789012:execution:M:N`.
  private func logLine(operation: String, reply: APIReply, executionArn: String?, since arrived: ContinuousClock.Instant) {
    guard let log else { return }
    let elapsed = ContinuousClock.now - arrived
    // Hundredths of a millisecond, formatted by hand (String(format:) costs more than a request).
    let hundredths = elapsed.components.seconds * 100_000 + elapsed.components.attoseconds / 10_000_000_000_000
    let fraction = hundredths % 100
    var parts = [operation.isEmpty ? "-" : operation, String(reply.status)]
    if let type = reply.body["__type"]?.stringValue { parts.append(type) }
    parts.append("\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)ms")
    if let executionArn { parts.append(executionArn) }
    log(parts.joined(separator: " "))
  }
}
