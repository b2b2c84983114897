/// A Lambda function that runs on this machine: a template's `AWS::Serverless::Function` /
/// `AWS::Lambda::Function` with a local code folder and a Python or Node.js runtime, or one given
/// with `--function NAME=RUNTIME:PATH:HANDLER`.
public struct LocalFunction: Sendable, Equatable {
  /// The function's name (`AWS_LAMBDA_FUNCTION_NAME`, `context.function_name`): the logical id,
  /// as `Ref` gives it, unless the template names it with a plain `FunctionName`.
  public var name: String
  /// The template's logical id (nil for `--function`).
  public var logicalID: String?
  /// `python3.12`, `nodejs20.x`, ...
  public var runtime: String
  /// The absolute path of the code folder (`LAMBDA_TASK_ROOT`).
  public var codeDirectory: String
  /// `module.function` (`app.lambda_handler`, `src/index.handler`).
  public var handler: String
  /// Seconds before Lambda stops the function (3 by default, as Lambda).
  public var timeoutSeconds: Double
  public var memorySize: Int
  /// `Environment.Variables`, intrinsics resolved.
  public var environment: [String: String]

  public static let defaultTimeoutSeconds: Double = 3
  public static let defaultMemorySize = 128

  public init(
    name: String, logicalID: String? = nil, runtime: String, codeDirectory: String, handler: String,
    timeoutSeconds: Double = LocalFunction.defaultTimeoutSeconds,
    memorySize: Int = LocalFunction.defaultMemorySize, environment: [String: String] = [:]
  ) {
    self.name = name
    self.logicalID = logicalID
    self.runtime = runtime
    self.codeDirectory = codeDirectory
    self.handler = handler
    self.timeoutSeconds = timeoutSeconds
    self.memorySize = memorySize
    self.environment = environment
  }

  /// `arn:aws:lambda:us-east-1:123456789012:function:<name>`: what `!GetAtt X.Arn` gives.
  public var arn: String { LocalAccount.lambdaARN(logicalID ?? name) }

  public enum Language: String, Sendable { case python, node }

  /// The language of `runtime`, or nil for one sfdbg cannot run (java, dotnet, provided, ...).
  public var language: Language? { Self.language(of: runtime) }

  public static func language(of runtime: String) -> Language? {
    if runtime.hasPrefix("python3") { return .python }
    if runtime.hasPrefix("nodejs") { return .node }
    return nil
  }

  /// Whether `functionName` (a Lambda `FunctionName`: a name, an ARN or a partial ARN
  /// `123456789012:function:NAME`, each with or without a `:qualifier`) names this function.
  public func answers(to functionName: String) -> Bool {
    let key = Self.baseName(of: functionName)
    return key == name || key == logicalID
  }

  /// The function name inside any of Lambda's `FunctionName` forms, qualifier dropped.
  public static func baseName(of functionName: String) -> String {
    let parts = functionName.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    // arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
    if parts.count >= 7, parts[0] == "arn", parts[5] == "function" { return parts[6] }
    // ACCOUNT:function:NAME[:QUALIFIER]
    if parts.count >= 3, parts[1] == "function" { return parts[2] }
    // NAME[:QUALIFIER]
    return parts[0]
  }
}
