import ASLInterpreter
import JSONCore

/// What a recorded history tells about the run that wrote it, for a local run that re-runs or
/// continues it: the `$$.Execution` values its states saw, and the event chaining AWS used then.
extension RecordedExecution {
  /// `$$.Execution` as the recorded execution had it: its ARN and name when the files name them,
  /// its input, start time, role and redrive count from the history.
  public var context: RecordedExecutionContext {
    let started = events[0].details
    return RecordedExecutionContext(
      id: executionArn, name: executionArn.flatMap(Self.executionName(fromArn:)), input: input,
      startTime: VirtualInstant(milliseconds: startDate.epochMilliseconds).iso8601,
      roleArn: started["roleArn"]?.stringValue,
      redriveCount: events.count { $0.type == "ExecutionRedriven" })
  }

  /// The name in `arn:PARTITION:states:REGION:ACCOUNT:execution|express:MACHINE:NAME[:ID]`.
  static func executionName(fromArn arn: String) -> String? {
    let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count >= 8, parts[5] == "execution" || parts[5] == "express" else { return nil }
    return String(parts[7])
  }

  /// The instant `event` was recorded, for a local clock that continues from there.
  public func instant(ofEvent id: Int) -> VirtualInstant {
    VirtualInstant(milliseconds: events[max(0, min(id, events.count) - 1)].timestamp.epochMilliseconds)
  }

  /// The Map Run chaining the recording shows: a `MapStateExited` following `MapRunSucceeded` is
  /// AWS's form until mid-2024 (nil: no Map Run ended here to tell).
  var mapRunEventChain: MapRunEventChain? {
    for event in events where event.type == "MapStateExited" {
      let previous = event.previousEventID
      guard previous > 0 else { continue }
      switch events[previous - 1].type {
      case "MapRunSucceeded": return .exitFollowsMapRunSucceeded
      case "MapRunStarted": return .current
      default: continue
      }
    }
    return nil
  }
}

extension RecordedSet {
  /// The Map Run chaining of the recording (the first execution that shows one), else the
  /// current one.
  public var mapRunEventChain: MapRunEventChain {
    executions.lazy.compactMap(\.mapRunEventChain).first ?? .current
  }
}
