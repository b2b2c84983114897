import ASLRuntime
import JSONCore
import Testing
@testable import DebuggerCore

/// A serving session with handlers: the reply to a request does not wait for the handler its
/// settle runs, and requests that arrive meanwhile are answered (and saved).
@Suite struct ServingTests {
  static let lambda = #"""
    {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "End": true}}}
    """#

  @Test func repliesDoNotWaitForHandlers() throws {
    var configuration = SessionConfiguration(handlers: [TaskHandler(target: "Call", command: "echo")])
    configuration.serving = ServeOptions()
    var session = Session(machines: [try machine("Caller", Self.lambda)], configuration: configuration)
    let started = session.execute(.apiRequest(
      id: RequestID(1), request: APIRequest(operation: "StartExecution", body: ["stateMachineArn": .string(machineARN("Caller"))])))
    let job = try #require(started.effects.compactMap { effect -> HandlerJob? in
      if case .runHandler(let job) = effect { return job } else { return nil }
    }.first)
    let reply = started.effects.compactMap { effect -> APIReply? in
      if case .reply(let id, let reply) = effect, id == RequestID(1) { return reply } else { return nil }
    }.first
    #expect(reply?.status == 200)
    let arn = try #require(reply?.body["executionArn"]?.stringValue)
    // While the handler runs, a client still gets answers.
    let described = session.execute(.apiRequest(
      id: RequestID(2), request: APIRequest(operation: "DescribeExecution", body: ["executionArn": .string(arn)])))
    #expect(described.effects.contains { if case .reply(RequestID(2), let r) = $0 { return r.body["status"] == "RUNNING" } else { return false } })
    _ = session.execute(.handlerFinished(job: job.id, result: .succeeded(["from": "handler"])))
    #expect(session.runtime.executions[0].status.name == "SUCCEEDED")
    #expect(session.script.contains("api StartExecution"))
  }

  @Test func aSessionWithoutExecutionsHasAClock() throws {
    let session = Session(machines: [try machine("Caller", Self.lambda)], configuration: SessionConfiguration())
    #expect(session.clock == "00:00:00.000")
    #expect(session.runtime.executions.isEmpty)
    #expect(session.nextWakeup == nil)
  }
}
