import ASLExpressions
import JSONCore

/// One entry of a state's `Retry` array (ASL "Retrying after an Error").
public struct Retrier: Sendable, Hashable {
  public var errorEquals: [String]
  /// Seconds before the first retry (default 1).
  public var intervalSeconds: Int
  /// Maximum number of retries (default 3; 0 means never retry).
  public var maxAttempts: Int
  /// Multiplier of the interval on each attempt (default 2.0).
  public var backoffRate: Double
  /// Upper bound of the interval, when set.
  public var maxDelaySeconds: Int?
  public var jitterStrategy: JitterStrategy
  public var comment: String?

  public init(
    errorEquals: [String], intervalSeconds: Int = 1, maxAttempts: Int = 3, backoffRate: Double = 2,
    maxDelaySeconds: Int? = nil, jitterStrategy: JitterStrategy = .none, comment: String? = nil
  ) {
    self.errorEquals = errorEquals
    self.intervalSeconds = intervalSeconds
    self.maxAttempts = maxAttempts
    self.backoffRate = backoffRate
    self.maxDelaySeconds = maxDelaySeconds
    self.jitterStrategy = jitterStrategy
    self.comment = comment
  }

  /// The delay in seconds before retry number `attempt` (0-based), before jitter:
  /// `IntervalSeconds × BackoffRate^attempt`, capped by `MaxDelaySeconds`.
  public func delaySeconds(forAttempt attempt: Int) -> Double {
    var delay = Double(intervalSeconds)
    if attempt > 0 {
      for _ in 0..<attempt {
        delay *= backoffRate
        if let cap = maxDelaySeconds, delay >= Double(cap) { break }
        if delay > 1e12 { break }
      }
    }
    if let cap = maxDelaySeconds { delay = min(delay, Double(cap)) }
    return delay
  }

  static func decode(_ value: JSONValue, at pointer: JSONPointer) throws(ModelDecodingError)
    -> Retrier
  {
    let r = try FieldReader(value, at: pointer, what: "a Retrier")
    guard let errors = try r.stringArray("ErrorEquals") else {
      throw r.missing("ErrorEquals", "a non-empty array of error names")
    }
    let jitter: JitterStrategy
    switch try r.string("JitterStrategy") {
    case nil, "NONE": jitter = .none
    case "FULL": jitter = .full
    case let other?:
      throw ModelDecodingError(
        pointer: pointer / "JitterStrategy",
        message: "expected \"FULL\" or \"NONE\" for 'JitterStrategy', found \"\(other)\"")
    }
    return Retrier(
      errorEquals: errors, intervalSeconds: try r.integer("IntervalSeconds") ?? 1,
      maxAttempts: try r.integer("MaxAttempts") ?? 3, backoffRate: try r.number("BackoffRate") ?? 2,
      maxDelaySeconds: try r.integer("MaxDelaySeconds"), jitterStrategy: jitter,
      comment: try r.string("Comment"))
  }
}

/// `JitterStrategy` of a Retrier.
public enum JitterStrategy: String, Sendable, Hashable {
  case none = "NONE"
  case full = "FULL"
}

/// One entry of a state's `Catch` array (ASL "Fallback States").
public struct Catcher: Sendable {
  public var errorEquals: [String]
  public var next: String
  /// Where the error output `{"Error","Cause"}` goes in the raw state input (default `$`).
  public var resultPath: PathField
  public var assign: JSONValue?
  /// JSONata `Output`.
  public var output: JSONValue?
  public var comment: String?
  /// `ResultPath` parsed at load time.
  public var compiledResultPath: CompiledReferencePath?
  /// `Assign` compiled at load time (JSONPath states).
  public var compiledAssign: CompiledTemplate?

  public init(
    errorEquals: [String], next: String, resultPath: PathField = .absent, assign: JSONValue? = nil,
    output: JSONValue? = nil, comment: String? = nil
  ) {
    self.errorEquals = errorEquals
    self.next = next
    self.resultPath = resultPath
    self.assign = assign
    self.output = output
    self.comment = comment
    if case .path(let p) = resultPath { compiledResultPath = CompiledReferencePath(p) }
    if let assign { compiledAssign = CompiledTemplate(assign) }
  }

  static func decode(_ value: JSONValue, at pointer: JSONPointer) throws(ModelDecodingError)
    -> Catcher
  {
    let r = try FieldReader(value, at: pointer, what: "a Catcher")
    guard let errors = try r.stringArray("ErrorEquals") else {
      throw r.missing("ErrorEquals", "a non-empty array of error names")
    }
    return Catcher(
      errorEquals: errors, next: try r.requiredString("Next"),
      resultPath: try r.pathField("ResultPath"), assign: r.raw("Assign"), output: r.raw("Output"),
      comment: try r.string("Comment"))
  }
}

extension Array where Element == String {
  /// True when an `ErrorEquals` list matches `error` (ASL: `States.ALL` matches everything except
  /// `States.DataLimitExceeded` and `States.Runtime`; in a Task state `States.TaskFailed` matches
  /// every error except `States.Timeout`).
  public func matchesError(_ error: String, inTask: Bool = false) -> Bool {
    for name in self {
      if name == error { return true }
      if inTask, name == "States.TaskFailed", error != "States.Timeout",
        error != "States.DataLimitExceeded", error != "States.Runtime"
      {
        return true
      }
      if name == "States.ALL" {
        if error == "States.DataLimitExceeded" || error == "States.Runtime" { continue }
        return true
      }
    }
    return false
  }
}
