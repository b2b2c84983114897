import DebuggerCore
import JSONCore
import Testing

@testable import StepFunctionsServer

@Suite struct AWSJSONProtocolTests {
  func decode(_ body: String, target: String? = "AWSStepFunctions.DescribeExecution", method: String = "POST")
    -> AWSJSONProtocol.Decoded
  {
    AWSJSONProtocol.decode(method: method, target: target, body: Array(body.utf8))
  }

  func errorType(_ decoded: AWSJSONProtocol.Decoded) -> String? {
    guard case .rejected(let reply) = decoded else { return nil }
    return reply.body["__type"]?.stringValue
  }

  @Test func readsTheOperationAndBody() {
    guard case .request(let request) = decode(#"{"executionArn": "arn:x"}"#) else {
      Issue.record("not decoded")
      return
    }
    #expect(request.operation == "DescribeExecution")
    #expect(request.body["executionArn"]?.stringValue == "arn:x")
  }

  @Test func anEmptyBodyIsAnEmptyObject() {
    guard case .request(let request) = decode("") else {
      Issue.record("not decoded")
      return
    }
    #expect(request.body == .object([:]))
  }

  @Test func malformedJSONIsASerializationException() {
    #expect(errorType(decode("{bad")) == "SerializationException")
    #expect(errorType(decode("[1]")) == "SerializationException")
  }

  @Test func aMissingOrForeignTargetIsAnUnknownOperation() {
    #expect(errorType(decode("{}", target: nil)) == "UnknownOperationException")
    #expect(errorType(decode("{}", target: "DynamoDB_20120810.GetItem")) == "UnknownOperationException")
    #expect(errorType(decode("{}", target: "AWSStepFunctions.")) == "UnknownOperationException")
    #expect(errorType(decode("{}", method: "GET")) == "UnknownOperationException")
  }

  @Test func anInputOver256KiBIsAValidationException() {
    let big = String(repeating: "a", count: AWSJSONProtocol.maxPayloadBytes + 1)
    let body = JSONValue.object(["stateMachineArn": "arn:m", "input": .string(big)]).compactString
    guard case .rejected(let reply) = decode(body, target: "AWSStepFunctions.StartExecution") else {
      Issue.record("accepted")
      return
    }
    #expect(reply.status == 400)
    #expect(reply.body["__type"]?.stringValue == "ValidationException")
    #expect(reply.body["message"]?.stringValue?.contains("'input'") == true)
    let fits = JSONValue.object(["input": .string(String(big.dropLast()))]).compactString
    #expect(errorType(decode(fits, target: "AWSStepFunctions.StartExecution")) == nil)
  }

  @Test func aBodyOverTheRequestLimitIsRefused() {
    let decoded = AWSJSONProtocol.decode(method: "POST", target: "AWSStepFunctions.StartExecution", body: [], bodyTooLarge: true)
    guard case .rejected(let reply) = decoded else {
      Issue.record("accepted")
      return
    }
    #expect(reply.status == 413)
  }

  @Test func theCallerIsTheAgentsFirstProductAndThePeer() {
    #expect(AWSJSONProtocol.caller(userAgent: "aws-cli/2.15.0 Python/3.11", peer: "127.0.0.1:5000") == "aws-cli/2.15.0 127.0.0.1:5000")
    #expect(AWSJSONProtocol.caller(userAgent: nil, peer: nil) == "client")
  }
}
