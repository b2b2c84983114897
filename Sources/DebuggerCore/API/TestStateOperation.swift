import ASLInterpreter
import ASLLoading
import ASLModel
import ASLRuntime
import JSONCore

/// TestState (API reference, TestState): runs one state on an input, with variables and a mock
/// of its service call, and reports its output, next state, status (SUCCEEDED, FAILED,
/// RETRIABLE, CAUGHT_ERROR) and, at DEBUG and TRACE, the data after each stage
/// (`afterInputPath`, `afterParameters`, `result`, `afterResultSelector`, `afterResultPath`, …)
/// from the interpreter's own traces. `definition` is a state, or a whole machine with
/// `stateName`. sfdbg calls no real service: a Task needs `mock` (`result` or `errorOutput`).
extension Session {
  func testState(_ f: APIRequestFields) throws(APIError) -> JSONValue {
    let level = try f.optionalString("inspectionLevel") ?? "INFO"
    guard ["INFO", "DEBUG", "TRACE"].contains(level) else {
      throw .validation("inspectionLevel", level, "Member must satisfy enum value set: [INFO, DEBUG, TRACE]")
    }
    let input = try f.json("input", invalid: "InvalidExecutionInput", "Invalid State Machine Execution Input") ?? .object(JSONObject())
    let variables = try f.json("variables", invalid: "ValidationException", "Invalid variables") ?? .object(JSONObject())
    let mock = try TestStateMock(f.body["mock"])
    let (name, state, language) = try Self.stateUnderTest(try f.string("definition"), stateName: try f.optionalString("stateName"))
    let definition = Self.harness(name: name, state: state, language: language, variables: variables)
    let errors = Validator.validate(definition: definition).filter { $0.severity == .error }
    guard errors.isEmpty else {
      throw APIError(
        "InvalidDefinition",
        "Invalid State Machine Definition: '"
          + errors.map { "SCHEMA_VALIDATION_FAILED: \($0.message) at \($0.pointer.shownText)" }.joined(separator: ", ") + "'")
    }
    let machine: StateMachine
    do {
      machine = try StateMachine(definition: definition)
    } catch {
      throw APIError("InvalidDefinition", "Invalid State Machine Definition: '\(error)'")
    }
    var execution = Execution(
      machine: machine, input: input,
      options: ExecutionOptions(executionName: "TestState", stateMachineName: "TestState", startTime: runtime.now, recordTraces: true))
    var trace: StateTrace?
    running: for _ in 0..<10_000 {
      // A visit stays open while it retries.
      trace = execution.openTraces.values.first { $0.stateName == name } ?? execution.traces.last { $0.stateName == name }
      if let t = trace, t.nextState != nil || !t.errorHandling.isEmpty { break }
      switch execution.step() {
      case .finished:
        trace = execution.traces.last { $0.stateName == name }
        break running
      case .progressed: continue
      case .waitingForTimer: execution.advanceToNextTimer()
      case .waitingForTasks(let requests):
        guard let request = requests.first else { break running }
        guard let outcome = mock.outcome else {
          throw APIError(
            "ValidationException",
            "sfdbg calls no real service: give TestState a mock (result or errorOutput) for '\(request.resource)'")
        }
        try? execution.completeTask(request.id, with: outcome)
      }
    }
    return Self.testStateResult(trace, execution: execution, name: name, level: level)
  }

  /// The state to test, its name and its query language, from a state or a whole machine.
  static func stateUnderTest(_ text: String, stateName: String?) throws(APIError) -> (String, JSONObject, JSONValue?) {
    let value: JSONValue
    do {
      value = try JSONParser.parse(text)
    } catch {
      throw APIError("InvalidDefinition", "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: \(error.description)'")
    }
    guard let object = value.objectValue else {
      throw APIError("InvalidDefinition", "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object'")
    }
    guard let states = object["States"]?.objectValue else { return (stateName ?? "TestState", object, nil) }
    guard let stateName, let state = states[stateName]?.objectValue else {
      throw APIError("ValidationException", "State not found in definition")
    }
    return (stateName, state, object["QueryLanguage"])
  }

  /// A machine that runs the state: a Pass state first that assigns the variables, and a
  /// Succeed state for every state it can go to.
  static func harness(name: String, state: JSONObject, language: JSONValue?, variables: JSONValue) -> JSONValue {
    var states = JSONObject()
    let setup = "sfdbg TestState variables"
    let hasVariables = !(variables.objectValue?.isEmpty ?? true)
    if hasVariables {
      var pass: JSONObject = ["Type": "Pass", "Assign": variables, "Next": .string(name)]
      if language == nil, state["QueryLanguage"] == nil { pass["QueryLanguage"] = "JSONPath" }
      states[setup] = .object(pass)
    }
    states[name] = .object(state)
    for target in transitionTargets(state) where states[target] == nil { states[target] = ["Type": "Succeed"] }
    var machine: JSONObject = ["StartAt": .string(hasVariables ? setup : name), "States": .object(states)]
    if let language { machine["QueryLanguage"] = language }
    return .object(machine)
  }

  /// The `{Error, Cause}` object a Catch put into the output (at its ResultPath).
  static func errorOutput(_ value: JSONValue) -> JSONObject? {
    guard let o = value.objectValue else { return nil }
    if o["Error"] != nil { return o }
    return o.values.lazy.compactMap { errorOutput($0) }.first
  }

  static func transitionTargets(_ state: JSONObject) -> [String] {
    var out: [String] = []
    for key in ["Next", "Default"] { if let s = state[key]?.stringValue { out.append(s) } }
    for key in ["Choices", "Catch"] {
      for rule in state[key]?.arrayValue ?? [] { if let s = rule["Next"]?.stringValue { out.append(s) } }
    }
    return out
  }

  static func testStateResult(_ trace: StateTrace?, execution: Execution, name: String, level: String) -> JSONValue {
    var o = JSONObject()
    let stageKeys = [
      "Input": "input", "InputPath": "afterInputPath", "Parameters": "afterParameters", "Arguments": "afterArguments",
      "Result": "result", "ResultSelector": "afterResultSelector", "ResultPath": "afterResultPath",
    ]
    let output = execution.history.last { $0.stateName == name && $0.type.hasSuffix("StateExited") }
      .flatMap { ev -> JSONValue? in if case .stateExited(_, let out, _) = ev.details { return out } else { return nil } }
    switch trace?.errorHandling.last {
    case .retry(let error, _, _, _)?:
      o["status"] = "RETRIABLE"
      o["error"] = .string(error)
    case .caught(let error, _, let next)?:
      o["status"] = "CAUGHT_ERROR"
      o["nextState"] = .string(next)
      o["error"] = .string(error)
      if let caught = trace?.stages.last(where: { $0.name == "Catch" }) {
        o["output"] = .string(caught.value.compactString)
        if let cause = Self.errorOutput(caught.value)?["Cause"] { o["cause"] = cause }
      }
    case .unhandled?, .retriesExhausted?: o["status"] = "FAILED"
    case nil:
      if trace?.failure != nil {
        o["status"] = "FAILED"
      } else {
        o["status"] = "SUCCEEDED"
        if let output { o["output"] = .string(output.compactString) }
        if let next = trace?.nextState { o["nextState"] = .string(next) }
      }
    }
    if let failure = trace?.failure {
      o["error"] = .string(failure.error)
      if let cause = failure.cause { o["cause"] = .string(cause) }
    }
    if level != "INFO", let trace {
      var data = JSONObject()
      for stage in trace.stages { if let key = stageKeys[stage.name] { data[key] = .string(stage.value.compactString) } }
      if !trace.assigned.isEmpty {
        var vars = JSONObject()
        for (k, v) in trace.assigned { vars[k] = v }
        data["variables"] = .string(JSONValue.object(vars).compactString)
      }
      o["inspectionData"] = .object(data)
    }
    return .object(o)
  }
}

/// TestState's `mock`: `result` (a JSON string: the service's answer) or `errorOutput`
/// (`{error, cause}`).
struct TestStateMock {
  var outcome: TaskOutcome?

  init(_ value: JSONValue?) throws(APIError) {
    guard let value, let o = value.objectValue else { return }
    if let text = o["result"]?.stringValue {
      do {
        outcome = .succeeded(try JSONParser.parse(text))
      } catch {
        throw APIError("ValidationException", "Invalid mock result: \(error.description)")
      }
    } else if let e = o["errorOutput"]?.objectValue {
      outcome = .failed(error: e["error"]?.stringValue ?? "", cause: e["cause"]?.stringValue)
    }
  }
}
