import ASLModel
import JSONCore

/// A distributed Map's run (AWS's Map Run): its ARN, and each child execution as it ended.
public struct MapRun: Sendable {
  public let arn: String
  /// The `…/Label` suffix of the children's state machine name (the Map's Label, else its name).
  public let label: String
  /// Ended iterations by index (nil: not started or still running).
  public internal(set) var records: [IterationRecord?]

  init(arn: String, label: String, count: Int) {
    self.arn = arn
    self.label = label
    records = Array(repeating: nil, count: count)
  }

  /// A deterministic UUID-shaped id (AWS gives each Map Run a UUID), from the execution's seed
  /// and a counter unique in the execution; it draws nothing from the execution's random source.
  static func uuid(seed: UInt64, counter: Int) -> String {
    var x = seed ^ (UInt64(counter) &* 0xD1B5_4A32_D192_ED03)
    var hex = ""
    for _ in 0..<2 {
      x = x &+ 0x9E37_79B9_7F4A_7C15
      var z = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      z ^= z >> 31
      let part = String(z, radix: 16)
      hex += String(repeating: "0", count: 16 - part.count) + part
    }
    let c = Array(hex)
    return String(c[0..<8]) + "-" + String(c[8..<12]) + "-4" + String(c[13..<16]) + "-a"
      + String(c[17..<20]) + "-" + String(c[20..<32])
  }

  /// The id AWS puts last in the ARN and names the ResultWriter's folder with.
  public var id: String { arn.split(separator: ":").last.map(String.init) ?? arn }
}

/// One child execution of a Map Run, as ListExecutions/DescribeExecution describe it.
public struct IterationRecord: Sendable, Equatable {
  public var name: String
  public var executionArn: String
  public var stateMachineArn: String
  public var input: JSONValue
  public var status: ExecutionStatus
  public var startDate: VirtualInstant
  public var stopDate: VirtualInstant

  public init(
    name: String, executionArn: String, stateMachineArn: String, input: JSONValue,
    status: ExecutionStatus, startDate: VirtualInstant, stopDate: VirtualInstant
  ) {
    self.name = name
    self.executionArn = executionArn
    self.stateMachineArn = stateMachineArn
    self.input = input
    self.status = status
    self.startDate = startDate
    self.stopDate = stopDate
  }

  /// How the Map sees the child's end: its output, or a failure (a timed-out or aborted child
  /// fails its iteration with its error).
  var phase: UnitPhase {
    switch status {
    case .succeeded(let output): return .succeeded(output: output)
    case .failed(let error, let cause): return .failed(error: error ?? "", cause: cause)
    case .timedOut(let error, let cause):
      return .failed(error: error ?? "States.Timeout", cause: cause)
    case .aborted(let error, let cause):
      return .failed(error: error ?? "States.Aborted", cause: cause)
    case .running: return .aborted
    }
  }
}

/// A Map iteration the runtime is asked to start as a child execution
/// (`ExecutionOptions.runsMapIterationsAsExecutions`).
public struct IterationRequest: Sendable {
  /// The unit running the Map state.
  public let unit: Int
  public let index: Int
  public let input: JSONValue
  public let processor: StateMachine
  public let mapRunArn: String
  public let label: String
  /// The Map state's name.
  public let stateName: String
}
