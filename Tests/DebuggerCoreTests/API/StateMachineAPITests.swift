import ASLRuntime
import JSONCore
import Testing
@testable import DebuggerCore

@Suite struct StateMachineAPITests {
  @Test func unknownOperation() {
    var client = APIClient([])
    client.fails("TagResource", [:], "UnknownOperationException")
  }

  @Test func createDescribeListUpdateDelete() {
    var client = APIClient([])
    let arn = client.create("Hello", APIDefinitions.pass)
    #expect(arn == "arn:aws:states:us-east-1:123456789012:stateMachine:Hello")
    let described = client.ok("DescribeStateMachine", ["stateMachineArn": .string(arn)])
    #expect(described["name"] == "Hello")
    #expect(described["type"] == "STANDARD")
    #expect(described["status"] == "ACTIVE")
    #expect(described["roleArn"] == "arn:aws:iam::123456789012:role/test")
    #expect(described["creationDate"]?.numberValue != nil)
    let definition = try? JSONParser.parse(described["definition"]?.stringValue ?? "")
    #expect(definition?["StartAt"] == "P")
    // Idempotent for the same definition; another definition under the name is refused.
    #expect(client.create("Hello", APIDefinitions.pass) == arn)
    let message = client.fails(
      "CreateStateMachine",
      ["name": "Hello", "definition": .string(APIDefinitions.wait10), "roleArn": "arn:aws:iam::123456789012:role/test"],
      "StateMachineAlreadyExists")
    #expect(message == "State Machine Already Exists: '\(arn)'")
    _ = client.create("Another", APIDefinitions.wait10, type: "EXPRESS")
    let listed = client.ok("ListStateMachines", [:])["stateMachines"]?.arrayValue ?? []
    #expect(listed.map { $0["name"] } == ["Another", "Hello"])
    #expect(listed.first?["type"] == "EXPRESS")
    let page = client.ok("ListStateMachines", ["maxResults": 1])
    #expect(page["stateMachines"]?.arrayValue?.count == 1)
    let next = client.ok("ListStateMachines", ["maxResults": 1, "nextToken": page["nextToken"] ?? .null])
    #expect(next["stateMachines"]?.arrayValue?.first?["name"] == "Hello")
    #expect(next["nextToken"] == nil)
    client.fails("ListStateMachines", ["nextToken": "garbage"], "InvalidToken")

    #expect(client.ok("UpdateStateMachine", ["stateMachineArn": .string(arn), "definition": .string(APIDefinitions.wait10)])["updateDate"] != nil)
    let updated = client.ok("DescribeStateMachine", ["stateMachineArn": .string(arn)])
    #expect((try? JSONParser.parse(updated["definition"]?.stringValue ?? ""))?["StartAt"] == "W")
    client.fails("UpdateStateMachine", ["stateMachineArn": .string(arn)], "MissingRequiredParameter")

    #expect(client.ok("DeleteStateMachine", ["stateMachineArn": .string(arn)]) == [:])
    client.fails("DescribeStateMachine", ["stateMachineArn": .string(arn)], "StateMachineDoesNotExist")
    client.fails("StartExecution", ["stateMachineArn": .string(arn)], "StateMachineDoesNotExist")
  }

  @Test func createRefusals() {
    var client = APIClient([])
    let role: JSONValue = "arn:aws:iam::123456789012:role/test"
    let message = client.fails(
      "CreateStateMachine", ["name": "Bad", "definition": #"{"StartAt": "Nowhere", "States": {}}"#, "roleArn": role],
      "InvalidDefinition")
    #expect(message.hasPrefix("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: "))
    client.fails("CreateStateMachine", ["name": "Bad", "definition": "not json", "roleArn": role], "InvalidDefinition")
    client.fails("CreateStateMachine", ["name": "a b", "definition": .string(APIDefinitions.pass), "roleArn": role], "InvalidName")
    let missing = client.fails("CreateStateMachine", ["definition": .string(APIDefinitions.pass), "roleArn": role], "ValidationException")
    #expect(missing == "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null")
    client.fails(
      "CreateStateMachine", ["name": "T", "definition": .string(APIDefinitions.pass), "roleArn": role, "type": "FAST"],
      "ValidationException")
    client.fails("DescribeStateMachine", ["stateMachineArn": "not-an-arn"], "InvalidArn")
    client.fails("DescribeStateMachine", [:], "ValidationException")
    client.fails("CreateStateMachine", ["name": 5, "definition": .string(APIDefinitions.pass), "roleArn": role], "SerializationException")
    // Express-only rules: no callback or .sync patterns in an Express machine.
    client.fails(
      "CreateStateMachine", ["name": "X", "definition": .string(APIDefinitions.callback), "roleArn": role, "type": "EXPRESS"],
      "InvalidDefinition")
  }

  @Test func machinesFromFilesAreListed() throws {
    var client = APIClient([try machine("Loaded", APIDefinitions.pass)])
    let listed = client.ok("ListStateMachines")["stateMachines"]?.arrayValue ?? []
    #expect(listed.map { $0["stateMachineArn"] } == [.string(machineARN("Loaded"))])
    let described = client.ok("DescribeStateMachine", ["stateMachineArn": .string(machineARN("Loaded"))])
    #expect(described["definition"]?.stringValue?.contains("StartAt") == true)
  }

  @Test func describeStateMachineForExecution() {
    var client = APIClient([])
    let arn = client.create("Hello", APIDefinitions.pass)
    let execution = client.start(arn)
    let described = client.ok("DescribeStateMachineForExecution", ["executionArn": .string(execution)])
    #expect(described["stateMachineArn"] == .string(arn))
    #expect(described["name"] == "Hello")
    #expect(described["updateDate"] != nil)
    client.fails(
      "DescribeStateMachineForExecution", ["executionArn": .string(arn.replacingOccurrences(of: "stateMachine", with: "execution") + ":nope")],
      "ExecutionDoesNotExist")
  }

  @Test func validateStateMachineDefinition() {
    var client = APIClient([])
    let ok = client.ok("ValidateStateMachineDefinition", ["definition": .string(APIDefinitions.pass)])
    #expect(ok == ["result": "OK", "diagnostics": [], "truncated": false])
    let bad = client.ok("ValidateStateMachineDefinition", ["definition": #"{"States": {}}"#])
    #expect(bad["result"] == "FAIL")
    let first = bad["diagnostics"]?.arrayValue?.first
    #expect(first?["severity"] == "ERROR")
    #expect(first?["code"] == "SCHEMA_VALIDATION_FAILED")
    #expect(first?["location"]?.stringValue?.hasPrefix("/") == true)
    #expect(first?["message"]?.stringValue?.isEmpty == false)
    let notJSON = client.ok("ValidateStateMachineDefinition", ["definition": "not a definition"])
    #expect(notJSON["diagnostics"]?.arrayValue?.first?["code"] == "INVALID_JSON_DESCRIPTION")
    let express = client.ok("ValidateStateMachineDefinition", ["definition": .string(APIDefinitions.callback), "type": "EXPRESS"])
    #expect(express["result"] == "FAIL")
    client.fails("ValidateStateMachineDefinition", [:], "ValidationException")
  }
}
