import JSONCore
import Testing
@testable import DebuggerCore

@Suite struct TestStateAPITests {
  @Test func passStagesAtDebug() {
    var client = APIClient([])
    let state = #"{"Type": "Pass", "InputPath": "$.a", "Parameters": {"x.$": "$.b"}, "ResultPath": "$.out", "Next": "After"}"#
    let reply = client.ok("TestState", [
      "definition": .string(state), "input": #"{"a": {"b": 1}}"#, "inspectionLevel": "DEBUG",
      "roleArn": "arn:aws:iam::123456789012:role/test",
    ])
    #expect(reply["status"] == "SUCCEEDED")
    #expect(reply["nextState"] == "After")
    // ResultPath merges into the state's raw input, not InputPath's selection.
    #expect(reply["output"] == #"{"a":{"b":1},"out":{"x":1}}"#)
    let data = reply["inspectionData"]
    #expect(data?["input"] == #"{"a":{"b":1}}"#)
    #expect(data?["afterInputPath"] == #"{"b":1}"#)
    #expect(data?["afterParameters"] == #"{"x":1}"#)
    #expect(data?["afterResultPath"] == #"{"a":{"b":1},"out":{"x":1}}"#)
    let info = client.ok("TestState", ["definition": .string(state), "input": #"{"a": {"b": 1}}"#])
    #expect(info["inspectionData"] == nil && info["status"] == "SUCCEEDED")
    client.fails("TestState", ["definition": .string(state), "inspectionLevel": "LOUD"], "ValidationException")
    client.fails("TestState", [:], "ValidationException")
  }

  @Test func taskWithMocks() {
    var client = APIClient([])
    let task = #"""
      {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
       "ResultSelector": {"v.$": "$.Payload"}, "ResultPath": "$.r",
       "Retry": [{"ErrorEquals": ["Retry.Me"], "MaxAttempts": 2}],
       "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handle", "ResultPath": "$.err"}], "End": true}
      """#
    let ok = client.ok("TestState", [
      "definition": .string(task), "input": "{}", "inspectionLevel": "TRACE", "mock": ["result": #"{"Payload": 7}"#],
    ])
    #expect(ok["status"] == "SUCCEEDED")
    #expect(ok["output"] == #"{"r":{"v":7}}"#)
    #expect(ok["inspectionData"]?["result"] == #"{"Payload":7}"#)
    #expect(ok["inspectionData"]?["afterResultSelector"] == #"{"v":7}"#)
    let retried = client.ok("TestState", [
      "definition": .string(task), "mock": ["errorOutput": ["error": "Retry.Me", "cause": "again"]],
    ])
    #expect(retried["status"] == "RETRIABLE" && retried["error"] == "Retry.Me", "\(retried)")
    let caught = client.ok("TestState", [
      "definition": .string(task), "mock": ["errorOutput": ["error": "Other", "cause": "no"]],
    ])
    #expect(caught["status"] == "CAUGHT_ERROR" && caught["nextState"] == "Handle")
    #expect(caught["output"] == #"{"err":{"Error":"Other","Cause":"no"}}"#)
    client.fails("TestState", ["definition": .string(task)], "ValidationException")
  }

  @Test func stateOfAMachineWithVariables() {
    var client = APIClient([])
    let machine = #"""
      {"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Pass", "Parameters": {"seen.$": "$total"}, "Assign": {"total.$": "States.MathAdd($total, 1)"}, "End": true}}}
      """#
    let reply = client.ok("TestState", [
      "definition": .string(machine), "stateName": "B", "variables": #"{"total": 4}"#, "inspectionLevel": "DEBUG",
    ])
    #expect(reply["status"] == "SUCCEEDED")
    #expect(reply["output"] == #"{"seen":4}"#)
    #expect(reply["inspectionData"]?["variables"] == #"{"total":5}"#)
    client.fails("TestState", ["definition": .string(machine), "stateName": "Z"], "ValidationException")
    let failing = client.ok("TestState", ["definition": #"{"Type": "Fail", "Error": "E", "Cause": "c"}"#])
    #expect(failing["status"] == "FAILED" && failing["error"] == "E" && failing["cause"] == "c")
  }
}
