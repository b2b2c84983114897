import Foundation
import ArgumentParser
import DebuggerCore
import JSONCore
import ProjectLoading

/// Which machines a command loads besides FILE, and how placeholders are filled (`run`, `debug`,
/// `replay`).
struct MachineOptions: ParsableArguments {
  @Option(name: .customLong("state-machine"), help: "The machine that runs (name, logical id or ARN) when FILE has several.")
  var stateMachine: String?

  @Option(name: .customLong("machine"), help: "An extra machine, NAME=PATH (repeatable).")
  var machines: [String] = []

  @Option(name: .customLong("machines"), help: "A folder whose definitions and templates are all registered (repeatable).")
  var machineDirectories: [String] = []

  @Option(name: .customLong("sub"), help: "A substitution KEY=VALUE for ${KEY} placeholders, parameters, Ref/GetAtt (repeatable).")
  var substitutions: [String] = []

  /// The loader's options for FILE with these.
  func project(file: String) -> ProjectOptions {
    var project = ProjectOptions(file: file)
    project.stateMachine = stateMachine
    project.machines = machines
    project.machineDirectories = machineDirectories
    project.substitutions = substitutions
    return project
  }
}

/// The options `run` and `debug` share: what to load, the input, and how tasks are resolved.
struct SessionOptions: ParsableArguments {
  @Argument(help: "An ASL definition (.asl.json, .json, .asl.yaml, .yaml) or a SAM/CloudFormation template.")
  var file: String

  @Option(name: .customLong("input"), parsing: .unconditional, help: "The execution input as JSON text.")
  var inputJSON: String?

  @Option(name: .customLong("input-file"), help: "A file holding the execution input (JSON).")
  var inputFileOption: String?

  @OptionGroup var loading: MachineOptions

  @Option(help: "A mock file in the AWS Step Functions Local MockConfigFile format.")
  var mocks: String?

  @Option(name: .customLong("test-case"), help: "The test case of the mock file to apply.")
  var testCase: String?

  @Option(name: .customLong("handler"), help: "Resolve tasks with a command, 'STATE_OR_RESOURCE=COMMAND' (repeatable).")
  var handlers: [String] = []

  // `.unconditional`: a value such as "-1" is the option's value, not another option.
  @Option(name: .customLong("handler-timeout"), parsing: .unconditional, help: "Seconds before a handler of a Task without TimeoutSeconds is killed.")
  var handlerTimeout: Double = 60

  @Option(name: .customLong("function"), help: "A local Lambda function no template declares, NAME=RUNTIME:PATH:HANDLER (python3.x or nodejs*; repeatable).")
  var functions: [String] = []

  @Flag(name: .customLong("no-functions"), help: "Do not run the template's Lambda functions (their tasks wait for a person).")
  var noFunctions = false

  @Option(parsing: .unconditional, help: "Seed for task tokens, States.UUID, States.MathRandom, retry jitter and execution names.")
  var seed: UInt64 = 1

  @Option(name: .customLong("start-time"), help: ArgumentHelp("Where the virtual clock starts ($$.Execution.StartTime, history times, Wait timestamps); default 2025-01-01T00:00:00Z.", valueName: "ISO8601"))
  var startTime: String?

  @Option(name: .customLong("name"), help: "The main execution's name.")
  var executionName: String = "main"

  @Option(name: .customLong("max-executions"), help: "At most N child executions per session (1000); the Task that would start one more fails with ExecutionLimitExceeded.")
  var maxExecutions: Int = 1000

  @Option(name: .customLong("s3"), help: ArgumentHelp("Map an S3 bucket to a local folder (repeatable): a Distributed Map's ItemReader reads and its ResultWriter writes there.", valueName: "BUCKET=DIR"))
  var s3: [String] = []
  @Option(name: [.customLong("machine-name"), .customLong("name-as")], help: "Name the main machine as it was created in Step Functions Local (the name its mock file uses).")
  var machineName: String?

  @Flag(name: .customLong("all-machines"), help: "Start every machine of FILE that no other machine starts (a template with several), each with the input.")
  var allMachines = false

  /// The options as the library's loader takes them; `positionalInput` is `run`'s INPUT_FILE.
  func project(positionalInput: String? = nil) -> ProjectOptions {
    var project = loading.project(file: file)
    project.inputJSON = inputJSON
    project.inputFile = inputFileOption
    project.positionalInputFile = positionalInput
    project.mocks = mocks
    project.testCase = testCase
    project.handlers = handlers
    project.handlerTimeoutSeconds = handlerTimeout
    project.functions = functions
    project.noFunctions = noFunctions
    project.seed = seed
    project.startTime = startTime
    project.executionName = executionName
    project.maxChildExecutions = maxExecutions
    project.s3 = s3
    project.machineName = machineName
    project.allMachines = allMachines
    return project
  }

  /// Loads every machine, decodes them, reads the input and mocks, and starts the session.
  func makeSession(positionalInput: String? = nil) throws(LoadPipelineError) -> Session {
    let loaded = try ProjectLoader.load(project(positionalInput: positionalInput))
    Self.printNotes(loaded.notes)
    return loaded.session
  }

  /// What the loader decided for the user (a mock file's machine name applied, ...), on stderr.
  static func printNotes(_ notes: [String]) {
    for note in notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
  }

  /// `makeSession`, plus each machine's ASL definition by machine name (for the graph pane).
  func makeSessionWithDefinitions() throws(LoadPipelineError)
    -> (session: Session, definitions: [String: JSONValue])
  {
    let loaded = try ProjectLoader.load(project())
    Self.printNotes(loaded.notes)
    return (loaded.session, loaded.definitions)
  }
}
