/// A cell position on the screen: `x` is the column, `y` the row, both zero-based.
public struct Point: Hashable, Sendable, CustomStringConvertible {
  public var x: Int
  public var y: Int

  public init(x: Int, y: Int) {
    self.x = x
    self.y = y
  }

  public static let zero = Point(x: 0, y: 0)

  public var description: String { "(\(x),\(y))" }
}

/// A size in terminal cells.
public struct Size: Hashable, Sendable, CustomStringConvertible {
  public var width: Int
  public var height: Int

  /// Creates a size; negative dimensions are clamped to zero.
  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
  }

  public static let zero = Size(width: 0, height: 0)

  /// The number of cells.
  public var area: Int { width * height }

  /// Whether this size is at least `other` in both dimensions.
  public func contains(_ other: Size) -> Bool { width >= other.width && height >= other.height }

  public var description: String { "\(width)×\(height)" }
}

/// An axis-aligned rectangle of cells; `x`/`y` is the top-left corner.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  /// Creates a rectangle; negative dimensions are clamped to zero.
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  public init(origin: Point = .zero, size: Size) {
    self.init(x: origin.x, y: origin.y, width: size.width, height: size.height)
  }

  public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

  public var origin: Point { Point(x: x, y: y) }
  public var size: Size { Size(width: width, height: height) }
  /// One past the rightmost column.
  public var maxX: Int { x + width }
  /// One past the bottom row.
  public var maxY: Int { y + height }
  public var isEmpty: Bool { width == 0 || height == 0 }
  public var area: Int { width * height }

  public func contains(_ point: Point) -> Bool {
    point.x >= x && point.x < maxX && point.y >= y && point.y < maxY
  }

  /// The overlap of two rectangles (empty, positioned at the clamped corner, when disjoint).
  public func intersection(_ other: Rect) -> Rect {
    let left = max(x, other.x)
    let top = max(y, other.y)
    let right = min(maxX, other.maxX)
    let bottom = min(maxY, other.maxY)
    return Rect(x: left, y: top, width: right - left, height: bottom - top)
  }

  /// The rectangle shrunk by `amount` on every side (never negative).
  public func inset(by amount: Int) -> Rect {
    inset(top: amount, left: amount, bottom: amount, right: amount)
  }

  /// The rectangle shrunk by the given amounts (never negative).
  public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
    let w = max(0, width - left - right)
    let h = max(0, height - top - bottom)
    return Rect(x: x + min(left, width), y: y + min(top, height), width: w, height: h)
  }

  /// A rectangle of `size` centred in this one (clamped to fit).
  public func centered(_ size: Size) -> Rect {
    let w = min(size.width, width)
    let h = min(size.height, height)
    return Rect(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
  }

  /// The single row `row` (relative to the top) of this rectangle, or an empty rect outside it.
  public func row(_ row: Int) -> Rect {
    guard row >= 0, row < height else { return Rect(x: x, y: y, width: 0, height: 0) }
    return Rect(x: x, y: y + row, width: width, height: 1)
  }

  public var description: String { "\(x),\(y) \(width)×\(height)" }
}
