import Foundation

/// Unbuffered writes to stdout/stderr.
struct FileOutput {
  let handle: FileHandle
  static let standardError = FileOutput(handle: .standardError)
  static let standardOutput = FileOutput(handle: .standardOutput)
  func write(_ text: String) { handle.write(Data(text.utf8)) }
}
