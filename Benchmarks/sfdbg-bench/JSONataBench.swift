import ASLExpressions
import Foundation
import JSONCore

/// JSONata evaluation speed (issue 17): the expressions of Benchmarks/jsonata/expressions.json
/// on 10,000 generated objects, each timed best of 3 with the parse outside the timing.
/// scripts/jsonata-bench.sh times the same expressions on the same data in jsonata-python.
enum JSONataBench {
  static let group = BenchGroup(name: "jsonata") { _, report in
    let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../jsonata/expressions.json")
    let cases = try JSONParser.parse(String(contentsOf: here, encoding: .utf8)).objectValue ?? [:]
    let input = data(count: 10_000)
    for (name, text) in cases.storage {
      let expression = try JSONataExpression.compile(text.stringValue ?? "")
      var random = SeededRandom(seed: 1)
      var size = 0
      let seconds = try Stopwatch.best(3) {
        let value = try expression.evaluate(
          input: input, bindings: [:], random: &random, nowMillis: 0)
        size = value.map { JSONPrinter.compact($0).utf8.count } ?? 0
      }
      report.add("jsonata-\(name)", [("seconds", .double(seconds)), ("result_bytes", .int(size))])
    }
  }

  /// `{"items": [{"id", "name", "price", "tags"} × count]}`, the same as
  /// scripts/jsonata-bench.sh builds for jsonata-python.
  static func data(count: Int) -> JSONValue {
    var items: [JSONValue] = []
    items.reserveCapacity(count)
    for i in 0..<count {
      items.append([
        "id": .int(i), "name": .string("item-\(i)"), "price": .int((i * 7919) % 1000),
        "tags": ["a", .string("t\(i % 10)")],
      ])
    }
    return ["items": .array(items)]
  }
}
