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
///
/// Immutable after loading and stored behind one shared reference, so copying a state (which
/// the interpreter does on every transition) costs one retain instead of a kilobyte.
public struct StateExpressions: Sendable {
  final class Storage: Sendable {
    let inputPath: Compiled<ParsedPathExpression>?
    let outputPath: Compiled<ParsedPathExpression>?
    let resultPath: Compiled<JSONPath>?
    let parameters: Compiled<CompiledPayloadTemplate>?
    let resultSelector: Compiled<CompiledPayloadTemplate>?
    let assign: Compiled<CompiledPayloadTemplate>?
    let itemsPath: Compiled<ParsedPathExpression>?
    let errorPath: Compiled<ParsedPathExpression>?
    let causePath: Compiled<ParsedPathExpression>?
    let secondsPath: Compiled<ParsedPathExpression>?
    let timestampPath: Compiled<ParsedPathExpression>?
    let maxConcurrencyPath: Compiled<ParsedPathExpression>?
    let toleratedFailureCountPath: Compiled<ParsedPathExpression>?
    let toleratedFailurePercentagePath: Compiled<ParsedPathExpression>?
    let timeoutSecondsPath: Compiled<ParsedPathExpression>?
    let heartbeatSecondsPath: Compiled<ParsedPathExpression>?
    let batchInput: Compiled<CompiledPayloadTemplate>?

    init(
      inputPath: Compiled<ParsedPathExpression>? = nil,
      outputPath: Compiled<ParsedPathExpression>? = nil,
      resultPath: Compiled<JSONPath>? = nil,
      parameters: Compiled<CompiledPayloadTemplate>? = nil,
      resultSelector: Compiled<CompiledPayloadTemplate>? = nil,
      assign: Compiled<CompiledPayloadTemplate>? = nil,
      itemsPath: Compiled<ParsedPathExpression>? = nil,
      errorPath: Compiled<ParsedPathExpression>? = nil,
      causePath: Compiled<ParsedPathExpression>? = nil,
      secondsPath: Compiled<ParsedPathExpression>? = nil,
      timestampPath: Compiled<ParsedPathExpression>? = nil,
      maxConcurrencyPath: Compiled<ParsedPathExpression>? = nil,
      toleratedFailureCountPath: Compiled<ParsedPathExpression>? = nil,
      toleratedFailurePercentagePath: Compiled<ParsedPathExpression>? = nil,
      timeoutSecondsPath: Compiled<ParsedPathExpression>? = nil,
      heartbeatSecondsPath: Compiled<ParsedPathExpression>? = nil,
      batchInput: Compiled<CompiledPayloadTemplate>? = nil
    ) {
      self.inputPath = inputPath
      self.outputPath = outputPath
      self.resultPath = resultPath
      self.parameters = parameters
      self.resultSelector = resultSelector
      self.assign = assign
      self.itemsPath = itemsPath
      self.errorPath = errorPath
      self.causePath = causePath
      self.secondsPath = secondsPath
      self.timestampPath = timestampPath
      self.maxConcurrencyPath = maxConcurrencyPath
      self.toleratedFailureCountPath = toleratedFailureCountPath
      self.toleratedFailurePercentagePath = toleratedFailurePercentagePath
      self.timeoutSecondsPath = timeoutSecondsPath
      self.heartbeatSecondsPath = heartbeatSecondsPath
      self.batchInput = batchInput
    }
  }

  let storage: Storage

  public init() { storage = Storage() }

  public var inputPath: Compiled<ParsedPathExpression>? { storage.inputPath }
  public var outputPath: Compiled<ParsedPathExpression>? { storage.outputPath }
  public var resultPath: Compiled<JSONPath>? { storage.resultPath }
  public var parameters: Compiled<CompiledPayloadTemplate>? { storage.parameters }
  public var resultSelector: Compiled<CompiledPayloadTemplate>? { storage.resultSelector }
  public var assign: Compiled<CompiledPayloadTemplate>? { storage.assign }
  public var itemsPath: Compiled<ParsedPathExpression>? { storage.itemsPath }
  public var errorPath: Compiled<ParsedPathExpression>? { storage.errorPath }
  public var causePath: Compiled<ParsedPathExpression>? { storage.causePath }
  public var secondsPath: Compiled<ParsedPathExpression>? { storage.secondsPath }
  public var timestampPath: Compiled<ParsedPathExpression>? { storage.timestampPath }
  public var maxConcurrencyPath: Compiled<ParsedPathExpression>? { storage.maxConcurrencyPath }
  public var toleratedFailureCountPath: Compiled<ParsedPathExpression>? { storage.toleratedFailureCountPath }
  public var toleratedFailurePercentagePath: Compiled<ParsedPathExpression>? { storage.toleratedFailurePercentagePath }
  public var timeoutSecondsPath: Compiled<ParsedPathExpression>? { storage.timeoutSecondsPath }
  public var heartbeatSecondsPath: Compiled<ParsedPathExpression>? { storage.heartbeatSecondsPath }
  public var batchInput: Compiled<CompiledPayloadTemplate>? { storage.batchInput }

  /// Compiles the expression fields of a raw JSONPath state object.
  init(_ r: FieldReader) {
    func path(_ key: String) -> Compiled<ParsedPathExpression>? {
      guard case .string(let s)? = r.raw(key) else { return nil }
      return .path(s)
    }
    var resultPath: Compiled<JSONPath>? = nil
    if case .string(let s)? = r.raw("ResultPath") { resultPath = .referencePath(s) }
    var batchInput: Compiled<CompiledPayloadTemplate>? = nil
    if case .object(let b)? = r.raw("ItemBatcher"), let input = b["BatchInput"] {
      batchInput = .template(input)
    }
    storage = Storage(
      inputPath: path("InputPath"), outputPath: path("OutputPath"), resultPath: resultPath,
      parameters: (r.raw("ItemSelector") ?? r.raw("Parameters")).map { .template($0) },
      resultSelector: r.raw("ResultSelector").map { .template($0) },
      assign: r.raw("Assign").map { .template($0) }, itemsPath: path("ItemsPath"),
      errorPath: path("ErrorPath"), causePath: path("CausePath"),
      secondsPath: path("SecondsPath"), timestampPath: path("TimestampPath"),
      maxConcurrencyPath: path("MaxConcurrencyPath"),
      toleratedFailureCountPath: path("ToleratedFailureCountPath"),
      toleratedFailurePercentagePath: path("ToleratedFailurePercentagePath"),
      timeoutSecondsPath: path("TimeoutSecondsPath"),
      heartbeatSecondsPath: path("HeartbeatSecondsPath"), batchInput: batchInput)
  }
}
