import ASLInterpreter
import ASLRuntime
import Foundation
import JSONCore
import Testing
@testable import DebuggerCore

/// `export FILE`: every execution of the session with its history, through THE history encoder.
@Suite struct ExportTests {
  let root = packageRoot()

  func nestingSession() throws -> Session {
    let loaded = try loadMachines(root + "/demo/nesting/template.yaml")
    let config = try SessionConfiguration(
      mocks: MockConfig(json: JSONParser.parse(String(contentsOfFile: root + "/demo/nesting/mocks.json", encoding: .utf8))),
      testCase: "HappyPath")
    return try Session(machines: loaded.machines, mainMachine: loaded.main, input: ["OrderId": "order-1001"], configuration: config)
  }

  @Test func exportWritesEveryExecutionWithItsHistory() throws {
    var s = try nestingSession()
    _ = s.execute(.continue)
    final class Files: @unchecked Sendable { var written: [String: String] = [:] }
    let files = Files()
    var fake = InstantPerformer(writeFile: { path, contents in
      files.written[path] = contents
      return nil
    })
    let out = EffectLoop.run(try #require(try CommandParser.parse("export /tmp/all.json")), on: &s, performer: &fake)
    #expect(!out.isError && out.messages == ["wrote the histories of 4 execution(s) to /tmp/all.json"])
    let written = try JSONParser.parse(try #require(files.written["/tmp/all.json"]))
    let entries = try #require(written["executions"]?.arrayValue)
    #expect(entries.count == s.runtime.executions.count)
    for (entry, execution) in zip(entries, s.runtime.executions) {
      #expect(entry["executionArn"]?.stringValue == execution.arn)
      #expect(entry["stateMachineArn"]?.stringValue == execution.machineArn)
      #expect(entry["status"]?.stringValue == execution.status.name)
      #expect(entry["events"] == HistoryEncoder.getExecutionHistory(execution.execution.history)["events"])
      let parent = execution.startedBy.map { s.runtime.executions[$0.parent].arn }
      #expect(entry["parentExecutionArn"]?.stringValue == parent)
    }
    // The main execution waits on a token: no stopDate; its children ended.
    #expect(entries[0]["stopDate"] == nil)
    #expect(entries[0]["parentExecutionArn"] == nil)
  }

  @Test func exportRoundTripsAsAScriptLine() throws {
    let command = try #require(try CommandParser.parse("export \"my runs.json\""))
    #expect(command == .export(file: "my runs.json"))
    #expect(try CommandParser.parse(command.description) == command)
  }
}
