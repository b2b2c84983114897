import ASLRuntime
import JSONCore
import Testing
@testable import DebuggerCore

/// A client of a session in tests: sends `InternalCommand.apiRequest`s and collects the
/// `.reply` effects, as the HTTP edge does.
struct APIClient {
  var session: Session
  var nextID = 0
  /// Replies that arrived for requests answered later (StartSyncExecution, GetActivityTask).
  var late: [RequestID: APIReply] = [:]
  var notes: [String] = []

  init(_ machines: [RegisteredMachine], serving: ServeOptions? = ServeOptions(), mocks: MockConfig? = nil) {
    var configuration = SessionConfiguration(mocks: mocks)
    configuration.serving = serving
    session = Session(machines: machines, configuration: configuration)
  }

  init(session: Session) { self.session = session }

  /// Sends a request; its reply when it came at once (nil: it waits).
  @discardableResult
  mutating func call(_ operation: String, _ body: JSONValue = [:]) -> APIReply? {
    let id = send(operation, body)
    return late.removeValue(forKey: id)
  }

  /// Sends a request and returns its id; replies go to `late`.
  mutating func send(_ operation: String, _ body: JSONValue = [:]) -> RequestID {
    let id = RequestID(nextID)
    nextID += 1
    take(session.execute(.apiRequest(id: id, request: APIRequest(operation: operation, body: body, caller: "test-client"))))
    return id
  }

  mutating func tick(_ seconds: Double) { take(session.execute(.tick(wallSeconds: seconds))) }

  mutating func run(_ command: DebuggerCommand) { take(session.execute(command)) }

  mutating func take(_ out: CommandOutcome) {
    notes += out.notes
    for effect in out.effects { if case .reply(let id, let reply) = effect { late[id] = reply } }
  }

  /// A call that must succeed: its body.
  mutating func ok(_ operation: String, _ body: JSONValue = [:], sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
    let reply = call(operation, body)
    #expect(reply?.status == 200, "\(operation): \(reply?.body.compactString ?? "no reply")", sourceLocation: sourceLocation)
    return reply?.body ?? .null
  }

  /// A call that must fail with `type`: its message.
  @discardableResult
  mutating func fails(
    _ operation: String, _ body: JSONValue, _ type: String, status: Int = 400, sourceLocation: SourceLocation = #_sourceLocation
  ) -> String {
    let reply = call(operation, body)
    #expect(reply?.status == status, sourceLocation: sourceLocation)
    #expect(reply?.body["__type"]?.stringValue == type, "\(reply?.body.compactString ?? "no reply")", sourceLocation: sourceLocation)
    return reply?.body["message"]?.stringValue ?? ""
  }

  /// Creates a machine by CreateStateMachine; its ARN.
  mutating func create(_ name: String, _ definition: String, type: String = "STANDARD") -> String {
    ok("CreateStateMachine", [
      "name": .string(name), "definition": .string(definition), "type": .string(type),
      "roleArn": "arn:aws:iam::123456789012:role/test",
    ])["stateMachineArn"]?.stringValue ?? ""
  }

  /// Starts an execution; its ARN.
  mutating func start(_ machineArn: String, input: String = "{}", name: String? = nil) -> String {
    var body: JSONObject = ["stateMachineArn": .string(machineArn), "input": .string(input)]
    if let name { body["name"] = .string(name) }
    return ok("StartExecution", .object(body))["executionArn"]?.stringValue ?? ""
  }

  mutating func describe(_ executionArn: String) -> JSONValue {
    ok("DescribeExecution", ["executionArn": .string(executionArn)])
  }
}

enum APIDefinitions {
  static let pass = #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"done": true}, "ResultPath": "$.r", "End": true}}}"#
  static let wait10 = #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 10, "End": true}}}"#
  static let callback = #"""
    {"StartAt": "Call", "States": {"Call": {"Type": "Task",
      "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "TimeoutSeconds": 60,
      "Parameters": {"QueueUrl": "q", "MessageBody": {"Token.$": "$$.Task.Token"}}, "End": true}}}
    """#
  static func activity(_ arn: String, heartbeat: Int? = nil) -> String {
    #"{"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": ""# + arn + "\""
      + (heartbeat.map { #", "HeartbeatSeconds": \#($0)"# } ?? "") + #", "End": true}}}"#
  }
}
