import ASLLoading
import Testing
@testable import HandlerProcesses

/// The environment a local function gets: Lambda's reserved variables over the template's, the
/// session's endpoint, and never AWS itself.
@Suite struct FunctionEnvironmentTests {
  static let function = LocalFunction(
    name: "Orders", logicalID: "Orders", runtime: "python3.12", codeDirectory: "/code", handler: "app.handler",
    timeoutSeconds: 9, memorySize: 512, environment: ["TABLE": "Orders", "TZ": "Europe/Paris"])

  @Test func lambdasVariablesOverTheTemplatesWithTheEndpoint() {
    let env = FunctionEnvironment.variables(
      for: Self.function, endpoint: EndpointEnvironment.variables(endpoint: "http://127.0.0.1:8083"),
      host: ["PATH": "/usr/bin", "SECRET": "host only"])
    #expect(env["TABLE"] == "Orders")
    #expect(env["TZ"] == ":UTC", "a reserved variable is Lambda's")
    #expect(env["AWS_LAMBDA_FUNCTION_NAME"] == "Orders")
    #expect(env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] == "512")
    #expect(env["AWS_LAMBDA_FUNCTION_VERSION"] == "$LATEST")
    #expect(env["LAMBDA_TASK_ROOT"] == "/code")
    #expect(env["_HANDLER"] == "app.handler")
    #expect(env["AWS_REGION"] == "us-east-1" && env["AWS_DEFAULT_REGION"] == "us-east-1")
    #expect(env["AWS_ACCESS_KEY_ID"] != nil && env["AWS_SECRET_ACCESS_KEY"] != nil)
    #expect(env["AWS_ENDPOINT_URL_SFN"] == "http://127.0.0.1:8083")
    #expect(env["PATH"] == "/usr/bin")
    #expect(env["SECRET"] == nil, "the host's other variables stay out")
  }

  @Test func withoutAnEndpointSDKCallsAreRefusedLocally() {
    let env = FunctionEnvironment.variables(for: Self.function, endpoint: [:], host: [:])
    #expect(env["AWS_ENDPOINT_URL_SFN"] == "http://127.0.0.1:1")
    #expect(env["AWS_ENDPOINT_URL"] == "http://127.0.0.1:1")
  }
}
