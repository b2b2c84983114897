/// What one invocation of a local function printed, kept by the session for the Logs view and
/// `sfdbg run --logs`, with the lines Lambda adds around it in CloudWatch Logs.
public struct FunctionLog: Sendable, Equatable {
  public var executionID: Int
  public var stateName: String
  public var functionName: String
  public var requestID: String
  /// stdout and stderr as printed (at most `maxBytes`; `LogText.safe` escapes control characters
  /// where it is shown).
  public var output: String
  /// Bytes dropped from the start of a long output.
  public var droppedBytes: Int
  public var durationMilliseconds: Double
  /// `succeeded`, or the error name.
  public var result: String

  /// Each invocation keeps at most the last 1 MiB of its output, so a function printing without
  /// end neither blocks nor bloats the session.
  public static let maxBytes = 1 << 20
  /// The session keeps the logs of the last this many invocations.
  public static let maxKept = 200

  /// CloudWatch's framing: START, the output, END and REPORT (Duration, Billed Duration, Memory
  /// Size), as the Lambda console shows an invocation's log.
  public func lines(memorySize: Int? = nil) -> [String] {
    var out = ["START RequestId: \(requestID) Version: $LATEST"]
    if droppedBytes > 0 { out.append("… (\(droppedBytes) earlier bytes not kept)") }
    var body = output
    if body.hasSuffix("\n") { body.removeLast() }
    // Node's runtime writes a multi-line console entry with "\r" between its lines.
    if !body.isEmpty { out += body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" }.map(String.init) }
    out.append("END RequestId: \(requestID)")
    let ms = (durationMilliseconds * 100).rounded() / 100
    var report = "REPORT RequestId: \(requestID)\tDuration: \(ms) ms\tBilled Duration: \(Int(durationMilliseconds.rounded(.up))) ms"
    if let memorySize { report += "\tMemory Size: \(memorySize) MB" }
    out.append(report)
    return out
  }
}

/// Escapes what would move the cursor or change colours when log text is printed on a terminal:
/// control characters become `\u{1B}`-style escapes (tabs become spaces; lines are split by
/// the caller).
public enum LogText {
  public static func safe(_ line: String) -> String {
    var out = ""
    out.reserveCapacity(line.utf8.count)
    for scalar in line.unicodeScalars {
      let v = scalar.value
      if v == 9 {
        out += "    "
      } else if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) {
        out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
