/// A recorded history that cannot be replayed: the file, the JSON pointer of the offending value,
/// and what was expected there (usage errors: `sfdbg replay` exits 2).
public struct HistoryReplayError: Error, Sendable, Equatable, CustomStringConvertible {
  public var file: String
  /// JSON pointer into `file` ("" for the whole document).
  public var pointer: String
  public var message: String

  public init(file: String, pointer: String, message: String) {
    self.file = file
    self.pointer = pointer
    self.message = message
  }

  public var description: String { "\(file): at \(pointer.isEmpty ? "/" : pointer): \(message)" }
}
