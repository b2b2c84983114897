import ASLInterpreter
import JSONCore
import Testing

/// A Distributed Map reading its items through ItemReader and exporting results through
/// ResultWriter, on an in-memory store (the interpreter alone: iterations run as units).
@Suite struct ItemReaderTests {
  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  static func map(reader: String, extra: String = "", language: String = "JSONPath") -> String {
    """
    {"QueryLanguage": "\(language)", "StartAt": "M", "States": {"M": {
      "Type": "Map", "ItemReader": \(reader), \(extra)
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P",
        "States": {"P": {"Type": "Pass", "End": true}}},
      "End": true}}}
    """
  }

  static func run(_ definition: String, store: InMemoryObjectStore, input: String = "{}") throws -> Execution {
    var options = ExecutionOptions()
    options.objectStore = store
    return try runMachine(definition, input: input, options: options)
  }

  @Test func csvWithAHeaderRowGivesOneObjectOfStringsPerRow() throws {
    let store = InMemoryObjectStore(["in": ["rows.csv": Self.bytes("id,name\r\n1,\"a, b\"\r\n2,\"say \"\"hi\"\"\"\n")]])
    let e = try Self.run(Self.map(reader: """
      {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
       "Parameters": {"Bucket": "in", "Key": "rows.csv"}}
      """), store: store)
    #expect(e.output == [["id": "1", "name": "a, b"], ["id": "2", "name": "say \"hi\""]])
    #expect(e.eventTypes.contains("MapRunStarted") && e.eventTypes.contains("MapRunSucceeded"))
  }

  @Test(arguments: [("PIPE", "|"), ("SEMICOLON", ";"), ("SPACE", " "), ("TAB", "\t"), ("COMMA", ",")])
  func csvDelimitersAndGivenHeaders(name: String, delimiter: String) throws {
    let store = InMemoryObjectStore(["in": ["d.csv": Self.bytes("1\(delimiter)x\n2\(delimiter)y\n")]])
    let e = try Self.run(Self.map(reader: """
      {"Resource": "arn:aws:states:::s3:getObject",
       "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["n", "v"], "CSVDelimiter": "\(name)"},
       "Parameters": {"Bucket": "in", "Key": "d.csv"}}
      """), store: store)
    #expect(e.output == [["n": "1", "v": "x"], ["n": "2", "v": "y"]])
  }

  @Test func duplicateCSVHeadersFailTheReader() throws {
    let store = InMemoryObjectStore(["in": ["d.csv": Self.bytes("a,a\n1,2\n")]])
    let e = try Self.run(Self.map(reader: """
      {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
       "Parameters": {"Bucket": "in", "Key": "d.csv"}}
      """), store: store)
    #expect(e.failure?.error == "States.ItemReaderFailed")
    #expect(e.failure?.cause?.hasSuffix("(entered at the event id #2). CSV headers cannot contain duplicates.") == true)
  }

  @Test func jsonJSONLinesAndMaxItems() throws {
    let store = InMemoryObjectStore([
      "in": ["a.json": Self.bytes("[1,2,3,4]"), "b.jsonl": Self.bytes("{\"k\":1}\n\n{\"k\":2}\n"),
             "c.json": Self.bytes("{\"data\":{\"rows\":[\"x\",\"y\"]}}")]
    ])
    let json = try Self.run(Self.map(reader: """
      {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON", "MaxItems": 3},
       "Parameters": {"Bucket": "in", "Key": "a.json"}}
      """), store: store)
    #expect(json.output == [1, 2, 3])
    let lines = try Self.run(Self.map(reader: """
      {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL", "MaxItemsPath": "$.max"},
       "Parameters": {"Bucket": "in", "Key.$": "$.key"}}
      """), store: store, input: #"{"key": "b.jsonl", "max": 5}"#)
    #expect(lines.output == [["k": 1], ["k": 2]])
    let pointer = try Self.run(Self.map(reader: """
      {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON", "ItemsPointer": "/data/rows"},
       "Parameters": {"Bucket": "in", "Key": "c.json"}}
      """), store: store)
    #expect(pointer.output == ["x", "y"])
  }

  @Test func jsonataArgumentsAndMaxItems() throws {
    let store = InMemoryObjectStore(["in": ["a.json": Self.bytes("[1,2,3,4]")]])
    let e = try Self.run(Self.map(reader: """
      {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON", "MaxItems": "{% $states.input.n %}"},
       "Arguments": {"Bucket": "in", "Key": "{% $states.input.key %}"}}
      """, language: "JSONata"), store: store, input: #"{"key": "a.json", "n": 2}"#)
    #expect(e.output == [1, 2])
  }

  @Test func anObjectListingGivesEachObjectAsS3ListsIt() throws {
    let store = InMemoryObjectStore(["in": ["logs/a.txt": Self.bytes("aa"), "logs/b.txt": Self.bytes("b"), "other": []]])
    let e = try Self.run(Self.map(reader: """
      {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "in", "Prefix": "logs/"}}
      """), store: store)
    let items = try #require(e.output?.arrayValue)
    #expect(items.map { $0["Key"] } == ["logs/a.txt", "logs/b.txt"])
    #expect(items[0]["Size"] == 2)
    #expect(items[0].objectValue?.keys.sorted() == ["Etag", "Key", "LastModified", "Size", "StorageClass"])
    #expect(items[0]["Etag"]?.stringValue?.count == 34, "a quoted 32-digit digest")
  }

  @Test func aMissingObjectAndAnUnmappedBucketFailTheReader() throws {
    let store = InMemoryObjectStore(["in": [:]])
    let missing = try Self.run(Self.map(reader: """
      {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "in", "Key": "nope.json"}}
      """), store: store)
    #expect(missing.failure?.error == "States.ItemReaderFailed")
    #expect(missing.failure?.cause?.contains("NoSuchKey") == true)
    let unmapped = try Self.run(Self.map(reader: """
      {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "elsewhere", "Key": "k"}}
      """), store: store)
    #expect(unmapped.failure?.error == "States.ItemReaderFailed")
    let cause = try #require(unmapped.failure?.cause)
    #expect(cause.contains("the state 'M'") && cause.contains("ItemReader: The bucket 'elsewhere'") && cause.contains("--s3 elsewhere=DIR"), "\(cause)")
  }

  @Test func resultWriterExportsTheManifestAndResultFiles() throws {
    let store = InMemoryObjectStore(["in": ["a.json": Self.bytes("[1,2,3]")], "out": [:]])
    let e = try Self.run(Self.map(reader: """
      {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "in", "Key": "a.json"}}
      """, extra: """
      "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "runs"}},
      """), store: store)
    let output = try #require(e.output)
    let arn = try #require(output["MapRunArn"]?.stringValue)
    let id = String(arn.split(separator: ":").last!)
    #expect(output["ResultWriterDetails"] == ["Bucket": "out", "Key": .string("runs/\(id)/manifest.json")])
    #expect(store.keys(bucket: "out") == ["runs/\(id)/SUCCEEDED_0.json", "runs/\(id)/manifest.json"])
    let manifest = try JSONParser.parse(String(decoding: store.object(bucket: "out", key: "runs/\(id)/manifest.json")!, as: UTF8.self))
    let succeeded = store.object(bucket: "out", key: "runs/\(id)/SUCCEEDED_0.json")!
    #expect(manifest == [
      "DestinationBucket": "out", "MapRunArn": .string(arn),
      "ResultFiles": ["FAILED": [], "PENDING": [], "SUCCEEDED": [["Key": .string("runs/\(id)/SUCCEEDED_0.json"), "Size": .int(succeeded.count)]]],
    ])
    let records = try #require(try JSONParser.parse(String(decoding: succeeded, as: UTF8.self)).arrayValue)
    #expect(records.map { $0["Output"] } == ["1", "2", "3"])
    #expect(records.allSatisfy { $0["Status"] == "SUCCEEDED" && $0["Input"] != nil && $0["ExecutionArn"] != nil })
  }

  @Test func writerConfigAloneTransformsTheResult() throws {
    let store = InMemoryObjectStore(["in": ["a.json": Self.bytes("[[1,2],[3]]")]])
    let e = try Self.run(Self.map(reader: """
      {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "in", "Key": "a.json"}}
      """, extra: """
      "ResultWriter": {"WriterConfig": {"OutputType": "JSON", "Transformation": "FLATTEN"}},
      """), store: store)
    #expect(e.output == [1, 2, 3])
  }

  @Test func anS3InventoryManifestGivesTheRowsOfItsFiles() throws {
    let manifest = """
      {"sourceBucket": "data", "destinationBucket": "arn:aws:s3:::inventory", "fileFormat": "CSV",
       "fileSchema": "Bucket, Key, Size", "files": [{"key": "inv/one.csv"}, {"key": "inv/two.csv"}]}
      """
    let store = InMemoryObjectStore([
      "inventory": ["inv/manifest.json": Self.bytes(manifest), "inv/one.csv": Self.bytes("\"data\",\"a.txt\",\"3\"\n"),
                    "inv/two.csv": Self.bytes("\"data\",\"b.txt\",\"5\"\n")]
    ])
    let e = try Self.run(Self.map(reader: """
      {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "MANIFEST", "ManifestType": "S3_INVENTORY"},
       "Parameters": {"Bucket": "inventory", "Key": "inv/manifest.json"}}
      """), store: store)
    #expect(e.output == [["Bucket": "data", "Key": "a.txt", "Size": "3"], ["Bucket": "data", "Key": "b.txt", "Size": "5"]])
  }

  @Test func aRunFailedOnItsToleranceStillExportsWhatItHas() throws {
    let store = InMemoryObjectStore(["in": ["a.json": Self.bytes("[1,2,3]")], "out": [:]])
    let definition = """
      {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 1,
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "in", "Key": "a.json"}},
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "r/"}},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "F",
          "States": {"F": {"Type": "Fail", "Error": "Boom"}}}, "End": true}}}
      """
    let e = try Self.run(definition, store: store)
    #expect(e.failure?.error == "States.ExceedToleratedFailureThreshold")
    let keys = store.keys(bucket: "out")
    #expect(keys.count == 3, "\(keys)")
    #expect(keys.contains { $0.hasSuffix("/FAILED_0.json") } && keys.contains { $0.hasSuffix("/PENDING_0.json") })
    let pendingKey = try #require(keys.first { $0.hasSuffix("/PENDING_0.json") })
    let pending = try JSONParser.parse(String(decoding: store.object(bucket: "out", key: pendingKey)!, as: UTF8.self))
    #expect(pending.arrayValue?.map { $0["Input"] } == ["2", "3"], "the items never started, with their input")
  }

  @Test func loadAndFlattenReadsEveryListedObject() throws {
    let store = InMemoryObjectStore(["in": ["p/a.jsonl": Self.bytes("1\n2\n"), "p/b.jsonl": Self.bytes("3\n"), "q": Self.bytes("9")]])
    let e = try Self.run(Self.map(reader: """
      {"Resource": "arn:aws:states:::s3:listObjectsV2", "ReaderConfig": {"InputType": "JSONL", "Transformation": "LOAD_AND_FLATTEN"},
       "Parameters": {"Bucket": "in", "Prefix": "p/"}}
      """), store: store)
    #expect(e.output == [1, 2, 3])
  }

  @Test func itemBatcherInJSONataAndByPath() throws {
    let jsonata = """
      {"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map", "Items": "{% $states.input.items %}",
        "ItemBatcher": {"MaxItemsPerBatch": "{% $states.input.n %}", "BatchInput": {"x": "{% $states.input.y %}"}},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
        "End": true}}}
      """
    let e = try runMachine(jsonata, input: #"{"items": [1, 2, 3], "n": 2, "y": "Y"}"#)
    #expect(e.output == [["BatchInput": ["x": "Y"], "Items": [1, 2]], ["BatchInput": ["x": "Y"], "Items": [3]]])
    let bytes = """
      {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items",
        "ItemBatcher": {"MaxInputBytesPerBatchPath": "$.bytes"},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
        "End": true}}}
      """
    let b = try runMachine(bytes, input: #"{"items": ["aaaa", "bb", "cc"], "bytes": 8}"#)
    #expect(b.output == [["Items": ["aaaa"]], ["Items": ["bb", "cc"]]], "\"aaaa\" is 6 bytes, two make 12")
  }
}
