import TextWidth

/// A grid of glyphs with, per cell, a role and an owner (node or edge index of a ``Diagram``).
///
/// Row-major storage. A layout draws into a canvas once; a renderer restyles cells per step by
/// looking at ``role(x:y:)`` and ``owner(x:y:)`` without redrawing.
public struct Canvas: Sendable, Equatable {
  public private(set) var width: Int
  public private(set) var height: Int
  /// Glyphs, row-major (`y * width + x`).
  public private(set) var glyphs: [Character]
  /// Cell roles, row-major.
  public private(set) var roles: [CellRole]
  /// Owner index per cell: a node index for node roles, an edge index for edge roles, else -1.
  public private(set) var owners: [Int32]

  /// A blank canvas.
  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    let count = self.width * self.height
    glyphs = Array(repeating: " ", count: count)
    roles = Array(repeating: .empty, count: count)
    owners = Array(repeating: -1, count: count)
  }

  /// The glyph at a cell (a space outside the canvas).
  public subscript(x: Int, y: Int) -> Character {
    guard x >= 0, y >= 0, x < width, y < height else { return " " }
    return glyphs[y * width + x]
  }

  /// The role of a cell (`.empty` outside the canvas).
  public func role(x: Int, y: Int) -> CellRole {
    guard x >= 0, y >= 0, x < width, y < height else { return .empty }
    return roles[y * width + x]
  }

  /// The owner index of a cell, or `nil` when the cell belongs to nothing.
  public func owner(x: Int, y: Int) -> Int? {
    guard x >= 0, y >= 0, x < width, y < height else { return nil }
    let owner = owners[y * width + x]
    return owner < 0 ? nil : Int(owner)
  }

  /// Writes one cell; cells outside the canvas are ignored.
  public mutating func set(x: Int, y: Int, _ glyph: Character, role: CellRole, owner: Int) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    let index = y * width + x
    glyphs[index] = glyph
    roles[index] = role
    owners[index] = Int32(owner)
  }

  /// The glyph of the right half of a wide (2-column) character: the cell after a wide
  /// character holds it, and text output skips it.
  public static let continuation: Character = "\u{0}"

  /// Writes a string left to right from `x`: one cell per character, two for a wide one (East
  /// Asian Wide/Fullwidth, emoji), whose second cell holds ``continuation``; zero-width
  /// characters are left out.
  public mutating func write(_ text: String, x: Int, y: Int, role: CellRole, owner: Int) {
    var column = x
    for character in text {
      switch CharacterWidth.of(character) {
      case 0:
        continue
      case 2:
        set(x: column, y: y, character, role: role, owner: owner)
        set(x: column + 1, y: y, Canvas.continuation, role: role, owner: owner)
        column += 2
      default:
        set(x: column, y: y, character, role: role, owner: owner)
        column += 1
      }
    }
  }

  /// True when the cell holds the first half of a wide character whose second half is intact.
  public func isWholeWideCharacter(x: Int, y: Int) -> Bool {
    CharacterWidth.of(self[x, y]) == 2 && x + 1 < width && self[x + 1, y] == Canvas.continuation
  }

  /// Copies `other` onto this canvas at `x`, `y`, shifting owners by the given bases.
  ///
  /// Empty cells of `other` are not copied, so what is underneath stays.
  public mutating func blit(
    _ other: Canvas, x originX: Int, y originY: Int, nodeBase: Int, edgeBase: Int
  ) {
    for row in 0..<other.height {
      let y = originY + row
      guard y >= 0, y < height else { continue }
      for column in 0..<other.width {
        let source = row * other.width + column
        let role = other.roles[source]
        if role == .empty { continue }
        let x = originX + column
        guard x >= 0, x < width else { continue }
        let owner = Int(other.owners[source])
        let shifted = owner < 0 ? -1 : owner + (role.isEdgePart ? edgeBase : nodeBase)
        set(x: x, y: y, other.glyphs[source], role: role, owner: shifted)
      }
    }
  }

  /// One string per row, trailing spaces removed.
  public func lines() -> [String] {
    lines(in: GridRect(x: 0, y: 0, width: width, height: height), trimTrailingSpaces: true)
  }

  /// The rows of a window of the canvas (cells outside the canvas are spaces).
  public func lines(in window: GridRect, trimTrailingSpaces: Bool = false) -> [String] {
    var result: [String] = []
    result.reserveCapacity(max(0, window.height))
    for y in window.y..<max(window.y, window.maxY) {
      var line = ""
      line.reserveCapacity(max(0, window.width))
      for x in window.x..<max(window.x, window.maxX) {
        let glyph = self[x, y]
        if glyph == Canvas.continuation {
          // The right half of a wide character: already drawn, unless the window (or a later
          // write) cut its left half off.
          if x == window.x || !isWholeWideCharacter(x: x - 1, y: y) { line.append(" ") }
        } else if CharacterWidth.of(glyph) == 2 {
          // Whole only when its right half is there and inside the window.
          line.append(x + 1 < window.maxX && isWholeWideCharacter(x: x, y: y) ? glyph : " ")
        } else {
          line.append(glyph)
        }
      }
      if trimTrailingSpaces {
        while line.last == " " { line.removeLast() }
      }
      result.append(line)
    }
    return result
  }

  /// The whole canvas as text, one line per row, trailing spaces removed.
  public var text: String { lines().joined(separator: "\n") }
}
