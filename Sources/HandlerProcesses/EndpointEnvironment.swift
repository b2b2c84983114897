/// The environment a process started by sfdbg (a `--handler` command, a template function) gets
/// so that the aws CLI, boto3 or an AWS SDK inside it calls the session's Step Functions
/// endpoint exactly as it would call AWS.
public enum EndpointEnvironment {
  /// The variables for an endpoint at `url` (e.g. "http://127.0.0.1:8083"); none when the session
  /// serves no endpoint. Credentials are dummies: the endpoint accepts SigV4 without checking it.
  public static func variables(endpoint url: String?, region: String = "us-east-1") -> [String: String] {
    guard let url else { return [:] }
    return [
      "AWS_ENDPOINT_URL_SFN": url,
      "AWS_ENDPOINT_URL": url,
      "AWS_REGION": region,
      "AWS_DEFAULT_REGION": region,
      "AWS_ACCESS_KEY_ID": "sfdbg",
      "AWS_SECRET_ACCESS_KEY": "sfdbg",
    ]
  }
}
