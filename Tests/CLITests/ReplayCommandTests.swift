import Foundation
import JSONCore
import Testing

/// `sfdbg replay FILE HISTORY… [--json] [--save-mocks FILE]` on the nesting demo's failed
/// execution (demo/nesting/post-mortem, the aws CLI's form) and on bad histories.
@Suite struct ReplayCommandTests {
  let template = "demo/nesting/template.yaml"
  let folder = "demo/nesting/post-mortem"

  @Test func jsonGivesTheRecordedOutcomeStatesAndChildren() throws {
    let result = try CLI.run(["replay", template, folder, "--json"])
    #expect(result.status == 0)
    let o = try #require(result.json?.objectValue)
    #expect(o["status"] == .string("FAILED"))
    #expect(o["error"] == .string("Warehouse.Rejected"))
    #expect(o["cause"] == .string("Carrier refused the parcel: delivery address incomplete"))
    let states = o["states"]?.arrayValue ?? []
    #expect(states.compactMap { $0.objectValue?["name"]?.stringValue }.first == "Log order (call and continue)")
    #expect(states.first?.objectValue?["input"] == json(#"{"OrderId": "order-1001", "Items": ["book", "lamp"]}"#))
    #expect(o["executions"]?.arrayValue?.count == 3)
    // A local re-run (recorded context and clock, recorded results as mocks) writes it again.
    #expect(o["reproduced"] == .bool(true), "\(o["difference"] ?? .null)")
    #expect(o["difference"] == nil)
  }

  @Test func savedMocksRunTheDefinitionToTheRecordedOutcome() throws {
    let dir = try TemporaryFolder()
    let mocks = dir.path("recorded.json")
    #expect(try CLI.run(["replay", template, folder, "--save-mocks", mocks]).status == 0)
    let run = try CLI.run([
      "run", template, "--input-file", "demo/nesting/input.json", "--mocks", mocks, "--test-case", "RecordedExecution",
      "--json",
    ])
    #expect(run.executionStatus == "FAILED")
    #expect(run.json?.objectValue?["error"] == .string("Warehouse.Rejected"))
  }

  @Test func badHistoriesExit2WithWhereAndWhat() throws {
    let dir = try TemporaryFolder()
    let unknown = try dir.write("unknown.json", """
      {"events": [{"timestamp": "2024-05-01T12:00:00+02:00", "type": "ExecutionStarted", "id": 1, "previousEventId": 0,
                   "executionStartedEventDetails": {"input": "{}"}},
                  {"timestamp": "2024-05-01T12:00:01+02:00", "type": "TaskWobbled", "id": 2, "previousEventId": 1}]}
      """)
    var result = try CLI.run(["replay", template, unknown])
    #expect(result.status == 2)
    #expect(result.stderr.contains("unknown.json: at /events/1/type: unknown event type \"TaskWobbled\""))

    let main = try String(contentsOfFile: CLI.packageRoot.path + "/" + folder + "/OrderMain-main.json", encoding: .utf8)
    var events = try #require(JSONParser.parse(main).objectValue?["events"]?.arrayValue)
    events.removeLast(3)
    let truncated = try dir.write("truncated.json", JSONValue.object(["events": .array(events)]).compactString)
    result = try CLI.run(["replay", template, truncated])
    #expect(result.status == 2)
    #expect(result.stderr.contains("truncated.json: at /events/17: truncated history: the last event is 18 TaskStateExited"))

    let other = try dir.write("other.asl.json", #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#)
    result = try CLI.run(["replay", other, folder + "/OrderMain-main.json"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("at /events/1/stateEnteredEventDetails/name: this history does not belong to machine 'other'"))
  }
}
