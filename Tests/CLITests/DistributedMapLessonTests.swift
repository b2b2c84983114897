import Foundation
import JSONCore
import SFDBGTestSupport
import Testing

/// The Distributed Map lesson as a user runs it: buckets mapped to folders with `--s3`, a CSV
/// read with its header row, batches of two, one child execution per batch, results exported
/// in AWS's layout (the "ResultWriter (Map)" guide).
@Suite struct DistributedMapLessonTests {
  static let lesson = "demo/lessons/distributed-map.yaml"
  static let orders = "orders-bucket=demo/lessons/distributed-map/orders"

  func readJSON(_ path: String) throws -> JSONValue {
    try JSONParser.parse(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self))
  }

  @Test func theLessonWritesAWSsLayoutAndRunsOneChildPerBatch() throws {
    let out = try TemporaryFolder()
    let r = try CLI.run(["run", Self.lesson, "--s3", Self.orders, "--s3", "results-bucket=\(out.url.path)", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try #require(r.json, "\(r.stdout)")
    #expect(json["status"] == "SUCCEEDED")
    let mapRunArn = try #require(json["output"]?["MapRunArn"]?.stringValue)
    #expect(mapRunArn.hasPrefix("arn:aws:states:us-east-1:123456789012:mapRun:LessonDistributedMap/Totals:"))
    let runID = String(mapRunArn.split(separator: ":").last!)
    let manifestKey = "totals/\(runID)/manifest.json"
    #expect(json["output"]?["ResultWriterDetails"] == ["Bucket": "results-bucket", "Key": .string(manifestKey)])

    // manifest.json: DestinationBucket, MapRunArn, ResultFiles by status with Key and Size.
    let manifest = try readJSON(out.path(manifestKey))
    let succeededKey = "totals/\(runID)/SUCCEEDED_0.json"
    let succeededBytes = try Data(contentsOf: URL(fileURLWithPath: out.path(succeededKey)))
    #expect(manifest == [
      "DestinationBucket": "results-bucket", "MapRunArn": .string(mapRunArn),
      "ResultFiles": [
        "FAILED": [], "PENDING": [],
        "SUCCEEDED": [["Key": .string(succeededKey), "Size": .int(succeededBytes.count)]],
      ],
    ])
    let files = try FileManager.default.contentsOfDirectory(atPath: out.path("totals/\(runID)")).sorted()
    #expect(files == ["SUCCEEDED_0.json", "manifest.json"])

    // SUCCEEDED_0.json: one record per child, Input and Output as JSON text.
    let records = try #require(try readJSON(out.path(succeededKey)).arrayValue)
    #expect(records.count == 3, "5 rows in batches of 2")
    let fields = ["ExecutionArn", "Input", "InputDetails", "Name", "Output", "OutputDetails", "RedriveCount",
                  "RedriveStatus", "RedriveStatusReason", "StartDate", "StateMachineArn", "Status", "StopDate"]
    for record in records { #expect(record.objectValue?.keys.sorted() == fields.sorted()) }
    let firstInput = try JSONParser.parse(try #require(records[0]["Input"]?.stringValue))
    #expect(firstInput == [
      "BatchInput": ["Currency": "EUR"],
      "Items": [["OrderId": "1001", "Customer": "Ada", "Amount": "12.50"],
                ["OrderId": "1002", "Customer": "Grace", "Amount": "99.00"]],
    ])
    #expect(try JSONParser.parse(try #require(records[2]["Output"]?.stringValue)) == ["Orders": ["1005"], "Currency": "EUR", "Count": 1])

    // The map run's children in --json: one per batch, each its own execution.
    let executions = try #require(json["executions"]?.arrayValue)
    let mainArn = try #require(executions.first?["arn"])
    let children = executions.filter { $0["mapRunArn"]?.stringValue == mapRunArn }
    #expect(children.count == 3)
    #expect(children.map { $0["itemIndex"] } == [0, 1, 2])
    for (child, record) in zip(children, records) {
      #expect(child["parent"] == mainArn)
      #expect(child["pattern"] == "map run")
      #expect(child["status"] == "SUCCEEDED")
      #expect(child["stateMachine"] == "LessonDistributedMap/Totals")
      #expect(child["arn"] == record["ExecutionArn"])
    }
  }

  @Test func eachChildHasItsOwnHistory() throws {
    let out = try TemporaryFolder()
    let r = try CLI.run(["run", Self.lesson, "--s3", Self.orders, "--s3", "results-bucket=\(out.url.path)",
                         "--json", "--events", "--execution", "#3"])
    let json = try #require(r.json, "\(r.stdout) \(r.stderr)")
    #expect(json["events"] == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
    let main = try CLI.run(["run", Self.lesson, "--s3", Self.orders, "--s3", "results-bucket=\(out.url.path)", "--events", "--json"])
    #expect(main.json?["events"] == [
      "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded",
      "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded",
    ])
  }

  @Test func theTextListingShowsTheMapRunAboveItsChildren() throws {
    let out = try TemporaryFolder()
    let r = try CLI.run(["run", Self.lesson, "--s3", Self.orders, "--s3", "results-bucket=\(out.url.path)"])
    let lines = r.stdout.split(separator: "\n").map(String.init)
    let run = try #require(lines.firstIndex { $0.contains("map run Totals:") }, "\(r.stdout)")
    #expect(lines[run].contains("SUCCEEDED (3 children: 3 succeeded)"))
    #expect(lines[run].contains("'Total each batch'"))
    #expect(lines[run + 1].contains("#2 LessonDistributedMap/Totals"))
  }

  @Test func anUnmappedBucketFailsTheMapNamingTheOption() throws {
    let r = try CLI.run(["run", Self.lesson, "--s3", Self.orders, "--json"])
    #expect(r.status == 0, "the execution ended (FAILED); \(r.stderr)")
    let json = try #require(r.json)
    #expect(json["error"] == "States.ResultWriterFailed")
    let cause = try #require(json["cause"]?.stringValue)
    #expect(cause.contains("'Total each batch'") && cause.contains("--s3 results-bucket=DIR"), "\(cause)")
    let none = try CLI.run(["run", Self.lesson, "--json"])
    #expect(none.json?["error"] == "States.ItemReaderFailed")
    #expect(none.json?["cause"]?.stringValue?.contains("--s3 orders-bucket=DIR") == true)
  }

  @Test func aMissingObjectIsS3sNoSuchKey() throws {
    let empty = try TemporaryFolder()
    let r = try CLI.run(["run", Self.lesson, "--s3", "orders-bucket=\(empty.url.path)", "--s3", "results-bucket=\(empty.url.path)", "--json"])
    #expect(r.json?["error"] == "States.ItemReaderFailed")
    #expect(r.json?["cause"]?.stringValue?.contains("NoSuchKey") == true)
  }

  @Test(arguments: [["--s3", "no-equals"], ["--s3", "b=/no/such/folder"], ["--s3", "=x"]])
  func badS3OptionsAreUsageErrors(arguments: [String]) throws {
    let r = try CLI.run(["run", Self.lesson] + arguments)
    #expect(r.status == 2)
    #expect(r.stderr.contains("--s3"), "\(r.stderr)")
  }
}
