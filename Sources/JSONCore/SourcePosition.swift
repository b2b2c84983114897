/// A position in a source text: 1-based line and column (columns count Unicode scalars), 0-based byte offset.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var offset: Int
  public init(line: Int, column: Int, offset: Int = 0) {
    self.line = line
    self.column = column
    self.offset = offset
  }
  public var description: String { "\(line):\(column)" }

  /// `file:line:column`, or `file` when the position is unknown: how a message names the
  /// place of a problem.
  public static func locate(_ file: String, _ position: SourcePosition?) -> String {
    position.map { "\(file):\($0)" } ?? file
  }
}
