import Foundation
import JSONCore
import Testing

/// `sfdbg graph FILE [--state-machine NAME] [--width N] [--ascii]`.
@Suite(.needsSharedData) struct GraphCommandTests {
  static let mainStates = [
    "Start new workflow and continue", "Start in parallel",
    "Start new workflow and wait for completion", "Start new workflow and wait for callback",
  ]
  static let nestedStates = [
    "First long-running job", "Need callback?", "Callback", "Second long-running job",
    "Report completion",
  ]
  /// Box-drawing and arrow characters of the Unicode drawing.
  static let boxDrawing: Set<Character> = Set("─│┌┐└┘├┤┬┴┼╭╮╯╰═║╘╛╒╕╞╡┆┄▼▶◀▲↻…●")

  var template: String { SharedData.seedTemplate ?? "" }

  /// Whether `drawing` shows `name`, whole or shortened with an ellipsis inside a box
  /// (`│ prefix…suffix │`, the prefix and suffix taken from the name).
  static func shows(_ name: String, in drawing: String) -> Bool {
    if drawing.contains(name) { return true }
    let borders: Set<Character> = ["│", "|"]
    for line in drawing.split(separator: "\n") {
      for cell in line.split(whereSeparator: { borders.contains($0) }) where cell.contains("…") {
        let label = cell.trimmingCharacters(in: .whitespaces)
        let parts = label.split(separator: "…", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { continue }
        if name.hasPrefix(parts[0]), name.hasSuffix(parts[1]) { return true }
      }
    }
    return false
  }

  @Test func mainMachineDrawsAndNamesEveryState() throws {
    let r = try CLI.run(["graph", template])
    #expect(r.status == 0, "\(r.stderr)")
    for name in Self.mainStates {
      #expect(Self.shows(name, in: r.stdout), "'\(name)' not in:\n\(r.stdout)")
    }
    #expect(r.stdout.contains("Parallel"))
    #expect(r.stdout.contains("Task"))
    #expect(r.stdout.contains { Self.boxDrawing.contains($0) })
  }

  /// With room to spare, names are drawn whole.
  @Test func mainMachineNamesEveryStateInFullWhenUnconstrained() throws {
    let r = try CLI.run(["graph", template])
    for name in Self.mainStates { #expect(r.stdout.contains(name), "'\(name)' not in:\n\(r.stdout)") }
  }

  @Test func nestedMachineDrawsEveryStateAndTheChoiceLabels() throws {
    let r = try CLI.run(["graph", template, "--state-machine", "NestingPatternAnotherStateMachine"])
    #expect(r.status == 0)
    for name in Self.nestedStates { #expect(r.stdout.contains(name), "\(name)") }
    #expect(r.stdout.contains("Default"))
    #expect(r.stdout.contains("$.NeedCallback"))
  }

  @Test func drawingIsDeterministic() throws {
    let a = try CLI.run(["graph", template])
    let b = try CLI.run(["graph", template])
    #expect(a.stdout == b.stdout)
  }

  @Test func asciiHasNoBoxDrawingCharacters() throws {
    let r = try CLI.run(["graph", template, "--ascii"])
    #expect(r.status == 0)
    #expect(r.stdout.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII in:\n\(r.stdout)")
    #expect(r.stdout.contains("+-"))
    #expect(r.stdout.contains("Start new workflow and continue"))
    let nested = try CLI.run(["graph", template, "--state-machine", "NestingPatternAnotherStateMachine", "--ascii"])
    #expect(nested.stdout.unicodeScalars.allSatisfy { $0.isASCII })
    for name in Self.nestedStates { #expect(nested.stdout.contains(name)) }
  }

  @Test(arguments: [30, 40, 60])
  func widthIsRespected(_ width: Int) throws {
    let r = try CLI.run(["graph", template, "--width", "\(width)"])
    #expect(r.status == 0)
    for line in r.stdout.split(separator: "\n") {
      #expect(line.count <= width, "\(line.count) > \(width): \(line)")
    }
    #expect(!r.stdout.isEmpty)
  }

  /// `--width` uses the room it is given: at 300 columns every name is whole on one line (it was
  /// capped at about 34); at 80 the branches wrap their names but keep the words that differ.
  @Test func wideWidthDrawsNamesWhole() throws {
    let wide = try CLI.run(["graph", template, "--width", "300"])
    #expect(wide.status == 0)
    for name in Self.mainStates { #expect(wide.stdout.contains(name), "'\(name)' not in:\n\(wide.stdout)") }
    #expect(!wide.stdout.contains("…"))
    let eighty = try CLI.run(["graph", template, "--width", "80"])
    #expect(eighty.stdout.contains("completion") && eighty.stdout.contains("callback"), "\(eighty.stdout)")
  }

  @Test func narrowWidthFallsBackToAList() throws {
    let wide = try CLI.run(["graph", template])
    let narrow = try CLI.run(["graph", template, "--width", "12"])
    #expect(narrow.status == 0)
    #expect(narrow.stdout != wide.stdout)
    let lines = narrow.stdout.split(separator: "\n")
    // One row per state (4) plus a row per Parallel branch heading.
    #expect(lines.count >= Self.mainStates.count, "\(narrow.stdout)")
    for line in lines { #expect(line.count <= 12, "\(line)") }
    #expect(!narrow.stdout.contains("╭"), "no boxes in the list fallback:\n\(narrow.stdout)")
    let ascii = try CLI.run(["graph", template, "--width", "12", "--ascii"])
    #expect(ascii.stdout.unicodeScalars.allSatisfy { $0.isASCII }, "\(ascii.stdout)")
  }

  @Test func tooNarrowWidthIsAUsageError() throws {  // F4 in /work/notes/cli-findings.md.
    for width in ["0", "5", "11"] {
      let r = try CLI.run(["graph", template, "--width", width])
      #expect(r.status == 2, "\(width): \(r.stdout)")
      #expect(r.stdout.isEmpty)
      #expect(r.stderr.contains("--width"))
      Expect.noCrash(r)
    }
  }

  @Test func badFilesExitTwo() throws {
    let dir = try TemporaryFolder()
    Expect.cleanError(try CLI.run(["graph", dir.path("missing.json")]))
    Expect.cleanError(try CLI.run(["graph", dir.url.path]))
    Expect.cleanError(try CLI.run(["graph", "/dev/null"]))
    let truncated = try dir.write("truncated.json", #"{"StartAt": "#)
    Expect.cleanError(try CLI.run(["graph", truncated]), located: truncated)
    let noMachine = try dir.write("none.yaml", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n")
    Expect.cleanError(try CLI.run(["graph", noMachine]), located: noMachine)
  }

  @Test func unknownStateMachineIsRefused() throws {
    let r = try CLI.run(["graph", template, "--state-machine", "NoSuchMachine"])
    Expect.cleanError(r, mentioning: ["NoSuchMachine"])
  }

  @Test func invalidMachineStillDrawsWhatItCan() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write("three.json", ValidateCommandTests.threeMistakes)
    let r = try CLI.run(["graph", file])
    #expect(r.status == 0)
    for name in ["Check", "Pause", "Work", "Nowhere"] { #expect(r.stdout.contains(name)) }
  }
}
