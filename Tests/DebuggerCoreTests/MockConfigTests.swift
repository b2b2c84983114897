import JSONCore
import Testing
@testable import DebuggerCore

@Suite struct MockConfigTests {
  static let text = """
    {"StateMachines":{"LambdaSQSIntegration":{"TestCases":{
       "HappyPath":{"LambdaState":"MockedLambdaSuccess"},
       "RetryPath":{"LambdaState":"MockedLambdaRetry"}}}},
     "MockedResponses":{
       "MockedLambdaSuccess":{"0":{"Return":{"StatusCode":200,"Payload":{"body":"Hello"}}}},
       "MockedLambdaRetry":{"0":{"Throw":{"Error":"Lambda.ResourceNotReadyException","Cause":"not ready"}},
                            "1-2":{"Throw":{"Error":"Lambda.TimeoutException","Cause":"timed out"}},
                            "3":{"Return":{"StatusCode":200}}}}}
    """

  @Test func attemptRanges() throws {
    let cfg = try MockConfig(json: JSONParser.parse(Self.text))
    let names = ["LambdaSQSIntegration"]
    #expect(cfg.response(machineNames: names, testCase: "RetryPath", state: "LambdaState", attempt: 0)
      == .throw(error: "Lambda.ResourceNotReadyException", cause: "not ready"))
    #expect(cfg.response(machineNames: names, testCase: "RetryPath", state: "LambdaState", attempt: 1)
      == .throw(error: "Lambda.TimeoutException", cause: "timed out"))
    #expect(cfg.response(machineNames: names, testCase: "RetryPath", state: "LambdaState", attempt: 2)
      == .throw(error: "Lambda.TimeoutException", cause: "timed out"))
    #expect(cfg.response(machineNames: names, testCase: "RetryPath", state: "LambdaState", attempt: 3) == .return(["StatusCode": 200]))
    // Past the last attempt the last response repeats.
    #expect(cfg.response(machineNames: names, testCase: "RetryPath", state: "LambdaState", attempt: 9) == .return(["StatusCode": 200]))
    #expect(cfg.response(machineNames: names, testCase: "HappyPath", state: "Other", attempt: 0) == nil)
    #expect(cfg.response(machineNames: ["Unknown", "LambdaSQSIntegration"], testCase: "HappyPath", state: "LambdaState", attempt: 0) != nil)
  }

  @Test func roundTripsThroughJSON() throws {
    let cfg = try MockConfig(json: JSONParser.parse(Self.text))
    let again = try MockConfig(json: cfg.json)
    #expect(again.stateMachines == cfg.stateMachines)
    #expect(again.mockedResponses == cfg.mockedResponses)
  }

  @Test(arguments: [
    (#"{"MockedResponses":{"R":{"x":{"Return":1}}}}"#, "/MockedResponses/R/x"),
    (#"{"MockedResponses":{"R":{"0":{"Nope":1}}}}"#, "/MockedResponses/R/0"),
    (#"{"StateMachines":{"M":{"TestCases":{"T":{"S":"Missing"}}}}}"#, "/StateMachines/M/TestCases/T/S"),
    (#"[1]"#, ""),
  ])
  func errorsSayWhere(text: String, pointer: String) throws {
    do {
      _ = try MockConfig(json: JSONParser.parse(text), file: "m.json")
      Issue.record("expected an error")
    } catch let error as MockConfigError {
      #expect(error.pointer == pointer)
    }
  }
}
