/// An append-only list of history events stored in fixed-size chunks.
///
/// It behaves like an array (random access, slicing, `count`), but a copy that is appended to
/// only copies its last chunk: the debugger keeps a snapshot of every execution before each
/// command (for step-back), and with a plain array each step after a snapshot would copy the
/// whole history (25,000 events at AWS's limit).
public struct EventLog: RandomAccessCollection, Sendable {
  static let chunkShift = 9
  static let chunkSize = 1 << chunkShift

  private var chunks: [[HistoryEvent]] = []
  public private(set) var count = 0

  public init() {}

  public var startIndex: Int { 0 }
  public var endIndex: Int { count }

  @inlinable public func index(after i: Int) -> Int { i + 1 }
  @inlinable public func index(before i: Int) -> Int { i - 1 }

  public subscript(position: Int) -> HistoryEvent {
    precondition(position >= 0 && position < count, "EventLog index out of range")
    return chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)]
  }

  public mutating func append(_ event: consuming HistoryEvent) {
    if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
      var chunk: [HistoryEvent] = []
      chunk.reserveCapacity(Self.chunkSize)
      chunks.append(chunk)
    }
    chunks[chunks.count - 1].append(event)
    count += 1
  }
}
