import Foundation
import JSONCore
import Testing

/// Messages of issue 13: each says what is wrong in our words, names the file or option, and
/// never a Swift type or a Foundation error code.
@Suite struct MessageTests {
  static let pass = #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#

  private func definition(_ dir: TemporaryFolder) throws -> String {
    try dir.write("pass.asl.json", Self.pass)
  }

  @Test func missingAndEmptyMockFilesNameTheFileInWords() throws {
    let dir = try TemporaryFolder()
    let file = try definition(dir)
    let missing = try CLI.run(["run", file, "--mocks", "/nonexistent.json", "--test-case", "x"])
    #expect(missing.status == 2)
    #expect(missing.stderr == "error: /nonexistent.json: no such file\n")
    let empty = try dir.write("mocks.json", "")
    let r = try CLI.run(["run", file, "--mocks", empty, "--test-case", "x"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("the mock file is empty; expected JSON"), "\(r.stderr)")
    let asDirectory = try CLI.run(["run", file, "--mocks", dir.url.path, "--test-case", "x"])
    #expect(asDirectory.stderr.contains("expected a mock file\n"), "\(asDirectory.stderr)")
  }

  @Test func emptyScriptSaysItExpectsCommands() throws {
    let dir = try TemporaryFolder()
    let r = try CLI.run(["run", try definition(dir), "--script", try dir.write("empty.txt", "")])
    #expect(r.status == 2)
    #expect(r.stderr.contains("the script file is empty; expected debugger commands"), "\(r.stderr)")
    #expect(!r.stderr.contains("JSON"))
  }

  @Test func scriptWithCRLFLineEndingsRuns() throws {
    let dir = try TemporaryFolder()
    let script = try dir.write("crlf.txt", "step\r\npending\r\ncontinue\r\n")
    let r = try CLI.run(["run", try definition(dir), "--json", "--script", script])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.executionStatus == "SUCCEEDED")
  }

  @Test func saveToADirectorySaysSo() throws {
    let dir = try TemporaryFolder()
    let script = try dir.write("save.txt", "save \(dir.url.path)\n")
    let r = try CLI.run(["run", try definition(dir), "--script", script])
    #expect(r.status == 2)
    #expect(r.stderr.contains("it is a directory"), "\(r.stderr)")
    #expect(!r.stderr.contains("NSCocoaErrorDomain"))
    let missing = try dir.write("save2.txt", "save /nonexistent-dir/x.txt\n")
    let m = try CLI.run(["run", try definition(dir), "--script", missing])
    #expect(!m.stderr.contains("NSCocoaErrorDomain"), "\(m.stderr)")
  }

  @Test func negativeNumbersAreValuesNotOptions() throws {
    let dir = try TemporaryFolder()
    let file = try definition(dir)
    let input = try CLI.run(["run", file, "--json", "--input", "-1"])
    #expect(input.status == 0, "\(input.stderr)")
    #expect(input.json?["output"] == -1)
    for (args, expected) in [
      (["run", file, "--seed", "-1"], "'-1' is invalid for '--seed"),
      (["run", file, "--handler-timeout", "-1"], "--handler-timeout must be a positive number"),
      (["run", file, "--handler-timeout", "nan"], "--handler-timeout must be a positive number"),
      (["graph", file, "--width", "-1"], "--width must be at least 12"),
    ] {
      let r = try CLI.run(args)
      #expect(r.status != 0, "\(args)")
      #expect(r.stderr.contains(expected), "\(args): \(r.stderr)")
      #expect(!r.stderr.contains("Missing value"), "\(args): \(r.stderr)")
    }
  }
}

@Suite struct HandlerTargetTests {
  @Test func aHandlerThatMatchesNothingIsRefusedNamingTheTasks() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write(
      "task.asl.json",
      #"{"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#)
    let r = try CLI.run(["run", file, "--handler", "NoSuchState=echo {}"])
    #expect(r.status == 2)
    #expect(r.stderr == "error: --handler 'NoSuchState=…': 'NoSuchState' matches no Task state or resource; Task states: 'Work'\n")
    for target in ["Work", "arn:aws:states:::lambda:invoke", "arn:aws:states:::lambda:*"] {
      let ok = try CLI.run(["run", file, "--json", "--handler", "\(target)=echo {\"ok\": 1}"])
      #expect(ok.status == 0, "\(target): \(ok.stderr)")
    }
  }
}

@Suite struct PathMessageTests {
  @Test func noResultsCauseRepeatsABracketedPathAsWritten() throws {
    let dir = try TemporaryFolder()
    for (path, shown) in [("$['a']", "$['a']"), ("$.a.b[0]", "$['a']['b'][0]")] {
      let file = try dir.write(
        "p.asl.json", #"{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"\#(path)","End":true}}}"#)
      let r = try CLI.run(["run", file, "--json", "--input", #"{"b": 1}"#])
      let cause = r.json?["cause"]?.stringValue ?? ""
      #expect(cause.hasSuffix("Invalid path '\(path)' : No results for path: \(shown)"), "\(cause)")
    }
  }
}

@Suite struct WaitSecondsAgreementTests {
  /// What `validate` accepts, `run` runs; what it refuses, `run` refuses before starting.
  @Test func validatorAndRuntimeAgreeOnSeconds() throws {
    let dir = try TemporaryFolder()
    for (seconds, valid) in [("1e-999999", true), ("-0.0", true), ("2.0", true), ("1.5", false), ("1e999999", false)] {
      let file = try dir.write(
        "w.asl.json", #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":\#(seconds),"End":true}}}"#)
      let validation = try CLI.run(["validate", file])
      #expect((validation.status == 0) == valid, "\(seconds): \(validation.stdout)\(validation.stderr)")
      let run = try CLI.run(["run", file, "--json"])
      if valid {
        #expect(run.executionStatus == "SUCCEEDED", "\(seconds): \(run.stdout)\(run.stderr)")
      } else {
        #expect(run.status == 2, "\(seconds): \(run.stdout)")
      }
    }
  }
}

/// SendTaskFailure's limits (error ≤ 256 characters, cause ≤ 32,768): `fail` is refused with
/// AWS's message; a handler, playing the worker, has its cause cut to fit.
@Suite struct TaskFailureLimitTests {
  static let task = """
    {"StartAt": "Work", "States": {"Work": {"Type": "Task",
      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true}}}
    """

  @Test func failRefusesALongErrorOrCauseWithAWSsMessage() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("task.json", Self.task)
    let longError = String(repeating: "E", count: 257)
    let longCause = String(repeating: "c", count: 32_769)
    for (line, field) in [("fail 1 \(longError)", "error"), ("fail 1 Boom \(longCause)", "cause")] {
      let script = try dir.write("s.txt", "continue\n\(line)\n")
      let r = try CLI.run(["run", definition, "--script", script])
      #expect(r.status == 2)
      #expect(r.stderr.contains("Value at '\(field)' failed to satisfy constraint"), "\(r.stderr.prefix(300))")
      #expect(r.stderr.count < 1_000)
    }
    let fits = try dir.write("ok.txt", "continue\nfail 1 \(String(repeating: "E", count: 256))\n")
    #expect(try CLI.run(["run", definition, "--json", "--script", fits]).executionStatus == "FAILED")
  }

  @Test func aHandlersHugeStderrIsCutToTheCauseLimit() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("task.json", Self.task)
    let r = try CLI.run([
      "run", definition, "--json", "--handler", "Work=head -c 5000000 /dev/zero | tr '\\000' x >&2; exit 1",
    ])
    #expect(r.executionStatus == "FAILED")
    let cause = try #require(r.json?["cause"]?.stringValue)
    #expect(cause.utf16.count == 32_768, "\(cause.utf16.count)")
    #expect(cause.hasPrefix("xxxx"))
    #expect(cause.hasSuffix("(cut at 32768 characters, as Step Functions keeps at most that)"))
  }
}

@Suite struct HugeScriptArgumentTests {
  @Test func aFiveMegabyteArgumentIsNotEchoedWhole() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("pass.asl.json", MessageTests.pass)
    let huge = String(repeating: "x", count: 5_000_000)
    for line in ["continue \(huge)", "break \(huge)", "print $.\(huge)["] {
      let script = try dir.write("big.txt", line + "\n")
      let r = try CLI.run(["run", definition, "--script", script])
      #expect(r.status == 2)
      #expect(r.stderr.count < 2_000, "\(line.prefix(10)): \(r.stderr.count) characters")
      #expect(r.stderr.contains(" more)"), "\(r.stderr.prefix(300))")
    }
  }
}
