import JSONCore

/// A resource of a CloudFormation/SAM template, with the deterministic local values that `Ref`
/// and `Fn::GetAtt` give for it.
struct TemplateResource: Sendable {
  var logicalID: String
  var type: String
  var properties: JSONObject
  /// The physical name used in ARNs: a state machine's `Name`/`StateMachineName` when it is a
  /// plain string, else the logical id.
  var name: String

  init(logicalID: String, type: String, properties: JSONObject) {
    self.logicalID = logicalID
    self.type = type
    self.properties = properties
    if TemplateResource.stateMachineTypes.contains(type),
      let n = (properties["Name"] ?? properties["StateMachineName"])?.stringValue, !n.contains("${")
    {
      name = n
    } else {
      name = logicalID
    }
  }

  static let stateMachineTypes: Set<String> = [
    "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine",
  ]

  private var region: String { LocalAccount.region }
  private var account: String { LocalAccount.accountID }

  /// What `Ref` returns: the ARN for types whose `Ref` is an ARN in CloudFormation, a name or
  /// URL for the others (Lambda functions, tables, buckets, queues, roles, ...).
  var refValue: String {
    switch type {
    case "AWS::Lambda::Function", "AWS::Serverless::Function", "AWS::DynamoDB::Table",
      "AWS::Serverless::SimpleTable", "AWS::IAM::Role", "AWS::Logs::LogGroup", "AWS::Kinesis::Stream",
      "AWS::ECS::Cluster", "AWS::Events::EventBus", "AWS::Events::Rule", "AWS::Glue::Job",
      "AWS::Serverless::Api", "AWS::Serverless::HttpApi", "AWS::ApiGateway::RestApi":
      return logicalID
    case "AWS::S3::Bucket":
      return bucketName
    case "AWS::SQS::Queue":
      return queueURL
    default:
      return arn
    }
  }

  private var bucketName: String { logicalID.lowercased() }
  private var queueURL: String { "https://sqs.\(region).amazonaws.com/\(account)/\(logicalID)" }

  /// The resource's ARN (`Fn::GetAtt X.Arn`).
  var arn: String {
    let p = LocalAccount.partition
    switch type {
    case "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine":
      return LocalAccount.stateMachineARN(name)
    case "AWS::Lambda::Function", "AWS::Serverless::Function":
      return LocalAccount.lambdaARN(logicalID)
    case "AWS::StepFunctions::Activity":
      return "arn:\(p):states:\(region):\(account):activity:\(logicalID)"
    case "AWS::SNS::Topic":
      return "arn:\(p):sns:\(region):\(account):\(logicalID)"
    case "AWS::SQS::Queue":
      return "arn:\(p):sqs:\(region):\(account):\(logicalID)"
    case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable":
      return "arn:\(p):dynamodb:\(region):\(account):table/\(logicalID)"
    case "AWS::S3::Bucket":
      return "arn:\(p):s3:::\(bucketName)"
    case "AWS::IAM::Role":
      return "arn:\(p):iam::\(account):role/\(logicalID)"
    case "AWS::IAM::ManagedPolicy", "AWS::IAM::Policy":
      return "arn:\(p):iam::\(account):policy/\(logicalID)"
    case "AWS::Events::EventBus":
      return "arn:\(p):events:\(region):\(account):event-bus/\(logicalID)"
    case "AWS::Events::Rule":
      return "arn:\(p):events:\(region):\(account):rule/\(logicalID)"
    case "AWS::Logs::LogGroup":
      return "arn:\(p):logs:\(region):\(account):log-group:\(logicalID):*"
    case "AWS::Kinesis::Stream":
      return "arn:\(p):kinesis:\(region):\(account):stream/\(logicalID)"
    case "AWS::ECS::Cluster":
      return "arn:\(p):ecs:\(region):\(account):cluster/\(logicalID)"
    case "AWS::ECS::TaskDefinition":
      return "arn:\(p):ecs:\(region):\(account):task-definition/\(logicalID):1"
    case "AWS::Batch::JobQueue":
      return "arn:\(p):batch:\(region):\(account):job-queue/\(logicalID)"
    case "AWS::Batch::JobDefinition":
      return "arn:\(p):batch:\(region):\(account):job-definition/\(logicalID):1"
    case "AWS::Serverless::Api", "AWS::Serverless::HttpApi", "AWS::ApiGateway::RestApi":
      return "arn:\(p):apigateway:\(region)::/restapis/\(logicalID)"
    default:
      let parts = type.split(separator: "::").map(String.init)
      var service = parts.count > 1 ? parts[1].lowercased() : "unknown"
      var kind = parts.count > 2 ? parts[2] : "resource"
      if service == "serverless" {
        service = kind == "LayerVersion" ? "lambda" : "serverless"
        kind = kind == "LayerVersion" ? "layer" : kind
      }
      let lowered = kind.prefix(1).lowercased() + kind.dropFirst()
      return "arn:\(p):\(service):\(region):\(account):\(lowered)/\(logicalID)"
    }
  }

  /// `Fn::GetAtt X.attribute`.
  func attribute(_ attribute: String) -> String {
    switch attribute {
    case "Arn", "TopicArn", "StateMachineArn": return arn
    case "QueueUrl": return queueURL
    case "QueueName", "TableName", "FunctionName", "TopicName", "RoleName", "StateMachineName", "Name":
      return type == "AWS::S3::Bucket" ? bucketName : name
    case "StreamArn": return arn + "/stream/1970-01-01T00:00:00.000"
    case "RoleId": return "AROA" + logicalID.uppercased()
    case "DomainName", "RegionalDomainName":
      return "\(bucketName).s3.\(region).amazonaws.com"
    default:
      if attribute.hasSuffix("Arn") { return arn }
      if attribute.hasSuffix("Name") { return name }
      return "\(logicalID).\(attribute)"
    }
  }
}
