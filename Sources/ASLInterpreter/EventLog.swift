/// An append-only list stored in fixed-size chunks: a persistent array for values that grow
/// with a run (history events, state traces, the commands of a session).
///
/// It behaves like an array (random access, slicing, `count`), but a copy that is appended to
/// only copies its last chunk and the short list of chunk references: the debugger keeps a
/// snapshot of the session before each command (for step-back), and with a plain array each step
/// after a snapshot would copy the whole run so far, making N steps cost O(N²) time and memory.
public struct ChunkedLog<Element>: RandomAccessCollection {
  // Two levels of small arrays: leaves of 16 elements, blocks of 64 leaves. An append to a copy
  // copies one leaf, one block and the list of blocks (count / 1,024 references), so a snapshot
  // taken before every step costs a few kilobytes however long the run is.
  static var leafShift: Int { 4 }
  static var leafSize: Int { 1 << leafShift }
  static var blockShift: Int { 10 }
  static var blockSize: Int { 1 << blockShift }
  static var leavesPerBlock: Int { blockSize >> leafShift }

  private var blocks: [[[Element]]] = []
  public private(set) var count = 0

  public init() {}

  public var startIndex: Int { 0 }
  public var endIndex: Int { count }

  @inlinable public func index(after i: Int) -> Int { i + 1 }
  @inlinable public func index(before i: Int) -> Int { i - 1 }

  public subscript(position: Int) -> Element {
    precondition(position >= 0 && position < count, "ChunkedLog index out of range")
    return blocks[position >> Self.blockShift][(position >> Self.leafShift) & (Self.leavesPerBlock - 1)][position & (Self.leafSize - 1)]
  }

  public mutating func append(_ element: consuming Element) {
    if count & (Self.blockSize - 1) == 0 {
      blocks.append([])
      blocks[blocks.count - 1].reserveCapacity(Self.leavesPerBlock)
    }
    let b = blocks.count - 1
    if count & (Self.leafSize - 1) == 0 {
      var leaf: [Element] = []
      leaf.reserveCapacity(Self.leafSize)
      blocks[b].append(leaf)
    }
    blocks[b][blocks[b].count - 1].append(element)
    count += 1
  }

  /// Whether the leaf holding `position` is one buffer in both logs (a copy shares its past).
  func sharesLeaf(with other: Self, at position: Int) -> Bool {
    let (b, l) = (position >> Self.blockShift, (position >> Self.leafShift) & (Self.leavesPerBlock - 1))
    return blocks[b][l].withUnsafeBufferPointer { mine in
      other.blocks[b][l].withUnsafeBufferPointer { $0.baseAddress == mine.baseAddress }
    }
  }
}

extension ChunkedLog: Sendable where Element: Sendable {}

extension ChunkedLog: ExpressibleByArrayLiteral {
  public init(arrayLiteral elements: Element...) {
    for element in elements { append(element) }
  }
}

extension ChunkedLog: Equatable where Element: Equatable {
  public static func == (lhs: Self, rhs: Self) -> Bool { lhs.elementsEqual(rhs) }
}

/// An execution's history, `GetExecutionHistory` order.
public typealias EventLog = ChunkedLog<HistoryEvent>
