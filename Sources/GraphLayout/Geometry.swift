/// A cell position on a canvas: column `x`, row `y`, both from 0 at the top left.
public struct GridPoint: Sendable, Hashable, CustomStringConvertible {
  public var x: Int
  public var y: Int

  public init(x: Int, y: Int) {
    self.x = x
    self.y = y
  }

  public var description: String { "(\(x),\(y))" }
}

/// A rectangle of cells on a canvas.
public struct GridRect: Sendable, Hashable, CustomStringConvertible {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }

  public var maxX: Int { x + width }
  public var maxY: Int { y + height }
  public var isEmpty: Bool { width <= 0 || height <= 0 }

  /// Whether the cell lies inside the rectangle.
  public func contains(_ point: GridPoint) -> Bool {
    point.x >= x && point.x < maxX && point.y >= y && point.y < maxY
  }

  /// Whether `other` lies entirely inside this rectangle.
  public func contains(_ other: GridRect) -> Bool {
    other.x >= x && other.maxX <= maxX && other.y >= y && other.maxY <= maxY
  }

  /// Whether the two rectangles share at least one cell.
  public func intersects(_ other: GridRect) -> Bool {
    x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
  }

  /// The same rectangle moved by `dx`, `dy`.
  public func offsetBy(dx: Int, dy: Int) -> GridRect {
    GridRect(x: x + dx, y: y + dy, width: width, height: height)
  }

  public var description: String { "[\(x),\(y) \(width)x\(height)]" }
}
