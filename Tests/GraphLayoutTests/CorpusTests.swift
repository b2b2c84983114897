import ASLGraph
import ASLLoading
import Foundation
import GraphLayout
import JSONCore
import SFDBGTestSupport
import Testing

/// The real-world corpus (../shared/realworld): every definition draws correctly.
@Suite(.needsSharedData) struct CorpusTests {
  static let root = SharedData.path("realworld") ?? ""

  struct Entry: Sendable, CustomStringConvertible {
    var path: String
    var parses: String
    var description: String { path }
  }

  /// Empty without the shared data (the suite is skipped then; `indexListsAllDefinitions`
  /// checks the count where it runs).
  static let entries: [Entry] = ((try? SharedData.rows("realworld/INDEX.tsv")) ?? []).map {
    Entry(path: $0["path"] ?? "", parses: $0["parses"] ?? "")
  }

  static func load(_ entry: Entry) throws -> JSONValue {
    try ASLLoader.loadMachines(file: root + "/" + entry.path)[0].definition
  }

  @Test func indexListsAllDefinitions() {
    #expect(Self.entries.count == 257)
  }

  @Test(arguments: [GlyphSet.unicode, GlyphSet.ascii])
  func everyDefinitionDrawsCorrectly(glyphs: GlyphSet) throws {
    var drawn = 0
    var failures: [String] = []
    for entry in Self.entries {
      let definition: JSONValue
      do {
        definition = try Self.load(entry)
      } catch {
        if entry.parses != "no" { failures.append("\(entry.path): load failed: \(error)") }
        continue
      }
      let graph = try ASLGraph.graph(definition: definition)
      let options = LayoutOptions(glyphs: glyphs)
      let diagram = DiagramRenderer.render(graph, options: options)
      let problems = DiagramChecker(graph: graph, diagram: diagram, glyphs: glyphs).problems()
      failures += problems.prefix(5).map { "\(entry.path): \($0)" }
      let again = DiagramRenderer.render(
        try ASLGraph.graph(definition: Self.load(entry)), options: options)
      if again != diagram { failures.append("\(entry.path): not deterministic") }
      drawn += 1
    }
    #expect(drawn == 256)
    #expect(
      failures.isEmpty,
      Comment(
        rawValue: "\(failures.count) problems:\n" + failures.prefix(40).joined(separator: "\n")))
  }

  @Test func collapsedFramesDrawCorrectly() throws {
    var failures: [String] = []
    var drawn = 0
    for entry in Self.entries where entry.parses != "no" {
      drawn += 1
      let graph = try ASLGraph.graph(definition: Self.load(entry))
      let diagram = DiagramRenderer.render(graph, options: LayoutOptions(collapseAll: true))
      let problems = DiagramChecker(
        graph: graph, diagram: diagram, glyphs: .unicode, descendsIntoChildren: false
      ).problems()
      failures += problems.prefix(3).map { "\(entry.path): \($0)" }
    }
    #expect(drawn == 256)
    #expect(
      failures.isEmpty,
      Comment(
        rawValue: "\(failures.count) problems:\n" + failures.prefix(40).joined(separator: "\n")))
  }
}
