import Foundation
import JSONCore
import Testing

@testable import ASLLoading

@Suite struct ASLLoaderTests {
  @Test(.needsSharedData)
  func seedSampleLoadsBothMachinesAndPicksTheMain() throws {
    let template = try #require(SharedData.seedTemplate)
    let (registry, main) = try ASLLoader.load(file: template)
    #expect(registry.machines.count == 2)
    #expect(main.logicalID == "NestingPatternMainStateMachine")
    #expect(main.arn == "arn:aws:states:us-east-1:123456789012:stateMachine:NestingPatternMainStateMachine")
    let nested = try #require(registry.lookup("NestingPatternAnotherStateMachine"))
    #expect(registry.lookup(nested.arn)?.logicalID == nested.logicalID)
    #expect(main.unresolvedPlaceholders.isEmpty)
    #expect(nested.unresolvedPlaceholders.isEmpty)
    let arn = main.definition["States"]?["Start new workflow and continue"]?["Parameters"]?["StateMachineArn"]
    #expect(arn == .string(nested.arn))
    #expect(main.file.hasSuffix("statemachines/main-state-machine.asl.json"))
    // Positions point into the definition file.
    #expect(main.position(of: "/States/Start in parallel")?.line == 18)
    for machine in registry.machines {
      #expect(Validator.validate(machine).isEmpty, "\(machine.name)")
    }
  }

  @Test func jsonDefinitionWithSubstitutionOverride() throws {
    let scratch = try TemporaryFolder()
    let file = try scratch.write(
      "order.asl.json",
      """
      {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "${Fn}",
        "TimeoutSeconds": ${Timeout}, "End": true}}}
      """)
    let (_, main) = try ASLLoader.load(
      file: file, options: LoadOptions(substitutions: ["Fn": "arn:aws:lambda:us-east-1:1:function:f", "Timeout": "30"]))
    #expect(main.name == "order")
    #expect(main.definition["States"]?["A"]?["Resource"] == "arn:aws:lambda:us-east-1:1:function:f")
    #expect(main.definition["States"]?["A"]?["TimeoutSeconds"] == 30)
  }

  @Test func yamlDefinitionKeepsPositionsAndTypesPlaceholders() throws {
    let scratch = try TemporaryFolder()
    let file = try scratch.write(
      "wait.asl.yaml",
      """
      StartAt: Wait
      States:
        Wait:
          Type: Wait
          Seconds: ${Delay}
          Next: Done
        Done:
          Type: Succeed
      """)
    let (_, main) = try ASLLoader.load(file: file, options: LoadOptions(substitutions: ["Delay": "5"]))
    #expect(main.definition["States"]?["Wait"]?["Seconds"] == 5)
    #expect(main.position(of: "/States/Wait/Next") == SourcePosition(line: 6, column: 11))
    #expect(main.document?.keyPositions["/States/Done"]?.line == 7)
  }

  @Test func yamlShortTagsEvaluateInsideTemplates() throws {
    let scratch = try TemporaryFolder()
    let file = try scratch.write(
      "template.yaml",
      """
      Transform: AWS::Serverless-2016-10-31
      Parameters:
        Stage:
          Type: String
          Default: dev
      Resources:
        Worker:
          Type: AWS::Serverless::Function
        Queue:
          Type: AWS::SQS::Queue
        Flow:
          Type: AWS::Serverless::StateMachine
          Properties:
            Type: EXPRESS
            Name: !Sub "flow-${Stage}"
            Definition:
              StartAt: Call
              States:
                Call:
                  Type: Task
                  Resource: !GetAtt Worker.Arn
                  Parameters:
                    QueueUrl: !Ref Queue
                    Region: !Sub "${AWS::Region}"
                    Joined: !Join ["-", [a, !Ref Stage]]
                    Table: ${TableName}
                  End: true
            DefinitionSubstitutions:
              TableName: !Select [1, !Split [",", "x,orders"]]
      """)
    let (registry, main) = try ASLLoader.load(file: file)
    #expect(registry.machines.count == 1)
    #expect(main.name == "flow-dev")
    #expect(main.type == "EXPRESS")
    #expect(main.arn == "arn:aws:states:us-east-1:123456789012:stateMachine:flow-dev")
    let call = try #require(main.definition["States"]?["Call"])
    #expect(call["Resource"] == "arn:aws:lambda:us-east-1:123456789012:function:Worker")
    #expect(call["Parameters"]?["QueueUrl"] == "https://sqs.us-east-1.amazonaws.com/123456789012/Queue")
    #expect(call["Parameters"]?["Region"] == "us-east-1")
    #expect(call["Parameters"]?["Joined"] == "a-dev")
    #expect(call["Parameters"]?["Table"] == "orders")
    #expect(main.position(of: "/States/Call/End")?.line == 27)
    // --sub overrides parameters.
    let (_, prod) = try ASLLoader.load(file: file, options: LoadOptions(substitutions: ["Stage": "prod"]))
    #expect(prod.name == "flow-prod")
  }

  @Test func definitionStringWithFnJoinAndSub() throws {
    let scratch = try TemporaryFolder()
    let file = try scratch.write(
      "stack.json",
      """
      {"AWSTemplateFormatVersion": "2010-09-09",
       "Resources": {
         "Fn": {"Type": "AWS::Lambda::Function"},
         "Machine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
           "StateMachineName": "orders",
           "DefinitionString": {"Fn::Join": ["", ["{\\"StartAt\\":\\"A\\",\\"States\\":{\\"A\\":{\\"Type\\":\\"Task\\",\\"Resource\\":\\"",
             {"Fn::GetAtt": ["Fn", "Arn"]}, "\\",\\"Next\\":\\"B\\"},\\"B\\":{\\"Type\\":\\"Pass\\",\\"Result\\":\\"${Greeting}\\",\\"End\\":true}}}"]]},
           "DefinitionSubstitutions": {"Greeting": {"Fn::Sub": "hello ${AWS::AccountId}"}}}}}}
      """)
    let (_, main) = try ASLLoader.load(file: file)
    #expect(main.name == "orders")
    #expect(main.logicalID == "Machine")
    // The joined string, with the function's ARN and the substituted greeting, parsed whole.
    #expect(main.definition == json("""
      {"StartAt": "A", "States": {
        "A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Fn", "Next": "B"},
        "B": {"Type": "Pass", "Result": "hello 123456789012", "End": true}}}
      """))
    #expect(main.unresolvedPlaceholders.isEmpty)
    #expect(Validator.validate(main).isEmpty)
  }

  @Test func ambiguousMainMachineListsChoicesAndStateMachineOptionPicks() throws {
    let scratch = try TemporaryFolder()
    let definition = #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#
    let file = try scratch.write(
      "template.json",
      """
      {"Resources": {
        "One": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"DefinitionString": \(JSONValue.string(definition).compactString)}},
        "Two": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"DefinitionString": \(JSONValue.string(definition).compactString)}}}}
      """)
    let error = loadError { _ = try ASLLoader.load(file: file) }
    #expect(error?.message.contains("--state-machine") == true)
    #expect(error?.message.contains("One") == true && error?.message.contains("Two") == true)
    let (_, main) = try ASLLoader.load(file: file, options: LoadOptions(stateMachine: "Two"))
    #expect(main.logicalID == "Two")
  }

  @Test func extraMachinesByNameAndDirectory() throws {
    let scratch = try TemporaryFolder()
    let parent = try scratch.write(
      "parent.asl.json",
      #"{"StartAt":"S","States":{"S":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:child"},"End":true}}}"#)
    let child = try scratch.write("more/child.asl.json", #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#)
    try scratch.write("more/input.json", #"{"orderId": 1}"#)
    let (registry, main) = try ASLLoader.load(
      file: parent, options: LoadOptions(extraMachines: [(name: "kid", path: child)]))
    #expect(main.name == "parent")
    #expect(registry.machine(named: "kid") != nil)
    let (fromDirectory, _) = try ASLLoader.load(
      file: parent, options: LoadOptions(machineDirectories: [scratch.path("more")]))
    #expect(fromDirectory.machine(arn: "arn:aws:states:us-east-1:123456789012:stateMachine:child") != nil)
    #expect(fromDirectory.machines.count == 2)
  }
}

@Suite struct LoadOptionsTests {
  @Test func commandLineValues() throws {
    let o = try LoadOptions.commandLine(
      substitutions: ["A=1", "B=x=y"], machines: ["child=c.asl.json"], stateMachine: "Main", defaultType: "express")
    #expect(o.substitutions == ["A": "1", "B": "x=y"])
    #expect(o.extraMachines.first?.name == "child" && o.extraMachines.first?.path == "c.asl.json")
    #expect(o.stateMachine == "Main" && o.defaultType == "EXPRESS")
    #expect(loadError { _ = try LoadOptions.commandLine(substitutions: ["nope"]) }?.message.contains("--sub") == true)
    #expect(loadError { _ = try LoadOptions.commandLine(machines: ["x"]) }?.message.contains("--machine") == true)
  }
}

@Suite struct TemplateDefinitionUriTests {
  @Test func yamlDefinitionUriGetsTypedSubstitutions() throws {
    let scratch = try TemporaryFolder()
    try scratch.write(
      "sm/flow.asl.yaml",
      """
      StartAt: Wait
      States:
        Wait:
          Type: Wait
          Seconds: ${Delay}
          Next: Call
        Call:
          Type: Task
          Resource: arn:${AWS::Partition}:states:::lambda:invoke
          Parameters:
            FunctionName: ${Fn}
          End: true
      """)
    let template = try scratch.write(
      "template.yaml",
      """
      Transform: AWS::Serverless-2016-10-31
      Resources:
        Fn:
          Type: AWS::Serverless::Function
        Flow:
          Type: AWS::Serverless::StateMachine
          Properties:
            DefinitionUri: sm/flow.asl.yaml
            DefinitionSubstitutions:
              Delay: 30
              Fn: !GetAtt Fn.Arn
      """)
    let (_, main) = try ASLLoader.load(file: template)
    #expect(main.definition["States"]?["Wait"]?["Seconds"] == 30)
    #expect(main.definition["States"]?["Call"]?["Resource"] == "arn:aws:states:::lambda:invoke")
    #expect(main.definition["States"]?["Call"]?["Parameters"]?["FunctionName"] == "arn:aws:lambda:us-east-1:123456789012:function:Fn")
    #expect(main.file.hasSuffix("sm/flow.asl.yaml"))
    #expect(main.position(of: "/States/Call/End")?.line == 12)
    #expect(Validator.validate(main).isEmpty)
  }

  @Test func standaloneYAMLWithShortTagsKeepsUnknownReferencesAsPlaceholders() throws {
    let scratch = try TemporaryFolder()
    let file = try scratch.write(
      "extracted.asl.yaml",
      """
      StartAt: Put
      States:
        Put:
          Type: Task
          Resource: !Sub arn:${AWS::Partition}:states:::dynamodb:putItem
          Parameters:
            TableName: !Ref OrdersTable
            Topic: !GetAtt Topic.TopicArn
          End: true
      """)
    let (_, main) = try ASLLoader.load(file: file, options: LoadOptions(substitutions: ["OrdersTable": "orders"]))
    let put = try #require(main.definition["States"]?["Put"])
    #expect(put["Resource"] == "arn:aws:states:::dynamodb:putItem")
    #expect(put["Parameters"]?["TableName"] == "orders")
    #expect(put["Parameters"]?["Topic"] == "${Topic.TopicArn}")
    #expect(main.unresolvedPlaceholders == ["Topic.TopicArn"])
    #expect(Validator.validate(main).isEmpty)
  }
}

@Suite struct MachineRegistryTests {
  @Test func lookupByArnNameLogicalIdAndQualifiedArn() {
    let a = MachineSource(
      name: "orders", logicalID: "OrdersMachine", arn: LocalAccount.stateMachineARN("orders"),
      definition: ["StartAt": "P"], file: "t.yaml")
    let b = MachineSource(name: "child", arn: LocalAccount.stateMachineARN("child"), definition: [:], file: "c.json")
    var registry = MachineRegistry([a, b])
    #expect(registry.lookup("orders")?.logicalID == "OrdersMachine")
    #expect(registry.lookup("OrdersMachine")?.name == "orders")
    #expect(registry.machine(arn: "arn:aws:states:us-east-1:123456789012:stateMachine:child")?.name == "child")
    #expect(registry.machine(arn: "arn:aws:states:us-east-1:123456789012:stateMachine:child:prod")?.name == "child")
    #expect(registry.lookup("nope") == nil)
    // A later machine with the same name replaces the earlier one.
    registry.register(MachineSource(name: "child", arn: LocalAccount.stateMachineARN("child"), definition: [:], file: "d.json"))
    #expect(registry.machines.count == 2)
    #expect(registry.lookup("child")?.file == "d.json")
  }
}
