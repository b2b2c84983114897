import ASLInterpreter
import ASLModel
import ASLRuntime
import DebuggerCore
import JSONCore

/// Continuing a recorded execution locally from one of its recorded `…StateEntered` events: a
/// machine that starts at that state (in the scope that holds it: the top, a Parallel branch, a
/// Map's item processor), run on the recorded input of that visit, with the task results recorded
/// from that point on (in that Map iteration) as mocks, under the normal debugger.
public enum ReplayFork {
  /// The forked machine's definition: `StartAt` the state, the `States` of its scope, the query
  /// language in force there. With recorded `variables`, a Pass state `Recorded variables` first
  /// assigns them (the engine starts executions without variables; this way the fork's history
  /// shows where they came from).
  public static func definition(startingAt state: String, in definition: JSONValue, variables: JSONObject = JSONObject())
    -> JSONValue?
  {
    guard let scope = DefinitionScopes.scope(of: state, in: definition) else { return nil }
    var machine = JSONObject()
    if let language = scope.queryLanguage { machine["QueryLanguage"] = .string(language) }
    machine["Comment"] = .string("Forked from a recorded execution at '\(state)'")
    var states = scope.states
    var start = state
    if !variables.isEmpty {
      start = "Recorded variables"
      while states[start] != nil { start += "'" }
      states[start] = .object(["Type": .string("Pass"), "Assign": .object(variables), "Next": .string(state)])
    }
    machine["StartAt"] = .string(start)
    machine["States"] = .object(states)
    return .object(machine)
  }

  /// The variables the recorded execution had assigned when `visit` was entered: the
  /// `assignedVariables` of the states that exited before it, in its Map iteration or around it
  /// (later assignments win).
  public static func variables(at visit: RecordedStateVisit, in execution: RecordedExecution) -> JSONObject {
    var variables = JSONObject()
    for earlier in execution.visits {
      guard let exited = earlier.exitedEventID, exited < visit.enteredEventID, let assigned = earlier.assignedVariables,
        visit.iterations.starts(with: earlier.iterations)
      else { continue }
      for (name, value) in assigned { variables[name] = value }
    }
    return variables
  }

  /// The mocks of a fork at `visit`: the results recorded after it entered, in its Map
  /// iteration when it ran in one, plus every other machine's results.
  public static func mocks(for set: RecordedSet, execution index: Int, visit: RecordedStateVisit, forkedMachine: String)
    -> MockConfig
  {
    let execution = set.executions[index]
    let later = execution.taskResults.filter {
      $0.eventID > visit.enteredEventID && $0.iterations.starts(with: visit.iterations)
    }
    var lists: [(machine: String, results: [RecordedTaskResult])] = [(forkedMachine, later)]
    lists += set.executions.map { ($0.machineName, $0.taskResults) }
    return RecordedMocks.mockConfig(lists)
  }

  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// A new session paused before `visit`'s state, on its recorded input: the fork runs as
  /// machine `NAME (fork at STATE)` beside the loaded machines, with `base`'s handlers and seed.
  public static func session(
    from base: Session, definitions: [String: JSONValue], set: RecordedSet, execution index: Int,
    visit: RecordedStateVisit
  ) throws(Failure) -> Session {
    let execution = set.executions[index]
    guard let original = definitions[execution.machineName],
      let forked = definition(startingAt: visit.name, in: original, variables: variables(at: visit, in: execution))
    else { throw Failure(description: "machine '\(execution.machineName)' has no state '\(visit.name)'") }
    let machine: StateMachine
    do {
      machine = try StateMachine(definition: forked)
    } catch {
      throw Failure(description: "cannot fork at '\(visit.name)': \(error)")
    }
    let name = "\(execution.machineName) (fork at \(visit.name))"
    let arn = (base.runtime.machine(execution.machineName)?.arn ?? "arn:aws:states:us-east-1:123456789012:stateMachine:\(execution.machineName)") + "-fork"
    var configuration = base.configuration
    configuration.mocks = mocks(for: set, execution: index, visit: visit, forkedMachine: name)
    configuration.testCase = RecordedMocks.testCase
    configuration.mainExecutionName = "fork"
    // The fork goes on as the recorded execution: its `$$.Execution` (input, start time, role…),
    // the clock at the recorded entry of the state, the recording's event chaining.
    configuration.mainExecutionContext = execution.context
    configuration.startTime = execution.instant(ofEvent: visit.enteredEventID)
    configuration.mapRunEventChain = set.mapRunEventChain
    let machines = base.runtime.machines + [RegisteredMachine(name: name, arn: arn, machine: machine)]
    do {
      return try Session(machines: machines, mainMachine: arn, input: visit.input, configuration: configuration)
    } catch {
      throw Failure(description: "cannot start the fork: \(error)")
    }
  }
}
