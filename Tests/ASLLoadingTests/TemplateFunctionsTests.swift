import Foundation
import Testing
@testable import ASLLoading

/// Which template functions run locally, and with what: Globals, code folders, runtimes,
/// environment with intrinsics.
@Suite struct TemplateFunctionsTests {
  static let template = """
    Transform: AWS::Serverless-2016-10-31
    Globals:
      Function:
        Runtime: python3.12
        CodeUri: src/
        Timeout: 10
        Environment:
          Variables:
            STAGE: dev
            TABLE: global
    Resources:
      Orders:
        Type: AWS::DynamoDB::Table
      Py:
        Type: AWS::Serverless::Function
        Properties:
          Handler: app.handler
          MemorySize: 512
          Environment:
            Variables:
              TABLE: !Ref Orders
              QUEUE: !GetAtt Jobs.Arn
              URL: !Sub "https://${AWS::Region}.example/${Orders}"
      Jobs:
        Type: AWS::SQS::Queue
      Node:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs20.x
          Handler: index.handler
          FunctionName: orders-node
          Timeout: 2
      InS3:
        Type: AWS::Serverless::Function
        Properties:
          Handler: app.handler
          CodeUri: s3://bucket/code.zip
      Java:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: java21
          Handler: a.B::handle
      Plain:
        Type: AWS::Lambda::Function
        Properties:
          Runtime: nodejs18.x
          Handler: index.handler
          Code: src
      Inline:
        Type: AWS::Lambda::Function
        Properties:
          Runtime: python3.12
          Handler: index.handler
          Code:
            ZipFile: "def handler(e, c): return 1"
      Machine:
        Type: AWS::Serverless::StateMachine
        Properties:
          Definition: {StartAt: P, States: {P: {Type: Pass, End: true}}}
    """

  @Test func localPythonAndNodeFunctionsWithGlobalsAndResolvedEnvironment() throws {
    let dir = try TemporaryFolder()
    _ = try dir.write("src/app.py", "def handler(e, c): return 1\n")
    let file = try dir.write("template.yaml", Self.template)
    let functions = try ASLLoader.functions(file: file)
    #expect(functions.map(\.name) == ["Plain", "Py", "orders-node"])
    let py = try #require(functions.first { $0.name == "Py" })
    #expect(py.runtime == "python3.12")
    #expect(py.timeoutSeconds == 10)
    #expect(py.memorySize == 512)
    #expect(URL(fileURLWithPath: py.codeDirectory).resolvingSymlinksInPath().path == dir.url.appendingPathComponent("src").resolvingSymlinksInPath().path)
    #expect(py.environment == [
      "STAGE": "dev", "TABLE": "Orders", "QUEUE": "arn:aws:sqs:us-east-1:123456789012:Jobs",
      "URL": "https://us-east-1.example/Orders",
    ])
    let node = try #require(functions.first { $0.logicalID == "Node" })
    #expect(node.timeoutSeconds == 2 && node.memorySize == 128 && node.runtime == "nodejs20.x")
    #expect(node.answers(to: "orders-node") && node.answers(to: "Node"))
    let plain = try #require(functions.first { $0.name == "Plain" })
    #expect(plain.timeoutSeconds == 3, "Lambda's default; Globals are SAM's only")
  }

  @Test func aDefinitionFileHasNoFunctions() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write("m.asl.json", #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)
    #expect(try ASLLoader.functions(file: file).isEmpty)
  }
}
