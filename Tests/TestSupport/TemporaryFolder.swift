import Foundation

/// A fresh folder under the system's temporary directory for files a test writes, removed when
/// the value is released.
public final class TemporaryFolder: @unchecked Sendable {
  public let url: URL

  public init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("sfdbg-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// Writes `text` to `name` (which may name subfolders) and returns the file's path.
  @discardableResult
  public func write(_ name: String, _ text: String) throws -> String {
    try write(name, Data(text.utf8))
  }

  /// Writes `bytes` to `name` and returns the file's path.
  @discardableResult
  public func write(_ name: String, bytes: [UInt8]) throws -> String {
    try write(name, Data(bytes))
  }

  /// Writes `bytes` to `name` and returns the file's path.
  @discardableResult
  public func write(_ name: String, _ bytes: Data) throws -> String {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try bytes.write(to: file)
    return file.path
  }

  /// The path of `name` in the folder (the file need not exist).
  public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
