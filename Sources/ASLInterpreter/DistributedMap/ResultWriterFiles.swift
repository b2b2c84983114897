import JSONCore

/// What a Distributed Map's ResultWriter exports, per AWS's "ResultWriter (Map)" guide: under
/// `Prefix/<map run id>/`, `SUCCEEDED_0.json`, `FAILED_0.json` and `PENDING_0.json` (each only
/// when it has entries) and `manifest.json` listing them:
/// `{"DestinationBucket", "MapRunArn", "ResultFiles": {"FAILED": [{"Key","Size"}], "PENDING": [...],
/// "SUCCEEDED": [...]}}`. Pure: the caller writes the files through an `ObjectStore`.
struct ResultWriterFiles {
  /// `WriterConfig.Transformation`: NONE (each child's execution record; the default when
  /// exporting), COMPACT (each child's output; the default without export), FLATTEN (outputs,
  /// arrays spread).
  enum Transformation: String { case none = "NONE", compact = "COMPACT", flatten = "FLATTEN" }
  /// `WriterConfig.OutputType`: a JSON array or JSON Lines.
  enum OutputType: String { case json = "JSON", jsonLines = "JSONL" }

  var bucket: String
  var prefix: String
  var mapRun: MapRun
  var transformation: Transformation
  var outputType: OutputType

  /// The folder of this run's files: the prefix (with its `/`) and the map run's id.
  var folder: String {
    let p = prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/"
    return p + mapRun.id + "/"
  }

  var manifestKey: String { folder + "manifest.json" }

  /// Each file's key and bytes, the manifest last. `pendingInputs`: by index, the input of each
  /// item whose child never started.
  func files(pendingInputs: [JSONValue]) -> [(key: String, bytes: [UInt8])] {
    var succeeded: [JSONValue] = []
    var failed: [JSONValue] = []
    var pending: [JSONValue] = []
    for (index, record) in mapRun.records.enumerated() {
      guard let record else {
        pending.append(Self.pendingRecord(index < pendingInputs.count ? pendingInputs[index] : .null))
        continue
      }
      if case .succeeded(let output) = record.status {
        switch transformation {
        case .none: succeeded.append(Self.executionRecord(record))
        case .compact: succeeded.append(output)
        case .flatten:
          if case .array(let values) = output { succeeded += values } else { succeeded.append(output) }
        }
      } else {
        // A failed child's record is written whole whatever the transformation.
        failed.append(Self.executionRecord(record))
      }
    }
    var out: [(key: String, bytes: [UInt8])] = []
    var listed = JSONObject()
    for (status, entries) in [("FAILED", failed), ("PENDING", pending), ("SUCCEEDED", succeeded)] {
      guard !entries.isEmpty else {
        listed[status] = .array([])
        continue
      }
      let key = folder + status + "_0.json"
      let bytes = encode(entries)
      out.append((key, bytes))
      listed[status] = .array([.object(["Key": .string(key), "Size": .int(bytes.count)])])
    }
    let manifest: JSONValue = .object([
      "DestinationBucket": .string(bucket), "MapRunArn": .string(mapRun.arn),
      "ResultFiles": .object(listed),
    ])
    out.append((manifestKey, Array(manifest.compactString.utf8)))
    return out
  }

  /// The state's result when exporting: where the manifest is.
  var resultWriterDetails: JSONValue {
    .object([
      "MapRunArn": .string(mapRun.arn),
      "ResultWriterDetails": .object(["Bucket": .string(bucket), "Key": .string(manifestKey)]),
    ])
  }

  func encode(_ entries: [JSONValue]) -> [UInt8] {
    switch outputType {
    case .json: return Array(JSONValue.array(entries).compactString.utf8)
    case .jsonLines: return Array(entries.map(\.compactString).joined(separator: "\n").utf8)
    }
  }

  /// A child execution as the result files describe it (DescribeExecution's fields, Input and
  /// Output as JSON text, dates in ISO 8601).
  static func executionRecord(_ r: IterationRecord) -> JSONValue {
    var o = JSONObject()
    o["ExecutionArn"] = .string(r.executionArn)
    o["Input"] = .string(r.input.compactString)
    o["InputDetails"] = ["Included": true]
    o["Name"] = .string(r.name)
    switch r.status {
    case .succeeded(let output):
      o["Output"] = .string(output.compactString)
      o["OutputDetails"] = ["Included": true]
    case .failed(let error, let cause), .timedOut(let error, let cause), .aborted(let error, let cause):
      if let error { o["Error"] = .string(error) }
      if let cause { o["Cause"] = .string(cause) }
    case .running: break
    }
    o["RedriveCount"] = 0
    if case .succeeded = r.status {
      o["RedriveStatus"] = "NOT_REDRIVABLE"
      o["RedriveStatusReason"] = "Execution is SUCCEEDED and cannot be redriven"
    } else {
      o["RedriveStatus"] = "REDRIVABLE_BY_MAP_RUN"
    }
    o["StartDate"] = .string(r.startDate.iso8601)
    o["StateMachineArn"] = .string(r.stateMachineArn)
    o["Status"] = .string(r.status.name)
    o["StopDate"] = .string(r.stopDate.iso8601)
    return .object(o)
  }

  /// An item whose child never started (the run failed first).
  static func pendingRecord(_ input: JSONValue) -> JSONValue {
    .object(["Input": .string(input.compactString), "InputDetails": ["Included": true], "Status": "PENDING"])
  }

  /// The result without export (WriterConfig alone): the transformation applied to the results.
  func transformed(_ results: [JSONValue], pendingInputs: [JSONValue]) -> JSONValue {
    switch transformation {
    case .compact: return .array(results)
    case .flatten:
      return .array(results.flatMap { v -> [JSONValue] in
        if case .array(let values) = v { return values } else { return [v] }
      })
    case .none:
      return .array(mapRun.records.enumerated().map { index, record in
        record.map(Self.executionRecord)
          ?? Self.pendingRecord(index < pendingInputs.count ? pendingInputs[index] : .null)
      })
    }
  }
}
