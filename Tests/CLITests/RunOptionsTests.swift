import Foundation
import JSONCore
import Testing

/// The session options of `sfdbg run`: which machine, extra machines, substitutions, seed, name;
/// the history limit; script commands that print or quit.
@Suite struct RunOptionsTests {
  static let twoMachines = """
    Resources:
      Alpha:
        Type: AWS::StepFunctions::StateMachine
        Properties:
          Definition:
            StartAt: A
            States:
              A: {Type: Pass, Result: alpha, End: true}
      Beta:
        Type: AWS::StepFunctions::StateMachine
        Properties:
          Definition:
            StartAt: B
            States:
              B: {Type: Pass, Result: beta, End: true}
    """

  /// A parent that starts `Child` by ARN with `.sync:2`.
  static let parent = """
    {"StartAt": "Run child", "States": {"Run child": {"Type": "Task",
      "Resource": "arn:aws:states:::states:startExecution.sync:2",
      "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Child",
        "Input": {"v": 7}},
      "OutputPath": "$.Output", "End": true}}}
    """
  static let child = #"{"StartAt": "C", "States": {"C": {"Type": "Pass", "Parameters": {"child.$": "$.v"}, "End": true}}}"#

  @Test func ambiguousTemplateListsTheChoices() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write("two.yaml", Self.twoMachines)
    let r = try CLI.run(["run", file, "--json"])
    Expect.cleanError(r, mentioning: ["--state-machine", "Alpha", "Beta"])
  }

  @Test func stateMachinePicksOneMachine() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write("two.yaml", Self.twoMachines)
    let beta = try CLI.run(["run", file, "--json", "--state-machine", "Beta"])
    #expect(beta.status == 0)
    #expect(beta.json?["output"] == "beta")
    let alpha = try CLI.run(["run", file, "--json", "--state-machine", "Alpha"])
    #expect(alpha.json?["output"] == "alpha")
    Expect.cleanError(try CLI.run(["run", file, "--json", "--state-machine", "Gamma"]), mentioning: ["Gamma"])
  }

  @Test func childByARNNeedsARegisteredMachine() throws {
    let dir = try TemporaryFolder()
    let parent = try dir.write("parent.json", Self.parent)
    let r = try CLI.run(["run", parent, "--json"])
    #expect(r.status == 0)
    #expect(r.json?["status"] == "FAILED")
    #expect(r.json?["error"] == "StepFunctions.StateMachineDoesNotExistException")
  }

  @Test func machineOptionRegistersTheChild() throws {
    let dir = try TemporaryFolder()
    let parent = try dir.write("parent.json", Self.parent)
    let child = try dir.write("machines/Child.asl.json", Self.child)
    for option in [["--machine", "Child=\(child)"], ["--machines", dir.path("machines")]] {
      let r = try CLI.run(["run", parent, "--json"] + option)
      #expect(r.status == 0, "\(option): \(r.stderr)")
      #expect(r.json?["status"] == "SUCCEEDED", "\(option)")
      #expect(r.json?["output"] == ["child": 7], "\(option)")
      let executions = r.json?["executions"]?.arrayValue ?? []
      #expect(executions.count == 2)
      #expect(executions.last?["pattern"] == ".sync:2")
      #expect(executions.last?["stateMachine"] == "Child")
    }
  }

  @Test func malformedMachineOptionIsRefused() throws {
    let dir = try TemporaryFolder()
    let parent = try dir.write("parent.json", Self.parent)
    Expect.cleanError(try CLI.run(["run", parent, "--json", "--machine", "Child"]), mentioning: ["NAME=PATH"])
    Expect.cleanError(try CLI.run(["run", parent, "--json", "--sub", "novalue"]), mentioning: ["KEY=VALUE"])
  }

  @Test func subFillsAPlaceholder() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write(
      "greeting.asl.json",
      #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "hello ${Who}", "End": true}}}"#)
    let r = try CLI.run(["run", file, "--json", "--sub", "Who=world"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.json?["output"] == "hello world")
  }

  @Test func seedMakesRandomnessReproducible() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write(
      "random.json",
      """
      {"StartAt": "P", "States": {"P": {"Type": "Pass",
        "Parameters": {"u.$": "States.UUID()", "r.$": "States.MathRandom(1, 1000000)"}, "End": true}}}
      """)
    let a = try CLI.run(["run", file, "--json", "--seed", "11"])
    let b = try CLI.run(["run", file, "--json", "--seed", "11"])
    let c = try CLI.run(["run", file, "--json", "--seed", "12"])
    #expect(a.json?["output"] != nil)
    #expect(a.json?["output"] == b.json?["output"])
    #expect(a.json?["output"] != c.json?["output"])
  }

  @Test(.needsSharedData) func seedAndNameShapeTokensAndExecutions() throws {
    let template = try #require(SharedData.seedTemplate)
    let a = try CLI.run(["run", template, "--json", "--seed", "5", "--name", "my-run"])
    let b = try CLI.run(["run", template, "--json", "--seed", "5", "--name", "my-run"])
    let c = try CLI.run(["run", template, "--json", "--seed", "6"])
    #expect(a.stdout == b.stdout, "same seed, same session")
    #expect(a.json?["execution"]?.stringValue?.hasSuffix(":NestingPatternMainStateMachine:my-run") == true)
    #expect(a.json?["executions"]?.arrayValue?.first?["name"] == "my-run")
    let tokenA = a.json?["pending"]?.arrayValue?.first?["token"]
    let tokenC = c.json?["pending"]?.arrayValue?.first?["token"]
    #expect(tokenA != nil)
    #expect(tokenA != tokenC, "another seed, another token")
  }

  @Test func infiniteLoopEndsAtTheHistoryLimit() throws {
    let dir = try TemporaryFolder()
    // A loop whose way out is never taken (a loop with no terminal state at all is invalid).
    let file = try dir.write(
      "loop.json",
      """
      {"StartAt": "Again", "States": {
        "Again": {"Type": "Pass", "Next": "Stop?"},
        "Stop?": {"Type": "Choice",
          "Choices": [{"Variable": "$.stop", "BooleanEquals": true, "Next": "Done"}],
          "Default": "Again"},
        "Done": {"Type": "Succeed"}}}
      """)
    let r = try CLI.run(["run", file, "--json", "--events", "--input", #"{"stop": false}"#], timeout: 120)
    #expect(!r.timedOut)
    #expect(r.status == 0)
    #expect(r.json?["status"] == "FAILED")
    let events = r.json?["events"]?.arrayValue ?? []
    #expect(events.count == 25_000, "AWS's limit on history events")
    #expect(events.last == "ExecutionFailed")
  }

  @Test func executionFailuresAtRunTimeExitZero() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write(
      "missing-path.json",
      #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.nothing", "End": true}}}"#)
    let r = try CLI.run(["run", file, "--json"])
    #expect(r.status == 0)
    #expect(r.json?["status"] == "FAILED")
    #expect(r.json?["error"] == "States.Runtime")
    #expect(r.json?["cause"]?.stringValue?.contains("$.nothing") == true)
  }

  @Test func scriptPrintAndQuit() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write(
      "two-steps.json",
      """
      {"StartAt": "First", "States": {
        "First": {"Type": "Pass", "Result": {"x": 41}, "Next": "Second"},
        "Second": {"Type": "Pass", "Parameters": {"y.$": "States.MathAdd($.x, 1)"}, "End": true}}}
      """)
    let script = try dir.write("steps.sfdbg", "step\nprint $.x\nquit\nfrobnicate\n")
    let r = try CLI.run(["run", file, "--script", script])
    // quit ends the run there (issue 18): the bad line after it is never read, and the state at
    // that point is printed (still RUNNING: exit 3).
    #expect(r.status == 3, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("# print $.x\n41\nstatus: RUNNING"), "print writes to stdout as it runs: \(r.stdout)")
  }

  @Test func scriptBreakpointStillRunsToTheEnd() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write(
      "chain.json",
      """
      {"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Pass", "Next": "C"},
        "C": {"Type": "Pass", "Result": "done", "End": true}}}
      """)
    let script = try dir.write("break.sfdbg", "break B\ncontinue\n")
    let r = try CLI.run(["run", file, "--script", script, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.json?["status"] == "SUCCEEDED", "after the script the run goes on as far as it can")
    #expect(r.json?["output"] == "done")
  }

  /// Headless, a breakpoint stops before its state: at that point the history has not entered it.
  @Test func scriptBreakpointStopsBeforeTheState() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write(
      "choice.json",
      """
      {"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Result": {"n": 1}, "Next": "Check"},
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "C"}], "Default": "C"},
        "C": {"Type": "Succeed"}}}
      """)
    let script = try dir.write("break.sfdbg", "break Check\ncontinue\nhistory\nprint $\n")
    let r = try CLI.run(["run", file, "--script", script, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let entries = try #require(r.json?["scriptOutput"]?.arrayValue)
    #expect(entries.first?["text"] == "1 ExecutionStarted\n2 PassStateEntered A\n3 PassStateExited A")
    #expect(entries.last?["value"] == ["n": 1], "the input of the state about to run")
    #expect(r.json?["status"] == "SUCCEEDED")
  }

  @Test func scriptBreakpointOnAStateNoMachineHasIsAnError() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write("one.json", #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#)
    let script = try dir.write("break.sfdbg", "break Nope\n")
    let r = try CLI.run(["run", file, "--script", script])
    #expect(r.status == 2, "\(r.stdout)")
    #expect(r.stderr.contains("no state machine has a state named 'Nope'"))
  }

  @Test func startTimeSetsTheVirtualClock() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write("clock.json", """
      {"StartAt": "W", "States": {
        "W": {"Type": "Wait", "Timestamp": "2026-11-24T08:15:05Z", "Next": "P"},
        "P": {"Type": "Pass", "Parameters": {"start.$": "$$.Execution.StartTime", "now.$": "$$.State.EnteredTime"}, "End": true}}}
      """)
    let r = try CLI.run(["run", file, "--start-time", "2026-11-24T09:15:02.347+01:00", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    // The Wait ends at its timestamp, 2.653 s after the start.
    #expect(r.json?.objectValue?["output"] == json(#"{"start": "2026-11-24T08:15:02.347Z", "now": "2026-11-24T08:15:05.000Z"}"#))
    Expect.cleanError(try CLI.run(["run", file, "--start-time", "2026-11-24"]), mentioning: ["--start-time", "2026-11-24"])
  }
}
