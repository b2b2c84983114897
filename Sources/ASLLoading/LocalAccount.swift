/// The fixed account every local ARN uses, so that runs are deterministic.
public enum LocalAccount {
  public static let region = "us-east-1"
  public static let accountID = "123456789012"
  public static let partition = "aws"
  public static let urlSuffix = "amazonaws.com"
  public static let stackName = "sfdbg-local"
  public static let stackID =
    "arn:aws:cloudformation:us-east-1:123456789012:stack/sfdbg-local/00000000-0000-0000-0000-000000000000"

  /// `arn:aws:states:us-east-1:123456789012:stateMachine:<name>`.
  public static func stateMachineARN(_ name: String) -> String {
    "arn:\(partition):states:\(region):\(accountID):stateMachine:\(name)"
  }

  /// `arn:aws:lambda:us-east-1:123456789012:function:<name>`.
  public static func lambdaARN(_ name: String) -> String {
    "arn:\(partition):lambda:\(region):\(accountID):function:\(name)"
  }
}
