import Foundation
import JSONCore
import Testing

/// A machine that starts itself ends at the session's child-execution limit
/// (`--max-executions`, 1,000 by default) with AWS's ExecutionLimitExceeded.
@Suite struct ExecutionLimitTests {
  static func selfStarting(_ resource: String) -> String {
    """
    {"StartAt": "Again", "States": {"Again": {"Type": "Task", "Resource": "\(resource)",
      "Parameters": {"StateMachineArn.$": "$$.StateMachine.Id", "Input": {}}, "End": true}}}
    """
  }

  static let selfStartingTemplate = """
    Resources:
      Loop:
        Type: AWS::StepFunctions::StateMachine
        Properties:
          Definition:
            StartAt: Again
            States:
              Again:
                Type: Task
                Resource: arn:aws:states:::states:startExecution.sync:2
                Parameters:
                  StateMachineArn: !Ref Loop
                End: true
    """


  @Test func callAndContinueSelfStartEndsAtTheDefaultLimit() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write("self.asl.json", Self.selfStarting("arn:aws:states:::states:startExecution"))
    let r = try CLI.run(["run", file, "--json"], timeout: 60)
    #expect(!r.timedOut && !r.killedBySignal)
    #expect(r.status == 0, "\(r.stderr)")
    let executions = r.json?["executions"]?.arrayValue ?? []
    #expect(executions.count == 1001, "the main execution and 1,000 children")
    #expect(r.stdout.contains("StepFunctions.ExecutionLimitExceededException"))
    #expect(r.stdout.contains("--max-executions"))
  }

  @Test func syncSelfStartFailsEveryLevel() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write("self.asl.json", Self.selfStarting("arn:aws:states:::states:startExecution.sync:2"))
    let r = try CLI.run(["run", file, "--json", "--max-executions", "100"], timeout: 60)
    #expect(!r.timedOut && !r.killedBySignal)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.json?["status"] == "FAILED")
    #expect(r.json?["error"] == "States.TaskFailed")
    // Each level's cause holds its child's, escaped again: AWS's 32,768-character cause limit
    // keeps the chain from doubling per level.
    #expect((r.json?["cause"]?.stringValue?.count ?? 0) <= 32_768)
    #expect((r.json?["executions"]?.arrayValue ?? []).count == 101)
  }

  @Test func selfStartingTemplateEndsAtTheGivenLimit() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write("loop.yaml", Self.selfStartingTemplate)
    let r = try CLI.run(["run", file, "--json", "--max-executions", "5"], timeout: 60)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.json?["status"] == "FAILED")
    let executions = r.json?["executions"]?.arrayValue ?? []
    #expect(executions.count == 6)
    #expect(r.stdout.contains("StepFunctions.ExecutionLimitExceededException"))
    #expect(r.stdout.contains("started 5 child executions"))
  }
}
