import ASLExpressions
import JSONCore

/// A `…Path`/`.$` expression parsed at load time, or the error its parsing raised (reported when
/// a run reaches it, so one bad path does not stop the rest of a definition from loading).
///
/// Concrete (not generic) on purpose: the interpreter reads these on every transition, and a
/// generic enum would go through runtime value witnesses.
public indirect enum CompiledPath: Sendable {
  case ok(ParsedPathExpression)
  case invalid(ASLRuntimeError)

  /// Parses a `…Path` / `.$` expression.
  public init(_ text: String) {
    do { self = .ok(try ParsedPathExpression(text)) } catch { self = .invalid(error) }
  }

  /// The parsed expression, or the parse error.
  @inlinable
  public func get() throws(ASLRuntimeError) -> ParsedPathExpression {
    switch self {
    case .ok(let v): return v
    case .invalid(let e): throw e
    }
  }
}

/// A payload template (Parameters, ResultSelector, ItemSelector, Assign) compiled at load time,
/// or the error its compilation raised.
public enum CompiledTemplate: Sendable {
  case ok(CompiledPayloadTemplate)  // one reference: no box
  indirect case invalid(ASLRuntimeError)

  public init(_ value: JSONValue) {
    do { self = .ok(try CompiledPayloadTemplate(value)) } catch { self = .invalid(error) }
  }

  @inlinable
  public func get() throws(ASLRuntimeError) -> CompiledPayloadTemplate {
    switch self {
    case .ok(let v): return v
    case .invalid(let e): throw e
    }
  }
}

/// A JSONata template (a value whose strings may be `{% … %}`) compiled at load time, or the
/// error its compilation raised.
public indirect enum CompiledJSONata: Sendable {
  case ok(CompiledJSONataTemplate)
  case invalid(ASLRuntimeError)

  public init(_ value: JSONValue) {
    do { self = .ok(try CompiledJSONataTemplate(value)) } catch { self = .invalid(error) }
  }

  @inlinable
  public func get() throws(ASLRuntimeError) -> CompiledJSONataTemplate {
    switch self {
    case .ok(let v): return v
    case .invalid(let e): throw e
    }
  }

  /// The state-level fields of a JSONata state that hold templates or `{% … %}` values.
  public static let stateFields = [
    "Output", "Assign", "Arguments", "Items", "ItemSelector", "Seconds", "Timestamp", "Error",
    "Cause", "TimeoutSeconds", "HeartbeatSeconds", "MaxConcurrency", "ToleratedFailureCount",
    "ToleratedFailurePercentage",
  ]
}

/// A ResultPath reference path parsed at load time, or the error its parsing raised.
public enum CompiledReferencePath: Sendable {
  case ok(JSONPath)  // one reference: no box
  indirect case invalid(ASLRuntimeError)

  public init(_ text: String) {
    do { self = .ok(try ReferencePath.parse(text)) } catch { self = .invalid(error) }
  }

  @inlinable
  public func get() throws(ASLRuntimeError) -> JSONPath {
    switch self {
    case .ok(let v): return v
    case .invalid(let e): throw e
    }
  }
}

/// Every JSONPath-language expression of a state, parsed once at load time.
///
/// Each compiled field is one pointer (the `Compiled…` enums are `indirect`), so checking which
/// fields a state has reads one or two cache lines.
///
/// Immutable after loading and stored behind one shared reference, so copying a state (which
/// the interpreter does on every transition) costs one retain instead of a kilobyte.
public struct StateExpressions: Sendable {
  @usableFromInline
  final class Storage: Sendable {
    @usableFromInline let inputPath: CompiledPath?
    @usableFromInline let outputPath: CompiledPath?
    @usableFromInline let resultPath: CompiledReferencePath?
    @usableFromInline let parameters: CompiledTemplate?
    @usableFromInline let resultSelector: CompiledTemplate?
    @usableFromInline let assign: CompiledTemplate?
    @usableFromInline let itemsPath: CompiledPath?
    @usableFromInline let errorPath: CompiledPath?
    @usableFromInline let causePath: CompiledPath?
    @usableFromInline let secondsPath: CompiledPath?
    @usableFromInline let timestampPath: CompiledPath?
    @usableFromInline let maxConcurrencyPath: CompiledPath?
    @usableFromInline let toleratedFailureCountPath: CompiledPath?
    @usableFromInline let toleratedFailurePercentagePath: CompiledPath?
    @usableFromInline let timeoutSecondsPath: CompiledPath?
    @usableFromInline let heartbeatSecondsPath: CompiledPath?
    @usableFromInline let batchInput: CompiledTemplate?

    init(
      inputPath: CompiledPath? = nil,
      outputPath: CompiledPath? = nil,
      resultPath: CompiledReferencePath? = nil,
      parameters: CompiledTemplate? = nil,
      resultSelector: CompiledTemplate? = nil,
      assign: CompiledTemplate? = nil,
      itemsPath: CompiledPath? = nil,
      errorPath: CompiledPath? = nil,
      causePath: CompiledPath? = nil,
      secondsPath: CompiledPath? = nil,
      timestampPath: CompiledPath? = nil,
      maxConcurrencyPath: CompiledPath? = nil,
      toleratedFailureCountPath: CompiledPath? = nil,
      toleratedFailurePercentagePath: CompiledPath? = nil,
      timeoutSecondsPath: CompiledPath? = nil,
      heartbeatSecondsPath: CompiledPath? = nil,
      batchInput: CompiledTemplate? = nil
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

  @usableFromInline let storage: Storage

  public init() { storage = Storage() }

  @inlinable public var inputPath: CompiledPath? { storage.inputPath }
  @inlinable public var outputPath: CompiledPath? { storage.outputPath }
  @inlinable public var resultPath: CompiledReferencePath? { storage.resultPath }
  @inlinable public var parameters: CompiledTemplate? { storage.parameters }
  @inlinable public var resultSelector: CompiledTemplate? { storage.resultSelector }
  @inlinable public var assign: CompiledTemplate? { storage.assign }
  @inlinable public var itemsPath: CompiledPath? { storage.itemsPath }
  @inlinable public var errorPath: CompiledPath? { storage.errorPath }
  @inlinable public var causePath: CompiledPath? { storage.causePath }
  @inlinable public var secondsPath: CompiledPath? { storage.secondsPath }
  @inlinable public var timestampPath: CompiledPath? { storage.timestampPath }
  @inlinable public var maxConcurrencyPath: CompiledPath? { storage.maxConcurrencyPath }
  @inlinable public var toleratedFailureCountPath: CompiledPath? { storage.toleratedFailureCountPath }
  @inlinable public var toleratedFailurePercentagePath: CompiledPath? { storage.toleratedFailurePercentagePath }
  @inlinable public var timeoutSecondsPath: CompiledPath? { storage.timeoutSecondsPath }
  @inlinable public var heartbeatSecondsPath: CompiledPath? { storage.heartbeatSecondsPath }
  @inlinable public var batchInput: CompiledTemplate? { storage.batchInput }

  /// Compiles the expression fields of a raw JSONPath state object.
  init(_ r: FieldReader) {
    func path(_ key: String) -> CompiledPath? {
      guard case .string(let s)? = r.raw(key) else { return nil }
      return CompiledPath(s)
    }
    var resultPath: CompiledReferencePath? = nil
    if case .string(let s)? = r.raw("ResultPath") { resultPath = CompiledReferencePath(s) }
    var batchInput: CompiledTemplate? = nil
    if case .object(let b)? = r.raw("ItemBatcher"), let input = b["BatchInput"] {
      batchInput = CompiledTemplate(input)
    }
    storage = Storage(
      inputPath: path("InputPath"), outputPath: path("OutputPath"), resultPath: resultPath,
      parameters: (r.raw("ItemSelector") ?? r.raw("Parameters")).map { CompiledTemplate($0) },
      resultSelector: r.raw("ResultSelector").map { CompiledTemplate($0) },
      assign: r.raw("Assign").map { CompiledTemplate($0) }, itemsPath: path("ItemsPath"),
      errorPath: path("ErrorPath"), causePath: path("CausePath"),
      secondsPath: path("SecondsPath"), timestampPath: path("TimestampPath"),
      maxConcurrencyPath: path("MaxConcurrencyPath"),
      toleratedFailureCountPath: path("ToleratedFailureCountPath"),
      toleratedFailurePercentagePath: path("ToleratedFailurePercentagePath"),
      timeoutSecondsPath: path("TimeoutSecondsPath"),
      heartbeatSecondsPath: path("HeartbeatSecondsPath"), batchInput: batchInput)
  }
}
