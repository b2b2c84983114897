import Foundation
import JSONCore
import Testing

@testable import ASLLoading

/// YAML inputs that would exhaust memory, or that other tools read, end with a located answer.
@Suite struct YAMLLimitsTests {
  private func error(_ name: String, _ text: String) throws -> LoadError? {
    let scratch = try TemporaryFolder()
    let file = try scratch.write(name, text)
    return loadError { _ = try ASLLoader.load(file: file) }
  }

  /// Nine levels of nine aliases each: 450 bytes standing for 9^9 values.
  @Test func aliasBombIsRefusedQuicklyWithALocation() throws {
    var text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
    for level in 1...9 {
      let refs = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
      text += "a\(level): &a\(level) [\(refs)]\n"
    }
    text += "StartAt: A\nStates: {A: {Type: Pass, End: true}}\n"
    let start = Date()
    let e = try #require(try error("bomb.yaml", text))
    #expect(Date().timeIntervalSince(start) < 5)
    #expect(e.message.contains("aliases"), "\(e)")
    #expect(e.message.contains("100000"), "\(e)")
    let line = try #require(e.position?.line)
    #expect((2...10).contains(line), "\(e)")
  }

  @Test func ordinaryAliasesAndMergeKeysStillLoad() throws {
    let scratch = try TemporaryFolder()
    let file = try scratch.write(
      "alias.asl.yaml",
      """
      StartAt: A
      States:
        A: &pass {Type: Pass, Next: B, Result: {k: 1}}
        B:
          Next: C
          <<: *pass
        C: {Type: Pass, Result: *pass, End: true}
      """)
    let (_, main) = try ASLLoader.load(file: file)
    #expect(main.definition["States"]?["B"]?["Next"] == "C")
    #expect(main.definition["States"]?["C"]?["Result"]?["Next"] == "B")
  }

  @Test func byteOrderMarkIsSkipped() throws {
    let scratch = try TemporaryFolder()
    let text = "StartAt: A\nStates: {A: {Type: Pass, End: true}}\n"
    let file = try scratch.write("bom.asl.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
    let (_, main) = try ASLLoader.load(file: file)
    #expect(main.definition["StartAt"] == "A")
    #expect(main.position(of: JSONPointer(tokens: ["States"]))?.line == 2)
  }

  /// Nesting that only libyaml counts (complex keys, tags) says what the limit is, in our words.
  @Test func deepNestingLibyamlCountsIsSaidInOurWords() throws {
    for text in [
      String(repeating: "? ", count: 1100) + "x\n",
      "a: !Ref " + String(repeating: "[!Ref ", count: 1100) + String(repeating: "]", count: 1100) + "\n",
    ] {
      let e = try #require(try error("deep.yaml", text))
      #expect(e.message == "nesting deeper than 512 levels; refusing to read it", "\(e)")
      #expect(!e.message.contains("yaml_set_max_nest_level"))
      #expect(e.position?.line == 1)
    }
  }
}
