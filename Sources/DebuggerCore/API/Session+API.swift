import JSONCore

extension Session {
  /// Answers a Step Functions API request. The operations are implemented over the runtime in
  /// this folder; an operation that is not one of them is `UnknownOperationException`, as AWS
  /// answers it.
  mutating func answer(_ request: APIRequest, id: RequestID) -> CommandOutcome {
    var out = CommandOutcome()
    out.effects = [.reply(id: id, reply: .error("UnknownOperationException", "Unknown operation \(request.operation)"))]
    return out
  }
}
