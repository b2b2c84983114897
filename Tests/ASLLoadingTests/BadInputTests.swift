import Foundation
import JSONCore
import Testing

@testable import ASLLoading

/// Every kind of bad input gives one clear `LoadError` with a location, never a crash.
@Suite struct BadInputTests {
  private func error(_ name: String, _ text: String) throws -> LoadError? {
    let scratch = try TemporaryFolder()
    let file = try scratch.write(name, text)
    return loadError { _ = try ASLLoader.load(file: file) }
  }

  @Test func truncatedJSON() throws {
    let e = try #require(try error("t.asl.json", "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\""))
    #expect(e.position?.line == 1)
    #expect(e.description.contains("t.asl.json:1:"))
    #expect(e.message.contains("end of input"))
  }

  @Test func trailingComma() throws {
    let e = try #require(try error("c.json", "{\"StartAt\": \"A\",\n \"States\": {},\n}"))
    #expect(e.position?.line == 3)
    #expect(e.message.contains("JSON syntax error"))
  }

  @Test func duplicateKeysInJSONAndYAML() throws {
    let j = try #require(try error("d.json", "{\"StartAt\": \"A\",\n \"StartAt\": \"B\", \"States\": {}}"))
    #expect(j.position?.line == 2)
    #expect(j.message.contains("StartAt"))
    let y = try #require(try error("d.yaml", "StartAt: A\nStates: {}\nStartAt: B\n"))
    #expect(y.message.contains("duplicate key"))
    #expect(y.position != nil)
  }

  @Test func invalidUTF8() throws {
    let scratch = try TemporaryFolder()
    let bytes = Array("{\"StartAt\": \"A\",\n \"Comment\": \"caf".utf8) + [0xC3, 0x28] + Array("\"}".utf8)
    for name in ["u.json", "u.yaml"] {
      let file = try scratch.write(name, bytes: bytes)
      let e = try #require(loadError { _ = try ASLLoader.load(file: file) })
      #expect(e.position?.line == 2, "\(name): \(e)")
      #expect(e.message.contains("UTF-8"), "\(name): \(e)")
    }
  }

  @Test func fiftyMegabyteFileIsRefusedQuickly() throws {
    let scratch = try TemporaryFolder()
    let path = scratch.path("big.json")
    let chunk = Data(repeating: UInt8(ascii: " "), count: 1 << 20)
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.write(Data("[".utf8))
    for _ in 0..<50 { handle.write(chunk) }
    handle.write(Data("]".utf8))
    try handle.close()
    let start = Date()
    let e = try #require(loadError { _ = try ASLLoader.load(file: path) })
    #expect(Date().timeIntervalSince(start) < 1)
    #expect(e.message.contains("MB"))
  }

  @Test func tenThousandDeepNesting() throws {
    let json = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    let j = try #require(try error("deep.json", json))
    #expect(j.message.contains("nest") || j.message.contains("deep"), "\(j)")
    #expect(j.position != nil)
    let yamlFlow = "a: " + json
    let y = try #require(try error("deep.yaml", yamlFlow))
    #expect(y.message.contains("nesting"), "\(y)")
    let block = String(repeating: "- ", count: 10_000) + "x\n"
    let b = try #require(try error("deepblock.yaml", block))
    #expect(b.message.contains("nesting"), "\(b)")
  }

  @Test func templateWithoutStateMachine() throws {
    let e = try #require(
      try error("template.yaml", "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n"))
    #expect(e.message.contains("no state machine"))
    #expect(e.position?.line == 1)
  }

  @Test func unresolvedPlaceholderWhereANumberIsExpected() throws {
    let e = try #require(
      try error(
        "p.asl.json",
        "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\",\n  \"Seconds\": ${Delay}, \"End\": true}}}"))
    #expect(e.position == SourcePosition(line: 2, column: 14, offset: e.position?.offset ?? 0))
    #expect(e.message.contains("${Delay}"))
    #expect(e.message.contains("--sub Delay="))
  }

  @Test func missingDefinitionUriFile() throws {
    let e = try #require(
      try error(
        "template.yaml",
        """
        Resources:
          Machine:
            Type: AWS::Serverless::StateMachine
            Properties:
              DefinitionUri: statemachine/missing.asl.json
        """))
    #expect(e.message.contains("missing.asl.json"))
    #expect(e.message.contains("not found"))
    #expect(e.position?.line == 5)
  }

  @Test func directoryAndDevNull() throws {
    let scratch = try TemporaryFolder()
    let d = try #require(loadError { _ = try ASLLoader.load(file: scratch.url.path) })
    #expect(d.message.contains("directory"))
    let n = try #require(loadError { _ = try ASLLoader.load(file: "/dev/null") })
    #expect(n.message.contains("not a regular file") || n.message.contains("empty"))
    let missing = try #require(loadError { _ = try ASLLoader.load(file: scratch.path("nope.json")) })
    #expect(missing.message == "no such file")
  }

  @Test func emptyAndNonObjectFiles() throws {
    #expect(try error("e.json", "  \n")?.message.contains("empty") == true)
    #expect(try error("a.json", "[1, 2]")?.message.contains("found an array") == true)
    #expect(try error("n.txt", "not a definition")?.message.contains("JSON syntax error") == true)
    #expect(try error("bad.yaml", "StartAt: [A\nStates: {}\n")?.position != nil)
  }
}

@Suite struct YAMLPlaceholderTests {
  @Test func unresolvedPlaceholderWhereANumberIsExpectedInYAML() throws {
    let scratch = try TemporaryFolder()
    let file = try scratch.write(
      "remind.asl.yaml",
      """
      StartAt: Wait
      States:
        Wait:
          Type: Wait
          Seconds: ${ReminderTimeout}
          End: true
      """)
    let e = try #require(loadError { _ = try ASLLoader.load(file: file) })
    #expect(e.position?.line == 5)
    #expect(e.message.contains("${ReminderTimeout}") && e.message.contains("--sub ReminderTimeout="))
    let (_, main) = try ASLLoader.load(file: file, options: LoadOptions(substitutions: ["ReminderTimeout": "60"]))
    #expect(main.definition["States"]?["Wait"]?["Seconds"] == 60)
  }
}
