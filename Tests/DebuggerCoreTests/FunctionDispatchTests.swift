import ASLLoading
import ASLRuntime
import JSONCore
import Testing
@testable import DebuggerCore

/// Template functions in the task dispatch: after mocks, the integration and `--handler`, before
/// a person; Lambda's responses become AWS's task results and errors. A fake performer answers.
@Suite struct FunctionDispatchTests {
  static let invoke = """
    {"StartAt":"Call","States":{
      "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
        "Parameters":{"FunctionName":"arn:aws:lambda:us-east-1:123456789012:function:Orders:prod","Payload.$":"$"},"End":true}}}
    """
  static let callback = """
    {"StartAt":"Call","States":{
      "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
        "Parameters":{"FunctionName":"Orders","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}
    """
  static let orders = LocalFunction(name: "Orders", logicalID: "Orders", runtime: "python3.12", codeDirectory: "/code", handler: "app.handler", timeoutSeconds: 5)

  func session(_ json: String = invoke, handlers: [TaskHandler] = [], functions: [LocalFunction] = [orders]) throws -> Session {
    var configuration = SessionConfiguration(handlers: handlers)
    configuration.functions = functions
    return try Session(machines: [machine("M", json)], mainMachine: "M", input: ["in": 1], configuration: configuration)
  }

  @Test func functionNamesInEveryForm() {
    let f = Self.orders
    for name in ["Orders", "Orders:prod", "arn:aws:lambda:us-east-1:123456789012:function:Orders",
      "arn:aws:lambda:us-east-1:123456789012:function:Orders:$LATEST", "123456789012:function:Orders", "123456789012:function:Orders:1"]
    {
      #expect(f.answers(to: name), "\(name)")
    }
    #expect(!f.answers(to: "Other"))
    #expect(!f.answers(to: "arn:aws:lambda:us-east-1:123456789012:function:OrdersX"))
  }

  @Test func aTemplateFunctionIsAJobWithItsTimeoutAndInvokedARN() throws {
    var s = try session()
    let out = s.execute(.continue)
    guard case .runHandler(let job)? = out.effects.first else {
      Issue.record("no job: \(out.effects)")
      return
    }
    #expect(job.function?.function == Self.orders)
    #expect(job.function?.invokedARN == "arn:aws:lambda:us-east-1:123456789012:function:Orders:prod")
    #expect(job.timeoutSeconds == 5)
    #expect(job.input == ["in": 1])
  }

  @Test func aHandlerComesBeforeAFunctionAndAPersonAfterNoFunctions() throws {
    var s = try session(handlers: [TaskHandler(target: "Call", command: "cat")])
    guard case .runHandler(let job)? = s.execute(.continue).effects.first else { return #expect(Bool(false)) }
    #expect(job.function == nil)
    var none = try session(functions: [])
    #expect(none.execute(.continue).effects.isEmpty)
    #expect(none.runtime.pending.count == 1, "waits for a person")
  }

  @Test func aPayloadIsWrappedAsLambdaInvokeReturnsIt() throws {
    var s = try session()
    var performer = InstantPerformer { _ in .invoked(FunctionResponse(payload: #"{"ok": true}"#, isFunctionError: false, logs: "hi\n")) }
    _ = EffectLoop.run(.continue, on: &s, performer: &performer)
    let output = try #require(s.resultJSON["output"])
    #expect(output["Payload"] == ["ok": true])
    #expect(output["StatusCode"] == 200)
    #expect(s.functionLogs.count == 1)
    #expect(s.functionLogs.first?.output == "hi\n")
    #expect(s.functionLogs(executionID: 0, stateName: "Call").first?.result == "succeeded")
  }

  @Test func aFunctionErrorIsNamedByItsErrorTypeWithThePayloadAsCause() throws {
    var s = try session()
    let document = #"{"errorMessage": "no", "errorType": "OrderNotFound", "requestId": "r", "stackTrace": []}"#
    var performer = InstantPerformer { _ in .invoked(FunctionResponse(payload: document, isFunctionError: true)) }
    _ = EffectLoop.run(.continue, on: &s, performer: &performer)
    #expect(s.mainExecution.status.name == "FAILED")
    #expect(s.resultJSON["error"] == "OrderNotFound")
    #expect(s.resultJSON["cause"] == .string(document))
  }

  /// The error a response gives the task (nil when it succeeds).
  func error(of response: FunctionResponse) throws -> String? {
    var s = try session()
    var performer = InstantPerformer { _ in .invoked(response) }
    _ = EffectLoop.run(.continue, on: &s, performer: &performer)
    return s.resultJSON["error"]?.stringValue
  }

  @Test func lambdaErrorsWithoutATypeAreLambdaUnknown() throws {
    #expect(try error(of: FunctionResponse(payload: #"{"errorMessage":"boom"}"#, isFunctionError: true)) == "Lambda.Unknown")
    let timeout = FunctionResponse.timedOut(requestID: "abc", seconds: 3)
    #expect(timeout.payload == #"{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: abc Error: Task timed out after 3.00 seconds"}"#)
    #expect(try error(of: timeout) == "Sandbox.Timedout")
    let big = FunctionResponse(payload: "\"" + String(repeating: "x", count: 6_300_000) + "\"", isFunctionError: false)
    #expect(try error(of: big) == "Function.ResponseSizeTooLarge")
  }

  @Test func aCallbackFunctionLeavesTheTokenPendingUntilSomeoneReturnsIt() throws {
    var s = try session(Self.callback)
    var performer = InstantPerformer { _ in .invoked(FunctionResponse(payload: "null", isFunctionError: false)) }
    _ = EffectLoop.run(.continue, on: &s, performer: &performer)
    #expect(s.mainExecution.isRunning)
    #expect(s.runtime.pending.first?.token != nil, "the token is outstanding")
    #expect(performer.started.first?.taskToken != nil)
  }

  @Test func logTextEscapesControlCharacters() {
    #expect(LogText.safe("a\u{1B}[2Jb\tc\u{7}") == #"a\u{1B}[2Jb    c\u{7}"#)
    let log = FunctionLog(executionID: 0, stateName: "S", functionName: "F", requestID: "r", output: "one\ntwo\rthree\n", droppedBytes: 0, durationMilliseconds: 1.5, result: "succeeded")
    #expect(log.lines() == ["START RequestId: r Version: $LATEST", "one", "two", "three", "END RequestId: r", "REPORT RequestId: r\tDuration: 1.5 ms\tBilled Duration: 2 ms"])
  }
}

