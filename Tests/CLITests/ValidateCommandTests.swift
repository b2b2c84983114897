import Foundation
import JSONCore
import Testing

/// `sfdbg validate FILE... [--json]`: every diagnostic located, exit 0/1/2.
@Suite struct ValidateCommandTests {
  /// Three different mistakes: an unknown Default target, a string where an integer is expected,
  /// a Task without Resource.
  static let threeMistakes = """
    {
      "StartAt": "Check",
      "States": {
        "Check": {
          "Type": "Choice",
          "Choices": [{ "Variable": "$.x", "NumericEquals": 1, "Next": "Pause" }],
          "Default": "Nowhere"
        },
        "Pause": {
          "Type": "Wait",
          "Seconds": "ten",
          "Next": "Work"
        },
        "Work": {
          "Type": "Task",
          "End": true
        }
      }
    }
    """

  static let valid = #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#

  @Test(.needsSharedData) func seedTemplateIsValid() throws {
    let r = try CLI.run(["validate", try #require(SharedData.seedTemplate)])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    #expect(r.stderr.contains("NestingPatternMainStateMachine"))
    #expect(r.stderr.contains("NestingPatternAnotherStateMachine"))
  }

  @Test func threeMistakesGiveThreeLocatedDiagnostics() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write("three.json", Self.threeMistakes)
    let r = try CLI.run(["validate", file])
    #expect(r.status == 1, "invalid: \(r.stderr)")
    Expect.noCrash(r)
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count >= 3, "\(r.stdout)")
    let expected: [(line: Int, pointer: String, expectation: String)] = [
      (7, "/States/Check/Default", "expected one of"),
      (11, "/States/Pause/Seconds", "expected an integer"),
      (14, "/States/Work", "Resource"),
    ]
    for want in expected {
      let line = lines.first { $0.contains("at \(want.pointer)") && $0.hasSuffix(want.pointer) }
      #expect(line != nil, "no diagnostic at \(want.pointer): \(r.stdout)")
      guard let line else { continue }
      #expect(Expect.location(in: line, file: "three.json")?.line == want.line, "\(line)")
      #expect(line.contains("expected"), "says what was expected: \(line)")
      #expect(line.contains(want.expectation), "\(line)")
    }
    // Every diagnostic line is located.
    for line in lines { #expect(Expect.hasLocation(line, file: file), "\(line)") }
  }

  @Test func jsonPrintsTheDiagnosticsAsAnArray() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write("three.json", Self.threeMistakes)
    let r = try CLI.run(["validate", "--json", file])
    #expect(r.status == 1)
    let diagnostics = try #require(r.json?.arrayValue, "\(r.stdout)")
    #expect(diagnostics.count >= 3)
    for d in diagnostics {
      #expect(d["file"]?.stringValue?.hasSuffix("three.json") == true)
      #expect((d["line"]?.intValue ?? 0) > 0)
      #expect((d["column"]?.intValue ?? 0) > 0)
      #expect(d["pointer"]?.stringValue?.hasPrefix("/") == true)
      #expect(d["rule"]?.stringValue?.isEmpty == false)
      #expect(d["message"]?.stringValue?.contains("expected") == true, "\(d)")
    }
    let pointers = Set(diagnostics.compactMap { $0["pointer"]?.stringValue })
    #expect(pointers.isSuperset(of: ["/States/Check/Default", "/States/Pause/Seconds", "/States/Work"]))
    let rules = Set(diagnostics.compactMap { $0["rule"]?.stringValue })
    #expect(rules.count >= 3, "three different mistakes, three rules: \(rules)")
  }

  @Test func jsonOfAValidFileIsAnEmptyArray() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write("valid.json", Self.valid)
    let r = try CLI.run(["validate", "--json", file])
    #expect(r.status == 0)
    #expect(r.json == [])
  }

  @Test func unreadableFilesExitTwo() throws {
    let dir = try TemporaryFolder()
    for path in [dir.path("missing.json"), dir.url.path, "/dev/null"] {
      let r = try CLI.run(["validate", path])
      Expect.cleanError(r)
    }
    let truncated = try dir.write("truncated.json", #"{"StartAt": "P", "States": {"#)
    Expect.cleanError(try CLI.run(["validate", truncated]), located: truncated)
  }

  @Test func unreadableFileInJSONModeIsADiagnostic() throws {
    let dir = try TemporaryFolder()
    let valid = try dir.write("valid.json", Self.valid)
    let r = try CLI.run(["validate", "--json", valid, dir.path("missing.json")])
    #expect(r.status == 2)
    let diagnostics = try #require(r.json?.arrayValue, "\(r.stdout)")
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?["rule"] == "unreadable")
  }

  @Test func severalFilesAtOnce() throws {
    let dir = try TemporaryFolder()
    let valid = try dir.write("valid.json", Self.valid)
    let invalid = try dir.write("three.json", Self.threeMistakes)
    let yaml = try dir.write("valid.asl.yaml", "StartAt: P\nStates:\n  P:\n    Type: Succeed\n")
    let allValid = try CLI.run(["validate", valid, yaml])
    #expect(allValid.status == 0, "\(allValid.stdout)\(allValid.stderr)")
    #expect(allValid.stderr.contains("valid.json"))
    #expect(allValid.stderr.contains("valid.asl.yaml"))

    let mixed = try CLI.run(["validate", valid, invalid, yaml])
    #expect(mixed.status == 1)
    #expect(mixed.stdout.split(separator: "\n").allSatisfy { $0.contains("three.json:") })
    #expect(mixed.stderr.contains("valid.asl.yaml"), "files after an invalid one are checked too")

    let json = try CLI.run(["validate", "--json", invalid, valid, invalid])
    #expect(json.status == 1)
    let single = try CLI.run(["validate", "--json", invalid])
    #expect(json.json?.arrayValue?.count == 2 * (single.json?.arrayValue?.count ?? -1))

    let withUnreadable = try CLI.run(["validate", invalid, dir.path("missing.json"), valid])
    #expect(withUnreadable.status == 2, "unreadable wins over invalid")
    #expect(withUnreadable.stderr.contains("valid.json"), "the remaining files are still checked")
  }

  @Test func typeExpressRejectsSyncIntegrations() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write(
      "sync.json",
      """
      {"StartAt": "Run", "States": {"Run": {"Type": "Task",
        "Resource": "arn:aws:states:::states:startExecution.sync:2",
        "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:C"},
        "End": true}}}
      """)
    #expect(try CLI.run(["validate", file]).status == 0)
    let express = try CLI.run(["validate", "--type", "EXPRESS", file])
    #expect(express.status == 1)
    #expect(express.stdout.contains("/States/Run/Resource"), "\(express.stdout)")
    #expect(Expect.hasLocation(express.stdout, file: file))
  }

  @Test func unresolvedPlaceholderIsADiagnosticUntilSubGivesIt() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write(
      "placeholder.yaml",
      """
      Resources:
        M:
          Type: AWS::Serverless::StateMachine
          Properties:
            Definition:
              StartAt: W
              States:
                W:
                  Type: Wait
                  Seconds: ${WaitTime}
                  End: true
      """)
    let r = try CLI.run(["validate", "--json", file])
    #expect(r.status == 1)
    let d = try #require(r.json?.arrayValue?.first)
    #expect(d["line"] == 10)
    #expect(d["pointer"] == "/States/W/Seconds")
    #expect(d["machine"] == "M")
    #expect(d["message"]?.stringValue?.contains("--sub") == true)
    #expect(try CLI.run(["validate", file, "--sub", "WaitTime=5"]).status == 0)
  }
}
