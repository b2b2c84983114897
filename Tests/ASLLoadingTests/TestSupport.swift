import Foundation
import JSONCore

@testable import ASLLoading

/// Locates /work/shared (or `../shared` next to the package) for the corpus tests.
enum SharedData {
  static let root: String? = {
    let here = URL(fileURLWithPath: #filePath)
    let package = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let candidates = [
      package.deletingLastPathComponent().appendingPathComponent("shared").path,
      "/work/shared",
    ]
    return candidates.first { FileManager.default.fileExists(atPath: $0 + "/validation/INDEX.tsv") }
  }()

  static func path(_ relative: String) -> String? { root.map { $0 + "/" + relative } }

  /// Rows of a TSV file with a header, as dictionaries.
  static func rows(_ relative: String) -> [[String: String]] {
    guard let p = path(relative), let text = try? String(contentsOfFile: p, encoding: .utf8) else { return [] }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    guard !lines.isEmpty else { return [] }
    let header = lines.removeFirst().components(separatedBy: "\t")
    return lines.map { line in
      let cells = line.components(separatedBy: "\t")
      var row: [String: String] = [:]
      for (i, h) in header.enumerated() { row[h] = i < cells.count ? cells[i] : "" }
      return row
    }
  }
}

/// A scratch folder for files a test writes.
struct ScratchFolder {
  let path: String
  init() {
    path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sfdbg-loading-" + UUID().uuidString
    ).path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }
  @discardableResult
  func write(_ name: String, _ text: String) -> String {
    write(name, bytes: Array(text.utf8))
  }
  @discardableResult
  func write(_ name: String, bytes: [UInt8]) -> String {
    let p = path + "/" + name
    try? FileManager.default.createDirectory(
      atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: p, contents: Data(bytes))
    return p
  }
  func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The error `body` throws, or nil.
func loadError(_ body: () throws -> Void) -> LoadError? {
  do {
    try body()
    return nil
  } catch let error as LoadError {
    return error
  } catch {
    return LoadError("unexpected error type: \(error)", file: "")
  }
}
