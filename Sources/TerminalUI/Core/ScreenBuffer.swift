/// The screen as a value: a grid of cells that widgets draw into and backends diff out.
///
/// Invariant: a wide character's cell is always followed by its continuation cell, and a
/// continuation cell always follows a wide character; writes that would split a wide character
/// turn its remaining half into a space.
public struct ScreenBuffer: Hashable, Sendable {
  public private(set) var size: Size
  public private(set) var cells: [Cell]

  /// A buffer of blank cells.
  public init(size: Size, filling cell: Cell = .blank) {
    self.size = size
    self.cells = Array(repeating: cell, count: size.area)
  }

  /// A buffer holding `lines` of plain text (handy for expected screens in tests); lines are
  /// padded with spaces to the widest one (or to `width`).
  public init(lines: [String], width: Int? = nil) {
    let w = width ?? lines.map(\.terminalWidth).max() ?? 0
    self.init(size: Size(width: w, height: lines.count))
    for (row, line) in lines.enumerated() { write(line, at: Point(x: 0, y: row)) }
  }

  /// The whole buffer as a rectangle.
  public var bounds: Rect { Rect(size: size) }

  /// The cell at column `x`, row `y` (a blank cell outside the buffer).
  public subscript(x: Int, y: Int) -> Cell {
    guard x >= 0, y >= 0, x < size.width, y < size.height else { return .blank }
    return cells[y * size.width + x]
  }

  public subscript(point: Point) -> Cell { self[point.x, point.y] }

  // MARK: Writing

  /// Writes `text` starting at `point` in `style`, clipped to `clip` (and the buffer).
  ///
  /// Tabs become one space, other control characters become `�`, lone zero-width characters are
  /// dropped. A wide character that does not fit at the right edge becomes a space.
  /// Returns the number of columns advanced (stopping at the clip's right edge).
  @discardableResult
  public mutating func write(
    _ text: String, at point: Point, style: Style = .plain, clip: Rect? = nil
  ) -> Int {
    let area = (clip ?? bounds).intersection(bounds)
    guard !area.isEmpty, point.y >= area.y, point.y < area.maxY else { return text.terminalWidth }
    var x = point.x
    for character in text {
      if x >= area.maxX { break }
      x += put(character, x: x, y: point.y, style: style, area: area)
    }
    return x - point.x
  }

  /// Writes a styled line starting at `point`, clipped to `clip` (and the buffer).
  /// Returns the number of columns advanced.
  @discardableResult
  public mutating func write(_ line: TextLine, at point: Point, clip: Rect? = nil) -> Int {
    var x = point.x
    for span in line.spans {
      x += write(span.text, at: Point(x: x, y: point.y), style: span.style, clip: clip)
    }
    return x - point.x
  }

  /// Puts one character at `x`, returning how many columns it advanced.
  private mutating func put(_ raw: Character, x: Int, y: Int, style: Style, area: Rect) -> Int {
    var character = raw
    var width = CharacterWidth.of(character)
    if raw == "\t" {
      character = " "
      width = 1
    } else if width == 0 {
      guard let first = raw.unicodeScalars.first else { return 0 }
      if first.value < 0x20 || (first.value >= 0x7F && first.value < 0xA0) {
        character = "\u{FFFD}"
        width = 1
      } else {
        return 0
      }
    }
    guard y >= area.y, y < area.maxY else { return width }
    if x + width <= area.x || x >= area.maxX { return width }
    if x >= area.x && x + width <= area.maxX {
      setCell(Cell(character, style: style), width: width, x: x, y: y)
    } else {
      // A wide character straddling the clip edge: show the visible half as a space.
      for column in max(x, area.x)..<min(x + width, area.maxX) {
        setCell(Cell(" ", style: style), width: 1, x: column, y: y)
      }
    }
    return width
  }

  /// Sets a cell, keeping wide characters whole.
  private mutating func setCell(_ cell: Cell, width: Int, x: Int, y: Int) {
    guard x >= 0, y >= 0, y < size.height, x + width <= size.width else { return }
    breakWide(x: x, y: y)
    if width == 2 { breakWide(x: x + 1, y: y) }
    cells[y * size.width + x] = cell
    if width == 2 { cells[y * size.width + x + 1] = .continuation(style: cell.style) }
  }

  /// Turns the other half of a wide character overlapping column `x` into a space.
  private mutating func breakWide(x: Int, y: Int) {
    let index = y * size.width + x
    let cell = cells[index]
    if cell.isContinuation, x > 0 {
      cells[index - 1] = Cell(" ", style: cells[index - 1].style)
      cells[index] = Cell(" ", style: cell.style)
    } else if cell.width == 2, x + 1 < size.width {
      cells[index + 1] = Cell(" ", style: cells[index + 1].style)
    }
  }

  /// Sets the cell at `point` (a wide character also takes the next cell; one that does not fit
  /// becomes a space).
  public mutating func set(_ cell: Cell, at point: Point) {
    guard bounds.contains(point), !cell.isContinuation else { return }
    let width = cell.width
    if point.x + width > size.width {
      setCell(Cell(" ", style: cell.style), width: 1, x: point.x, y: point.y)
    } else {
      setCell(cell, width: width, x: point.x, y: point.y)
    }
  }

  /// Fills `rect` (clipped to the buffer) with `cell`, which should be one column wide.
  public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
    let area = rect.intersection(bounds)
    guard !area.isEmpty else { return }
    let fillCell = cell.width == 1 ? cell : Cell(" ", style: cell.style)
    for y in area.y..<area.maxY {
      breakWide(x: area.x, y: y)
      breakWide(x: area.maxX - 1, y: y)
      for x in area.x..<area.maxX { cells[y * size.width + x] = fillCell }
    }
  }

  /// Changes the style of every cell in `rect` (clipped to the buffer).
  public mutating func modifyStyle(in rect: Rect, _ change: (inout Style) -> Void) {
    let area = rect.intersection(bounds)
    guard !area.isEmpty else { return }
    for y in area.y..<area.maxY {
      for x in area.x..<area.maxX { change(&cells[y * size.width + x].style) }
    }
  }

  /// Copies `other` into this buffer with its top-left corner at `origin`, clipped to `clip`.
  public mutating func blit(_ other: ScreenBuffer, at origin: Point, clip: Rect? = nil) {
    let area = (clip ?? bounds).intersection(bounds)
    for y in 0..<other.size.height {
      for x in 0..<other.size.width {
        let cell = other[x, y]
        if cell.isContinuation { continue }
        let target = Point(x: origin.x + x, y: origin.y + y)
        guard area.contains(target) else { continue }
        if cell.width == 2 && !area.contains(Point(x: target.x + 1, y: target.y)) {
          setCell(Cell(" ", style: cell.style), width: 1, x: target.x, y: target.y)
        } else {
          set(cell, at: target)
        }
      }
    }
  }

  /// Changes the size, keeping the overlapping top-left content.
  public mutating func resize(to newSize: Size) {
    guard newSize != size else { return }
    var resized = ScreenBuffer(size: newSize)
    resized.blit(self, at: .zero)
    self = resized
  }

  // MARK: Reading

  /// The changes that turn `previous` into this buffer, in row-major order.
  ///
  /// When the sizes differ every cell is a change (the backend must repaint everything).
  /// Continuation cells are included so a backend can tell the whole story; backends skip
  /// drawing them because the wide character before them covers both columns.
  public func diff(from previous: ScreenBuffer) -> [CellChange] {
    var changes: [CellChange] = []
    let full = previous.size != size
    for y in 0..<size.height {
      for x in 0..<size.width {
        let index = y * size.width + x
        if full || cells[index] != previous.cells[index] {
          changes.append(CellChange(position: Point(x: x, y: y), cell: cells[index]))
        }
      }
    }
    return changes
  }

  /// Every cell as a change (a full repaint).
  public func allCells() -> [CellChange] { diff(from: ScreenBuffer(size: .zero)) }

  /// The text of each row, full width (continuation cells omitted, so each row's display width
  /// is the buffer width).
  public func lines() -> [String] {
    (0..<size.height).map { line($0) }
  }

  /// The text of row `y`.
  public func line(_ y: Int) -> String {
    guard y >= 0, y < size.height else { return "" }
    var text = ""
    for x in 0..<size.width {
      let cell = cells[y * size.width + x]
      if !cell.isContinuation { text.append(cell.character) }
    }
    return text
  }

  /// The rows with every cell for which `predicate` holds replaced by `mark` (a wide character's
  /// both columns get marked); handy for asserting where styles are applied.
  public func lines(marking predicate: (Cell) -> Bool, with mark: Character = "#") -> [String] {
    (0..<size.height).map { y in
      var text = ""
      for x in 0..<size.width {
        let cell = cells[y * size.width + x]
        if cell.isContinuation {
          if predicate(self[x - 1, y]) { text.append(mark) }
          continue
        }
        if predicate(cell) {
          text.append(mark)
        } else {
          text.append(cell.character)
        }
      }
      return text
    }
  }

  /// The whole buffer as text, rows joined by newlines (trailing spaces kept).
  public var text: String { lines().joined(separator: "\n") }
}
