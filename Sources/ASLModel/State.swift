import JSONCore

/// One ASL state, typed by its `Type`.
public enum State: Sendable {
  case pass(PassState)
  case task(TaskState)
  case choice(ChoiceState)
  case wait(WaitState)
  case succeed(SucceedState)
  case fail(FailState)
  case parallel(ParallelState)
  case map(MapState)

  /// The fields every state has.
  @inlinable
  public var common: StateCommon {
    switch self {
    case .pass(let s): return s.common
    case .task(let s): return s.common
    case .choice(let s): return s.common
    case .wait(let s): return s.common
    case .succeed(let s): return s.common
    case .fail(let s): return s.common
    case .parallel(let s): return s.common
    case .map(let s): return s.common
    }
  }

  @inlinable public var name: String { common.name }
  /// The `Type` string (`Pass`, `Task`, …), also the prefix of its history events.
  @inlinable public var typeName: String { common.type }

  /// `Retry` and `Catch` (Task, Parallel and Map states; empty for the others).
  public var errorHandling: ErrorHandling {
    switch self {
    case .task(let s): return s.errorHandling
    case .parallel(let s): return s.errorHandling
    case .map(let s): return s.errorHandling
    default: return ErrorHandling()
    }
  }
}

extension State {
  /// Decodes state `name` at `pointer`, with `machineLanguage` as the inherited query language.
  public static func decode(
    name: String, _ value: JSONValue, at pointer: JSONPointer, machineLanguage: QueryLanguage
  ) throws(ModelDecodingError) -> State {
    let r = try FieldReader(value, at: pointer, what: "state '\(name)'")
    let type = try r.requiredString("Type")
    let language = try r.queryLanguage() ?? machineLanguage
    var transition: Transition? = nil
    if let next = try r.string("Next") {
      transition = .next(next)
    } else if try r.bool("End") == true {
      transition = .end
    }
    let common = StateCommon(
      name: name, type: type, comment: try r.string("Comment"), queryLanguage: language,
      inputPath: try r.pathField("InputPath"), outputPath: try r.pathField("OutputPath"),
      transition: transition, assign: r.raw("Assign"), output: r.raw("Output"),
      readsContext: State.mentionsContext(value), pointer: pointer,
      expressions: language == .jsonPath ? StateExpressions(r) : StateExpressions(),
      jsonataFields: language == .jsonata ? State.compileJSONata(r) : [:])
    switch type {
    case "Pass": return .pass(try PassState(common: common, r))
    case "Task": return .task(try TaskState(common: common, r))
    case "Choice": return .choice(try ChoiceState(common: common, r))
    case "Wait": return .wait(try WaitState(common: common, r))
    case "Succeed": return .succeed(SucceedState(common: common))
    case "Fail": return .fail(try FailState(common: common, r))
    case "Parallel": return .parallel(try ParallelState(common: common, r))
    case "Map": return .map(try MapState(common: common, r))
    default:
      throw ModelDecodingError(
        pointer: pointer / "Type",
        message: "expected one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map for "
          + "'Type', found \"\(type)\"")
    }
  }

  /// Compiles the JSONata fields of a JSONata state.
  static func compileJSONata(_ r: FieldReader) -> [String: CompiledJSONata] {
    var out: [String: CompiledJSONata] = [:]
    for key in CompiledJSONata.stateFields {
      if let value = r.raw(key) { out[key] = CompiledJSONata(value) }
    }
    return out
  }

  /// True when `text` contains `$$` or `$states.context` (a byte scan, no Foundation).
  static func containsContextReference(_ text: String) -> Bool {
    var previousDollar = false
    var iterator = text.utf8.makeIterator()
    var sawDollar = false
    while let byte = iterator.next() {
      if byte == UInt8(ascii: "$") {
        if previousDollar { return true }
        previousDollar = true
        sawDollar = true
      } else {
        previousDollar = false
      }
    }
    guard sawDollar else { return false }
    let needle = Array("$states.context".utf8)
    let bytes = Array(text.utf8)
    guard bytes.count >= needle.count else { return false }
    for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
      if Array(bytes[start..<(start + needle.count)]) == needle { return true }
    }
    return false
  }

  /// True when some string in `value` (excluding nested state machines' own states, which are
  /// decoded separately) reads the context object.
  static func mentionsContext(_ value: JSONValue) -> Bool {
    switch value {
    case .string(let s): return State.containsContextReference(s)
    case .array(let items): return items.contains(where: mentionsContext)
    case .object(let o):
      for (k, v) in o {
        if k == "ItemProcessor" || k == "Iterator" || k == "Branches" { continue }
        if mentionsContext(v) { return true }
      }
      return false
    default: return false
    }
  }
}

/// `Pass`: copies its input to its output, or injects `Result`.
public final class PassState: Sendable {
  // Layout: what a run of the state reads comes first and fits one cache line (a long chain of
  // states is read cold, state after state).
  public let common: StateCommon
  /// `common.expressions`' Parameters, ResultPath and Assign, kept here too so that a Pass
  /// state runs from this one object.
  public let compiledParameters: CompiledTemplate?
  public let compiledResultPath: CompiledReferencePath?
  public let compiledAssign: CompiledTemplate?
  /// True when `result` is set.
  public let hasResult: Bool
  public let resultPath: PathField
  public let result: JSONValue?

  init(common: StateCommon, _ r: FieldReader) throws(ModelDecodingError) {
    self.common = common
    result = r.raw("Result")
    resultPath = try r.pathField("ResultPath")
    let expressions = common.expressions
    compiledParameters = expressions.parameters
    compiledResultPath = expressions.resultPath
    compiledAssign = expressions.assign
    hasResult = result != nil
  }
}

/// `Succeed`: ends the execution (or branch/iteration) successfully.
public final class SucceedState: Sendable {
  public let common: StateCommon
  public init(common: StateCommon) { self.common = common }
}

/// `Fail`: ends the execution (or branch/iteration) with an error.
public final class FailState: Sendable {
  public let common: StateCommon
  /// `Error`: a literal (JSONPath) or a JSONata string.
  public let error: String?
  public let errorPath: String?
  public let cause: String?
  public let causePath: String?

  init(common: StateCommon, _ r: FieldReader) throws(ModelDecodingError) {
    self.common = common
    error = try r.string("Error")
    errorPath = try r.string("ErrorPath")
    cause = try r.string("Cause")
    causePath = try r.string("CausePath")
  }
}

/// `Wait`: delays for `Seconds` or until `Timestamp` (or their `…Path` forms).
public final class WaitState: Sendable {
  public let common: StateCommon
  /// `Seconds`: an integer (JSONPath) or a JSONata string.
  public let seconds: JSONValue?
  /// `Timestamp`: an RFC 3339 string (JSONPath) or a JSONata string.
  public let timestamp: JSONValue?
  public let secondsPath: String?
  public let timestampPath: String?

  init(common: StateCommon, _ r: FieldReader) throws(ModelDecodingError) {
    self.common = common
    seconds = r.raw("Seconds")
    timestamp = r.raw("Timestamp")
    secondsPath = try r.string("SecondsPath")
    timestampPath = try r.string("TimestampPath")
  }
}

/// `Choice`: picks the next state from its rules.
public final class ChoiceState: Sendable {
  public let common: StateCommon
  public let choices: [ChoiceRule]
  public let defaultState: String?

  init(common: StateCommon, _ r: FieldReader) throws(ModelDecodingError) {
    self.common = common
    let rules = try r.decodeEach("Choices") { (item, pointer) throws(ModelDecodingError) in
      try ChoiceRule.decode(item, at: pointer, language: common.queryLanguage)
    }
    guard let rules else { throw r.missing("Choices", "a non-empty array of Choice rules") }
    choices = rules
    defaultState = try r.string("Default")
  }
}

/// A `TimeoutSeconds`/`HeartbeatSeconds` value: a literal, a `…Path`, or a JSONata expression.
public enum DurationField: Sendable, Hashable {
  case seconds(Int)
  case path(String)
  case jsonata(String)
}

/// `Task`: runs work through a resource (Lambda, service integration, activity).
public final class TaskState: Sendable {
  public let common: StateCommon
  public let resource: String
  /// JSONata `Arguments`.
  public let arguments: JSONValue?
  public let resultPath: PathField
  public let errorHandling: ErrorHandling
  public let timeout: DurationField?
  public let heartbeat: DurationField?
  public let credentials: JSONValue?

  init(common: StateCommon, _ r: FieldReader) throws(ModelDecodingError) {
    self.common = common
    resource = try r.requiredString("Resource")
    arguments = r.raw("Arguments")
    resultPath = try r.pathField("ResultPath")
    errorHandling = try ErrorHandling(r)
    timeout = try decodeDuration(r, "TimeoutSeconds", "TimeoutSecondsPath")
    heartbeat = try decodeDuration(r, "HeartbeatSeconds", "HeartbeatSecondsPath")
    credentials = r.raw("Credentials")
  }
}

/// `Retry` and `Catch` of a Task, Parallel or Map state (empty when absent).
public struct ErrorHandling: Sendable {
  public var retry: [Retrier] = []
  public var catchers: [Catcher] = []

  init() {}

  init(_ r: FieldReader) throws(ModelDecodingError) {
    retry = try r.decodeEach("Retry", Retrier.decode) ?? []
    catchers = try r.decodeEach("Catch", Catcher.decode) ?? []
  }
}

func decodeDuration(_ r: FieldReader, _ key: String, _ pathKey: String)
  throws(ModelDecodingError) -> DurationField?
{
  if let path = try r.string(pathKey) { return .path(path) }
  guard let value = r.raw(key) else { return nil }
  switch value {
  case .string(let s): return .jsonata(s)
  case .number:
    guard let i = try r.integer(key) else { return nil }
    return .seconds(i)
  default: throw r.mismatch(key, "a positive integer", value)
  }
}
