import ASLInterpreter
import ASLRuntime
import JSONCore

/// CreateActivity, DescribeActivity, ListActivities, DeleteActivity, GetActivityTask. A Task
/// whose Resource is an activity ARN waits in `pending` with a token until a worker takes it
/// (GetActivityTask) and answers with SendTask*; a person can answer it there too.
extension Session {
  mutating func createActivity(_ f: APIRequestFields) throws(APIError) -> JSONValue {
    let name = try f.string("name")
    guard Runtime.isValidExecutionName(name) else { throw .invalidName(name) }
    let arn = "arn:aws:states:\(ServiceResponses.region):\(ServiceResponses.accountID):activity:\(name)"
    service.addActivity(arn: arn, at: runtime.now)
    let a = service.activity(arn)!
    return ["activityArn": .string(arn), "creationDate": ServiceResponses.epochSeconds(a.creationDate)]
  }

  func describeActivity(_ f: APIRequestFields) throws(APIError) -> JSONValue {
    let a = try activity(try f.string("activityArn"))
    return ["activityArn": .string(a.arn), "name": .string(a.name), "creationDate": ServiceResponses.epochSeconds(a.creationDate)]
  }

  func listActivities(_ f: APIRequestFields) throws(APIError) -> JSONValue {
    let items: [JSONValue] = service.activities.map { a in
      ["activityArn": .string(a.arn), "name": .string(a.name), "creationDate": ServiceResponses.epochSeconds(a.creationDate)]
    }
    return try APIPage.list(items, key: "activities", f)
  }

  /// Deleting an unknown activity succeeds, as in AWS.
  mutating func deleteActivity(_ f: APIRequestFields) throws(APIError) -> JSONValue {
    let arn = try f.string("activityArn")
    try Self.checkArn(arn, kind: "activity")
    service.activities.removeAll { $0.arn == arn }
    return .object(JSONObject())
  }

  /// GetActivityTask's activity and worker name.
  func activityPoll(_ f: APIRequestFields) throws(APIError) -> (arn: String, worker: String) {
    let a = try activity(try f.string("activityArn"))
    return (a.arn, try f.optionalString("workerName") ?? "")
  }

  /// The oldest task of the activity no worker holds yet, handed to `worker`:
  /// `{"taskToken", "input"}` (input as a JSON string), or nil.
  mutating func takeActivityTask(_ arn: String, worker: String, caller: String) -> JSONValue? {
    guard let item = runtime.pending.first(where: {
      $0.resource == arn && $0.token.map { !service.takenActivityTokens.contains($0) } == true
    }), let token = item.token else { return nil }
    service.takenActivityTokens.insert(token)
    notes.append(
      "'\(item.stateName)' in \(runtime.executions[item.executionID].label) was taken by activity worker "
        + "\(worker.isEmpty ? caller : worker).")
    return ["taskToken": .string(token), "input": .string(item.request.parameters.compactString)]
  }

  func activity(_ arn: String) throws(APIError) -> ServiceState.Activity {
    try Self.checkArn(arn, kind: "activity")
    guard let a = service.activity(arn) else { throw .activityDoesNotExist(arn) }
    return a
  }
}
