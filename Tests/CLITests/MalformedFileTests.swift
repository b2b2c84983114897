import Foundation
import Testing

/// Malformed definitions and templates: every command gives one clear located message, exit 2,
/// never a crash or a stack trace.
@Suite struct MalformedFileTests {
  /// A malformed file: its name and its bytes.
  struct Sample: CustomTestStringConvertible, Sendable {
    var name: String
    var bytes: [UInt8]

    var testDescription: String { name }

    init(_ name: String, _ text: String) {
      self.name = name
      self.bytes = Array(text.utf8)
    }

    init(_ name: String, bytes: [UInt8]) {
      self.name = name
      self.bytes = bytes
    }
  }

  static let deep = 10_000

  static let samples: [Sample] = [
    Sample("truncated.json", #"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}"#),
    Sample("truncated.asl.yaml", "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: [true\n"),
    Sample(
      "truncated-template.yaml",
      "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n"
        + "      DefinitionString: '{\"StartAt\": \"A\", \"States\": {\"A\": '\n"),
    Sample(
      "duplicate.json",
      "{\"StartAt\":\"A\",\n\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true},\n \"A\":{\"Type\":\"Succeed\"}}}"),
    Sample("duplicate.asl.yaml", "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n  A:\n    Type: Succeed\n"),
    Sample(
      "duplicate-template.yaml",
      "Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n  M:\n    Type: AWS::Serverless::StateMachine\n"),
    Sample("trailing-comma.json", #"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,}}}"#),
    Sample("trailing-comma-array.json", #"{"StartAt":"A","States":{"A":{"Type":"Pass","Result":[1,2,],"End":true}}}"#),
    Sample(
      "invalid-utf8.json",
      bytes: Array(#"{"StartAt":"A","States":{"A":{"Type":"Pass","Comment":"caf"#.utf8) + [0xE9]
        + Array(#"","End":true}}}"#.utf8)),
    Sample(
      "invalid-utf8.asl.yaml",
      bytes: Array("StartAt: A\nStates:\n  A:\n    Type: Pass\n    Comment: \"caf".utf8) + [0xC3, 0x28]
        + Array("\"\n    End: true\n".utf8)),
    Sample(
      "deep-arrays.json",
      #"{"StartAt":"A","States":{"A":{"Type":"Pass","Result":"# + String(repeating: "[", count: deep)
        + String(repeating: "]", count: deep) + #","End":true}}}"#),
    Sample(
      "deep-objects.json",
      #"{"StartAt":"A","States":{"A":{"Type":"Pass","Result":"# + String(repeating: #"{"k":"#, count: deep)
        + "1" + String(repeating: "}", count: deep) + #","End":true}}}"#),
    Sample("deep-unclosed.json", String(repeating: "[", count: deep)),
    Sample(
      "deep-flow.asl.yaml",
      "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n    Result: "
        + String(repeating: "[", count: deep) + String(repeating: "]", count: deep) + "\n"),
    Sample(
      "deep-block.asl.yaml",
      "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n    Result:\n      "
        + String(repeating: "- ", count: deep) + "1\n"),
    Sample(
      "deep-template.yaml",
      "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      Definition:\n"
        + "        StartAt: A\n        States:\n          A:\n            Type: Pass\n            End: true\n"
        + "            Result: " + String(repeating: "{k: ", count: deep) + "1" + String(repeating: "}", count: deep)
        + "\n"),
    Sample("not-json-at-all.json", "this is not a state machine\n"),
    Sample("empty.json", ""),
    Sample("template-without-machine.yaml", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"),
    Sample(
      "missing-definition-uri.yaml",
      "Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n"
        + "      DefinitionUri: statemachines/missing.asl.json\n"),
    Sample(
      "unresolved-number.yaml",
      "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: |\n"
        + "        {\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":${WaitTime},\"End\":true}}}\n"),
  ]

  @Test(arguments: samples, ["run", "validate", "graph"])
  func oneLocatedMessageAndExitTwo(_ sample: Sample, _ command: String) throws {
    let dir = try TemporaryFolder()
    let file = try dir.write(sample.name, Data(sample.bytes))
    let r = try CLI.run([command, file], timeout: 60)
    #expect(!r.timedOut)
    if sample.name == "empty.json" {
      Expect.cleanError(r, mentioning: [sample.name])
    } else {
      Expect.cleanError(r, located: file)
    }
    #expect(r.stdout.isEmpty, "nothing on stdout: \(r.stdout.prefix(200))")
  }

  @Test func messagesPointAtTheMistake() throws {
    let dir = try TemporaryFolder()
    let cases: [(name: String, text: String, line: Int, words: [String])] = [
      ("dup.json", "{\"StartAt\":\"A\",\n\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true},\n \"A\":{}}}", 3, ["duplicate", "A"]),
      ("comma.json", "{\"StartAt\":\"A\",\n\"States\":{\"A\":{\"Type\":\"Pass\",\n\"End\":true,\n}}}", 4, ["comma"]),
      ("dup.yaml", "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n  A:\n    Type: Succeed\n", 6, ["duplicate"]),
    ]
    for c in cases {
      let file = try dir.write(c.name, c.text)
      let r = try CLI.run(["validate", file])
      Expect.cleanError(r, located: file, mentioning: c.words)
      if c.line > 0 { #expect(Expect.location(in: r.stderr, file: c.name)?.line == c.line, "\(r.stderr)") }
    }
  }

  /// JSON duplicates point at the repeated key; YAML duplicates should too.
  @Test func yamlDuplicateKeyPointsAtTheRepeatedKey() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write("dup.yaml", "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n  A:\n    Type: Succeed\n")
    let r = try CLI.run(["validate", file])
    Expect.cleanError(r, located: file, mentioning: ["duplicate"])
    #expect(Expect.location(in: r.stderr, file: "dup.yaml")?.line == 6, "\(r.stderr)")
  }

  @Test func unresolvedPlaceholderCanBeFilledWithSub() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write(
      "placeholder.yaml",
      "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: |\n"
        + "        {\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":${WaitTime},\"End\":true}}}\n")
    Expect.cleanError(try CLI.run(["run", file, "--json"]), located: file, mentioning: ["WaitTime", "--sub"])
    let r = try CLI.run(["run", file, "--json", "--sub", "WaitTime=3"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.json?["status"] == "SUCCEEDED")
  }
}

/// Usage errors of the command line itself (missing arguments, unknown options).
@Suite struct UsageErrorTests {
  @Test func usageErrorsExitTwo() throws {
    let cases = [
      ["run"], ["run", "--no-such-option", "x.json"], ["validate"], ["graph"],
      ["graph", "x.json", "--width", "abc"], ["validate", "--type", "FOO", "x.json"],
      ["run", "x.json", "--seed", "abc"],
    ]
    for args in cases {
      let r = try CLI.run(args)
      #expect(r.status == 2, "\(args): \(r.status)")
    }
  }

  @Test func helpAndVersionExitZero() throws {
    for args in [["--help"], ["run", "--help"], ["validate", "--help"], ["graph", "--help"], ["--version"]] {
      let r = try CLI.run(args)
      #expect(r.status == 0, "\(args)")
      #expect(!r.stdout.isEmpty, "\(args)")
    }
  }

  @Test func usageErrorsAreRefusedWithAMessage() throws {
    for args in [["run"], ["run", "--no-such-option", "x.json"], ["validate"], ["graph"]] {
      let r = try CLI.run(args)
      #expect(r.status != 0, "\(args)")
      #expect(r.stderr.contains("Usage:"), "\(args): \(r.stderr)")
      Expect.noCrash(r)
    }
  }

  @Test func unknownSubcommandFileIsRefused() throws {
    // `sfdbg FILE` is `sfdbg debug FILE`: a missing file is refused before any screen is set up.
    let r = try CLI.run(["/nonexistent/machine.asl.json"])
    Expect.cleanError(r, mentioning: ["machine.asl.json"])
  }
}
