import ASLInterpreter
import ASLLoading
import ASLModel
import ASLRuntime
import JSONCore

/// CreateStateMachine, DescribeStateMachine, ListStateMachines, UpdateStateMachine,
/// DeleteStateMachine, DescribeStateMachineForExecution (shapes: the API reference's "Request
/// Syntax"/"Response Syntax"; messages: localstack's provider and AWS-recorded snapshots).
extension Session {
  mutating func createStateMachine(_ f: APIRequestFields) throws(APIError) -> JSONValue {
    let name = try f.string("name")
    let definitionText = try f.string("definition")
    let roleArn = try f.string("roleArn")
    let type = try machineType(f)
    guard Runtime.isValidExecutionName(name) else { throw .invalidName(name) }
    let arn = "arn:aws:states:\(ServiceResponses.region):\(ServiceResponses.accountID):stateMachine:\(name)"
    let (definition, machine) = try Self.compile(definitionText, type: type)
    if let existing = runtime.machines.first(where: { $0.name == name }) {
      // Idempotent for the same name, definition and type (CreateStateMachine's contract).
      guard existing.definition == definition, existing.type == type, let record = service.machineRecords[existing.arn] else {
        throw APIError("StateMachineAlreadyExists", "State Machine Already Exists: '\(existing.arn)'")
      }
      return ["stateMachineArn": .string(existing.arn), "creationDate": ServiceResponses.epochSeconds(record.creationDate)]
    }
    runtime.register(RegisteredMachine(name: name, arn: arn, type: type, machine: machine, definition: definition))
    service.machineRecords[arn] = ServiceState.MachineRecord(creationDate: runtime.now, roleArn: roleArn)
    for activity in machine.activityResources { service.addActivity(arn: activity, at: runtime.now) }
    return ["stateMachineArn": .string(arn), "creationDate": ServiceResponses.epochSeconds(runtime.now)]
  }

  func describeStateMachine(_ f: APIRequestFields) throws(APIError) -> JSONValue {
    let m = try registeredMachine(try f.string("stateMachineArn"))
    return describe(m)
  }

  func listStateMachines(_ f: APIRequestFields) throws(APIError) -> JSONValue {
    let items: [JSONValue] = runtime.machines.sorted { $0.name < $1.name }.map { m in
      [
        "stateMachineArn": .string(m.arn), "name": .string(m.name), "type": .string(m.type),
        "creationDate": ServiceResponses.epochSeconds(creationDate(m)),
      ]
    }
    return try APIPage.list(items, key: "stateMachines", f)
  }

  mutating func updateStateMachine(_ f: APIRequestFields) throws(APIError) -> JSONValue {
    var m = try registeredMachine(try f.string("stateMachineArn"))
    let text = try f.optionalString("definition")
    let role = try f.optionalString("roleArn")
    guard text != nil || role != nil || f.body["loggingConfiguration"] != nil || f.body["tracingConfiguration"] != nil else {
      throw APIError(
        "MissingRequiredParameter",
        "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified")
    }
    if let text {
      (m.definition, m.machine) = try Self.compile(text, type: m.type)
      runtime.replaceMachine(m)
    }
    if let role { service.machineRecords[m.arn]?.roleArn = role }
    return ["updateDate": ServiceResponses.epochSeconds(runtime.now)]
  }

  /// Deleting an unknown machine succeeds, as in AWS; running executions go on.
  mutating func deleteStateMachine(_ f: APIRequestFields) throws(APIError) -> JSONValue {
    let arn = try f.string("stateMachineArn")
    try Self.checkArn(arn, kind: "stateMachine")
    runtime.removeMachine(arn: arn)
    service.machineRecords[arn] = nil
    return .object(JSONObject())
  }

  func describeStateMachineForExecution(_ f: APIRequestFields) throws(APIError) -> JSONValue {
    let e = try execution(try f.string("executionArn"), standardOnly: false)
    var o = describe(runtime.machine(e.machineArn) ?? registeredFallback(e)).objectValue ?? JSONObject()
    for key in ["status", "type", "creationDate"] { _ = o.removeValue(forKey: key) }
    o["updateDate"] = ServiceResponses.epochSeconds(creationDate(runtime.machine(e.machineArn)))
    return .object(o)
  }

  // MARK: Shapes and lookups

  func describe(_ m: RegisteredMachine) -> JSONValue {
    let record = service.machineRecords[m.arn]
    return [
      "stateMachineArn": .string(m.arn), "name": .string(m.name), "status": "ACTIVE",
      "definition": .string(m.definition?.prettyString ?? "{}"),
      "roleArn": .string(record?.roleArn ?? ServiceResponses.roleArn(machineName: m.name)),
      "type": .string(m.type), "creationDate": ServiceResponses.epochSeconds(creationDate(m)),
      "loggingConfiguration": ["level": "OFF", "includeExecutionData": false],
      "tracingConfiguration": ["enabled": false],
    ]
  }

  func creationDate(_ m: RegisteredMachine?) -> VirtualInstant {
    m.flatMap { service.machineRecords[$0.arn]?.creationDate } ?? runtime.now
  }

  /// A machine that was deleted while its execution ran is still described from the session's
  /// loaded machines.
  func registeredFallback(_ e: RuntimeExecution) -> RegisteredMachine {
    machines.first { $0.arn == e.machineArn } ?? RegisteredMachine(
      name: e.machineName, arn: e.machineArn, machine: e.execution.machine)
  }

  func registeredMachine(_ arn: String) throws(APIError) -> RegisteredMachine {
    try Self.checkArn(arn, kind: "stateMachine")
    guard let m = runtime.machines.first(where: { $0.arn == arn }) else { throw .stateMachineDoesNotExist(arn) }
    return m
  }

  func machineType(_ f: APIRequestFields) throws(APIError) -> String {
    let type = try f.optionalString("type") ?? "STANDARD"
    guard type == "STANDARD" || type == "EXPRESS" else {
      throw .validation("type", type, "Member must satisfy enum value set: [STANDARD, EXPRESS]")
    }
    return type
  }

  /// `arn:aws:states:REGION:ACCOUNT:KIND:NAME…`, else `InvalidArn`.
  static func checkArn(_ arn: String, kind: String) throws(APIError) {
    let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count >= 7, parts[0] == "arn", parts[2] == "states", parts[5] == kind, !parts[6].isEmpty else {
      throw .invalidArn(arn)
    }
  }

  /// Parses, validates (the project's validator, with the Express rules for EXPRESS) and decodes
  /// a definition: `InvalidDefinition` lists every error, as AWS lists its diagnostics.
  static func compile(_ text: String, type: String) throws(APIError) -> (JSONValue, StateMachine) {
    let definition: JSONValue
    do {
      definition = try JSONParser.parse(text)
    } catch {
      throw APIError("InvalidDefinition", "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: \(error.description)'")
    }
    let errors = Validator.validate(definition: definition, type: type).filter { $0.severity == .error }
    guard errors.isEmpty else {
      let list = errors.map { "SCHEMA_VALIDATION_FAILED: \($0.message) at \($0.pointer.shownText)" }.joined(separator: ", ")
      throw APIError("InvalidDefinition", "Invalid State Machine Definition: '\(list)'")
    }
    do {
      return (definition, try StateMachine(definition: definition))
    } catch {
      throw APIError("InvalidDefinition", "Invalid State Machine Definition: '\(error)'")
    }
  }
}

extension StateMachine {
  /// The activity ARNs its Task states (branches and item processors included) name.
  var activityResources: [String] {
    var out: [String] = []
    for s in states {
      switch s {
      case .task(let t) where Execution.isActivity(t.resource): out.append(t.resource)
      case .parallel(let p): for b in p.branches { out += b.activityResources }
      case .map(let m): out += m.itemProcessor.activityResources
      default: break
      }
    }
    return out
  }
}
