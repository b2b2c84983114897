import Foundation
import JSONCore
import Testing

@testable import ASLLoading

/// The shared validation fixtures (328 definitions from five validators' test suites).
@Suite struct ValidationCorpusTests {
  /// Fixtures where our verdict differs from the source's expectation, and why.
  static let knownMisses: [String: String] = [
    "amazon-states-language-service/valid/documentValidParametersIntrinsicFunction.yaml":
      "States.Format($.template $.firstName $.lastName) has arguments without commas; the language "
      + "server's checker accepts it, our intrinsic parser (like AWS's) rejects it",
    "amazon-states-language-service/valid/documentValidResultSelectorIntrinsicFunction.yaml":
      "same States.Format call without commas between arguments as the Parameters variant",
    "asl-validator/invalid/invalid-json-surround-syntax-extra-spaces.json":
      "\"{% \\n10 %}\" (a newline inside the JSONata wrapper) is rejected only by asl-validator's "
      + "regex; AWS accepts multi-line JSONata (deployed real-world machines use it)",
    "asl-validator/invalid/invalid-jsonata-surround-syntax-no-spaces.json":
      "\"{%10%}\" without spaces is rejected only by asl-validator; AWS accepts it (real-world "
      + "machines such as bedrock-evaluations-sam use \"{%$lowercase(...) %}\")",
    "taro-kayo-statelint/invalid/invalid-issue-127.json":
      "MaxConcurrency as a JSONata expression in a JSONata state: invalid only under statelint's "
      + "default config; AWS accepts it (the fixture note says so too)",
  ]

  struct Verdict {
    var valid: Bool
    var detail: String
  }

  static func verdict(path: String, type: String) -> Verdict {
    do {
      let machines = try ASLLoader.loadMachines(file: path, defaultType: type)
      let diagnostics = machines.flatMap { Validator.validate($0) }
      return Verdict(valid: Validator.isValid(diagnostics), detail: diagnostics.map(\.description).joined(separator: "\n    "))
    } catch {
      return Verdict(valid: false, detail: error.description)
    }
  }

  @Test(.needsSharedData)
  func fixturesGetTheExpectedVerdict() throws {
    let rows = try SharedData.rows("validation/INDEX.tsv")
    let root = try #require(SharedData.path("validation"))
    #expect(rows.count == 328)
    var hits = 0
    var misses: [String: String] = [:]
    for row in rows {
      let path = row["path"]!
      let note = row["note"] ?? ""
      // AWS-recorded fixtures fail only as EXPRESS when the note says so.
      let type = note.contains("EXPRESS=FAIL") && !note.contains("STANDARD=FAIL") ? "EXPRESS" : "STANDARD"
      let v = Self.verdict(path: root + "/" + path, type: type)
      let expectedValid = row["expected"] == "valid"
      if v.valid == expectedValid {
        hits += 1
      } else {
        misses[path] = "expected \(row["expected"]!), got \(v.valid ? "valid" : "invalid"): \(v.detail)"
      }
    }
    let report = misses.keys.sorted().map { "  \($0): \(misses[$0]!)\n    known: \(Self.knownMisses[$0] ?? "NOT LISTED")" }
    print("validation fixtures: \(hits)/\(rows.count) expected verdicts\n" + report.joined(separator: "\n"))
    #expect(Double(hits) >= 0.95 * Double(rows.count), "\(hits)/\(rows.count)")
    for path in misses.keys.sorted() {
      #expect(Self.knownMisses[path] != nil, "unlisted miss \(path): \(misses[path]!)")
    }
    for path in Self.knownMisses.keys.sorted() where misses[path] == nil {
      Issue.record("\(path) is listed as a known miss but now gets the expected verdict")
    }
  }
}

/// The language server's fixtures record where each diagnostic goes (0-based LSP ranges): ours
/// must land on the same line for the same kind of problem.
@Suite struct DiagnosticLocationTests {
  static let rulesByKey: [String: Set<String>] = [
    "INVALID_NEXT": ["unknown-state", "out-of-scope-transition"],
    "INVALID_DEFAULT": ["unknown-state", "out-of-scope-transition"],
    "INVALID_START_AT": ["unknown-state", "out-of-scope-transition"],
    "UNREACHABLE_STATE": ["unreachable-state"],
    "NO_TERMINAL_STATE": ["no-terminal-state"],
    "INVALID_PROPERTY_NAME": ["unknown-field", "query-language-field"],
    "INVALID_JSON_PATH_OR_INTRINSIC": ["invalid-path", "invalid-path-or-intrinsic", "invalid-payload-template"],
    "INVALID_JSON_PATH_OR_INTRINSIC_STRING_ONLY": ["invalid-path", "invalid-path-or-intrinsic"],
  ]

  @Test(.needsSharedData)
  func languageServerDiagnosticsLandOnTheSameLine() throws {
    let rows = try SharedData.rows("validation/INDEX.tsv").filter {
      $0["path"]!.hasPrefix("amazon-states-language-service/invalid/")
    }
    let root = try #require(SharedData.path("validation"))
    var checked = 0
    var matched = 0
    var sameColumn = 0
    var mismatches: [String] = []
    for row in rows {
      let path = row["path"]!
      guard let machines = try? ASLLoader.loadMachines(file: root + "/" + path) else { continue }
      let ours = machines.flatMap { Validator.validate($0) }
      // "2 diagnostic(s): INVALID_NEXT @16:30-16:53; NO_TERMINAL_STATE @12:14-12:22"
      let list = (row["reason"] ?? "").split(separator: ":", maxSplits: 1).last.map(String.init) ?? ""
      for item in list.split(separator: ";") {
        let parts = item.trimmingCharacters(in: .whitespaces).components(separatedBy: " @")
        let start = parts.count == 2 ? parts[1].split(separator: "-").first?.split(separator: ":") ?? [] : []
        guard parts.count == 2, let rules = Self.rulesByKey[parts[0]], start.count == 2,
          let line = Int(start[0]), let column = Int(start[1])
        else { continue }
        checked += 1
        if ours.contains(where: { rules.contains($0.rule) && $0.position?.line == line + 1 }) {
          matched += 1
          if ours.contains(where: { rules.contains($0.rule) && $0.position?.line == line + 1 && $0.position?.column == column + 1 }) {
            sameColumn += 1
          }
        } else {
          mismatches.append("\(path): \(parts[0]) expected on line \(line + 1); ours: \(ours.map { "\($0.rule)@\($0.position?.line ?? 0)" })")
        }
      }
    }
    print("language-server locations: \(matched)/\(checked) on the same line, \(sameColumn) at the same column\n  " + mismatches.joined(separator: "\n  "))
    #expect(checked > 50)
    #expect(Double(matched) >= 0.9 * Double(checked), "\(mismatches.joined(separator: "\n"))")
  }
}
