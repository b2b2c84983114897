import Foundation
import JSONCore
import Testing

@testable import ASLLoading

/// Duplicate keys in a template outside a state machine definition are read as SAM CLI reads
/// them (the last value wins) with a located warning; inside a definition they stay errors.
@Suite struct TemplateDuplicateKeyTests {
  static let machine = """
      M:
        Type: AWS::StepFunctions::StateMachine
        Properties:
          Definition:
            StartAt: A
            States:
              A: {Type: Pass, Result: {table: !Ref Table}, End: true}
    """

  @Test func outsideADefinitionTheLastValueIsKeptWithAWarning() throws {
    let text = """
      Resources:
        Table:
          Type: AWS::DynamoDB::Table
          Properties:
            TableName:
              Fn::Sub: first-${AWS::Region}
            BillingMode: PAY_PER_REQUEST
            TableName: second
      \(Self.machine)
      """
    let dir = try TemporaryFolder()
    let file = try dir.write("template.yaml", text)
    let machines = try ASLLoader.loadMachines(file: file)
    let warning = try #require(machines[0].loadWarnings.first { $0.rule == "duplicate-key" })
    #expect(warning.severity == .warning)
    #expect(warning.position == SourcePosition(line: 8, column: 7))
    #expect(warning.message.contains("duplicate key 'TableName' (also on line 5): the last value is kept"))
    // The document kept the second value and the key after the first one.
    let parsed = try ParsedFile.read(file, substitutions: [:])
    let properties = parsed.document.value["Resources"]?["Table"]?["Properties"]
    #expect(properties?["TableName"] == "second")
    #expect(properties?["BillingMode"] == "PAY_PER_REQUEST")
    #expect(Validator.validate(machines[0]).contains(warning))
  }

  @Test func insideADefinitionADuplicateIsStillAnError() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write(
      "template.yaml",
      """
      Resources:
        M:
          Type: AWS::StepFunctions::StateMachine
          Properties:
            Definition:
              StartAt: A
              StartAt: B
              States:
                A: {Type: Pass, End: true}
      """)
    let error = try #require(loadError { _ = try ASLLoader.loadMachines(file: file) })
    #expect(error.message.contains("duplicate key 'StartAt'"), "\(error)")
    #expect(error.position?.line == 7)
  }

  @Test func aPlainDefinitionFileKeepsTheError() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write("m.asl.yaml", "StartAt: A\nStartAt: A\nStates:\n  A: {Type: Pass, End: true}\n")
    #expect(loadError { _ = try ASLLoader.loadMachines(file: file) }?.message.contains("duplicate key 'StartAt'") == true)
  }

  @Test func siblingMappingsWithTheSameKeysAreNotDuplicates() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write(
      "template.yaml",
      """
      Resources:
        Topic:
          Type: AWS::SNS::Topic
          Properties: {TopicName: t}
        Queue:
          Type: AWS::SQS::Queue
          Type: AWS::SQS::Queue
      \(Self.machine)
      """)
    let machines = try ASLLoader.loadMachines(file: file)
    let warnings = machines[0].loadWarnings.filter { $0.rule == "duplicate-key" }
    #expect(warnings.map(\.position) == [SourcePosition(line: 7, column: 5)])
  }
}
