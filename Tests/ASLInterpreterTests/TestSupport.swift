// Every file of this target sees the shared helpers: stateMachine(), json(), SharedData.
@_exported import SFDBGTestSupport
import ASLInterpreter
import ASLModel
import JSONCore

/// Parses a definition and runs it to the end (timers advanced instantly).
func runMachine(
  _ definition: String, input: String = "{}", resolver: TaskResolver? = nil,
  options: ExecutionOptions = ExecutionOptions()
) throws -> Execution {
  var execution = try makeExecution(definition, input: input, options: options)
  execution.run(resolver: resolver)
  return execution
}

func makeExecution(
  _ definition: String, input: String = "{}", options: ExecutionOptions = ExecutionOptions()
) throws -> Execution {
  Execution(machine: try stateMachine(definition), input: try JSONParser.parse(input), options: options)
}

extension Execution {
  var eventTypes: [String] { history.map(\.type) }

  var output: JSONValue? {
    if case .succeeded(let output) = status { return output }
    return nil
  }

  var failure: (error: String?, cause: String?)? {
    if case .failed(let error, let cause) = status { return (error, cause) }
    return nil
  }

  /// Seconds since the execution started at which events of `type` happened.
  func offsets(of type: String) -> [Double] {
    history.filter { $0.type == type }.map {
      Double($0.timestamp.milliseconds - options.startTime.milliseconds) / 1000
    }
  }
}
