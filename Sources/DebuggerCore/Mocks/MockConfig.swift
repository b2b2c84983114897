import JSONCore

/// A mock configuration in the AWS Step Functions Local `MockConfigFile` format.
///
/// ```json
/// { "StateMachines": { "M": { "TestCases": { "HappyPath": { "State": "ResponseName" } } } },
///   "MockedResponses": { "ResponseName": { "0": { "Return": {...} }, "1-2": { "Throw": { "Error": "E", "Cause": "C" } } } } }
/// ```
/// The attempt key counts the invocations of that state in one execution, from 0 (retries and
/// Map iterations included); once the attempts are used up, the response with the highest
/// attempt repeats.
public struct MockConfig: Sendable, Equatable {
  /// Machine name → test case name → state name → mocked response name.
  public var stateMachines: [String: [String: [String: String]]]
  /// Response name → attempts in order.
  public var mockedResponses: [String: [MockAttempt]]
  /// Key order of the source file, for writing it back readably.
  public var machineOrder: [String]
  public var responseOrder: [String]

  public init() {
    stateMachines = [:]
    mockedResponses = [:]
    machineOrder = []
    responseOrder = []
  }

  /// Parses a MockConfigFile document; `file` is used in messages.
  public init(json: JSONValue, file: String = "mocks") throws(MockConfigError) {
    self.init()
    guard case .object(let root) = json else { throw MockConfigError(file: file, pointer: "", message: "expected an object with StateMachines and MockedResponses, found \(json.typeName)") }
    if let machines = root["StateMachines"] {
      guard case .object(let ms) = machines else { throw MockConfigError(file: file, pointer: "/StateMachines", message: "expected an object of state machines") }
      for (machine, body) in ms {
        let mp = JSONPointer("/StateMachines") / machine
        guard case .object(let mo) = body, case .object(let cases)? = mo["TestCases"] else {
          throw MockConfigError(file: file, pointer: mp.description, message: "expected an object with TestCases")
        }
        var byCase: [String: [String: String]] = [:]
        for (caseName, states) in cases {
          guard case .object(let so) = states else {
            throw MockConfigError(file: file, pointer: (mp / "TestCases" / caseName).description, message: "expected an object mapping state names to mocked response names")
          }
          var byState: [String: String] = [:]
          for (state, resp) in so {
            guard case .string(let r) = resp else {
              throw MockConfigError(file: file, pointer: (mp / "TestCases" / caseName / state).description, message: "expected the name of a mocked response (a string), found \(resp.typeName)")
            }
            byState[state] = r
          }
          byCase[caseName] = byState
        }
        stateMachines[machine] = byCase
        machineOrder.append(machine)
      }
    }
    if let responses = root["MockedResponses"] {
      guard case .object(let rs) = responses else { throw MockConfigError(file: file, pointer: "/MockedResponses", message: "expected an object of mocked responses") }
      for (name, body) in rs {
        let rp = JSONPointer("/MockedResponses") / name
        guard case .object(let attempts) = body, !attempts.isEmpty else {
          throw MockConfigError(file: file, pointer: rp.description, message: "expected an object keyed by attempt (\"0\", \"1-2\", ...)")
        }
        var list: [MockAttempt] = []
        for (key, value) in attempts {
          let ap = rp / key
          guard let range = MockAttempt.parseRange(key) else {
            throw MockConfigError(file: file, pointer: ap.description, message: "an attempt key is a number (\"0\") or a range (\"1-2\"), found \"\(key)\"")
          }
          guard case .object(let ao) = value else {
            throw MockConfigError(file: file, pointer: ap.description, message: "expected an object with Return or Throw")
          }
          if let ret = ao["Return"] {
            list.append(MockAttempt(attempts: range, response: .return(ret)))
          } else if case .object(let t)? = ao["Throw"] {
            guard case .string(let err)? = t["Error"] else {
              throw MockConfigError(file: file, pointer: (ap / "Throw").description, message: "Throw needs an Error string")
            }
            list.append(MockAttempt(attempts: range, response: .throw(error: err, cause: t["Cause"]?.stringValue ?? "")))
          } else {
            throw MockConfigError(file: file, pointer: ap.description, message: "expected Return or Throw")
          }
        }
        mockedResponses[name] = list.sorted { $0.attempts.lowerBound < $1.attempts.lowerBound }
        responseOrder.append(name)
      }
    }
    // Every referenced response must exist.
    for (machine, cases) in stateMachines {
      for (caseName, states) in cases {
        for (state, resp) in states where mockedResponses[resp] == nil {
          throw MockConfigError(file: file, pointer: (JSONPointer("/StateMachines") / machine / "TestCases" / caseName / state).description,
                                message: "mocked response \"\(resp)\" is not defined in MockedResponses")
        }
      }
    }
  }

  /// Whether a test case with this name exists for any machine.
  public func hasTestCase(_ name: String) -> Bool {
    stateMachines.values.contains { $0[name] != nil }
  }

  /// The mocked response for the `attempt`-th invocation (0-based) of `state` in a machine known
  /// by any of `machineNames`, under `testCase`; nil when the state is not mocked.
  public func response(machineNames: [String], testCase: String, state: String, attempt: Int) -> MockResponse? {
    guard let cases = machineNames.lazy.compactMap({ stateMachines[$0] }).first,
      let responseName = cases[testCase]?[state], let attempts = mockedResponses[responseName], let last = attempts.last
    else { return nil }
    return attempts.first { $0.attempts.contains(attempt) }?.response ?? last.response
  }

  /// The file as JSON in MockConfigFile shape.
  public var json: JSONValue {
    var machines = JSONObject()
    for m in machineOrder + stateMachines.keys.sorted().filter({ !machineOrder.contains($0) }) {
      guard let cases = stateMachines[m] else { continue }
      var co = JSONObject()
      for (c, states) in cases.sorted(by: { $0.key < $1.key }) {
        var so = JSONObject()
        for (s, r) in states.sorted(by: { $0.key < $1.key }) { so[s] = .string(r) }
        co[c] = .object(so)
      }
      machines[m] = .object(["TestCases": .object(co)])
    }
    var responses = JSONObject()
    for r in responseOrder + mockedResponses.keys.sorted().filter({ !responseOrder.contains($0) }) {
      guard let attempts = mockedResponses[r] else { continue }
      var ao = JSONObject()
      for a in attempts { ao[a.key] = a.response.json }
      responses[r] = .object(ao)
    }
    return .object(["StateMachines": .object(machines), "MockedResponses": .object(responses)])
  }
}

/// One attempt entry of a mocked response.
public struct MockAttempt: Sendable, Equatable {
  public var attempts: ClosedRange<Int>
  public var response: MockResponse

  public init(attempts: ClosedRange<Int>, response: MockResponse) {
    self.attempts = attempts
    self.response = response
  }

  /// The attempt key as written in the file: "0" or "1-2".
  public var key: String {
    attempts.lowerBound == attempts.upperBound ? "\(attempts.lowerBound)" : "\(attempts.lowerBound)-\(attempts.upperBound)"
  }

  static func parseRange(_ key: String) -> ClosedRange<Int>? {
    let parts = key.split(separator: "-", omittingEmptySubsequences: false)
    if parts.count == 1, let n = Int(parts[0]), n >= 0 { return n...n }
    if parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a >= 0, b >= a { return a...b }
    return nil
  }
}

/// A mocked service response: a result or an error.
public enum MockResponse: Sendable, Equatable {
  case `return`(JSONValue)
  case `throw`(error: String, cause: String)

  public var json: JSONValue {
    switch self {
    case .return(let v): return .object(["Return": v])
    case .throw(let e, let c): return .object(["Throw": .object(["Error": .string(e), "Cause": .string(c)])])
    }
  }
}

/// A MockConfigFile that cannot be used, with where and why.
public struct MockConfigError: Error, Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var pointer: String
  public var message: String
  public var description: String { "\(file): at \(pointer.isEmpty ? "/" : pointer): \(message)" }
}
