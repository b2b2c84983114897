import JSONCore
import Testing
@testable import DebuggerCore

@Suite struct CommandParserTests {
  @Test(arguments: [
    ("step", DebuggerCommand.step), ("s", .step), ("n", .next), ("i", .into), ("o", .out),
    ("c", .continue), ("u", .back), ("a", .advance), ("pending", .pending), ("executions", .executions),
    ("q", .quit),
  ])
  func simpleCommands(line: String, expected: DebuggerCommand) throws {
    #expect(try CommandParser.parse(line) == expected)
  }

  @Test func blankAndComments() throws {
    #expect(try CommandParser.parse("   ") == nil)
    #expect(try CommandParser.parse("# a comment") == nil)
  }

  @Test func succeedTakesTheRestOfTheLineAsJSON() throws {
    let cmd = try CommandParser.parse(#"succeed "Start new workflow and wait for callback" {"ok": true, "n": [1, 2]}"#)
    #expect(cmd == .succeed(token: .stateName("Start new workflow and wait for callback"), output: ["ok": true, "n": [1, 2]]))
    #expect(try CommandParser.parse(#"succeed 1 "done""#) == .succeed(token: .index(1), output: "done"))
    #expect(try CommandParser.parse("succeed AQB4abc 42") == .succeed(token: .token("AQB4abc"), output: 42))
  }

  @Test func succeedWithInvalidJSONSaysWhere() {
    #expect(throws: CommandError.self) { try CommandParser.parse("succeed 1 {\"a\": }") }
    do {
      _ = try CommandParser.parse("succeed 1 {\"a\": }")
    } catch {
      #expect(error.description.contains("the task output is not valid JSON"))
      #expect(error.column == 11)
    }
  }

  @Test func failWithQuotedCause() throws {
    #expect(try CommandParser.parse(#"fail 2 Worker.Failed "it \"broke\" badly""#)
      == .fail(token: .index(2), error: "Worker.Failed", cause: #"it "broke" badly"#))
    #expect(try CommandParser.parse("fail 1") == .fail(token: .index(1), error: nil, cause: nil))
    #expect(throws: CommandError.self) { try CommandParser.parse("fail 1 E a b c") }
  }

  @Test func breakpoints() throws {
    #expect(try CommandParser.parse(#"break "Need callback?""#) == .breakAt(state: "Need callback?", condition: nil))
    #expect(try CommandParser.parse(#"b Charge if $.amount >= 100"#)
      == .breakAt(state: "Charge", condition: BreakCondition(path: "$.amount", op: .greaterOrEqual, value: 100)))
    #expect(try CommandParser.parse(#"break Charge if $.status == "FAILED""#)
      == .breakAt(state: "Charge", condition: BreakCondition(path: "$.status", op: .equal, value: "FAILED")))
    #expect(try CommandParser.parse("break error") == .breakOnError(name: nil))
    #expect(try CommandParser.parse("break error States.TaskFailed") == .breakOnError(name: "States.TaskFailed"))
    #expect(try CommandParser.parse("delete all") == .deleteBreakpoint(.all))
  }

  @Test func unknownCommandListsTheCommands() {
    do {
      _ = try CommandParser.parse("jump X")
      Issue.record("expected an error")
    } catch {
      #expect(error.message.hasPrefix("unknown command 'jump'"))
      #expect(error.column == 1)
    }
  }

  @Test(arguments: [
    "step", "continue", "restart {\"a\":1}", "break \"Need callback?\" if $.n > 2", "break error States.ALL",
    "succeed \"Wait for it\" {\"ok\":true}", "fail 1 My.Error \"a cause\"", "heartbeat 3",
    "start OrderWorker {\"Job\":\"x\"}", "stop main-1", "print $.a", "save \"my session.sfdbg\"",
    "save-mocks mocks.json", "delete \"A state\"",
  ])
  func descriptionRoundTrips(line: String) throws {
    let cmd = try #require(try CommandParser.parse(line))
    #expect(try CommandParser.parse(cmd.description) == cmd)
  }
}
