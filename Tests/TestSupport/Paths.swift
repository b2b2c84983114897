import Foundation
import Testing

/// The package root, found from this file's own path (`Tests/TestSupport/Paths.swift`), so tests
/// run the same from any worktree or checkout.
public let packageRootURL = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The package root as a path (for `demo/` files).
public func packageRoot() -> String { packageRootURL.path }

/// The read-only shared data (conformance cases, corpora, the seed sample): `../shared` next to
/// the package. Tests that need it carry `.needsSharedData` and are skipped, with that reason in
/// the test output, where it is absent.
public enum SharedData {
  /// Where the shared data belongs: `../shared` next to the package.
  public static let expectedFolder = packageRootURL.deletingLastPathComponent()
    .appendingPathComponent("shared").path

  /// `../shared`, nil when this machine does not have it.
  public static let folder: String? = {
    var isDirectory: ObjCBool = false
    let present = FileManager.default.fileExists(atPath: expectedFolder, isDirectory: &isDirectory)
    return present && isDirectory.boolValue ? expectedFolder : nil
  }()

  public static var isAvailable: Bool { folder != nil }

  /// Why a test that needs the shared data did not run.
  public static let missingReason: Comment = """
    needs the shared data folder \(expectedFolder) (../shared next to the package), which is absent
    """

  /// `relative` inside the shared folder, nil when the folder is absent.
  public static func path(_ relative: String) -> String? { folder.map { $0 + "/" + relative } }

  /// The seed sample's SAM template.
  public static var seedTemplate: String? { path("seed-sample/template.yaml") }

  /// The rows of a TSV file with a header line, as dictionaries keyed by the header's cells.
  /// Throws when the file cannot be read (a test must not pass on an empty corpus).
  public static func rows(_ relative: String) throws -> [[String: String]] {
    guard let file = path(relative) else { throw MissingSharedData(relative: relative) }
    var lines = try String(contentsOfFile: file, encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    guard !lines.isEmpty else { return [] }
    let header = lines.removeFirst().components(separatedBy: "\t")
    return lines.map { line in
      let cells = line.components(separatedBy: "\t")
      var row: [String: String] = [:]
      for (i, name) in header.enumerated() { row[name] = i < cells.count ? cells[i] : "" }
      return row
    }
  }

  struct MissingSharedData: Error, CustomStringConvertible {
    var relative: String
    var description: String { "no shared data folder for \(relative)" }
  }
}

extension Trait where Self == ConditionTrait {
  /// Runs the test or suite only where `../shared` exists; elsewhere it is reported as skipped
  /// with the reason.
  public static var needsSharedData: Self {
    .enabled(if: SharedData.isAvailable, SharedData.missingReason)
  }
}
