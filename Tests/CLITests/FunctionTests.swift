import Foundation
import JSONCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The template's own Lambda functions run locally (`sfdbg run`): Python and Node.js handlers
/// through `lambda:invoke`, their environment and context, errors as Lambda reports them,
/// timeouts, and output that is kept per invocation without blocking the session.
@Suite(.serialized) struct FunctionTests {
  /// A template whose machine calls `Fn` through `lambda:invoke`, catching `OrderNotFound`.
  static func template(runtime: String, handler: String, timeout: Int = 3, extra: String = "") -> String {
    """
    AWSTemplateFormatVersion: "2010-09-09"
    Transform: AWS::Serverless-2016-10-31
    Globals:
      Function:
        Timeout: \(timeout)
    Resources:
      Orders:
        Type: AWS::DynamoDB::Table
      Fn:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: \(runtime)
          CodeUri: code/
          Handler: \(handler)
          Environment:
            Variables:
              TABLE: !Ref Orders
              TABLE_ARN: !GetAtt Orders.Arn
              GREETING: !Sub "hello from ${AWS::Region}"
    \(extra)
      Machine:
        Type: AWS::Serverless::StateMachine
        Properties:
          Definition:
            StartAt: Call
            States:
              Call:
                Type: Task
                Resource: arn:aws:states:::lambda:invoke
                Parameters:
                  FunctionName: !GetAtt Fn.Arn
                  Payload.$: $
                Catch:
                  - ErrorEquals: [OrderNotFound]
                    ResultPath: $.caught
                    Next: Caught
                End: true
              Caught:
                Type: Pass
                End: true
    """
  }

  static let python = """
    import os

    class OrderNotFound(Exception):
        pass

    def handler(event, context):
        print("looking up", event.get("order"))
        if event.get("missing"):
            raise OrderNotFound("order %s not found" % event.get("order"))
        return {"table": os.environ["TABLE"], "tableArn": os.environ["TABLE_ARN"],
                "greeting": os.environ["GREETING"], "name": context.function_name,
                "memory": context.memory_limit_in_mb, "requestId": context.aws_request_id,
                "arn": context.invoked_function_arn, "tz": os.environ["TZ"],
                "region": os.environ["AWS_REGION"], "envName": os.environ["AWS_LAMBDA_FUNCTION_NAME"],
                "handlerVar": os.environ["_HANDLER"], "root": os.environ["LAMBDA_TASK_ROOT"],
                "remaining": context.get_remaining_time_in_millis()}
    """

  static let node = """
    class OrderNotFound extends Error {
      constructor(message) { super(message); this.name = 'OrderNotFound'; }
    }
    exports.handler = async (event, context) => {
      console.log('looking up', event.order);
      if (event.missing) throw new OrderNotFound(`order ${event.order} not found`);
      return { table: process.env.TABLE, tableArn: process.env.TABLE_ARN, greeting: process.env.GREETING,
        name: context.functionName, memory: context.memoryLimitInMB, requestId: context.awsRequestId,
        arn: context.invokedFunctionArn, tz: process.env.TZ, region: process.env.AWS_REGION,
        envName: process.env.AWS_LAMBDA_FUNCTION_NAME, handlerVar: process.env._HANDLER,
        root: process.env.LAMBDA_TASK_ROOT, remaining: context.getRemainingTimeInMillis() };
    };
    exports.callback = (event, context, callback) => { setTimeout(() => callback(null, { style: 'callback' }), 5); };
    exports.sync = (event, context) => { context.succeed({ style: 'succeed' }); };
    """

  /// A folder with the template and the function's code (`code/<file>`).
  static func project(runtime: String, handler: String, file: String, code: String, timeout: Int = 3) throws -> (TemporaryFolder, String) {
    let dir = try TemporaryFolder()
    _ = try dir.write("code/" + file, code)
    let template = try dir.write("template.yaml", template(runtime: runtime, handler: handler, timeout: timeout))
    return (dir, template)
  }

  static let languages: [(runtime: String, handler: String, file: String, code: String)] = [
    ("python3.12", "app.handler", "app.py", python),
    ("nodejs20.x", "index.handler", "index.js", node),
  ]

  @Test(arguments: [0, 1])
  func lambdaInvokeWrapsThePayloadWithStatusCode200(language: Int) throws {
    let l = Self.languages[language]
    let (dir, template) = try Self.project(runtime: l.runtime, handler: l.handler, file: l.file, code: l.code)
    defer { withExtendedLifetime(dir) {} }
    let r = try CLI.run(["run", template, "--json", "--input", #"{"order": 7}"#])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.json?["status"] == "SUCCEEDED", "\(r.stdout)")
    let output = try #require(r.json?["output"])
    #expect(output["StatusCode"] == 200)
    #expect(output["ExecutedVersion"] == "$LATEST")
    #expect(output["SdkHttpMetadata"]?["HttpStatusCode"] == 200)
    #expect(output["SdkResponseMetadata"]?["RequestId"] == output["Payload"]?["requestId"])
    #expect(output["Payload"]?["table"] != nil)
  }

  @Test(arguments: [0, 1])
  func theFunctionSeesItsTemplateEnvironmentAndContext(language: Int) throws {
    let l = Self.languages[language]
    let (dir, template) = try Self.project(runtime: l.runtime, handler: l.handler, file: l.file, code: l.code)
    let r = try CLI.run(["run", template, "--json", "--input", #"{"order": 7}"#])
    let payload = try #require(r.json?["output"]?["Payload"], "\(r.stdout) \(r.stderr)")
    #expect(payload["table"] == "Orders", "!Ref of a table is its name")
    #expect(payload["tableArn"] == "arn:aws:dynamodb:us-east-1:123456789012:table/Orders")
    #expect(payload["greeting"] == "hello from us-east-1")
    #expect(payload["name"] == "Fn")
    #expect(payload["envName"] == "Fn")
    #expect(payload["memory"] == "128")
    #expect(payload["arn"] == "arn:aws:lambda:us-east-1:123456789012:function:Fn")
    #expect(payload["tz"] == ":UTC")
    #expect(payload["region"] == "us-east-1")
    #expect(payload["handlerVar"] == .string(l.handler))
    let root = URL(fileURLWithPath: payload["root"]?.stringValue ?? "").resolvingSymlinksInPath().path
    #expect(root == dir.url.appendingPathComponent("code").resolvingSymlinksInPath().path)
    let remaining = payload["remaining"]?.doubleValue ?? 0
    #expect(remaining > 0 && remaining <= 3000)
    #expect(payload["requestId"]?.stringValue?.count == 36)
  }

  @Test(arguments: [0, 1])
  func aCustomErrorIsCaughtByNameWithLambdasCause(language: Int) throws {
    let l = Self.languages[language]
    let (dir, template) = try Self.project(runtime: l.runtime, handler: l.handler, file: l.file, code: l.code)
    defer { withExtendedLifetime(dir) {} }
    let r = try CLI.run(["run", template, "--json", "--input", #"{"order": 42, "missing": true}"#])
    #expect(r.json?["status"] == "SUCCEEDED", "the Catch on OrderNotFound took over: \(r.stdout) \(r.stderr)")
    let caught = try #require(r.json?["output"]?["caught"])
    #expect(caught["Error"] == "OrderNotFound")
    let causeText = try #require(caught["Cause"]?.stringValue)
    let cause = try JSONParser.parse(causeText)
    #expect(cause["errorType"] == "OrderNotFound")
    #expect(cause["errorMessage"] == "order 42 not found")
    if language == 0 {
      // Python: {"errorMessage", "errorType", "requestId", "stackTrace": [frames]}, json.dumps' spacing.
      #expect(causeText.hasPrefix(#"{"errorMessage": "order 42 not found", "errorType": "OrderNotFound", "requestId": ""#))
      let frames = cause["stackTrace"]?.arrayValue ?? []
      #expect(frames.count == 1 && (frames.first?.stringValue ?? "").contains("app.py"), "only the handler's frames: \(frames)")
    } else {
      // Node.js: {"errorType", "errorMessage", "trace": [stack lines]}, compact.
      #expect(causeText.hasPrefix(#"{"errorType":"OrderNotFound","errorMessage":"order 42 not found","trace":["OrderNotFound: order 42 not found""#))
    }
  }

  @Test func nodeCallbackAndContextSucceedHandlersAnswer() throws {
    for (handler, style) in [("index.callback", "callback"), ("index.sync", "succeed")] {
      let (dir, template) = try Self.project(runtime: "nodejs20.x", handler: handler, file: "index.js", code: Self.node)
      defer { withExtendedLifetime(dir) {} }
      let r = try CLI.run(["run", template, "--json"])
      #expect(r.json?["output"]?["Payload"] == ["style": .string(style)], "\(handler): \(r.stdout) \(r.stderr)")
    }
  }

  /// A Python function stays warm between invocations (module state survives, as in one Lambda
  /// execution environment); after a timeout the next invocation starts a fresh one.
  @Test func aPythonFunctionStaysWarmBetweenInvocations() throws {
    let dir = try TemporaryFolder()
    _ = try dir.write("code/app.py", "import os, time\ncalls = 0\ndef handler(event, context):\n    global calls\n    calls += 1\n    if event == 'hang':\n        time.sleep(30)\n    return [calls, os.getpid()]\n")
    let definition = try dir.write(
      "machine.json",
      """
      {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true, "MaxConcurrency": 1,
        "ItemProcessor": {"StartAt": "Call", "States": {"Call": {"Type": "Task",
          "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Counter",
          "Catch": [{"ErrorEquals": ["Sandbox.Timedout"], "Next": "Timed out"}], "End": true},
          "Timed out": {"Type": "Pass", "Result": "timed out", "End": true}}}}}}
      """)
    let r = try CLI.run([
      "run", definition, "--json", "--input", #"["a", "b", "hang", "c"]"#,
      "--function", "Counter=python3.12:\(dir.path("code")):app.handler",
    ], timeout: 60)
    let output = try #require(r.json?["output"]?.arrayValue, "\(r.stdout) \(r.stderr)")
    #expect(output.count == 4)
    let calls = output.map { $0.arrayValue ?? [] }
    #expect(calls[0].first == 1 && calls[1].first == 2, "the second call saw the first one's state")
    #expect(calls[0].last == calls[1].last, "one process")
    #expect(output[2] == "timed out")
    #expect(calls[3].first == 1, "a fresh environment after the timeout")
  }

  @Test func aHangingFunctionIsKilledAtItsTimeoutWithItsProcessGroup() throws {
    let marker = "7.\(Int.random(in: 100_000...999_999))"
    let code = """
      import subprocess, time
      def handler(event, context):
          subprocess.Popen(["sleep", "\(marker)"])
          time.sleep(60)
      """
    let (dir, template) = try Self.project(runtime: "python3.11", handler: "app.handler", file: "app.py", code: code, timeout: 1)
    defer { withExtendedLifetime(dir) {} }
    let started = Date()
    let r = try CLI.run(["run", template, "--json"], timeout: 30)
    let seconds = Date().timeIntervalSince(started)
    #expect(r.json?["status"] == "FAILED", "\(r.stdout) \(r.stderr)")
    #expect(r.json?["error"] == "Sandbox.Timedout")
    let cause = try JSONParser.parse(r.json?["cause"]?.stringValue ?? "")
    #expect(cause["errorType"] == "Sandbox.Timedout")
    let message = cause["errorMessage"]?.stringValue ?? ""
    #expect(message.hasPrefix("RequestId: ") && message.hasSuffix(" Error: Task timed out after 1.00 seconds"), "\(message)")
    #expect(seconds < 10, "killed at its 1 s Timeout (took \(seconds) s)")
    HandlerTests.expectNoSurvivors(marker)
  }

  @Test func aFunctionPrintingTenMegabytesDoesNotBlockTheSession() throws {
    let code = """
      import sys
      def handler(event, context):
          line = "x" * 1023 + "\\n"
          for _ in range(10 * 1024):
              sys.stdout.write(line)
          print("last line")
          return {"printed": 10 * 1024 * 1024}
      """
    let (dir, template) = try Self.project(runtime: "python3.12", handler: "app.handler", file: "app.py", code: code, timeout: 30)
    defer { withExtendedLifetime(dir) {} }
    let r = try CLI.run(["run", template, "--json", "--logs"], timeout: 60)
    #expect(r.json?["status"] == "SUCCEEDED", "\(r.stdout.prefix(500))")
    #expect(r.json?["output"]?["Payload"]?["printed"] == 10_485_760)
    // The log keeps the last 1 MiB (plus CloudWatch's START/END/REPORT lines).
    #expect(r.stderr.utf8.count < 1_100_000, "kept \(r.stderr.utf8.count) bytes")
    #expect(r.stderr.contains("last line"))
    #expect(r.stderr.contains("earlier bytes not kept"))
  }

  @Test func logsAreEscapedAndFramedPerInvocation() throws {
    let code = """
      def handler(event, context):
          print("plain line")
          print("\\x1b[2J\\x1b[31mred\\x07")
          return {}
      """
    let (dir, template) = try Self.project(runtime: "python3.12", handler: "app.handler", file: "app.py", code: code)
    defer { withExtendedLifetime(dir) {} }
    let r = try CLI.run(["run", template, "--json", "--logs"])
    #expect(r.json?["status"] == "SUCCEEDED")
    #expect(r.stderr.contains("== #1 Machine 'Call': function Fn (succeeded)"))
    #expect(r.stderr.contains("START RequestId: "))
    #expect(r.stderr.contains("plain line"))
    #expect(r.stderr.contains(#"\u{1B}[2J\u{1B}[31mred\u{7}"#))
    #expect(!r.stderr.contains("\u{1B}"), "no raw escape reaches the terminal")
    #expect(r.stderr.contains("REPORT RequestId: "))
  }

  @Test func noFunctionsLeavesTheTaskToAPerson() throws {
    let l = Self.languages[0]
    let (dir, template) = try Self.project(runtime: l.runtime, handler: l.handler, file: l.file, code: l.code)
    defer { withExtendedLifetime(dir) {} }
    let r = try CLI.run(["run", template, "--json", "--no-functions"])
    #expect(r.status == 3, "still RUNNING: the task waits for a person")
    #expect(r.json?["status"] == "RUNNING")
  }

  @Test func aFunctionGivenOnTheCommandLineAnswersByNameARNOrPartialARN() throws {
    let dir = try TemporaryFolder()
    _ = try dir.write("src/app.py", "def handler(event, context):\n    return {'got': event, 'arn': context.invoked_function_arn}\n")
    for name in ["Extra", "arn:aws:lambda:us-east-1:123456789012:function:Extra:live", "123456789012:function:Extra"] {
      let definition = try dir.write(
        "machine.json",
        """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "\(name)", "Payload": {"n": 1}}, "End": true}}}
        """)
      let r = try CLI.run(["run", definition, "--json", "--function", "Extra=python3.12:\(dir.path("src")):app.handler"])
      #expect(r.json?["output"]?["Payload"]?["got"] == ["n": 1], "\(name): \(r.stdout) \(r.stderr)")
      if name.hasSuffix(":live") {
        #expect(r.json?["output"]?["Payload"]?["arn"] == "arn:aws:lambda:us-east-1:123456789012:function:Extra:live")
      }
    }
    // The legacy form: the function's ARN as the Resource; the result is the payload itself.
    let legacy = try dir.write(
      "legacy.json",
      """
      {"StartAt": "Call", "States": {"Call": {"Type": "Task",
        "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Extra", "End": true}}}
      """)
    let r = try CLI.run(["run", legacy, "--json", "--input", #"{"k": "v"}"#, "--function", "Extra=python3.12:\(dir.path("src")):app.handler"])
    #expect(r.json?["output"]?["got"] == ["k": "v"], "\(r.stdout) \(r.stderr)")
  }

  @Test func aMalformedFunctionOptionIsAUsageError() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("machine.json", HandlerTests.lambdaInvoke)
    for spec in ["nothing", "F=java21:.:a.b", "F=python3.12:/no/such/folder:app.handler"] {
      let r = try CLI.run(["run", definition, "--json", "--function", spec])
      #expect(r.status == 2, "\(spec): \(r.stderr)")
      #expect(r.stderr.contains("--function"))
    }
  }
}
