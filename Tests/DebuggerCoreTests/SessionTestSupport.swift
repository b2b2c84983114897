// Every file of this target (including ones added later) sees the shared helpers: machine(),
// loadMachines(), packageRoot(), SharedData.
@_exported import SFDBGTestSupport
@testable import DebuggerCore

/// Runs script lines against a session and then continues, like `sfdbg run --script`.
func runScript(_ session: inout Session, _ lines: [String]) throws -> [CommandOutcome] {
  var outcomes: [CommandOutcome] = []
  for line in lines {
    if let cmd = try CommandParser.parse(line) { outcomes.append(session.execute(cmd)) }
  }
  outcomes.append(session.execute(.continue))
  return outcomes
}
