import JSONCore

/// `Map`: runs its item processor once per item (inline or distributed mode).
public final class MapState: Sendable {
  public let common: StateCommon
  /// `ItemProcessor` (or legacy `Iterator`) states.
  public let itemProcessor: StateMachine
  public let processorMode: ProcessorMode
  /// `ProcessorConfig.ExecutionType` for distributed mode (`STANDARD`/`EXPRESS`).
  public let executionType: String?
  public let itemsPath: PathField
  /// JSONata `Items`.
  public let items: JSONValue?
  /// `ItemSelector`, or the legacy `Parameters`.
  public let itemSelector: JSONValue?
  public let itemReader: JSONValue?
  public let itemBatcher: ItemBatcher?
  public let resultWriter: JSONValue?
  public let maxConcurrency: MapNumberField?
  public let toleratedFailureCount: MapNumberField?
  public let toleratedFailurePercentage: MapNumberField?
  public let label: String?
  public let resultPath: PathField
  public let errorHandling: ErrorHandling
  /// True when the definition used the legacy `Iterator` field.
  public let usesLegacyIterator: Bool

  init(common: StateCommon, _ r: FieldReader) throws(ModelDecodingError) {
    self.common = common
    let key = r.has("ItemProcessor") ? "ItemProcessor" : "Iterator"
    guard let processorValue = r.raw(key) else {
      throw r.missing("ItemProcessor", "a state machine with StartAt and States")
    }
    itemProcessor = try StateMachine.decode(
      processorValue, at: r.pointer / key, inheritedLanguage: common.queryLanguage)
    var mode = ProcessorMode.inline
    var executionType: String? = nil
    if case .object(let p) = processorValue, let config = p["ProcessorConfig"] {
      let c = try FieldReader(config, at: r.pointer / key / "ProcessorConfig", what: "ProcessorConfig")
      if let m = try c.string("Mode") {
        guard let parsed = ProcessorMode(rawValue: m) else {
          throw ModelDecodingError(
            pointer: c.pointer / "Mode",
            message: "expected \"INLINE\" or \"DISTRIBUTED\" for 'Mode', found \"\(m)\"")
        }
        mode = parsed
      }
      executionType = try c.string("ExecutionType")
    }
    processorMode = mode
    self.executionType = executionType
    itemBatcher = try r.raw("ItemBatcher").map { (b) throws(ModelDecodingError) in
      try ItemBatcher.decode(b, at: r.pointer / "ItemBatcher")
    }
    itemsPath = try r.pathField("ItemsPath")
    items = r.raw("Items")
    itemSelector = r.raw("ItemSelector") ?? r.raw("Parameters")
    itemReader = r.raw("ItemReader")
    resultWriter = r.raw("ResultWriter")
    maxConcurrency = try MapNumberField.decode(r, "MaxConcurrency", "MaxConcurrencyPath")
    toleratedFailureCount = try MapNumberField.decode(
      r, "ToleratedFailureCount", "ToleratedFailureCountPath")
    toleratedFailurePercentage = try MapNumberField.decode(
      r, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath")
    label = try r.string("Label")
    resultPath = try r.pathField("ResultPath")
    errorHandling = try ErrorHandling(r)
    usesLegacyIterator = key == "Iterator"
  }
}

/// `ProcessorConfig.Mode`.
public enum ProcessorMode: String, Sendable, Hashable {
  case inline = "INLINE"
  case distributed = "DISTRIBUTED"
}

/// A numeric Map field (`MaxConcurrency`, `ToleratedFailureCount`, …): a literal number, its
/// `…Path` form, or a JSONata string.
public enum MapNumberField: Sendable, Hashable {
  case value(JSONNumber)
  case path(String)
  case jsonata(String)

  static func decode(_ r: FieldReader, _ key: String, _ pathKey: String)
    throws(ModelDecodingError) -> MapNumberField?
  {
    if let p = try r.string(pathKey) { return .path(p) }
    guard let value = r.raw(key) else { return nil }
    switch value {
    case .number(let n): return .value(n)
    case .string(let s): return .jsonata(s)
    default: throw r.mismatch(key, "a number", value)
    }
  }
}

/// `ItemBatcher` of a distributed Map.
public struct ItemBatcher: Sendable, Hashable {
  public let maxItemsPerBatch: MapNumberField?
  public let maxInputBytesPerBatch: MapNumberField?
  public let batchInput: JSONValue?

  public init(maxItemsPerBatch: MapNumberField? = nil, maxInputBytesPerBatch: MapNumberField? = nil,
    batchInput: JSONValue? = nil)
  {
    self.maxItemsPerBatch = maxItemsPerBatch
    self.maxInputBytesPerBatch = maxInputBytesPerBatch
    self.batchInput = batchInput
  }

  static func decode(_ value: JSONValue, at pointer: JSONPointer) throws(ModelDecodingError)
    -> ItemBatcher
  {
    let r = try FieldReader(value, at: pointer, what: "ItemBatcher")
    return ItemBatcher(
      maxItemsPerBatch: try MapNumberField.decode(r, "MaxItemsPerBatch", "MaxItemsPerBatchPath"),
      maxInputBytesPerBatch: try MapNumberField.decode(
        r, "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"),
      batchInput: r.raw("BatchInput"))
  }
}
