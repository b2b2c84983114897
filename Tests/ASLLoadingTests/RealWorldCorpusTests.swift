import Foundation
import JSONCore
import Testing

@testable import ASLLoading

/// The 257 real-world definitions: all load without a crash, and every one that is valid ASL
/// once its placeholders are filled validates with no error.
@Suite struct RealWorldCorpusTests {
  /// Loads and validates `path`, filling placeholders that must be numbers with `1` (the values
  /// a deployment would supply through DefinitionSubstitutions).
  static func loadAndValidate(_ path: String) -> (machines: [MachineSource], diagnostics: [Diagnostic], error: LoadError?) {
    var substitutions: [String: String] = [:]
    for _ in 0..<20 {
      do {
        let machines = try ASLLoader.loadMachines(file: path, substitutions: substitutions)
        let diagnostics = machines.flatMap { Validator.validate($0) }
        let missing = diagnostics.filter { $0.rule == "unresolved-placeholder" }
          .flatMap { Placeholders.names(in: $0.message) }.filter { substitutions[$0] == nil }
        if missing.isEmpty { return (machines, diagnostics, nil) }
        for name in missing { substitutions[name] = "1" }
      } catch {
        guard error.message.hasPrefix("unresolved placeholder ${") || error.message.contains(": unresolved placeholder ${"),
          let name = Placeholders.names(in: error.message).first, substitutions[name] == nil
        else { return ([], [], error) }
        substitutions[name] = "1"
      }
    }
    return ([], [], LoadError("too many placeholders", file: path))
  }

  @Test(.needsSharedData)
  func everyDefinitionLoadsAndValidAslValidates() throws {
    let rows = try SharedData.rows("realworld/INDEX.tsv")
    let root = try #require(SharedData.path("realworld"))
    #expect(rows.count == 257)
    var clean = 0
    var expectedClean = 0
    var loadFailures: [String] = []
    for row in rows {
      let path = row["path"]!
      let result = Self.loadAndValidate(root + "/" + path)
      let shouldBeClean = row["parses"] != "no" && (row["problems"] ?? "").isEmpty
      if shouldBeClean { expectedClean += 1 }
      if let error = result.error {
        loadFailures.append("\(path): \(error)")
        #expect(!shouldBeClean, "\(path) does not load: \(error)")
        continue
      }
      let errors = result.diagnostics.filter { $0.severity == .error }
      if errors.isEmpty { clean += 1 }
      if shouldBeClean {
        #expect(errors.isEmpty, "\(path):\n  \(errors.map(\.description).joined(separator: "\n  "))")
      } else {
        #expect(!errors.isEmpty, "\(path) has problems (\(row["problems"] ?? "")) but validates clean")
      }
    }
    print("realworld: \(clean)/\(rows.count) validate clean (\(expectedClean) expected); load failures: \(loadFailures)")
    // Plain load + validate of every file (no placeholder filling), timed for information.
    let start = Date()
    for row in rows { _ = try? Validator.validate(file: root + "/" + row["path"]!) }
    print("realworld: loaded and validated \(rows.count) files in \(Int(Date().timeIntervalSince(start) * 1000)) ms")
  }
}
