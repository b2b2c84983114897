import ASLInterpreter
import JSONCore

/// What the Step Functions API changes in the runtime besides executions: registered machines
/// (CreateStateMachine, UpdateStateMachine, DeleteStateMachine), activity tasks handed to
/// workers, and the SDK integration's `startSyncExecution` waits.
extension Runtime {
  /// Registers a machine (CreateStateMachine); the caller checks that its name is free.
  public mutating func register(_ machine: RegisteredMachine) {
    machines.append(machine)
  }

  /// Replaces the definition (and type) of the machine with `arn` (UpdateStateMachine): new
  /// executions use it; running ones keep theirs, as in AWS.
  public mutating func replaceMachine(_ machine: RegisteredMachine) {
    if let i = machines.firstIndex(where: { $0.arn == machine.arn }) { machines[i] = machine }
  }

  /// Removes the machine with `arn` (DeleteStateMachine); its executions keep running.
  public mutating func removeMachine(arn: String) {
    machines.removeAll { $0.arn == arn }
  }

  /// True for a task that starts an execution and waits for its end with StartSyncExecution's
  /// answer (`aws-sdk:sfn:startSyncExecution`, `states:startSyncExecution`).
  public static func startsSyncExecution(_ request: TaskRequest) -> Bool {
    request.baseResource == "arn:aws:states:::aws-sdk:sfn:startSyncExecution"
      || request.baseResource == "arn:aws:states:::states:startSyncExecution"
  }

  /// Hands an activity task to the workers: it gets a task token (GetActivityTask gives it out
  /// with the input) and waits in `pending`, where a person can answer it too. Returns the token.
  @discardableResult
  public mutating func awaitActivityWorker(executionID: Int, requestID: Int) -> String {
    let key = TaskKey(executionID: executionID, requestID: requestID)
    dispatched.insert(key)
    let token = activityToken(key)
    tokens[token] = key
    awaitPerson(key, kind: .token(token))
    return token
  }

  /// The child of a `startSyncExecution` task waits like a `.sync` child; `settle` answers the
  /// parent with StartSyncExecution's response when it ends.
  public mutating func awaitSyncChild(_ child: Int, of key: TaskKey) {
    dispatched.insert(key)
    syncWaits[child] = key
  }

  /// Marks a task as taken care of by the service (an SDK call answered at once).
  public mutating func markDispatched(_ key: TaskKey) {
    dispatched.insert(key)
  }

  /// A deterministic activity task token, shaped like AWS's (long, base64, starting `AQ`).
  func activityToken(_ key: TaskKey) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    var x = seed ^ 0xAC71_717E ^ (UInt64(key.executionID) << 32) ^ UInt64(key.requestID)
    var token = "AQC"
    while token.count < 276 {
      x = x &+ 0x9E37_79B9_7F4A_7C15
      var z = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      z ^= z >> 31
      for _ in 0..<10 {
        token.append(alphabet[Int(z & 63)])
        z >>= 6
      }
    }
    return String(token.prefix(276))
  }
}

extension ServiceResponses {
  /// The role a machine runs with (the executions' `$$.Execution.RoleArn`).
  public static func roleArn(machineName: String) -> String {
    ExecutionOptions(stateMachineName: machineName, accountID: accountID).roleArn
  }

  /// An instant as the awsJson1_0 wire writes timestamps: epoch seconds, milliseconds as the
  /// fraction (`1735689600.25`).
  public static func epochSeconds(_ instant: VirtualInstant) -> JSONValue {
    let ms = instant.milliseconds
    let fraction = String(ms % 1000)
    return .number(JSONNumber(text: "\(ms / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"))
  }

  /// StartSyncExecution's response (API reference, StartSyncExecution "Response Syntax"), in the
  /// wire's camelCase: status SUCCEEDED, FAILED or TIMED_OUT, output or error and cause, and the
  /// Express billing details (64 MB, duration rounded up to 100 ms).
  public static func startSyncExecution(_ e: RuntimeExecution, stopDate: VirtualInstant) -> JSONValue {
    var o = JSONObject()
    let stop = e.stoppedAt ?? stopDate
    o["executionArn"] = .string(e.arn)
    o["stateMachineArn"] = .string(e.machineArn)
    o["name"] = .string(e.name)
    o["startDate"] = epochSeconds(e.startedAt)
    o["stopDate"] = epochSeconds(stop)
    o["status"] = .string(e.status.name)
    addResult(of: e, to: &o)
    o["input"] = .string(e.input.compactString)
    o["inputDetails"] = ["included": true]
    let duration = max(0, stop.milliseconds - e.startedAt.milliseconds)
    o["billingDetails"] = [
      "billedMemoryUsedInMB": 64, "billedDurationInMilliseconds": .int(Int(max(100, (duration + 99) / 100 * 100))),
    ]
    return .object(o)
  }

  /// An ended execution's `output` (with `outputDetails`) or `error` and `cause`, in the API's
  /// camelCase (DescribeExecution, StartSyncExecution).
  public static func addResult(of e: RuntimeExecution, to o: inout JSONObject) {
    switch e.status {
    case .succeeded(let output):
      o["output"] = .string(output.compactString)
      o["outputDetails"] = ["included": true]
    case .failed(let error, let cause), .timedOut(let error, let cause), .aborted(let error, let cause):
      if let error { o["error"] = .string(error) }
      if let cause { o["cause"] = .string(cause) }
    case .running: break
    }
  }

  /// An API response as an `aws-sdk:` integration returns it: PascalCase member names, as the
  /// SDK's model names them, and timestamps as ISO 8601 text (`2025-01-01T00:00:00.000Z`), as
  /// AWS's SDK integrations serialise them (their results carry dates as strings).
  public static func sdkResult(_ response: JSONValue) -> JSONValue {
    switch response {
    case .object(let o):
      var out = JSONObject(minimumCapacity: o.count)
      for (key, value) in o {
        let name = key.prefix(1).uppercased() + key.dropFirst()
        if key.hasSuffix("Date"), case .number(let n) = value {
          out[name] = .string(VirtualInstant(milliseconds: Int64((n.doubleValue * 1000).rounded())).iso8601)
        } else {
          out[name] = sdkResult(value)
        }
      }
      return .object(out)
    case .array(let a): return .array(a.map(sdkResult))
    default: return response
    }
  }
}
