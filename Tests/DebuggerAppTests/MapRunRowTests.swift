import DebuggerCore
import JSONCore
import SFDBGTestSupport
import Testing
import TerminalUI
@testable import DebuggerApp

/// The Executions pane shows a Distributed Map's run as a row of its own, its children under it.
@Suite struct MapRunRowTests {
  static let definition = """
    {"StartAt": "Fan out", "States": {"Fan out": {"Type": "Map", "ItemsPath": "$.items", "Label": "Each",
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P",
        "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
    """

  @Test func theMapRunRowSitsBetweenTheParentAndItsChildren() throws {
    let session = try Session(
      machines: [try machine("Fan", Self.definition)], mainMachine: "Fan", input: ["items": [1, 2]])
    var program = DebuggerProgram(session: session, title: "t", definitions: [:], size: Size(width: 100, height: 30))
    _ = program.handle(.resize(Size(width: 100, height: 30)))
    _ = program.handle(.key(.character("c")))
    let rows = program.app.view.executions
    #expect(rows.map(\.label) == ["#1", "map run", "#2", "#3"])
    #expect(rows.map(\.depth) == [0, 1, 2, 2])
    #expect(rows[1].status == "SUCCEEDED")
    #expect(rows[1].machine.hasPrefix("Each:"))
    #expect(rows[1].link == "2 children: 2 succeeded · 'Fan out'")
    #expect(rows[1].id == "#2", "enter on the run focuses its first child")
    #expect(rows[2].machine == "Fan/Each" && rows[2].link == nil)
    let screen = program.frame(size: Size(width: 100, height: 30)).text
    #expect(screen.contains("map run  SUCCEEDED  Each:"), "\(screen)")
  }
}
