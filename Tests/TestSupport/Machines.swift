import ASLLoading
import ASLModel
import ASLRuntime
import DebuggerCore
import JSONCore

/// Parses JSON text written in a test; an invalid literal is a bug in the test, so it stops the
/// run with the text rather than turning into some value.
public func json(_ text: String) -> JSONValue {
  do {
    return try JSONParser.parse(text)
  } catch {
    fatalError("bad test JSON \(text): \(error)")
  }
}

/// Decodes an ASL definition written as JSON text.
public func stateMachine(_ definition: String) throws -> StateMachine {
  try StateMachine(definition: JSONParser.parse(definition))
}

/// The local ARN sfdbg gives a machine named `name`.
public func machineARN(_ name: String) -> String {
  "arn:aws:states:us-east-1:123456789012:stateMachine:\(name)"
}

/// A registered machine from an inline ASL definition.
public func machine(_ name: String, _ definition: JSONValue) throws -> RegisteredMachine {
  RegisteredMachine(name: name, arn: machineARN(name), machine: try StateMachine(definition: definition), definition: definition)
}

/// A registered machine from inline ASL JSON text.
public func machine(_ name: String, _ definition: String) throws -> RegisteredMachine {
  try machine(name, JSONParser.parse(definition))
}

/// The machines of a definition file or template, as a session registers them.
public struct LoadedMachines {
  public var machines: [RegisteredMachine]
  /// The main machine's ARN.
  public var main: String
  /// Each machine's definition by name (for the graph pane).
  public var definitions: [String: JSONValue]
}

/// Loads a definition file or template into registered machines.
public func loadMachines(_ file: String) throws -> LoadedMachines {
  let loaded = try ASLLoader.load(file: file)
  var result = LoadedMachines(machines: [], main: loaded.main.arn, definitions: [:])
  for source in loaded.registry.machines {
    result.machines.append(try RegisteredMachine(source: source))
    result.definitions[source.name] = source.definition
  }
  return result
}
