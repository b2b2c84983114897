import Foundation
import JSONCore
import Testing

/// Issue 18's rough edges of real templates and headless scripts, end to end.
@Suite struct TemplateRoughEdgeTests {
  static let s3Template = """
    Resources:
      OrderMachine:
        Type: AWS::Serverless::StateMachine
        Properties:
          DefinitionUri:
            Bucket: my-bucket
            Key: statemachine/order.asl.json
    """
  static let definition = #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "from the local file", "End": true}}}"#

  /// The S3 DefinitionUri error suggests `--machine LOGICAL_ID=PATH`, and that works in run,
  /// validate and graph (debug shares run's loader).
  @Test func s3DefinitionUriTakesTheSuggestedOverride() throws {
    let dir = try TemporaryFolder()
    let template = try dir.write("template.yaml", Self.s3Template)
    let local = try dir.write("order.asl.json", Self.definition)
    let refused = try CLI.run(["run", template])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("give it with --machine OrderMachine=PATH"), "\(refused.stderr)")
    let run = try CLI.run(["run", template, "--machine", "OrderMachine=\(local)", "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.json?["output"] == "from the local file")
    let validate = try CLI.run(["validate", template, "--machine", "OrderMachine=\(local)"])
    #expect(validate.status == 0, "\(validate.stderr)")
    let graph = try CLI.run(["graph", template, "--machine", "OrderMachine=\(local)"])
    #expect(graph.status == 0, "\(graph.stderr)")
    #expect(graph.stdout.contains("A"))
    #expect(try CLI.run(["validate", template, "--machine", "OrderMachine"]).status == 2)
  }

  static let twoMachines = """
    Resources:
      First:
        Type: AWS::StepFunctions::StateMachine
        Properties:
          Definition: {StartAt: A, States: {A: {Type: Pass, Result: one, End: true}}}
      Second:
        Type: AWS::StepFunctions::StateMachine
        Properties:
          Definition: {StartAt: B, States: {B: {Type: Pass, Result: two, End: true}}}
    """

  @Test func severalMachinesAreListedAndCanAllBeOpened() throws {
    let dir = try TemporaryFolder()
    let template = try dir.write("template.yaml", Self.twoMachines)
    let refused = try CLI.run(["run", template])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("choose one with --state-machine NAME, or open them all with --all-machines: First, Second"), "\(refused.stderr)")
    let all = try CLI.run(["run", template, "--all-machines", "--json"])
    #expect(all.status == 0, "\(all.stderr)")
    let executions = all.json?["executions"]?.arrayValue ?? []
    #expect(executions.compactMap { $0["stateMachine"]?.stringValue } == ["First", "Second"])
    #expect(executions.allSatisfy { $0["status"] == "SUCCEEDED" })
    #expect(try CLI.run(["run", template, "--all-machines", "--state-machine", "First"]).status == 2)
  }

  @Test func quitInAScriptEndsTheRunThere() throws {
    let dir = try TemporaryFolder()
    let machine = try dir.write(
      "chain.asl.json",
      #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"C"},"C":{"Type":"Pass","End":true}}}"#)
    let script = try dir.write("quit.sfdbg", "step\nquit\nstep\n")
    let r = try CLI.run(["run", machine, "--script", script, "--json", "--events"])
    #expect(r.status == 3, "\(r.stderr)")
    #expect(r.executionStatus == "RUNNING")
    #expect(r.json?["events"]?.arrayValue?.contains("PassStateEntered") == true)
    #expect(r.json?["events"]?.arrayValue?.filter { $0 == "PassStateExited" }.count == 1, "\(r.stdout)")
  }

  /// The argument parser wraps the discussion: no line of help ends mid-sentence before a short
  /// fragment such as "itself" or "usage,".
  @Test func runHelpIsWrappedByTheParser() throws {
    let r = try CLI.run(["run", "--help"])
    let discussion = r.stdout.components(separatedBy: "USAGE:")[0]
    let lines = discussion.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.allSatisfy { $0.count <= 80 })
    #expect(!lines.contains { $0 == "itself" || $0 == "usage," || $0 == "person:" }, "\(discussion)")
    #expect(discussion.contains("integration itself (states:startExecution)"))
  }
}
