import DebuggerCore
import JSONCore

/// Step Functions' wire protocol, awsJson1_0: `POST /` with `X-Amz-Target:
/// AWSStepFunctions.<Operation>` and a JSON body; answers are JSON with
/// `Content-Type: application/x-amz-json-1.0`, errors `{"__type", "message"}` (the shape
/// botocore and the AWS SDKs read the exception name from). SigV4 `Authorization` headers are
/// accepted and not verified. Nothing here knows the operations: the session answers them.
public enum AWSJSONProtocol {
  public static let targetPrefix = "AWSStepFunctions."
  public static let contentType = "application/x-amz-json-1.0"
  /// AWS's limit on one API request, headers included ("Maximum request size: 1 MB", Step
  /// Functions service quotas); the edge never holds a larger body.
  public static let maxBodyBytes = 1 << 20
  /// AWS's limit on an execution's input and a task's output: 256 KiB of UTF-8 ("Maximum input
  /// or output size for a task, state, or execution").
  public static let maxPayloadBytes = 262_144

  /// The operation named by the `X-Amz-Target` header; nil when the header is missing or names
  /// another service.
  public static func operation(target: String?) -> String? {
    guard let target, target.hasPrefix(targetPrefix) else { return nil }
    let name = target.dropFirst(targetPrefix.count)
    return name.isEmpty ? nil : String(name)
  }

  /// Reads one HTTP request as an API request, or the error AWS answers it with before any
  /// operation runs: wrong method or target (`UnknownOperationException`), a body that is not a
  /// JSON object (`SerializationException`), a body over the request limit, a payload field over
  /// 256 KiB (`ValidationException`, AWS's constraint message).
  public static func decode(
    method: String, target: String?, body: [UInt8], bodyTooLarge: Bool = false, caller: String = "client"
  ) -> Decoded {
    guard method == "POST", let operation = operation(target: target) else {
      let what = target.map { "Unknown operation \($0)" } ?? "Missing X-Amz-Target header"
      return .rejected(.error("UnknownOperationException", what))
    }
    if bodyTooLarge {
      return .rejected(.error(
        "ValidationException", "Request size exceeds the limit of \(maxBodyBytes) bytes", status: 413))
    }
    let value: JSONValue
    if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      value = .object([:])
    } else {
      do {
        value = try JSONParser.parse(body)
      } catch {
        return .rejected(.error("SerializationException", "Malformed request body: \(error)"))
      }
    }
    guard case .object = value else {
      return .rejected(.error("SerializationException", "Start of structure or map expected in the request body"))
    }
    for field in ["input", "output"] {
      if let text = value[field]?.stringValue, text.utf8.count > maxPayloadBytes {
        return .rejected(.error(
          "ValidationException",
          "1 validation error detected: Value at '\(field)' failed to satisfy constraint: "
            + "Member must have length less than or equal to \(maxPayloadBytes)"))
      }
    }
    return .request(APIRequest(operation: operation, body: value, caller: caller))
  }

  /// One HTTP request read: an API request for the session, or the edge's own error reply.
  public enum Decoded: Sendable, Equatable {
    case request(APIRequest)
    case rejected(APIReply)
  }

  /// The bytes of a reply's body.
  public static func encode(_ reply: APIReply) -> [UInt8] {
    var out: [UInt8] = []
    JSONPrinter.writeCompact(reply.body, into: &out)
    return out
  }

  /// Who sent a request, for History and the log: the User-Agent's first product
  /// (`aws-cli/2.15.0`, `Boto3/1.34.0`) and the peer address.
  public static func caller(userAgent: String?, peer: String?) -> String {
    let agent = userAgent?.split(separator: " ").first.map(String.init) ?? "client"
    return peer.map { "\(agent) \($0)" } ?? agent
  }
}
