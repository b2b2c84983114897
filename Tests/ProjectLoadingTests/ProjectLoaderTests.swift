import DebuggerCore
import Foundation
import JSONCore
import ProjectLoading
import Testing

/// load → validate → decode → configure, with one typed error per stage.
@Suite struct ProjectLoaderTests {
  static let valid = #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#

  /// A fresh folder holding `files` (name → text); returns the folder's path.
  func folder(_ files: [String: String]) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("ProjectLoaderTests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    for (name, text) in files {
      try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
    }
    return path
  }

  /// Options for `file` with `change` applied.
  func options(_ file: String, _ change: (inout ProjectOptions) -> Void = { _ in }) -> ProjectOptions {
    var options = ProjectOptions(file: file)
    change(&options)
    return options
  }

  func failure(_ options: ProjectOptions) -> LoadPipelineError? {
    do {
      _ = try ProjectLoader.load(options)
      return nil
    } catch {
      return error
    }
  }

  @Test func loadsAMachineWithItsInputAndDefinition() throws {
    let dir = try folder(["m.asl.json": Self.valid])
    let loaded = try ProjectLoader.load(
      options(dir + "/m.asl.json") { $0.inputJSON = #"{"a": 1}"#; $0.executionName = "first" })
    #expect(loaded.session.mainExecution.name == "first")
    #expect(loaded.session.mainExecution.execution.input == ["a": 1])
    #expect(loaded.definitions.values.first?["StartAt"] == "P")
  }

  @Test func usageErrorsSayWhichOption() throws {
    let dir = try folder(["m.asl.json": Self.valid, "in.json": "{}"])
    let file = dir + "/m.asl.json"
    guard case .usage(let sub)? = failure(options(file) { $0.substitutions = ["nope"] }) else {
      Issue.record("--sub without = is a usage error")
      return
    }
    #expect(sub == #"--sub expects KEY=VALUE, found "nope""#)
    let twice = failure(options(file) { $0.inputJSON = "{}"; $0.inputFile = dir + "/in.json" })
    #expect(twice?.description == "give the input once: INPUT_FILE, --input-file or --input")
    #expect(failure(options(file) { $0.testCase = "T" })?.description == "--test-case needs --mocks FILE")
    #expect(failure(options(file) { $0.handlers = ["x"] })?.description.hasPrefix("--handler") == true)
    #expect(failure(options(file) { $0.substitutions = ["nope"] })?.exitCode == 2)
  }

  @Test func invalidDefinitionsListTheValidatorsErrors() throws {
    let dir = try folder([
      "bad.asl.json": #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Ghost"}}}"#
    ])
    let error = failure(options(dir + "/bad.asl.json"))
    guard case .invalidDefinition(let problems)? = error else {
      Issue.record("expected the validator's errors, got \(String(describing: error))")
      return
    }
    #expect(!problems.isEmpty)
    #expect(error?.description.hasPrefix("the definition is invalid (\(problems.count) error") == true)
    #expect(error?.description.contains(dir + "/bad.asl.json:1:") == true)
  }

  @Test func inputAndMockErrorsAreLocated() throws {
    let dir = try folder(["m.asl.json": Self.valid, "mocks.json": "{\n  \"StateMachines\": [\n"])
    let file = dir + "/m.asl.json"
    guard case .input(let input)? = failure(options(file) { $0.inputJSON = "{\"a\": }" }) else {
      Issue.record("bad input is an input error")
      return
    }
    #expect(input.hasPrefix("--input:1:7: "))
    guard case .mocks(let mocks)? = failure(options(file) { $0.mocks = dir + "/mocks.json"; $0.testCase = "T" })
    else {
      Issue.record("a truncated mock file is a mocks error")
      return
    }
    #expect(mocks.hasPrefix(dir + "/mocks.json:3:"))
    guard case .load(let load)? = failure(options(dir + "/missing.json")) else {
      Issue.record("a missing file is a load error")
      return
    }
    #expect(load.file == dir + "/missing.json")
  }
}
