import ASLInterpreter
import ASLRuntime
import JSONCore

/// StartExecution, StartSyncExecution, StopExecution, DescribeExecution, ListExecutions,
/// GetExecutionHistory (shapes: the API reference; messages: AWS-recorded snapshots).
extension Session {
  mutating func startExecution(_ f: APIRequestFields, caller: String, _ out: inout CommandOutcome) throws(APIError) -> JSONValue {
    let (m, testCase) = try machineAndTestCase(try f.string("stateMachineArn"))
    let input = try executionInput(f)
    let name = try f.optionalString("name")
    // Idempotent for a running Standard execution with the same name and input.
    if let name, !m.isExpress, let e = runtime.executions.first(where: { $0.machineArn == m.arn && $0.name == name }),
      e.isRunning, e.input == input
    {
      return ["executionArn": .string(e.arn), "startDate": ServiceResponses.epochSeconds(e.startedAt)]
    }
    let id = try start(m, input: input, name: name, testCase: testCase, caller: caller, &out)
    let e = runtime.executions[id]
    return ["executionArn": .string(e.arn), "startDate": ServiceResponses.epochSeconds(e.startedAt)]
  }

  /// Starts an Express execution whose reply waits for its end; returns its id.
  mutating func startSyncExecution(_ f: APIRequestFields, caller: String, _ out: inout CommandOutcome) throws(APIError) -> Int {
    let (m, testCase) = try machineAndTestCase(try f.string("stateMachineArn"))
    guard m.isExpress else { throw .typeNotSupported() }
    let input = try executionInput(f)
    return try start(m, input: input, name: try f.optionalString("name"), testCase: testCase, caller: caller, &out)
  }

  mutating func stopExecution(_ f: APIRequestFields) throws(APIError) -> JSONValue {
    let e = try execution(try f.string("executionArn"), standardOnly: true)
    let error = try f.optionalString("error")
    let cause = try f.optionalString("cause")
    try TaskOperationsLimits.check(error: error, cause: cause)
    if e.isRunning {
      do throws(RuntimeError) {
        try runtime.stopExecution(e.id, error: error, cause: cause)
      } catch {
        throw APIError(error)
      }
      notes.append("\(e.label) was stopped by StopExecution.")
    }
    return ["stopDate": ServiceResponses.epochSeconds(runtime.executions[e.id].stoppedAt ?? runtime.now)]
  }

  func describeExecution(_ f: APIRequestFields) throws(APIError) -> JSONValue {
    describe(try execution(try f.string("executionArn"), standardOnly: true))
  }

  func listExecutions(_ f: APIRequestFields) throws(APIError) -> JSONValue {
    guard let arn = try f.optionalString("stateMachineArn") else {
      throw APIError("ValidationException", "1 validation error detected: Must provide a StateMachine ARN or MapRun ARN")
    }
    let m = try registeredMachine(arn)
    guard !m.isExpress else { throw .typeNotSupported() }
    let filter = try f.optionalString("statusFilter")
    let statuses = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"]
    if let filter, !statuses.contains(filter) {
      throw .validation("statusFilter", filter, "Member must satisfy enum value set: [\(statuses.joined(separator: ", "))]")
    }
    // Newest first, as AWS lists them.
    let items: [JSONValue] = runtime.executions.reversed()
      .filter { $0.machineArn == m.arn && (filter == nil || $0.status.name == filter) }
      .map { JSONValue.object(listItem($0)) }
    return try APIPage.list(items, key: "executions", f)
  }

  /// GetExecutionHistory: the events as `sfdbg run --history` writes them (THE history encoder,
  /// `HistoryEncoder.getExecutionHistory`), with the wire's epoch-seconds timestamps;
  /// `includeExecutionData: false` leaves out inputs and outputs, as AWS does.
  func executionHistory(_ f: APIRequestFields) throws(APIError) -> JSONValue {
    let e = try execution(try f.string("executionArn"), standardOnly: true)
    let withData = try f.optionalBool("includeExecutionData") ?? true
    var events: [HistoryEvent] = Array(e.execution.history)
    if try f.optionalBool("reverseOrder") == true { events.reverse() }
    let encoded = HistoryEncoder.getExecutionHistory(events)["events"]?.arrayValue ?? []
    let items: [JSONValue] = zip(events, encoded).map { ev, event in
      var o = event.objectValue ?? JSONObject()
      o["timestamp"] = ServiceResponses.epochSeconds(ev.timestamp)
      if !withData { Self.dropExecutionData(&o) }
      return .object(o)
    }
    return try APIPage.list(items, key: "events", f)
  }

  // MARK: Shapes and lookups

  /// DescribeExecution's shape (API reference, DescribeExecution "Response Syntax").
  func describe(_ e: RuntimeExecution) -> JSONValue {
    var o = listItem(e)
    o["input"] = .string(e.input.compactString)
    o["inputDetails"] = ["included": true]
    ServiceResponses.addResult(of: e, to: &o)
    o["redriveCount"] = 0
    switch e.status {
    case .failed, .timedOut, .aborted: o["redriveStatus"] = "REDRIVABLE"
    default:
      o["redriveStatus"] = "NOT_REDRIVABLE"
      o["redriveStatusReason"] = .string("Execution is \(e.status.name) and cannot be redriven")
    }
    return .object(o)
  }

  /// ListExecutions' item (ExecutionListItem), which DescribeExecution's shape begins with.
  func listItem(_ e: RuntimeExecution) -> JSONObject {
    var o = JSONObject()
    o["executionArn"] = .string(e.arn)
    o["stateMachineArn"] = .string(e.machineArn)
    o["name"] = .string(e.name)
    o["status"] = .string(e.status.name)
    o["startDate"] = ServiceResponses.epochSeconds(e.startedAt)
    if !e.isRunning { o["stopDate"] = ServiceResponses.epochSeconds(e.stoppedAt ?? runtime.now) }
    return o
  }

  /// The execution an API call names by ARN. Express executions are not kept by the service:
  /// the calls that read Standard executions refuse their ARNs.
  func execution(_ arn: String, standardOnly: Bool) throws(APIError) -> RuntimeExecution {
    let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count >= 8, parts[0] == "arn", parts[2] == "states", parts[5] == "execution" || parts[5] == "express" else {
      throw .invalidArn(arn)
    }
    if standardOnly && parts[5] == "express" { throw .expressNotInContext() }
    guard let e = runtime.executions.first(where: { $0.arn == arn }) else { throw .executionDoesNotExist(arn) }
    return e
  }

  /// The machine of `stateMachineArn`, and the MockConfigFile test case after `#`, which must
  /// be defined for it (as Step Functions Local checks).
  func machineAndTestCase(_ arnAndCase: String) throws(APIError) -> (RegisteredMachine, String?) {
    let pieces = arnAndCase.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    let m = try registeredMachine(String(pieces[0]))
    guard pieces.count == 2 else { return (m, nil) }
    let testCase = String(pieces[1])
    guard let mocks = configuration.mocks, mocks.defines(testCase: testCase, machineNames: m.aliases) else {
      throw APIError(
        "InvalidName",
        "Invalid mock test case name '\(testCase)' for state machine '\(m.name)'.Either the test case is not defined or the "
          + "mock configuration file could not be loaded. See logs for details.")
    }
    return (m, testCase)
  }

  func executionInput(_ f: APIRequestFields) throws(APIError) -> JSONValue {
    // The member's limit: AWS's 256 KiB payload quota.
    if let text = try f.optionalString("input"), text.utf8.count > 262_144 {
      throw .validation("input", String(text.prefix(40)) + "…", "Member must have length less than or equal to 262144")
    }
    return try f.json("input", invalid: "InvalidExecutionInput", "Invalid State Machine Execution Input") ?? .object(JSONObject())
  }

  /// Starts an execution for a client; the first one of a session without executions becomes
  /// its main one.
  mutating func start(
    _ m: RegisteredMachine, input: JSONValue, name: String?, testCase: String?, caller: String, _ out: inout CommandOutcome
  ) throws(APIError) -> Int {
    if let name, !Runtime.isValidExecutionName(name) { throw .invalidName(name) }
    let wasEmpty = runtime.executions.isEmpty
    let id: Int
    do throws(RuntimeError) {
      id = try runtime.startExecution(machine: m.arn, input: input, name: name)
    } catch {
      throw APIError(error)
    }
    if wasEmpty {
      mainExecutionID = id
      focus = id
    }
    if let testCase { service.testCases[id] = testCase }
    notes.append("\(runtime.executions[id].label) started by \(caller)" + (testCase.map { " with test case \($0)" } ?? "") + ".")
    return id
  }

  /// The test case that applies to an execution: its own (`ARN#TestCase`), else its nearest
  /// ancestor's, else the session's `--test-case`.
  func testCase(for executionID: Int) -> String? {
    var id: Int? = executionID
    while let current = id {
      if let t = service.testCases[current] { return t }
      id = runtime.executions[current].startedBy?.parent
    }
    return configuration.testCase
  }

  static func dropExecutionData(_ event: inout JSONObject) {
    for key in Array(event.keys) where key.hasSuffix("EventDetails") {
      guard var details = event[key]?.objectValue else { continue }
      for field in ["input", "output", "parameters", "inputDetails", "outputDetails"] { _ = details.removeValue(forKey: field) }
      event[key] = .object(details)
    }
  }
}

extension MockConfig {
  /// Whether a machine known by any of `machineNames` defines `testCase`.
  func defines(testCase: String, machineNames: [String]) -> Bool {
    machineNames.contains { stateMachines[$0]?[testCase] != nil }
  }
}
