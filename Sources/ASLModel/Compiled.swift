import ASLExpressions
import JSONCore

/// An expression parsed at load time, or the error its parsing raised (reported when a run
/// reaches it, so one bad path does not stop the rest of a definition from loading).
public enum Compiled<Value: Sendable>: Sendable {
  case ok(Value)
  case invalid(ASLRuntimeError)

  /// The parsed value, or the parse error.
  public func get() throws(ASLRuntimeError) -> Value {
    switch self {
    case .ok(let v): return v
    case .invalid(let e): throw e
    }
  }
}

extension Compiled where Value == ParsedPathExpression {
  /// Parses a `…Path` / `.$` expression.
  public static func path(_ text: String) -> Compiled {
    do { return .ok(try ParsedPathExpression(text)) } catch { return .invalid(error) }
  }
}

extension Compiled where Value == CompiledPayloadTemplate {
  /// Compiles a payload template (Parameters, ResultSelector, ItemSelector, Assign).
  public static func template(_ value: JSONValue) -> Compiled {
    do { return .ok(try CompiledPayloadTemplate(value)) } catch { return .invalid(error) }
  }
}

extension Compiled where Value == JSONPath {
  /// Parses a ResultPath reference path.
  public static func referencePath(_ text: String) -> Compiled {
    do { return .ok(try ReferencePath.parse(text)) } catch { return .invalid(error) }
  }
}

/// Every JSONPath-language expression of a state, parsed once at load time.
public struct StateExpressions: Sendable {
  public var inputPath: Compiled<ParsedPathExpression>?
  public var outputPath: Compiled<ParsedPathExpression>?
  public var resultPath: Compiled<JSONPath>?
  /// `Parameters` (Pass/Task/Parallel) or `ItemSelector`/`Parameters` (Map).
  public var parameters: Compiled<CompiledPayloadTemplate>?
  public var resultSelector: Compiled<CompiledPayloadTemplate>?
  public var assign: Compiled<CompiledPayloadTemplate>?
  public var itemsPath: Compiled<ParsedPathExpression>?
  public var errorPath: Compiled<ParsedPathExpression>?
  public var causePath: Compiled<ParsedPathExpression>?
  public var secondsPath: Compiled<ParsedPathExpression>?
  public var timestampPath: Compiled<ParsedPathExpression>?
  public var maxConcurrencyPath: Compiled<ParsedPathExpression>?
  public var toleratedFailureCountPath: Compiled<ParsedPathExpression>?
  public var toleratedFailurePercentagePath: Compiled<ParsedPathExpression>?
  public var timeoutSecondsPath: Compiled<ParsedPathExpression>?
  public var heartbeatSecondsPath: Compiled<ParsedPathExpression>?
  public var batchInput: Compiled<CompiledPayloadTemplate>?

  public init() {}

  /// Compiles the expression fields of a raw JSONPath state object.
  init(_ r: FieldReader) {
    func path(_ key: String) -> Compiled<ParsedPathExpression>? {
      guard case .string(let s)? = r.raw(key) else { return nil }
      return .path(s)
    }
    inputPath = path("InputPath")
    outputPath = path("OutputPath")
    if case .string(let s)? = r.raw("ResultPath") { resultPath = .referencePath(s) }
    if let p = r.raw("ItemSelector") ?? r.raw("Parameters") { parameters = .template(p) }
    if let s = r.raw("ResultSelector") { resultSelector = .template(s) }
    if let a = r.raw("Assign") { assign = .template(a) }
    itemsPath = path("ItemsPath")
    errorPath = path("ErrorPath")
    causePath = path("CausePath")
    secondsPath = path("SecondsPath")
    timestampPath = path("TimestampPath")
    maxConcurrencyPath = path("MaxConcurrencyPath")
    toleratedFailureCountPath = path("ToleratedFailureCountPath")
    toleratedFailurePercentagePath = path("ToleratedFailurePercentagePath")
    timeoutSecondsPath = path("TimeoutSecondsPath")
    heartbeatSecondsPath = path("HeartbeatSecondsPath")
    if case .object(let b)? = r.raw("ItemBatcher"), let input = b["BatchInput"] {
      batchInput = .template(input)
    }
  }
}
