import Foundation
import JSONCore
import Testing

/// Functions that call the session's Step Functions endpoint back with boto3 (SendTaskSuccess),
/// as the seed sample's callback function does. They need the endpoint of issue 14
/// (`AWS_ENDPOINT_URL_SFN`): without `sfdbg serve` in this build they are skipped.
@Suite(.serialized) struct FunctionCallbackTests {
  static let hasEndpoint: Bool = {
    let help = (try? CLI.run(["--help"], timeout: 30))?.stdout ?? ""
    return help.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("serve ") }
  }()

  static let hasBoto3: Bool = {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", "python3 -c 'import boto3' >/dev/null 2>&1"]
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
  }()

  /// The seed sample with its callback function in Python (demo/seed-sample): four executions,
  /// nothing pending, no mocks, AWS's output.
  @Test(.enabled(if: hasEndpoint && hasBoto3, "needs issue 14's Step Functions endpoint (sfdbg serve) and boto3"))
  func theSeedSampleSucceedsWithItsPythonCallbackFunction() throws {
    let r = try CLI.run(["run", "demo/seed-sample/template.yaml", "--json"], timeout: 120)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.json?["status"] == "SUCCEEDED", "\(r.stdout) \(r.stderr)")
    #expect(
      r.json?["output"] == [
        "The whole execution is completed including both long-running jobs",
        "Callback right after the first long-running job is completed",
      ])
    #expect(r.json?["executions"]?.arrayValue?.count == 4)
    #expect(r.json?["pending"] == nil || r.json?["pending"] == [])
  }

  /// A function that sends back a token whose task already timed out gets TaskTimedOut, as
  /// SendTaskSuccess answers on AWS. The first function keeps the token in a file and returns;
  /// the task times out (TimeoutSeconds 1 on the virtual clock); the Catch goes to a second
  /// function that sends the stale token and reports what the endpoint said.
  @Test(.enabled(if: hasEndpoint && hasBoto3, "needs issue 14's Step Functions endpoint (sfdbg serve) and boto3"))
  func aCallbackOnATimedOutTokenGetsTaskTimedOut() throws {
    let dir = try TemporaryFolder()
    let tokenFile = dir.path("token.txt")
    _ = try dir.write(
      "code/app.py",
      """
      import boto3

      def keep(event, context):
          with open("\(tokenFile)", "w") as f:
              f.write(event["token"])

      def late(event, context):
          token = open("\(tokenFile)").read()
          try:
              boto3.client("stepfunctions").send_task_success(taskToken=token, output="{}")
              return "accepted"
          except Exception as error:
              return error.response["Error"]["Code"]
      """)
    let template = try dir.write(
      "template.yaml",
      """
      Transform: AWS::Serverless-2016-10-31
      Globals:
        Function:
          Runtime: python3.12
          CodeUri: code/
          Timeout: 20
      Resources:
        Keep:
          Type: AWS::Serverless::Function
          Properties:
            Handler: app.keep
        Late:
          Type: AWS::Serverless::Function
          Properties:
            Handler: app.late
        Machine:
          Type: AWS::Serverless::StateMachine
          Properties:
            Definition:
              StartAt: Wait for token
              States:
                Wait for token:
                  Type: Task
                  Resource: arn:aws:states:::lambda:invoke.waitForTaskToken
                  TimeoutSeconds: 1
                  Parameters:
                    FunctionName: !Ref Keep
                    Payload:
                      token.$: $$.Task.Token
                  Catch:
                    - ErrorEquals: [States.Timeout]
                      Next: Send it late
                  End: true
                Send it late:
                  Type: Task
                  Resource: arn:aws:states:::lambda:invoke
                  Parameters:
                    FunctionName: !Ref Late
                  OutputPath: $.Payload
                  End: true
      """)
    // The token waits for a person until the clock is advanced past its TimeoutSeconds.
    let script = try dir.write("advance.sfdbg", "continue\nadvance\ncontinue\n")
    let r = try CLI.run(["run", template, "--json", "--script", script], timeout: 120)
    #expect(r.json?["status"] == "SUCCEEDED", "\(r.stdout) \(r.stderr)")
    #expect(r.json?["output"] == "TaskTimedOut")
  }
}
