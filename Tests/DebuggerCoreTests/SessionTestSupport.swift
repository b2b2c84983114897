import ASLLoading
import ASLModel
import ASLRuntime
import Foundation
import JSONCore
import Testing
@testable import DebuggerCore

/// Builds registered machines from inline ASL JSON.
func machine(_ name: String, _ json: String) throws -> RegisteredMachine {
  let m = try StateMachine(definition: JSONParser.parse(json))
  return RegisteredMachine(name: name, arn: "arn:aws:states:us-east-1:123456789012:stateMachine:\(name)", machine: m)
}

/// The shared data folder (../shared next to the package, or /work/shared).
func sharedFolder() -> String? {
  let here = URL(fileURLWithPath: #filePath)
  let candidates = [
    here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("shared").path,
    "/work/shared",
  ]
  return candidates.first { FileManager.default.fileExists(atPath: $0 + "/seed-sample/template.yaml") }
}

/// The package root (for demo/ files).
func packageRoot() -> String {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
}

/// Loads a template or definition into registered machines + the main machine's ARN.
func loadMachines(_ file: String) throws -> (machines: [RegisteredMachine], main: String) {
  let loaded = try ASLLoader.load(file: file)
  var machines: [RegisteredMachine] = []
  for source in loaded.registry.machines { machines.append(try RegisteredMachine(source: source)) }
  return (machines, loaded.main.arn)
}

/// Runs script lines against a session and then continues, like `sfdbg run --script`.
func runScript(_ session: inout Session, _ lines: [String]) throws -> [CommandOutcome] {
  var outcomes: [CommandOutcome] = []
  for line in lines {
    if let cmd = try CommandParser.parse(line) { outcomes.append(session.execute(cmd)) }
  }
  outcomes.append(session.execute(.continue))
  return outcomes
}
