import ASLExpressions
import ASLModel
import JSONCore

/// A distributed Map's children: as child executions the runtime runs (their requests and ends),
/// or as units of this execution (their records made here).
extension Execution {
  /// The iterations waiting to be started as child executions; the runtime takes them all.
  public mutating func takeIterationRequests() -> [IterationRequest] {
    defer { iterationRequests = [] }
    return iterationRequests
  }

  /// Whether `unit` still waits on the Map Run `arn` (false once the Map failed, was aborted or
  /// the execution ended: the runtime then stops the run's children).
  public func waitsOnMapRun(unit: Int, arn: String) -> Bool {
    guard status == .running, unit < units.count, case .waitingChildren = phase(of: unit) else {
      return false
    }
    return read(unit) { $0.group?.mapRun?.arn == arn }
  }

  /// Child execution `record` of the Map Run `mapRunArn` (iteration `index` of `unit`) ended:
  /// its result counts like an iteration's, and the next iterations may start.
  public mutating func completeIteration(
    unit: Int, mapRunArn: String, index: Int, record: IterationRecord, at instant: VirtualInstant
  ) {
    guard waitsOnMapRun(unit: unit, arn: mapRunArn) else { return }
    advanceClock(to: instant)
    withGroup(unit) { $0.mapRun?.records[index] = record }
    iterationEnded(unit, index: index, phase: record.phase)
  }

  /// The Map Run `mapRunArn` of `unit` fails as a whole (the runtime could not start a child):
  /// its children are stopped and the Map state fails with `error`.
  public mutating func failMapRun(unit: Int, mapRunArn: String, error: String, cause: String) {
    guard waitsOnMapRun(unit: unit, arn: mapRunArn) else { return }
    abortChildren(of: unit)
    units[unit].phase = .resuming(.childrenFailed(error: error, cause: cause))
    enqueue(unit)
  }

  /// The record of an iteration run as a unit (the interpreter alone): named after the Map Run
  /// and its index, started when the Map started.
  mutating func recordUnitIteration(_ parent: Int, index: Int, phase: UnitPhase) {
    guard let run = read(parent, { $0.group?.mapRun }) else { return }
    let child = read(parent) { $0.group?.childIDs.indices.contains(index) == true ? $0.group!.childIDs[index] : nil }
    let input = child.map { c in read(c) { $0.visit?.rawInput } ?? .null } ?? .null
    let status: ExecutionStatus
    switch phase {
    case .succeeded(let output): status = .succeeded(output: output)
    case .failed(let error, let cause): status = .failed(error: error, cause: cause)
    default: status = .aborted(error: nil, cause: nil)
    }
    let machineName = options.stateMachineName + "/" + run.label
    let name = "\(run.id)-\(index)"
    let record = IterationRecord(
      name: name,
      executionArn: "arn:aws:states:\(options.region):\(options.accountID):execution:\(machineName):\(name)",
      stateMachineArn: "arn:aws:states:\(options.region):\(options.accountID):stateMachine:\(machineName)",
      input: input, status: status, startDate: visit(of: parent)?.enteredTime ?? now, stopDate: now)
    withGroup(parent) { $0.mapRun?.records[index] = record }
  }

  // MARK: ItemReader

  /// The items of a Distributed Map's ItemReader: its Parameters (JSONPath) or Arguments
  /// (JSONata) name the object (getObject: Bucket, Key) or the listing (listObjectsV2: Bucket,
  /// Prefix); ReaderConfig says how to read it and MaxItems/MaxItemsPath how many to keep.
  mutating func readItems(
    _ language: QueryLanguage, _ unit: Int, _ s: MapState, reader: JSONValue, input: JSONValue
  ) throws(ASLRuntimeError) -> [JSONValue] {
    guard case .object(let r) = reader else { return [] }
    let resource = r["Resource"]?.stringValue ?? ""
    var config = JSONObject()
    if case .object(let c)? = r["ReaderConfig"] { config = c }
    let parameters = try readerParameters(language, unit, r, input: input)
    let maxItems = try readerMaxItems(language, unit, config, input: input)
    func fail(_ cause: String) -> ASLRuntimeError {
      ASLRuntimeError(error: "States.ItemReaderFailed", cause: cause)
    }
    func fail(_ error: ObjectStoreError) -> ASLRuntimeError {
      if case .unmappedBucket = error { return fail("ItemReader: " + error.message) }
      return fail(error.message)
    }
    guard case .string(let bucket)? = parameters["Bucket"] else {
      throw fail("The ItemReader's \(language == .jsonata ? "Arguments" : "Parameters") have no Bucket.")
    }
    let store: any ObjectStore
    do throws(ObjectStoreError) {
      store = try objectStore(for: bucket)
    } catch {
      throw fail(error)
    }
    var items: [JSONValue]
    if resource.hasSuffix(":s3:listObjectsV2") {
      let prefix = parameters["Prefix"]?.stringValue ?? ""
      let objects: [StoredObject]
      do throws(ObjectStoreError) {
        objects = try store.listObjects(bucket: bucket, prefix: prefix)
      } catch {
        throw fail(error)
      }
      items = ItemReaderFormats.listing(objects)
      // Transformation LOAD_AND_FLATTEN: the items are the contents of the listed objects, each
      // read per InputType, one after the other.
      if config["Transformation"]?.stringValue == "LOAD_AND_FLATTEN" {
        items = []
        for object in objects {
          if let maxItems, maxItems > 0, items.count >= maxItems { break }
          let bytes: [UInt8]
          do throws(ObjectStoreError) {
            bytes = try store.getObject(bucket: bucket, key: object.key)
          } catch {
            throw fail(error)
          }
          do throws(ItemReaderFormats.Failure) {
            items += try parse(bytes, config: config, store: store, maxItems: maxItems)
          } catch {
            throw fail("\(object.key): \(error.cause)")
          }
        }
      }
    } else {
      guard case .string(let key)? = parameters["Key"] else {
        throw fail("The ItemReader's \(language == .jsonata ? "Arguments" : "Parameters") have no Key.")
      }
      let bytes: [UInt8]
      do throws(ObjectStoreError) {
        bytes = try store.getObject(bucket: bucket, key: key)
      } catch {
        throw fail(error)
      }
      do throws(ItemReaderFormats.Failure) {
        items = try parse(bytes, config: config, store: store, maxItems: maxItems)
      } catch {
        throw fail(error.cause)
      }
    }
    if let maxItems, maxItems > 0, items.count > maxItems { items.removeSubrange(maxItems...) }
    trace(unit, "ItemReader", .array(items))
    return items
  }

  /// The store serving `bucket`.
  func objectStore(for bucket: String) throws(ObjectStoreError) -> any ObjectStore {
    guard let store = options.objectStore else { throw .unmappedBucket(bucket) }
    return store
  }

  /// Parameters (JSONPath payload template) or Arguments (JSONata) of an ItemReader or
  /// ResultWriter, evaluated against the state's input.
  mutating func readerParameters(
    _ language: QueryLanguage, _ unit: Int, _ r: JSONObject, input: JSONValue
  ) throws(ASLRuntimeError) -> JSONObject {
    let value: JSONValue
    switch language {
    case .jsonPath:
      guard let p = r["Parameters"] else { return JSONObject() }
      value = try CompiledTemplate(p).get().evaluate(scope: scope(unit, input: input), random: &random)
    case .jsonata:
      guard let a = r["Arguments"] else { return JSONObject() }
      value = try jsonata(unit, a, field: "Arguments", states: statesObject(unit, input: input))
    }
    return value.objectValue ?? JSONObject()
  }

  /// ReaderConfig's MaxItems (a number, or JSONata) or MaxItemsPath (JSONPath).
  mutating func readerMaxItems(
    _ language: QueryLanguage, _ unit: Int, _ config: JSONObject, input: JSONValue
  ) throws(ASLRuntimeError) -> Int? {
    if case .string(let path)? = config["MaxItemsPath"] {
      let value = try pathValue(unit, CompiledPath(path), field: "MaxItemsPath", input: input)
      guard let n = value.intValue, n >= 0 else {
        throw ASLRuntimeError(
          error: "States.Runtime",
          cause: "The MaxItemsPath field refers to value \"\(value.textValue)\" which is not a "
            + "valid integer: \(path)")
      }
      return n
    }
    switch config["MaxItems"] {
    case .number(let n)?: return n.intValue
    case .string(let text)? where language == .jsonata:
      return try jsonataInteger(unit, text, field: "MaxItems", input: input, minimum: 0)
    default: return nil
    }
  }

  /// An object's items per ReaderConfig's InputType.
  func parse(_ bytes: [UInt8], config: JSONObject, store: any ObjectStore, maxItems: Int?)
    throws(ItemReaderFormats.Failure) -> [JSONValue]
  {
    switch config["InputType"]?.stringValue ?? "JSON" {
    case "CSV":
      let delimiterName = config["CSVDelimiter"]?.stringValue ?? "COMMA"
      guard let delimiter = ItemReaderFormats.delimiters[delimiterName] else {
        throw .init(cause: "CSVDelimiter \(delimiterName) is not one of COMMA, PIPE, SEMICOLON, SPACE, TAB.")
      }
      var headers: [String]? = nil
      if config["CSVHeaderLocation"]?.stringValue == "GIVEN" {
        guard case .array(let given)? = config["CSVHeaders"] else {
          throw .init(cause: "CSVHeaderLocation GIVEN needs CSVHeaders.")
        }
        headers = given.compactMap(\.stringValue)
      }
      return try ItemReaderFormats.csv(bytes, delimiter: delimiter, headers: headers)
    case "JSONL":
      return try ItemReaderFormats.jsonLines(bytes)
    case "MANIFEST":
      return try inventoryItems(bytes, store: store, maxItems: maxItems)
    case "JSON":
      return try ItemReaderFormats.json(bytes, itemsPointer: config["ItemsPointer"]?.stringValue)
    case let other:
      throw .init(cause: "InputType \(other) is not supported (CSV, JSON, JSONL, MANIFEST).")
    }
  }

  /// `InputType: MANIFEST` (an S3 inventory): the rows of every CSV file the manifest lists,
  /// each an object of the manifest's `fileSchema` columns.
  func inventoryItems(_ bytes: [UInt8], store: any ObjectStore, maxItems: Int?)
    throws(ItemReaderFormats.Failure) -> [JSONValue]
  {
    let manifest = try ItemReaderFormats.inventoryManifest(bytes)
    var items: [JSONValue] = []
    for key in manifest.keys {
      if let maxItems, maxItems > 0, items.count >= maxItems { break }
      let data: [UInt8]
      do throws(ObjectStoreError) {
        data = try store.getObject(bucket: manifest.bucket, key: key)
      } catch {
        throw .init(cause: error.message)
      }
      if ItemReaderFormats.isGzip(data) {
        throw .init(
          cause: "The inventory file \(key) is gzip-compressed; decompress it in the local folder (gunzip).")
      }
      items += try ItemReaderFormats.csv(data, delimiter: UInt8(ascii: ","), headers: manifest.columns)
    }
    return items
  }

  // MARK: ResultWriter

  /// Exports the Map Run's results per `ResultWriter` and returns the state's result: AWS's
  /// `{"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}}` when it writes to a bucket, the
  /// transformed results when it has only a WriterConfig.
  mutating func writeResults(
    _ language: QueryLanguage, _ unit: Int, _ writer: JSONValue, mapRun: MapRun,
    results: [JSONValue], pendingInputs: [JSONValue] = []
  ) throws(ASLRuntimeError) -> JSONValue {
    guard case .object(let w) = writer else { return .array(results) }
    func fail(_ cause: String) -> ASLRuntimeError {
      ASLRuntimeError(error: "States.ResultWriterFailed", cause: cause)
    }
    var config = JSONObject()
    if case .object(let c)? = w["WriterConfig"] { config = c }
    let exports = w["Resource"] != nil
    let defaultTransformation: ResultWriterFiles.Transformation = exports ? .none : .compact
    guard
      let transformation = config["Transformation"].map({ $0.stringValue.flatMap(ResultWriterFiles.Transformation.init) })
        ?? defaultTransformation,
      let outputType = config["OutputType"].map({ $0.stringValue.flatMap(ResultWriterFiles.OutputType.init) })
        ?? .json
    else {
      throw fail("WriterConfig: Transformation is NONE, COMPACT or FLATTEN; OutputType is JSON or JSONL.")
    }
    let input = rawInput(of: unit)
    let parameters = try readerParameters(language, unit, w, input: visit(of: unit)?.effectiveInput ?? input)
    let files = ResultWriterFiles(
      bucket: parameters["Bucket"]?.stringValue ?? "", prefix: parameters["Prefix"]?.stringValue ?? "",
      mapRun: mapRun, transformation: transformation, outputType: outputType)
    guard exports else { return files.transformed(results, pendingInputs: pendingInputs) }
    guard !files.bucket.isEmpty else {
      throw fail("The ResultWriter's \(language == .jsonata ? "Arguments" : "Parameters") have no Bucket.")
    }
    do throws(ObjectStoreError) {
      let store = try objectStore(for: files.bucket)
      for file in files.files(pendingInputs: pendingInputs) {
        try store.putObject(bucket: files.bucket, key: file.key, bytes: file.bytes)
      }
    } catch {
      guard case .unmappedBucket = error else { throw fail(error.message) }
      throw fail("ResultWriter: " + error.message)
    }
    trace(unit, "ResultWriter", files.resultWriterDetails)
    return files.resultWriterDetails
  }
}
