import DebuggerCore
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The HTTP listener: swift-nio with one event-loop thread (the session's thread is the other
/// core's work). Each connection is keep-alive HTTP/1.1 with NIO's pipelining assistance, so
/// replies leave in the order their requests came even when one waits (a long poll).
public final class APIServer: Sendable {
  private let group: MultiThreadedEventLoopGroup
  private let channel: any Channel
  /// The port bound (the one asked for, or the one the system chose for port 0).
  public let port: Int
  public let host: String

  /// Listens on `host:port` (port 0: any free port); requests go to `mailbox`.
  public init(host: String, port: Int, mailbox: APIMailbox) throws {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let bootstrap = ServerBootstrap(group: group)
      .serverChannelOption(.backlog, value: 256)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
      .childChannelOption(.maxMessagesPerRead, value: 16)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.configureHTTPServerPipeline(
            withPipeliningAssistance: true, withErrorHandling: true)
          try channel.pipeline.syncOperations.addHandler(APIConnectionHandler(mailbox: mailbox))
        }
      }
    do {
      channel = try bootstrap.bind(host: host, port: port).wait()
    } catch {
      try? group.syncShutdownGracefully()
      throw error
    }
    self.group = group
    self.host = host
    self.port = channel.localAddress?.port ?? port
  }

  /// The URL clients and handler commands use. A wildcard host is reached on loopback.
  public var endpoint: String {
    let reachable = ["0.0.0.0", "::", ""].contains(host) ? "127.0.0.1" : host
    return "http://\(reachable.contains(":") ? "[\(reachable)]" : reachable):\(port)"
  }

  /// Closes the listener and every connection.
  public func stop() {
    try? channel.close().wait()
    try? group.syncShutdownGracefully()
  }
}

/// One client connection: gathers a request (its body capped at `maxBodyBytes`; the rest is
/// read and dropped, so memory stays bounded), answers protocol errors itself, posts the rest
/// to the mailbox, and writes the session's reply when it comes.
final class APIConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart

  private let mailbox: APIMailbox
  private var head: HTTPRequestHead?
  private var body: [UInt8] = []
  private var tooLarge = false

  init(mailbox: APIMailbox) { self.mailbox = mailbox }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let requestHead):
      head = requestHead
      body.removeAll(keepingCapacity: body.capacity <= 65_536)
      let declared = requestHead.headers.first(name: "content-length").flatMap { Int($0) } ?? 0
      tooLarge = declared > AWSJSONProtocol.maxBodyBytes
    case .body(let buffer):
      guard !tooLarge else { return }
      if body.count + buffer.readableBytes > AWSJSONProtocol.maxBodyBytes {
        tooLarge = true
        body = []
      } else {
        body.append(contentsOf: buffer.readableBytesView)
      }
    case .end:
      guard let requestHead = head else { return }
      head = nil
      answer(requestHead, context: context)
    }
  }

  private func answer(_ requestHead: HTTPRequestHead, context: ChannelHandlerContext) {
    let arrived = ContinuousClock.now
    // A connection whose body was dropped is closed after the reply: nothing more is read from it.
    let keepAlive = requestHead.isKeepAlive && !tooLarge
    let target = requestHead.headers.first(name: "x-amz-target")
    let peer = context.remoteAddress.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" }
    let caller = AWSJSONProtocol.caller(userAgent: requestHead.headers.first(name: "user-agent"), peer: peer)
    let decoded = AWSJSONProtocol.decode(
      method: requestHead.method.rawValue, target: target, body: body, bodyTooLarge: tooLarge, caller: caller)
    body.removeAll(keepingCapacity: body.capacity <= 65_536)
    switch decoded {
    case .rejected(let reply):
      Self.write(reply, version: requestHead.version, keepAlive: keepAlive, context: context)
      mailbox.logEdgeReply(operation: AWSJSONProtocol.operation(target: target) ?? target ?? "-", reply, since: arrived)
    case .request(let request):
      let loop = context.eventLoop
      let bound = NIOLoopBound(context, eventLoop: loop)
      let version = requestHead.version
      mailbox.post(request, arrived: arrived) { reply in
        loop.execute { Self.write(reply, version: version, keepAlive: keepAlive, context: bound.value) }
      }
    }
  }

  /// Writes a reply as AWS does: the JSON body, its content type and length, a request id.
  static func write(_ reply: APIReply, version: HTTPVersion, keepAlive: Bool, context: ChannelHandlerContext) {
    let bytes = AWSJSONProtocol.encode(reply)
    var headers = HTTPHeaders()
    headers.add(name: "Content-Type", value: AWSJSONProtocol.contentType)
    headers.add(name: "Content-Length", value: String(bytes.count))
    headers.add(name: "x-amzn-RequestId", value: UUID().uuidString.lowercased())
    headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
    let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
    var buffer = context.channel.allocator.buffer(capacity: bytes.count)
    buffer.writeBytes(bytes)
    context.write(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
    context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(buffer))), promise: nil)
    let channel = context.channel
    let written = context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)))
    if !keepAlive { written.whenComplete { _ in channel.close(promise: nil) } }
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    context.close(promise: nil)
  }
}
