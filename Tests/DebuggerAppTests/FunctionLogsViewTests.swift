import ASLLoading
import DebuggerCore
import JSONCore
import Testing
import TerminalUI
@testable import DebuggerApp

/// `O` shows what local functions printed for the selected state, escaped so it cannot drive
/// the terminal.
@Suite struct FunctionLogsViewTests {
  static let invoke = """
    {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
      "Parameters":{"FunctionName":"Orders","Payload.$":"$"},"End":true}}}
    """

  func session() throws -> Session {
    var configuration = SessionConfiguration()
    configuration.functions = [LocalFunction(name: "Orders", runtime: "python3.12", codeDirectory: "/code", handler: "app.handler")]
    var s = try Session(machines: [machine("M", Self.invoke)], mainMachine: "M", input: [:], configuration: configuration)
    var performer = InstantPerformer { _ in
      .invoked(FunctionResponse(payload: "{}", isFunctionError: false, logs: "looking up\n\u{1B}[2Jcleared\n", durationMilliseconds: 3))
    }
    _ = EffectLoop.run(.continue, on: &s, performer: &performer)
    return s
  }

  @Test func theViewKeepsTheFocusedExecutionsLogsEscaped() throws {
    let view = SessionView(session: try session(), title: "t", definitions: [:])
    let lines = try #require(view.functionLogs["Call"])
    #expect(lines.first == "── function Orders (succeeded)")
    #expect(lines.contains("looking up"))
    #expect(lines.contains(#"\u{1B}[2Jcleared"#))
    #expect(!lines.joined().contains("\u{1B}"))
  }

  @Test func keyOOpensTheLogsOfTheState() throws {
    var view = SessionView(session: try session(), title: "t", definitions: [:])
    view.stateIO.stateName = "Call"
    var app = AppState(view: view)
    _ = app.handle(.key(.character("O")))
    guard case .viewer(let viewer) = app.mode else {
      Issue.record("no viewer: \(app.mode)")
      return
    }
    #expect(viewer.title == "Function logs · Call")
    #expect(viewer.text.contains("START RequestId: "))
    #expect(viewer.text.contains("looking up"))
  }
}
