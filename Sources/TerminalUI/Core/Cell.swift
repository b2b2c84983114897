/// One terminal cell: a grapheme and its style.
///
/// A wide (2-column) character occupies its own cell plus the cell to its right, which is marked
/// `isContinuation` and never drawn on its own.
public struct Cell: Hashable, Sendable {
  public var character: Character
  public var style: Style
  /// Whether this cell is the right half of the wide character in the cell to its left.
  public var isContinuation: Bool

  public init(_ character: Character = " ", style: Style = .plain) {
    self.character = character
    self.style = style
    self.isContinuation = false
  }

  /// A blank cell with default colours.
  public static let blank = Cell()

  /// The right half of a wide character drawn with `style`.
  public static func continuation(style: Style) -> Cell {
    var cell = Cell(" ", style: style)
    cell.isContinuation = true
    return cell
  }

  /// Columns this cell's character occupies (0 for a continuation).
  public var width: Int { isContinuation ? 0 : max(1, CharacterWidth.of(character)) }
}

/// A cell to draw at a position: the unit of `ScreenBuffer.diff(from:)`.
public struct CellChange: Hashable, Sendable {
  public var position: Point
  public var cell: Cell

  public init(position: Point, cell: Cell) {
    self.position = position
    self.cell = cell
  }
}
