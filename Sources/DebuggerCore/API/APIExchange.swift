import JSONCore

/// Names one API request in flight between the edge (an HTTP connection) and the session, so a
/// reply given later (StartSyncExecution, GetActivityTask's long poll) reaches the right client.
public struct RequestID: Hashable, Sendable, CustomStringConvertible {
  public var rawValue: Int

  public init(_ rawValue: Int) { self.rawValue = rawValue }

  public var description: String { "request \(rawValue)" }
}

/// One Step Functions API call (awsJson1_0: `X-Amz-Target: AWSStepFunctions.<operation>`), as
/// the session sees it: the operation's name and its JSON body, nothing of HTTP.
public struct APIRequest: Sendable, Equatable {
  /// The operation, e.g. "StartExecution".
  public var operation: String
  public var body: JSONValue
  /// Who sent it, for History and the log (e.g. "aws-cli/2.15 127.0.0.1:51234").
  public var caller: String

  public init(operation: String, body: JSONValue, caller: String = "client") {
    self.operation = operation
    self.body = body
    self.caller = caller
  }
}

/// The session's answer to an `APIRequest`: an HTTP status and the JSON body AWS would send
/// (the operation's response shape, or `{"__type": "...", "message": "..."}` for an error).
public struct APIReply: Sendable, Equatable {
  public var status: Int
  public var body: JSONValue

  public init(status: Int, body: JSONValue) {
    self.status = status
    self.body = body
  }

  /// An AWS error reply: `type` is the exception name (e.g. "ExecutionDoesNotExist").
  public static func error(_ type: String, _ message: String, status: Int = 400) -> APIReply {
    APIReply(status: status, body: .object(["__type": .string(type), "message": .string(message)]))
  }
}
