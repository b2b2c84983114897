/// Every `type` GetExecutionHistory can return: the `HistoryEventType` enum of the Step Functions
/// API reference (HistoryEvent, "Valid Values"); anything else is not an AWS history.
public enum HistoryEventTypes {
  public static let known: Set<String> = [
    "ActivityFailed", "ActivityScheduled", "ActivityScheduleFailed", "ActivityStarted",
    "ActivitySucceeded", "ActivityTimedOut", "ChoiceStateEntered", "ChoiceStateExited",
    "ExecutionAborted", "ExecutionFailed", "ExecutionStarted", "ExecutionSucceeded",
    "ExecutionTimedOut", "FailStateEntered", "LambdaFunctionFailed", "LambdaFunctionScheduled",
    "LambdaFunctionScheduleFailed", "LambdaFunctionStarted", "LambdaFunctionStartFailed",
    "LambdaFunctionSucceeded", "LambdaFunctionTimedOut", "MapIterationAborted",
    "MapIterationFailed", "MapIterationStarted", "MapIterationSucceeded", "MapStateAborted",
    "MapStateEntered", "MapStateExited", "MapStateFailed", "MapStateStarted", "MapStateSucceeded",
    "ParallelStateAborted", "ParallelStateEntered", "ParallelStateExited", "ParallelStateFailed",
    "ParallelStateStarted", "ParallelStateSucceeded", "PassStateEntered", "PassStateExited",
    "SucceedStateEntered", "SucceedStateExited", "TaskFailed", "TaskScheduled", "TaskStarted",
    "TaskStartFailed", "TaskStateAborted", "TaskStateEntered", "TaskStateExited",
    "TaskSubmitFailed", "TaskSubmitted", "TaskSucceeded", "TaskTimedOut", "WaitStateAborted",
    "WaitStateEntered", "WaitStateExited", "MapRunAborted", "MapRunFailed", "MapRunStarted",
    "MapRunSucceeded", "ExecutionRedriven", "MapRunRedriven", "EvaluationFailed",
  ]

  /// The events that end an execution, with the status DescribeExecution then reports.
  public static let terminal: [String: String] = [
    "ExecutionSucceeded": "SUCCEEDED", "ExecutionFailed": "FAILED",
    "ExecutionTimedOut": "TIMED_OUT", "ExecutionAborted": "ABORTED",
  ]

  /// Details fields AWS writes as JSON text (`"input": "{\"a\":1}"`); replay parses them.
  static let jsonTextFields: Set<String> = ["input", "output", "parameters"]
}
