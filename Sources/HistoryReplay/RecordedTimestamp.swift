import ASLInterpreter

/// A history event's `timestamp` as the aws CLI prints it: ISO 8601 text with an offset
/// (`2024-05-01T12:00:00.123000+02:00`, `…Z`) or epoch seconds (`1714557600.123`, the SDKs'
/// and `--cli-timestamp-format none` form). Kept as milliseconds since the epoch.
public struct RecordedTimestamp: Sendable, Hashable, Comparable {
  public var epochMilliseconds: Int64

  public init(epochMilliseconds: Int64) { self.epochMilliseconds = epochMilliseconds }

  public static func < (a: Self, b: Self) -> Bool { a.epochMilliseconds < b.epochMilliseconds }

  /// Epoch seconds, fractions to the millisecond.
  public init(epochSeconds: Double) {
    epochMilliseconds = Int64((epochSeconds * 1000).rounded())
  }

  /// Parses ISO 8601 text with an offset, `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)` (the
  /// interpreter's RFC 3339 reader); nil when the text is not that.
  public init?(iso8601 text: String) {
    guard let instant = VirtualInstant(rfc3339: text) else { return nil }
    epochMilliseconds = instant.milliseconds
  }
}
