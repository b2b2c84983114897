import Foundation
import JSONCore
import Testing

/// `sfdbg run` on the seed sample (a parent starting three children) and on the demo: pending
/// tokens, mocks, scripts, `--execution`, and `save`/`save-mocks` replays.
@Suite(.needsSharedData) struct SeedSampleRunTests {
  static let mainARN = "arn:aws:states:us-east-1:123456789012:execution:NestingPatternMainStateMachine:main"
  static let callbackState = "Start new workflow and wait for callback"
  /// What AWS outputs when the callback gets its success (../shared/seed-sample/NOTES.md).
  static let awsOutput: JSONValue = [
    "The whole execution is completed including both long-running jobs",
    "Callback right after the first long-running job is completed",
  ]
  static let childOutput: JSONValue = "The whole execution is completed including both long-running jobs"

  var template: String { SharedData.seedTemplate ?? "" }

  @Test func withoutScriptItStopsRunningWithTheCallbackTokenPending() throws {
    let r = try CLI.run(["run", template, "--json"])
    #expect(r.status == 3, "RUNNING exits 3; stderr: \(r.stderr)")
    let json = try #require(r.json, "\(r.stdout)")
    #expect(json["status"] == "RUNNING")
    let pending = try #require(json["pending"]?.arrayValue)
    let token = try #require(pending.first { $0["kind"] == "token" }, "\(pending)")
    #expect(token["execution"]?.stringValue == Self.mainARN)
    #expect(token["state"]?.stringValue == Self.callbackState)
    #expect(token["resource"] == "arn:aws:states:::states:startExecution.waitForTaskToken")
    #expect((token["token"]?.stringValue?.count ?? 0) > 20, "tokens are long, as on AWS")
    // By then the call-and-continue child and the .sync:2 child have finished.
    let executions = try #require(json["executions"]?.arrayValue)
    #expect(executions.count == 4)
    for pattern in ["call-and-continue", ".sync:2"] {
      let child = executions.first { $0["pattern"]?.stringValue == pattern }
      #expect(child?["status"] == "SUCCEEDED", "\(pattern)")
      #expect(child?["output"] == Self.childOutput, "\(pattern)")
    }
    let callbackChild = executions.first { $0["pattern"] == ".waitForTaskToken" }
    #expect(callbackChild?["status"] == "RUNNING")
  }

  @Test func callbackSuccessScriptGivesTheAWSOutputAndFourExecutions() throws {
    let r = try CLI.run([
      "run", template, "--mocks", "demo/seed-sample/mocks.json", "--test-case", "CallbackLambda",
      "--script", "demo/seed-sample/callback-success.sfdbg", "--json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try #require(r.json, "\(r.stdout)")
    #expect(json["status"] == "SUCCEEDED")
    #expect(json["output"] == Self.awsOutput)
    #expect(json["output"]?.compactString == Self.awsOutput.compactString, "exactly, in branch order")
    #expect(json["pending"] == nil || json["pending"] == [])
    let executions = try #require(json["executions"]?.arrayValue)
    #expect(executions.count == 4)
    let main = try #require(executions.first)
    #expect(main["arn"]?.stringValue == Self.mainARN)
    #expect(main["parent"] == nil)
    #expect(main["status"] == "SUCCEEDED")
    let children = executions.dropFirst()
    let expected: [(pattern: String, startedBy: String)] = [
      ("call-and-continue", "Start new workflow and continue"),
      (".sync:2", "Start new workflow and wait for completion"),
      (".waitForTaskToken", Self.callbackState),
    ]
    #expect(children.map { $0["pattern"]?.stringValue ?? "" } == expected.map(\.pattern))
    for (child, want) in zip(children, expected) {
      #expect(child["parent"]?.stringValue == Self.mainARN, "\(want.pattern)")
      #expect(child["startedBy"]?.stringValue == want.startedBy)
      #expect(child["status"] == "SUCCEEDED", "\(want.pattern)")
      #expect(child["output"] == Self.childOutput, "\(want.pattern)")
      #expect(child["stateMachine"] == "NestingPatternAnotherStateMachine")
    }
  }

  @Test func callbackFailureScriptFailsTheMainExecution() throws {
    let r = try CLI.run([
      "run", template, "--mocks", "demo/seed-sample/mocks.json", "--test-case", "CallbackLambda",
      "--script", "demo/seed-sample/callback-failure.sfdbg", "--json",
    ])
    #expect(r.status == 0, "a FAILED execution ran: \(r.stderr)")
    let json = try #require(r.json)
    #expect(json["status"] == "FAILED")
    #expect(json["error"] == "Callback.Rejected")
    #expect(json["cause"] == "the warehouse said no")
    #expect(json["output"] == nil)
  }

  @Test func executionOptionPicksAChild() throws {
    let r = try CLI.run(["run", template, "--json", "--events", "--history", "--execution", "#3"])
    #expect(r.status == 3)
    let json = try #require(r.json)
    let events = try #require(json["events"]?.arrayValue)
    // The .sync:2 child: Wait, Choice (default), Wait, Pass.
    #expect(events == [
      "ExecutionStarted", "WaitStateEntered", "WaitStateExited", "ChoiceStateEntered",
      "ChoiceStateExited", "WaitStateEntered", "WaitStateExited", "PassStateEntered",
      "PassStateExited", "ExecutionSucceeded",
    ])
    let history = try #require(json["history"]?["events"]?.arrayValue)
    let started = try #require(history.first?["executionStartedEventDetails"])
    #expect(started["stateMachineArn"] == nil)  // AWS does not write it
    let input = try #require(started["input"]?.stringValue.flatMap { try? JSONParser.parse($0) })
    #expect(input["NeedCallback"] == false)
    #expect(input["AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"]?.stringValue == Self.mainARN)
    // The main execution's own history is different (service integration events).
    let main = try CLI.run(["run", template, "--json", "--events"])
    let mainEvents = main.json?["events"]?.arrayValue ?? []
    #expect(mainEvents.contains("TaskSubmitted"))
    #expect(mainEvents != events)
  }

  @Test func mainHistoryHasServiceIntegrationEvents() throws {
    let r = try CLI.run([
      "run", template, "--mocks", "demo/seed-sample/mocks.json", "--test-case", "CallbackLambda",
      "--script", "demo/seed-sample/callback-success.sfdbg", "--json", "--events", "--history",
    ])
    let json = try #require(r.json)
    let events = json["events"]?.arrayValue?.compactMap(\.stringValue) ?? []
    #expect(events.first == "ExecutionStarted")
    #expect(events.last == "ExecutionSucceeded")
    // Call and continue: scheduled, started, succeeded at once.
    #expect(Array(events.prefix(6)) == [
      "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
      "TaskStateExited",
    ])
    // .sync:2 and .waitForTaskToken: submitted, then succeeded later.
    #expect(events.filter { $0 == "TaskSubmitted" }.count == 2)
    #expect(events.filter { $0 == "TaskSucceeded" }.count == 3)
    #expect(events.contains("ParallelStateEntered"))
    #expect(!events.contains("WaitStateEntered"), "the children's Wait states are in their own histories")
    let history = json["history"]?["events"]?.arrayValue ?? []
    #expect(history.map { $0["type"]?.stringValue ?? "" } == events)
    let scheduled = history.first { $0["type"] == "TaskScheduled" }?["taskScheduledEventDetails"]
    #expect(scheduled?["resourceType"] == "states")
    #expect(scheduled?["resource"] == "startExecution")
  }

  @Test func plainOutputOfARunningSessionListsPending() throws {
    let r = try CLI.run(["run", template])
    #expect(r.status == 3)
    #expect(r.stdout.contains("status: RUNNING"))
    #expect(r.stdout.contains("pending:"))
    #expect(r.stdout.contains(Self.callbackState))
    #expect(r.stdout.contains(".waitForTaskToken"))
  }

  @Test func executionOptionByNameAndARN() throws {
    let first = try CLI.run(["run", template, "--json"])
    let child = try #require(first.json?["executions"]?.arrayValue?[1])
    let name = try #require(child["name"]?.stringValue)
    let arn = try #require(child["arn"]?.stringValue)
    let byName = try CLI.run(["run", template, "--json", "--events", "--execution", name])
    let byARN = try CLI.run(["run", template, "--json", "--events", "--execution", arn])
    let byIndex = try CLI.run(["run", template, "--json", "--events", "--execution", "#2"])
    #expect(byName.json?["events"] != nil)
    #expect(byName.json?["events"] == byIndex.json?["events"])
    #expect(byARN.json?["events"] == byIndex.json?["events"])
  }

  @Test func unknownExecutionIsRefused() throws {
    let r = try CLI.run(["run", template, "--json", "--events", "--execution", "no-such-execution"])
    Expect.cleanError(r, mentioning: ["no-such-execution"])
  }

  @Test func scriptWithABadLineNamesTheLine() throws {
    let dir = try TemporaryFolder()
    let script = try dir.write("bad.sfdbg", "# a comment\ncontinue\n\nfrobnicate now\npending\n")
    let r = try CLI.run(["run", template, "--script", script, "--json"])
    Expect.cleanError(r, mentioning: ["bad.sfdbg:4", "frobnicate"])
  }

  @Test func scriptCommandThatFailsNamesTheLine() throws {
    let dir = try TemporaryFolder()
    let script = try dir.write("bad.sfdbg", "continue\nsucceed 9 {}\n")
    let r = try CLI.run(["run", template, "--script", script, "--json"])
    Expect.cleanError(r, mentioning: ["bad.sfdbg:2", "TaskDoesNotExist"])
  }

  @Test func scriptWithInvalidJSONResultNamesTheLine() throws {
    let dir = try TemporaryFolder()
    let script = try dir.write("bad.sfdbg", "continue\nsucceed \"\(Self.callbackState)\" {bad json\n")
    let r = try CLI.run(["run", template, "--script", script, "--json"])
    Expect.cleanError(r, mentioning: ["bad.sfdbg:2"])
  }

  @Test func missingScriptIsRefused() throws {
    let dir = try TemporaryFolder()
    Expect.cleanError(try CLI.run(["run", template, "--script", dir.path("none.sfdbg")]), mentioning: ["none.sfdbg"])
  }

  @Test func mocksWithoutTestCaseIsRefused() throws {
    let r = try CLI.run(["run", template, "--mocks", "demo/seed-sample/mocks.json", "--json"])
    Expect.cleanError(r, mentioning: ["--test-case"])
  }

  @Test func unknownTestCaseIsRefused() throws {
    let r = try CLI.run([
      "run", template, "--mocks", "demo/seed-sample/mocks.json", "--test-case", "NoSuchCase", "--json",
    ])
    Expect.cleanError(r, mentioning: ["NoSuchCase"])
  }

  @Test func testCaseWithoutMocksIsRefused() throws {
    let r = try CLI.run(["run", template, "--test-case", "CallbackLambda", "--json"])
    Expect.cleanError(r, mentioning: ["--mocks"])
  }

  @Test func mockFileThatIsNotJSONIsLocated() throws {
    let dir = try TemporaryFolder()
    let mocks = try dir.write("mocks.json", "{\n  \"StateMachines\": {,\n}")
    let r = try CLI.run(["run", template, "--mocks", mocks, "--test-case", "X", "--json"])
    Expect.cleanError(r, located: mocks)
  }

  /// Records a session by hand (`save`, `save-mocks`), then replays both recordings.
  @Test func savedScriptAndMocksReplayToTheSameResult() throws {
    let dir = try TemporaryFolder()
    let savedScript = dir.path("saved.sfdbg")
    let savedMocks = dir.path("saved-mocks.json")
    let script = try dir.write(
      "record.sfdbg",
      """
      continue
      succeed "\(Self.callbackState)" "Callback right after the first long-running job is completed"
      succeed Callback {"ok": 1}
      save \(savedScript)
      save-mocks \(savedMocks)

      """)
    let recorded = try CLI.run(["run", template, "--script", script, "--json"])
    #expect(recorded.status == 0, "\(recorded.stderr)")
    let original = try #require(recorded.json)
    #expect(original["status"] == "SUCCEEDED")
    #expect(original["output"] == Self.awsOutput)
    #expect(FileManager.default.fileExists(atPath: savedScript))
    #expect(FileManager.default.fileExists(atPath: savedMocks))

    let replayed = try CLI.run(["run", template, "--script", savedScript, "--json"])
    #expect(replayed.status == 0, "\(replayed.stderr)")
    #expect(replayed.json == original, "the saved script replays the whole session")

    let mocked = try CLI.run(["run", template, "--mocks", savedMocks, "--test-case", "RecordedSession", "--json"])
    #expect(mocked.status == 0, "\(mocked.stderr)")
    let fromMocks = try #require(mocked.json)
    #expect(fromMocks["status"] == original["status"])
    #expect(fromMocks["output"] == original["output"])
    #expect(fromMocks["pending"] == nil || fromMocks["pending"] == [])
  }

  @Test func savedScriptOfAFailureReplays() throws {
    let dir = try TemporaryFolder()
    let saved = dir.path("failure.sfdbg")
    let script = try dir.write(
      "record.sfdbg",
      "continue\nfail \"\(Self.callbackState)\" Callback.Rejected \"no, thanks\"\nsave \(saved)\n")
    let first = try CLI.run([
      "run", template, "--mocks", "demo/seed-sample/mocks.json", "--test-case", "CallbackLambda",
      "--script", script, "--json",
    ])
    #expect(first.json?["status"] == "FAILED")
    #expect(first.json?["cause"] == "no, thanks")
    let again = try CLI.run([
      "run", template, "--mocks", "demo/seed-sample/mocks.json", "--test-case", "CallbackLambda",
      "--script", saved, "--json",
    ])
    #expect(again.status == 0)
    #expect(again.json == first.json)
  }
}

/// The demo files of the README.
@Suite struct DemoRunTests {
  @Test func nestingDemoHappyPath() throws {
    let r = try CLI.run([
      "run", "demo/nesting/template.yaml", "--mocks", "demo/nesting/mocks.json",
      "--test-case", "HappyPath", "--input-file", "demo/nesting/input.json",
      "--script", "demo/nesting/ship-success.sfdbg", "--json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try #require(r.json)
    #expect(json["status"] == "SUCCEEDED")
    #expect(json["output"]?["OrderId"] == "order-1001")
    #expect(json["output"]?["Shipping"] == ["Carrier": "ACME", "TrackingId": "TRK-42"])
    let executions = try #require(json["executions"]?.arrayValue)
    #expect(executions.count == 4)
    #expect(executions.dropFirst().map { $0["pattern"]?.stringValue ?? "" } == [
      "call-and-continue", ".sync:2", ".waitForTaskToken",
    ])
    for child in executions.dropFirst() {
      #expect(child["status"] == "SUCCEEDED")
      #expect(child["stateMachine"] == "OrderWorker")
      #expect(child["parent"] == executions[0]["arn"])
    }
  }

  @Test func nestingDemoWarehouseDownRetriesThroughTheMockedFailures() throws {
    let r = try CLI.run([
      "run", "demo/nesting/template.yaml", "--mocks", "demo/nesting/mocks.json",
      "--test-case", "WarehouseDown", "--input-file", "demo/nesting/input.json",
      "--script", "demo/nesting/ship-success.sfdbg", "--json", "--events", "--execution", "#4",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try #require(r.json)
    #expect(json["status"] == "SUCCEEDED")
    let worker = json["executions"]?.arrayValue?.last
    #expect(worker?["pattern"] == ".waitForTaskToken")
    #expect(worker?["status"] == "SUCCEEDED", "attempts 0-1 throw, attempt 2 returns")
    let events = json["events"]?.arrayValue?.compactMap(\.stringValue) ?? []
    #expect(events.filter { $0 == "TaskFailed" }.count == 2, "\(events)")
    #expect(events.filter { $0 == "TaskScheduled" }.count == 3)
    #expect(events.contains("TaskSucceeded"))
  }

  @Test func nestingDemoWithoutScriptWaitsForTheShippingCallback() throws {
    let r = try CLI.run([
      "run", "demo/nesting/template.yaml", "--mocks", "demo/nesting/mocks.json",
      "--test-case", "HappyPath", "demo/nesting/input.json", "--json",
    ])
    #expect(r.status == 3)
    let json = try #require(r.json)
    #expect(json["status"] == "RUNNING")
    let pending = json["pending"]?.arrayValue ?? []
    #expect(pending.contains { $0["state"] == "Ship (wait for callback)" }, "\(pending)")
  }

  @Test func nestingDemoValidatesAndDraws() throws {
    let v = try CLI.run(["validate", "demo/nesting/template.yaml"])
    #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
    let g = try CLI.run(["graph", "demo/nesting/template.yaml"])
    #expect(g.status == 0)
    #expect(g.stdout.contains("Ship (wait for callback)"))
  }

  @Test(arguments: [
    "demo/nesting/template.yaml", "demo/lessons/child-failure.yaml",
    "demo/lessons/map-children.yaml", "demo/lessons/heartbeat-timeout.yaml", "demo/lessons/sdk-nesting.yaml",
  ])
  func everyDemoFileValidatesAndDraws(_ file: String) throws {
    let v = try CLI.run(["validate", file])
    #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
    let g = try CLI.run(["graph", file])
    #expect(g.status == 0, "\(g.stderr)")
    #expect(!g.stdout.isEmpty)
  }

  /// Nesting through aws-sdk:sfn ends with no mocks and no hand answers.
  @Test func sdkNestingLessonSucceedsOnItsOwn() throws {
    let r = try CLI.run(["run", "demo/lessons/sdk-nesting.yaml", "--json"])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    let json = try #require(r.json)
    #expect(json["status"] == "SUCCEEDED")
    #expect(json["output"]?["Approval"] == ["Approved": 42])
    #expect(json["executions"]?.arrayValue?.map { $0["status"] } == ["SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED"])
    #expect(json["pending"] == nil)
  }

  @Test func childFailureLessonCatchesTaskFailed() throws {
    let r = try CLI.run(["run", "demo/lessons/child-failure.yaml", "--json"])
    #expect(r.status == 0)
    let json = try #require(r.json)
    #expect(json["status"] == "SUCCEEDED")
    #expect(json["output"]?["Error"] == "States.TaskFailed")
    let child = json["executions"]?.arrayValue?.last
    #expect(child?["status"] == "FAILED")
    #expect(child?["pattern"] == ".sync:2")
  }

  @Test func mapChildrenLessonWithTheREADMEInput() throws {
    let r = try CLI.run([
      "run", "demo/lessons/map-children.yaml", "--input", #"{"Items":["book","lamp","mug"]}"#, "--json",
    ])
    #expect(r.status == 0)
    let json = try #require(r.json)
    #expect(json["status"] == "SUCCEEDED")
    #expect(json["output"]?.arrayValue?.count == 3)
    #expect(json["executions"]?.arrayValue?.count == 4)
  }

  @Test func heartbeatLessonTimesOutOnAdvance() throws {
    let waiting = try CLI.run(["run", "demo/lessons/heartbeat-timeout.yaml", "--json"])
    #expect(waiting.status == 3)
    let dir = try TemporaryFolder()
    let script = try dir.write("advance.sfdbg", "continue\nadvance\n")
    let r = try CLI.run(["run", "demo/lessons/heartbeat-timeout.yaml", "--script", script, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.json?["status"] == "FAILED")
    #expect(r.json?["error"] == "Courier.NoAnswer", "the Catch of States.HeartbeatTimeout ran")
  }
}
