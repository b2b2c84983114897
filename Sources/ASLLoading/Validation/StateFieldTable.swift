/// Which fields each state type accepts, and which belong to only one query language.
enum StateFieldTable {
  static let common: Set<String> = ["Type", "Comment", "QueryLanguage"]

  static let byType: [String: Set<String>] = [
    "Pass": ["Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "Result", "Assign", "Output"],
    "Task": [
      "Next", "End", "Resource", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector",
      "Retry", "Catch", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath",
      "Credentials", "Arguments", "Output", "Assign",
    ],
    "Choice": ["Choices", "Default", "InputPath", "OutputPath", "Assign", "Output"],
    "Wait": ["Next", "End", "InputPath", "OutputPath", "Seconds", "Timestamp", "SecondsPath", "TimestampPath", "Assign", "Output"],
    "Succeed": ["InputPath", "OutputPath", "Output"],
    "Fail": ["Error", "Cause", "ErrorPath", "CausePath"],
    "Parallel": [
      "Next", "End", "Branches", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector",
      "Retry", "Catch", "Arguments", "Output", "Assign",
    ],
    "Map": [
      "Next", "End", "Iterator", "ItemProcessor", "ItemsPath", "Items", "ItemSelector", "Parameters",
      "ItemReader", "ItemBatcher", "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath",
      "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ToleratedFailureCount",
      "ToleratedFailureCountPath", "Label", "InputPath", "OutputPath", "ResultPath", "ResultSelector",
      "Retry", "Catch", "Output", "Assign",
    ],
  ]

  /// Fields that exist only when the state's query language is JSONPath.
  static let jsonPathOnly: Set<String> = [
    "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Result", "ItemsPath",
    "SecondsPath", "TimestampPath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "ErrorPath",
    "CausePath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath",
  ]

  /// Fields that exist only when the state's query language is JSONata.
  static let jsonataOnly: Set<String> = ["Arguments", "Output", "Items"]

  /// States that transition with `Next`/`End`.
  static let flowing: Set<String> = ["Pass", "Task", "Wait", "Parallel", "Map"]

  /// Choice rule comparison operators and the JSON type each takes.
  static let comparisons: [String: String] = {
    var table: [String: String] = [:]
    for op in ["StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals",
      "StringGreaterThanEquals", "StringMatches", "TimestampEquals", "TimestampLessThan",
      "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals"]
    {
      table[op] = "string"
    }
    for op in ["NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals",
      "NumericGreaterThanEquals"]
    {
      table[op] = "number"
    }
    table["BooleanEquals"] = "boolean"
    for op in ["IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"] { table[op] = "boolean" }
    for op in table.keys where !op.hasPrefix("Is") && op != "StringMatches" { table[op + "Path"] = "path" }
    return table
  }()
}
