import ASLGraph
import ASLLoading
import Foundation
import GraphLayout
import JSONCore

/// Graph layout time: the largest real-world definition (target < 5 ms) and a generated
/// 1,000-state machine (target < 100 ms), plus the whole corpus drawn once; a Choice with
/// 5,000 rules fitted to 60 columns as `sfdbg graph --width 60` does (target < 1 s).
enum LayoutBench {
  static let group = BenchGroup(name: "layout") { shared, report in
    if let realworld = shared.realworld {
      corpus(realworld, into: &report)
    } else {
      report.add("layout-corpus", [("skipped", "no realworld folder given (--realworld)")])
    }
    let graph = try ASLGraph.graph(definition: ASLGraph.syntheticMachine(states: 1000))
    var diagram: Diagram?
    let seconds = Stopwatch.best(5) { diagram = DiagramRenderer.render(graph) }
    report.add(
      "layout-synthetic-1000",
      [
        ("states", .int(graph.allNodeIDs.count)), ("ms", .double(seconds * 1000)),
        ("target_ms", 100), ("canvas", .string("\(diagram!.width)x\(diagram!.height)")),
      ])
    try wideChoice(rules: 5000, width: 60, into: &report)
  }

  /// A Choice with `rules` rules over ten targets, fitted to `width` columns.
  static func wideChoice(rules: Int, width: Int, into report: inout BenchReport) throws {
    let choices = (0..<rules).map { #"{"Variable": "$.v", "NumericEquals": \#($0), "Next": "S\#($0 % 10)"}"# }
    let targets = (0..<10).map { #""S\#($0)": {"Type": "Pass", "End": true}"# }
    let definition = try JSONParser.parse(
      #"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [\#(choices.joined(separator: ","))], "Default": "S0"}, \#(targets.joined(separator: ","))}}"#)
    let graph = try ASLGraph.graph(definition: definition)
    var options = LayoutOptions()
    options.maxLabelWidth = max(8, width - 10)
    var diagram: Diagram?
    let seconds = Stopwatch.best(3) {
      diagram = DiagramFitter.fit(graph, width: width, options: options, shrinkingEdgeLabels: true)
    }
    report.add(
      "layout-choice-\(rules)",
      [
        ("rules", .int(rules)), ("width", .int(width)), ("ms", .double(seconds * 1000)),
        ("target_ms", 1000), ("canvas", .string("\(diagram!.width)x\(diagram!.height)")),
      ])
  }

  /// Loads every definition of the corpus, times the largest, and the whole corpus once.
  static func corpus(_ root: String, into report: inout BenchReport) {
    guard let index = try? String(contentsOfFile: root + "/INDEX.tsv", encoding: .utf8) else {
      report.add("layout-corpus", [("skipped", .string("no INDEX.tsv in \(root)"))])
      return
    }
    var graphs: [(path: String, graph: Graph)] = []
    for line in index.split(separator: "\n").dropFirst() {
      let path = String(line.split(separator: "\t", omittingEmptySubsequences: false)[0])
      guard let machine = try? ASLLoader.loadMachines(file: root + "/" + path).first,
        let graph = try? ASLGraph.graph(definition: machine.definition)
      else { continue }
      graphs.append((path, graph))
    }
    guard let largest = graphs.max(by: { $0.graph.allNodeIDs.count < $1.graph.allNodeIDs.count })
    else { return }
    let largestSeconds = Stopwatch.best(20) { _ = DiagramRenderer.render(largest.graph) }
    report.add(
      "layout-largest-corpus",
      [
        ("file", .string(largest.path)), ("states", .int(largest.graph.allNodeIDs.count)),
        ("ms", .double(largestSeconds * 1000)), ("target_ms", 5),
      ])
    let allSeconds = Stopwatch.best(3) {
      for entry in graphs { _ = DiagramRenderer.render(entry.graph) }
    }
    report.add(
      "layout-corpus", [("definitions", .int(graphs.count)), ("ms", .double(allSeconds * 1000))])
  }
}
