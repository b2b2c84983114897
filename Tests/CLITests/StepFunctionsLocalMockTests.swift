import Foundation
import JSONCore
import Testing

/// Mock files written for Step Functions Local name machines as the suite created them
/// (demo/sfn-local: "OrderFulfilment"), not by the template's logical id. sfdbg applies them
/// to the main machine when that is unambiguous and says so, and never applies no mocks silently.
@Suite struct StepFunctionsLocalMockTests {
  static let template = "demo/sfn-local/template.yaml"
  static let mocks = "demo/sfn-local/MockConfigFile.json"

  static func run(_ testCase: String, _ extra: [String] = []) throws -> CLI.Result {
    try CLI.run(["run", template, "--mocks", mocks, "--test-case", testCase, "--json", "--events"] + extra)
  }

  static func events(_ r: CLI.Result) -> [String] {
    r.json?["events"]?.arrayValue?.compactMap(\.stringValue) ?? []
  }

  @Test func happyPathAppliesTheSuitesMachineNameWithANote() throws {
    let r = try Self.run("HappyPath")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.executionStatus == "SUCCEEDED", "\(r.stdout)")
    #expect(r.json?["output"]?["MessageId"] == "m-1")
    #expect(
      r.stderr.contains(
        #"test case "HappyPath" is defined for state machine "OrderFulfilment", which no loaded machine is called; applying it to the main machine "OrderStateMachine""#),
      "\(r.stderr)")
    #expect(Self.events(r).filter { $0 == "TaskSucceeded" }.count == 2)
  }

  @Test func retryPathRetriesTheMockedError() throws {
    let r = try Self.run("BusyThenReserved")
    #expect(r.executionStatus == "SUCCEEDED", "\(r.stdout)")
    #expect(Self.events(r).prefix(8) == [
      "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed",
      "TaskScheduled", "TaskStarted", "TaskSucceeded",
    ])
  }

  @Test func catchPathEndsInTheFailState() throws {
    let r = try Self.run("OutOfStock", ["--machine-name", "OrderFulfilment"])
    #expect(r.executionStatus == "FAILED", "\(r.stdout)")
    #expect(r.json?["error"] == "OrderCancelled")
    #expect(Self.events(r).contains("FailStateEntered"))
    // Named as the suite created it: no note, and the ARN carries the name.
    #expect(!r.stderr.contains("note:"), "\(r.stderr)")
    #expect(r.json?["execution"] == "arn:aws:states:us-east-1:123456789012:execution:OrderFulfilment:main")
  }

  @Test func ambiguousMachineNamesExitTwoListingThem() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write(
      "mocks.json",
      #"""
      {"StateMachines": {"First": {"TestCases": {"T": {"Reserve": "R"}}}, "Second": {"TestCases": {"T": {"Reserve": "R"}}}},
       "MockedResponses": {"R": {"0": {"Return": {"Payload": {"reserved": 1}}}}}}
      """#)
    let r = try CLI.run(["run", Self.template, "--mocks", file, "--test-case", "T"])
    #expect(r.status == 2, "\(r.stdout) \(r.stderr)")
    #expect(r.stderr.contains(#"is defined for the state machines "First", "Second""#), "\(r.stderr)")
    #expect(r.stderr.contains("--machine-name"), "\(r.stderr)")
  }

  @Test func invalidMachineNameIsAUsageError() throws {
    let r = try Self.run("HappyPath", ["--machine-name", "bad name"])
    #expect(r.status == 2, "\(r.stderr)")
    #expect(r.stderr.contains("--machine-name 'bad name'"), "\(r.stderr)")
  }
}
