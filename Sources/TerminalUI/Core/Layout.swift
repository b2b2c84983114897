/// Splits a rectangle into rows or columns by constraints.
///
/// Sizing happens in three steps: every part first gets its base size (`fixed` its length,
/// `percent` its share of the total, `min` its minimum, `fill` nothing); if the bases overflow, parts
/// are shrunk from the last one backwards; the space left over then goes to the flexible parts
/// (`min` with weight 1 and `fill` with its weight), and stays unused if there are none.
public struct Layout: Hashable, Sendable {
  /// How one part is sized along the split axis.
  public enum Constraint: Hashable, Sendable {
    /// Exactly this many cells (less if the total is too small).
    case fixed(Int)
    /// This percentage of the total (rounded down).
    case percent(Int)
    /// At least this many cells, growing with the leftover space like `fill(1)`.
    case min(Int)
    /// A share of the leftover space proportional to the weight.
    case fill(Int = 1)
  }

  /// The axis along which parts are laid out.
  public enum Direction: Hashable, Sendable {
    /// Parts side by side, left to right (columns).
    case horizontal
    /// Parts stacked top to bottom (rows).
    case vertical
  }

  public var direction: Direction
  public var constraints: [Constraint]
  /// Cells left empty between consecutive parts.
  public var spacing: Int

  public init(_ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) {
    self.direction = direction
    self.constraints = constraints
    self.spacing = max(0, spacing)
  }

  /// A layout of stacked rows.
  public static func vertical(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
    Layout(.vertical, constraints, spacing: spacing)
  }

  /// A layout of side-by-side columns.
  public static func horizontal(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
    Layout(.horizontal, constraints, spacing: spacing)
  }

  /// The lengths of the parts for a total length.
  public func lengths(total: Int) -> [Int] {
    let count = constraints.count
    guard count > 0 else { return [] }
    let available = max(0, total - spacing * (count - 1))
    var lengths = constraints.map { constraint -> Int in
      switch constraint {
      case .fixed(let n): return max(0, n)
      case .percent(let p): return available * max(0, Swift.min(p, 100)) / 100
      case .min(let n): return max(0, n)
      case .fill: return 0
      }
    }
    var overflow = lengths.reduce(0, +) - available
    var index = count - 1
    while overflow > 0 && index >= 0 {
      let cut = Swift.min(overflow, lengths[index])
      lengths[index] -= cut
      overflow -= cut
      index -= 1
    }
    let leftover = available - lengths.reduce(0, +)
    let weights = constraints.map { constraint -> Int in
      switch constraint {
      case .min: return 1
      case .fill(let w): return max(0, w)
      default: return 0
      }
    }
    let totalWeight = weights.reduce(0, +)
    if leftover > 0 && totalWeight > 0 {
      var given = 0
      for i in 0..<count where weights[i] > 0 {
        let share = leftover * weights[i] / totalWeight
        lengths[i] += share
        given += share
      }
      // Rounding remainder: one cell each to the flexible parts, first ones first.
      var remainder = leftover - given
      for i in 0..<count where weights[i] > 0 && remainder > 0 {
        lengths[i] += 1
        remainder -= 1
      }
    }
    return lengths
  }

  /// The parts of `rect`, in order.
  public func split(_ rect: Rect) -> [Rect] {
    let total = direction == .horizontal ? rect.width : rect.height
    var offset = 0
    var parts: [Rect] = []
    for length in lengths(total: total) {
      let start = Swift.min(offset, total)
      let clamped = Swift.min(length, total - start)
      switch direction {
      case .horizontal:
        parts.append(Rect(x: rect.x + start, y: rect.y, width: clamped, height: rect.height))
      case .vertical:
        parts.append(Rect(x: rect.x, y: rect.y + start, width: rect.width, height: clamped))
      }
      offset = start + clamped + spacing
    }
    return parts
  }
}

extension Rect {
  /// This rectangle split into stacked rows.
  public func rows(_ constraints: [Layout.Constraint], spacing: Int = 0) -> [Rect] {
    Layout.vertical(constraints, spacing: spacing).split(self)
  }

  /// This rectangle split into side-by-side columns.
  public func columns(_ constraints: [Layout.Constraint], spacing: Int = 0) -> [Rect] {
    Layout.horizontal(constraints, spacing: spacing).split(self)
  }
}
