import Foundation
import JSONCore
import Testing

/// `sfdbg run` on plain definitions: the conformance runner's calling convention, the three ways
/// to give the input, and every way the input or the definition can be refused.
@Suite struct RunCommandTests {
  /// A Pass that adds two input numbers with an intrinsic function.
  static let adder = """
    {"StartAt": "Add", "States": {"Add": {"Type": "Pass",
      "Parameters": {"sum.$": "States.MathAdd($.a, $.b)"}, "End": true}}}
    """

  /// A Choice that fails through a Fail state when `$.ok` is false.
  static let chooser = """
    {"StartAt": "Check", "States": {
      "Check": {"Type": "Choice",
        "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Done"}],
        "Default": "Broken"},
      "Done": {"Type": "Succeed"},
      "Broken": {"Type": "Fail", "Error": "Custom.Broken", "Cause": "ok was false"}}}
    """

  @Test func conformanceStyleSucceededRun() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("definition.json", Self.adder)
    let input = try dir.write("input.json", #"{"a": 1, "b": 2}"#)
    let r = try CLI.run(["run", "--json", "--events", definition, input])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try #require(r.json, "stdout is one JSON object: \(r.stdout)")
    #expect(json["status"] == "SUCCEEDED")
    #expect(json["output"] == ["sum": 3])
    #expect(json["events"] == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
    #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1)
  }

  @Test func conformanceStyleFailedRunStillExitsZero() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("definition.json", Self.chooser)
    let input = try dir.write("input.json", #"{"ok": false}"#)
    let r = try CLI.run(["run", "--json", "--events", definition, input])
    #expect(r.status == 0, "a FAILED execution still ran: \(r.stderr)")
    let json = try #require(r.json)
    #expect(json["status"] == "FAILED")
    #expect(json["error"] == "Custom.Broken")
    #expect(json["cause"] == "ok was false")
    #expect(json["output"] == nil)
    #expect(json["events"] == [
      "ExecutionStarted", "ChoiceStateEntered", "ChoiceStateExited", "FailStateEntered",
      "ExecutionFailed",
    ])
  }

  /// Real cases of the shared conformance suite (two SUCCEEDED, two FAILED), run exactly as
  /// `run.py` runs them and scored as it scores them.
  @Test(.needsSharedData, arguments: [
    "scenarios_test_base_scenarios_TestBaseScenarios_test_choice_aws_docs_scenario_CHOICE_STATE_AWS_SCENARIO__fb63a1db.json",
    "scenarios_test_base_scenarios_TestBaseScenarios_test_escape_sequence_parsing_ESCAPE_SEQUENCES_STRING_LITERALS__76abd0ab.json",
    "base_test_base_TestSnfBase_test_state_fail_intrinsic__3ab9dc25.json",
    "scenarios_test_base_scenarios_TestBaseScenarios_test_map_state_break_condition__a981dd17.json",
  ])
  func sharedConformanceCase(_ name: String) throws {
    let folder = try #require(SharedData.folder)
    let testCase = try JSONParser.parse(
      String(contentsOfFile: folder + "/conformance/cases/" + name, encoding: .utf8))
    let dir = try TemporaryFolder()
    let definition = try dir.write("definition.json", try #require(testCase["definition"]).compactString)
    let input = try dir.write("input.json", try #require(testCase["input"]).compactString)
    let r = try CLI.run(["run", "--json", "--events", definition, input])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try #require(r.json, "\(r.stdout)")
    let expected = try #require(testCase["expected"])
    #expect(json["status"] == expected["status"])
    if expected["status"] == "SUCCEEDED" {
      #expect(json["output"] == expected["output"])
    } else {
      #expect(json["error"] == expected["error"])
    }
    #expect(json["events"] == testCase["expected_events"])
  }

  @Test func inputByOptionByFileAndPositional() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("adder.json", Self.adder)
    let file = try dir.write("input.json", #"{"a": 10, "b": 5}"#)
    let byOption = try CLI.run(["run", "--json", definition, "--input", #"{"a": 3, "b": 4}"#])
    #expect(byOption.status == 0)
    #expect(byOption.json?["output"] == ["sum": 7])
    let byFile = try CLI.run(["run", "--json", definition, "--input-file", file])
    #expect(byFile.status == 0)
    #expect(byFile.json?["output"] == ["sum": 15])
    let positional = try CLI.run(["run", "--json", definition, file])
    #expect(positional.status == 0)
    #expect(positional.json?["output"] == ["sum": 15])
  }

  @Test func noInputMeansEmptyObject() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("echo.json", #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)
    let r = try CLI.run(["run", "--json", definition])
    #expect(r.status == 0)
    #expect(r.json?["output"] == .object(JSONObject()))
  }

  @Test(arguments: [
    ["POSITIONAL", "--input", "{}"],
    ["--input-file", "POSITIONAL", "--input", "{}"],
    ["POSITIONAL", "--input-file", "POSITIONAL"],
  ])
  func inputGivenTwiceIsRefused(_ pattern: [String]) throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("adder.json", Self.adder)
    let file = try dir.write("input.json", #"{"a": 1, "b": 2}"#)
    let args = ["run", "--json", definition] + pattern.map { $0 == "POSITIONAL" ? file : $0 }
    let r = try CLI.run(args)
    Expect.cleanError(r, mentioning: ["--input"])
    #expect(r.stdout.isEmpty)
  }

  @Test func inputFileThatIsNotJSONIsLocated() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("adder.json", Self.adder)
    let input = try dir.write("not-json.json", "{\"a\": 1,\n  \"b\": }\n")
    for args in [[input], ["--input-file", input]] {
      let r = try CLI.run(["run", "--json", definition] + args)
      Expect.cleanError(r, located: input)
      let at = Expect.location(in: r.stderr, file: "not-json.json")
      #expect(at?.line == 2, "\(r.stderr)")
      #expect(at?.column == 8, "\(r.stderr)")
    }
  }

  @Test func inlineInputThatIsNotJSONIsLocated() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("adder.json", Self.adder)
    let r = try CLI.run(["run", "--json", definition, "--input", #"{"a": "#])
    Expect.cleanError(r, located: "--input")
  }

  @Test func inputOver256KiBIsRefused() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("adder.json", Self.adder)
    // 262,144 bytes is AWS's limit; this document is a few bytes over it.
    let big = #"{"s":""# + String(repeating: "x", count: 262_144) + #""}"#
    let input = try dir.write("big.json", big)
    let r = try CLI.run(["run", "--json", definition, input])
    Expect.cleanError(r, mentioning: ["262144"])
    #expect(r.stdout.isEmpty)
  }

  @Test func inputExactlyAtTheLimitIsAccepted() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("echo.json", #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)
    let wrapper = #"{"s":""#.utf8.count + #""}"#.utf8.count
    let atLimit = #"{"s":""# + String(repeating: "x", count: 262_144 - wrapper) + #""}"#
    #expect(atLimit.utf8.count == 262_144)
    let input = try dir.write("limit.json", atLimit)
    let r = try CLI.run(["run", "--json", definition, input])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.json?["status"] == "SUCCEEDED")
  }

  @Test func hundredMegabyteInputIsRefusedQuickly() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("adder.json", Self.adder)
    let path = dir.path("huge.json")
    // 100 MB of valid JSON: [1234567890,1234567890,...].
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    let chunk = Data(("[" + String(repeating: "1234567890,", count: 100_000)).utf8)
    let body = Data(String(repeating: "1234567890,", count: 100_000).utf8)
    try handle.write(contentsOf: chunk)
    for _ in 1..<91 { try handle.write(contentsOf: body) }
    try handle.write(contentsOf: Data("0]".utf8))
    try handle.close()
    let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)
    #expect(size.intValue > 100_000_000)
    let started = Date()
    let r = try CLI.run(["run", "--json", definition, path], timeout: 60)
    Expect.cleanError(r, mentioning: ["262144"])
    #expect(Date().timeIntervalSince(started) < 20, "refusing should not read the whole file")
  }

  @Test func deeplyNestedInputIsRefusedWithALocation() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("adder.json", Self.adder)
    let input = try dir.write(
      "deep.json", #"{"a":"# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}")
    let r = try CLI.run(["run", "--json", definition, input])
    Expect.cleanError(r, located: input)
  }

  @Test func emptyInputFileIsRefused() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("adder.json", Self.adder)
    let input = try dir.write("empty.json", "")
    Expect.cleanError(try CLI.run(["run", "--json", definition, input]), mentioning: ["empty.json"])
    Expect.cleanError(try CLI.run(["run", "--json", definition, "/dev/null"]), mentioning: ["/dev/null"])
  }

  @Test func definitionDecodingErrorIsLocated() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write(
      "bad-end.json",
      """
      {"StartAt": "P",
       "States": {
         "P": {"Type": "Pass", "End": "yes"}}}
      """)
    let r = try CLI.run(["run", "--json", definition])
    let lines = Expect.definitionError(r, file: definition, pointers: ["/States/P/End"])
    let at = lines["/States/P/End"].flatMap { Expect.location(in: $0, file: "bad-end.json") }
    #expect(at?.line == 3, "\(r.stderr)")
  }

  @Test func unknownNextIsADefinitionError() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write(
      "next.json", #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}"#)
    let r = try CLI.run(["run", "--json", definition])
    let lines = Expect.definitionError(r, file: definition, pointers: ["/States/A/Next"])
    #expect(lines["/States/A/Next"]?.contains("Nowhere") == true)
  }

  /// AWS refuses such a definition at CreateStateMachine; `sfdbg validate` flags it too.
  @Test func waitSecondsOfTheWrongTypeIsADefinitionError() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write(
      "wait.json",
      #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": "ten", "End": true}}}"#)
    let validate = try CLI.run(["validate", definition])
    #expect(validate.status == 1)
    let r = try CLI.run(["run", "--json", definition])
    Expect.definitionError(r, file: definition, pointers: ["/States/W/Seconds"])
  }

  @Test func everyDiagnosticOfAnInvalidDefinitionIsListed() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("three.json", ValidateCommandTests.threeMistakes)
    let r = try CLI.run(["run", "--json", definition])
    Expect.definitionError(
      r, file: definition, pointers: ["/States/Check/Default", "/States/Pause/Seconds", "/States/Work"])
  }

  @Test func directoryAndDevNullAsFileAreRefused() throws {
    let dir = try TemporaryFolder()
    Expect.cleanError(try CLI.run(["run", "--json", dir.url.path]), mentioning: ["directory"])
    Expect.cleanError(try CLI.run(["run", "--json", "/dev/null"]), mentioning: ["/dev/null"])
    Expect.cleanError(try CLI.run(["run", "--json", dir.path("missing.json")]), mentioning: ["missing.json"])
  }

  @Test func directoryAsInputFileIsRefused() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("adder.json", Self.adder)
    Expect.cleanError(try CLI.run(["run", "--json", definition, dir.url.path]), mentioning: ["directory"])
  }

  @Test func historyHasGetExecutionHistoryShape() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("adder.json", Self.adder)
    let r = try CLI.run(["run", "--json", "--history", definition, "--input", #"{"a": 1, "b": 2}"#])
    #expect(r.status == 0)
    let json = try #require(r.json)
    let events = try #require(json["history"]?["events"]?.arrayValue)
    #expect(events.count == 4)
    let first = try #require(events.first)
    #expect(first["id"] == 1)
    #expect(first["type"] == "ExecutionStarted")
    #expect(first["timestamp"]?.stringValue != nil)
    let started = try #require(first["executionStartedEventDetails"])
    #expect(started["input"].flatMap { $0.stringValue.flatMap { try? JSONParser.parse($0) } } == ["a": 1, "b": 2])
    // AWS writes input, inputDetails and roleArn, and no stateMachineArn.
    #expect(started.objectValue?.keys.sorted() == ["input", "inputDetails", "roleArn"])
    for (index, event) in events.enumerated() {
      #expect(event["id"]?.intValue == index + 1)
      // The first state's event follows no event on AWS (previousEventId 0).
      #expect(event["previousEventId"]?.intValue == (index == 1 ? 0 : index))
    }
    #expect(events.map { $0["type"] } == [
      "ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded",
    ])
    let exited = try #require(events[2]["stateExitedEventDetails"])
    #expect(exited["name"] == "Add")
    #expect(exited["output"]?.stringValue.flatMap { try? JSONParser.parse($0) } == ["sum": 3])
    #expect(events[3]["executionSucceededEventDetails"]?["output"] == #"{"sum":3}"#)
  }

  @Test func plainOutputWithoutJSON() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("adder.json", Self.adder)
    let r = try CLI.run(["run", definition, "--input", #"{"a": 1, "b": 2}"#])
    #expect(r.status == 0)
    #expect(r.stdout.contains("status: SUCCEEDED"))
    #expect(r.stdout.contains("\"sum\": 3"))
  }
}
