/// The Step Functions API operations the session answers (AWS's API reference names), and
/// which of them change the session: those are logged as `api OPERATION JSON` commands, so
/// `save` replays a session without its client, and are undo steps of `back`.
public enum APIOperation: String, Sendable, CaseIterable {
  case createStateMachine = "CreateStateMachine"
  case describeStateMachine = "DescribeStateMachine"
  case listStateMachines = "ListStateMachines"
  case updateStateMachine = "UpdateStateMachine"
  case deleteStateMachine = "DeleteStateMachine"
  case describeStateMachineForExecution = "DescribeStateMachineForExecution"
  case startExecution = "StartExecution"
  case startSyncExecution = "StartSyncExecution"
  case stopExecution = "StopExecution"
  case describeExecution = "DescribeExecution"
  case listExecutions = "ListExecutions"
  case getExecutionHistory = "GetExecutionHistory"
  case sendTaskSuccess = "SendTaskSuccess"
  case sendTaskFailure = "SendTaskFailure"
  case sendTaskHeartbeat = "SendTaskHeartbeat"
  case createActivity = "CreateActivity"
  case describeActivity = "DescribeActivity"
  case listActivities = "ListActivities"
  case deleteActivity = "DeleteActivity"
  case getActivityTask = "GetActivityTask"
  case validateStateMachineDefinition = "ValidateStateMachineDefinition"
  case testState = "TestState"

  /// The operation named in an `aws-sdk:sfn:<operation>` resource (camelCase there).
  init?(sdkName: String) {
    guard let first = sdkName.first else { return nil }
    self.init(rawValue: first.uppercased() + sdkName.dropFirst())
  }

  /// Changes machines, executions, tokens or activities (logged, snapshotted).
  var changesSession: Bool {
    switch self {
    case .describeStateMachine, .listStateMachines, .describeStateMachineForExecution, .describeExecution,
      .listExecutions, .getExecutionHistory, .describeActivity, .listActivities,
      .validateStateMachineDefinition, .testState:
      return false
    default:
      return true
    }
  }
}
