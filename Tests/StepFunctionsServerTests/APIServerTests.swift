import DebuggerCore
import Foundation
import JSONCore
import SFDBGTestSupport
import Testing

@testable import StepFunctionsServer

#if canImport(Glibc)
import Glibc
#endif

/// The edge end to end on loopback: real sockets, NIO, the mailbox and the serve loop's drain.
@Suite(.serialized) struct APIServerTests {
  /// Sends raw HTTP/1.1 requests on one keep-alive connection; returns each response's status
  /// and body.
  final class Connection {
    let fd: Int32

    init(port: Int) throws {
      fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = in_port_t(UInt16(port).bigEndian)
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      let rc = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
      }
      var timeout = timeval(tv_sec: 10, tv_usec: 0)
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
      if rc != 0 { throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    func send(target: String?, body: String) {
      var head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
      if let target { head += "X-Amz-Target: \(target)\r\n" }
      head += "Content-Length: \(body.utf8.count)\r\n\r\n"
      let bytes = Array((head + body).utf8)
      _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
    }

    /// Reads one response (headers, then Content-Length bytes).
    func receive() -> (status: Int, body: JSONValue)? {
      var data: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: 65_536)
      while true {
        if let end = data.firstRange(of: Array("\r\n\r\n".utf8)) {
          let head = String(decoding: data[..<end.lowerBound], as: UTF8.self)
          let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
          if data.count - end.upperBound >= length {
            let status = Int(head.split(separator: " ")[1]) ?? 0
            let body = try? JSONParser.parse(Array(data[end.upperBound..<(end.upperBound + length)]))
            return (status, body ?? .null)
          }
        }
        let n = recv(fd, &buffer, buffer.count, 0)
        if n <= 0 { return nil }
        data += buffer[0..<n]
      }
    }
  }

  /// A server on a free port whose session runs on a thread of its own until `stop`.
  final class Running: @unchecked Sendable {
    let mailbox = APIMailbox()
    let server: APIServer
    let done = NSCondition()
    var finished = false

    init() throws {
      server = try APIServer(host: "127.0.0.1", port: 0, mailbox: mailbox)
      let session = try Session(
        machines: [machine("M", #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)],
        mainMachine: "M", input: [:])
      let thread = Thread { [self] in
        var session = session
        var performer = ServingPerformer(base: InstantPerformer(), mailbox: mailbox)
        ServeLoop(mailbox: mailbox).serve(&session, performer: &performer)
        done.lock()
        finished = true
        done.broadcast()
        done.unlock()
      }
      thread.start()
    }

    func stop() -> Bool {
      mailbox.stop()
      done.lock()
      defer { done.unlock() }
      while !finished { if !done.wait(until: Date().addingTimeInterval(5)) { break } }
      server.stop()
      return finished
    }
  }

  @Test func answersOverKeepAliveAndStops() throws {
    let running = try Running()
    let connection = try Connection(port: running.server.port)
    connection.send(target: "AWSStepFunctions.FlyToTheMoon", body: "{}")
    let first = try #require(connection.receive())
    #expect(first.status == 400)
    #expect(first.body["__type"]?.stringValue == "UnknownOperationException")
    connection.send(target: "AWSStepFunctions.ListStateMachines", body: "{oops")
    let second = try #require(connection.receive())
    #expect(second.body["__type"]?.stringValue == "SerializationException")
    connection.send(target: nil, body: "{}")
    let third = try #require(connection.receive())
    #expect(third.body["__type"]?.stringValue == "UnknownOperationException")
    #expect(running.stop())
  }

  @Test func anOversizedBodyIsRefusedWithoutHoldingIt() throws {
    let running = try Running()
    let connection = try Connection(port: running.server.port)
    connection.send(target: "AWSStepFunctions.StartExecution", body: String(repeating: "x", count: AWSJSONProtocol.maxBodyBytes + 10))
    let reply = try #require(connection.receive())
    #expect(reply.status == 413)
    #expect(reply.body["__type"] != nil)
    #expect(running.stop())
  }

  @Test func drainFeedsRequestsInOrderAndRoutesReplies() throws {
    let mailbox = APIMailbox()
    let replies = Replies()
    for name in ["One", "Two"] {
      mailbox.post(APIRequest(operation: name, body: [:])) { replies.append(name, $0) }
    }
    var session = try Session(
      machines: [machine("M", #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)],
      mainMachine: "M", input: [:])
    var performer = ServingPerformer(base: InstantPerformer(), mailbox: mailbox)
    let outcomes = ServeLoop(mailbox: mailbox).drain(&session, performer: &performer)
    #expect(outcomes.count == 2)
    #expect(replies.names == ["One", "Two"])
    #expect(replies.types == ["UnknownOperationException", "UnknownOperationException"])
    #expect(ServeLoop(mailbox: mailbox).drain(&session, performer: &performer).isEmpty)
  }

  final class Replies: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var names: [String] = []
    private(set) var types: [String] = []
    func append(_ name: String, _ reply: APIReply) {
      lock.lock()
      names.append(name)
      types.append(reply.body["__type"]?.stringValue ?? "")
      lock.unlock()
    }
  }
}

@Suite struct APIMailboxTests {
  final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var all: [String] = []
    func append(_ line: String) {
      lock.lock()
      all.append(line)
      lock.unlock()
    }
  }

  @Test func logsOneLinePerRequestWithOperationStatusLatencyAndExecution() throws {
    let lines = Lines()
    let mailbox = APIMailbox(log: { lines.append($0) })
    let arn = "arn:aws:states:us-east-1:123456789012:execution:M:run"
    mailbox.post(APIRequest(operation: "DescribeExecution", body: ["executionArn": .string(arn)])) { _ in }
    mailbox.post(APIRequest(operation: "StartExecution", body: [:])) { _ in }
    let arrived = mailbox.takeAll()
    #expect(arrived.map(\.request.operation) == ["DescribeExecution", "StartExecution"])
    mailbox.reply(arrived[0].id, .error("ExecutionDoesNotExist", "no"))
    mailbox.reply(arrived[1].id, APIReply(status: 200, body: ["executionArn": .string(arn + "2")]))
    mailbox.reply(arrived[1].id, APIReply(status: 200, body: [:]))  // a second reply is dropped
    #expect(lines.all.count == 2)
    let first = lines.all[0].split(separator: " ").map(String.init)
    #expect(Array(first.prefix(3)) == ["DescribeExecution", "400", "ExecutionDoesNotExist"])
    #expect(first[3].hasSuffix("ms") && Double(first[3].dropLast(2)) != nil)
    #expect(first.last == arn)
    #expect(lines.all[1].hasPrefix("StartExecution 200 ") && lines.all[1].hasSuffix(arn + "2"))
  }
}
