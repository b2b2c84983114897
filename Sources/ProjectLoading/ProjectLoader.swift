import ASLInterpreter
import ASLLoading
import ASLModel
import ASLRuntime
import DebuggerCore
import JSONCore

/// What `sfdbg run` and `sfdbg debug` start from, as given on the command line (set the
/// fields an invocation gives; the others keep the command line's defaults).
public struct ProjectOptions: Sendable {
  /// The ASL definition or SAM/CloudFormation template.
  public var file: String
  /// `--state-machine`: which machine of the file to run.
  public var stateMachine: String?
  /// `--machine NAME=PATH`, as given.
  public var machines: [String] = []
  /// `--machines DIR`.
  public var machineDirectories: [String] = []
  /// `--sub KEY=VALUE`, as given.
  public var substitutions: [String] = []
  /// The input: `--input` text, `--input-file`, or `run`'s positional INPUT_FILE (at most one).
  public var inputJSON: String?
  public var inputFile: String?
  public var positionalInputFile: String?
  /// `--mocks FILE` and `--test-case NAME` (both or neither).
  public var mocks: String?
  public var testCase: String?
  /// `--handler STATE_OR_RESOURCE=COMMAND`, as given.
  public var handlers: [String] = []
  public var handlerTimeoutSeconds: Double = 60
  /// `--function NAME=RUNTIME:PATH:HANDLER`, as given.
  public var functions: [String] = []
  /// `--no-functions`: the template's functions do not run (tasks go to a person instead).
  public var noFunctions = false
  public var seed: UInt64 = 1
  /// `--start-time ISO8601`: where the virtual clock starts, as given.
  public var startTime: String?
  public var executionName = "main"
  /// `--max-executions N`: child executions per session.
  public var maxChildExecutions = Runtime.defaultMaxChildExecutions
  /// `--s3 BUCKET=DIR`, as given: the folders Distributed Maps read and write.
  public var s3: [String] = []
  /// `serve`: a mock file may come without `--test-case` (each execution names its own, as
  /// `stateMachineArn#TestCase`).
  public var mocksWithoutTestCase = false
  /// How the session starts from the loaded machines; nil: the main execution, paused before its
  /// first state (`serve` starts none: its clients do).
  public var startSession: (@Sendable (
    _ machines: [RegisteredMachine], _ mainMachine: String, _ input: JSONValue, _ configuration: SessionConfiguration
  ) throws(RuntimeError) -> Session)?
  /// `--machine-name NAME`: the name the main machine is created with (as a Step Functions
  /// Local suite names it at CreateStateMachine).
  public var machineName: String?
  /// `--all-machines`: start every machine of the file that no other starts, not just one.
  public var allMachines = false

  public init(file: String) { self.file = file }
}

/// A started session and each machine's ASL definition by machine name (the graph pane draws
/// from the definitions; the session keeps only decoded machines).
public struct LoadedProject: Sendable {
  public var session: Session
  public var definitions: [String: JSONValue]
  /// What the loader decided for the user and must tell them (sfdbg prints them on stderr).
  public var notes: [String] = []
}

/// The pipeline before a session exists: load the files, validate (AWS refuses an invalid
/// definition at CreateStateMachine), decode, read the input and mocks, configure handlers, and
/// start the session. Every failure is a ``LoadPipelineError`` naming the file and place.
public enum ProjectLoader {
  public static func load(_ options: ProjectOptions) throws(LoadPipelineError) -> LoadedProject {
    var loadOptions: LoadOptions
    do {
      loadOptions = try LoadOptions.commandLine(
        substitutions: options.substitutions, machines: options.machines,
        machineDirectories: options.machineDirectories, stateMachine: options.stateMachine)
    } catch {
      throw .usage(error.message)
    }
    if options.allMachines && options.stateMachine != nil {
      throw .usage("give --state-machine NAME or --all-machines, not both")
    }
    loadOptions.allMachines = options.allMachines
    let loaded: (registry: MachineRegistry, main: MachineSource)
    do {
      loaded = try ASLLoader.load(file: options.file, options: loadOptions)
    } catch {
      throw .load(error)
    }
    let problems = loaded.registry.machines.flatMap { Validator.validate($0) }
      .filter { $0.severity == .error }
    if !problems.isEmpty { throw .invalidDefinition(problems) }
    var registered: [RegisteredMachine] = []
    for source in loaded.registry.machines {
      do {
        registered.append(try RegisteredMachine(source: source))
      } catch {
        throw .undecodable(error, machine: source)
      }
    }
    let timeout = options.handlerTimeoutSeconds
    guard timeout.isFinite, timeout > 0 else {
      throw .usage("--handler-timeout must be a positive number of seconds, found \(timeout)")
    }
    let input = try readInput(options)
    let mocks = try readMocks(options)
    guard let mainIndex = registered.firstIndex(where: { $0.arn == loaded.main.arn }) else {
      throw .usage("the main machine '\(loaded.main.name)' was not registered")
    }
    if let name = options.machineName {
      guard Runtime.isValidExecutionName(name) else {
        throw .usage(
          "--machine-name '\(name)': a state machine name has 1 to 80 characters, without spaces, "
            + "brackets, wildcards, control characters or any of \" # % \\ ^ | ~ ` $ & , ; : /")
      }
      registered[mainIndex].rename(to: name)
    }
    // Template keys read as SAM CLI reads them: said once, as the validator words it.
    var notes = loaded.registry.machines.flatMap(\.loadWarnings).filter { $0.rule == "duplicate-key" }.map(\.description)
    if let mocks, let testCase = options.testCase, let path = options.mocks {
      notes += try matchMockMachines(mocks, testCase: testCase, file: path, main: mainIndex, &registered)
    }
    var handlers: [TaskHandler] = []
    let tasks = registered.flatMap { taskStates(of: $0.machine) }
    for spec in options.handlers {
      let handler: TaskHandler
      do {
        handler = try TaskHandler(spec: spec)
      } catch {
        throw .usage(error.message)
      }
      guard tasks.contains(where: { handler.matches(state: $0.name, resource: $0.resource, baseResource: $0.base) })
      else {
        let names = tasks.map { "'\($0.name)'" }
        let known = names.isEmpty ? "the machines have no Task state" : "Task states: " + names.prefix(10).joined(separator: ", ")
        throw .usage(
          "--handler '\(handler.target)=…': '\(handler.target)' matches no Task state or resource; \(known)")
      }
      handlers.append(handler)
    }
    var configuration = SessionConfiguration(
      mocks: mocks, testCase: options.testCase, handlers: handlers,
      defaultHandlerTimeoutSeconds: options.handlerTimeoutSeconds, seed: options.seed,
      mainExecutionName: options.executionName)
    configuration.maxChildExecutions = options.maxChildExecutions
    if let text = options.startTime {
      guard let start = VirtualInstant(rfc3339: text) else {
        throw .usage("--start-time: expected an ISO 8601 time with an offset (2026-11-24T08:15:02.347Z), found \"\(text)\"")
      }
      configuration.startTime = start
    }
    configuration.functions = try functions(options, substitutions: loadOptions.substitutions)
    if !options.s3.isEmpty { configuration.objectStore = try LocalFolderStore(specs: options.s3) }
    if options.allMachines {
      let fileMachines = loaded.registry.machines.filter { $0.file == loaded.main.file }
      configuration.companionMachines = ASLLoader.rootMachines(fileMachines, registry: loaded.registry)
        .map(\.arn).filter { $0 != loaded.main.arn }
    }
    var definitions: [String: JSONValue] = [:]
    for source in loaded.registry.machines { definitions[source.name] = source.definition }
    do {
      let session =
        if let startSession = options.startSession {
          try startSession(registered, registered[mainIndex].arn, input, configuration)
        } else {
          try Session(
            machines: registered, mainMachine: registered[mainIndex].arn, input: input,
            configuration: configuration)
        }
      return LoadedProject(session: session, definitions: definitions, notes: notes)
    } catch {
      throw .session(error)
    }
  }

  /// The execution input: INPUT_FILE, --input-file or --input (at most one); `{}` by default.
  static func readInput(_ options: ProjectOptions) throws(LoadPipelineError) -> JSONValue {
    let sources = [options.positionalInputFile, options.inputFile, options.inputJSON]
    guard sources.compactMap({ $0 }).count <= 1 else {
      throw .usage("give the input once: INPUT_FILE, --input-file or --input")
    }
    do {
      if let text = options.inputJSON {
        return try InputFiles.parseInput(Array(text.utf8), origin: "--input")
      }
      guard let path = options.positionalInputFile ?? options.inputFile else {
        return .object(JSONObject())
      }
      let bytes = try InputFiles.read(path, limit: InputFiles.maximumInputBytes, what: "input")
      return try InputFiles.parseInput(bytes, origin: path)
    } catch {
      throw .input(error.message)
    }
  }

  /// The mock file of `--mocks`, checked to define `--test-case`.
  public static func readMocks(_ options: ProjectOptions) throws(LoadPipelineError) -> MockConfig? {
    guard let path = options.mocks else {
      if options.testCase != nil { throw .usage("--test-case needs --mocks FILE") }
      return nil
    }
    let mocks: MockConfig
    do {
      let bytes = try InputFiles.read(path, limit: 64 << 20, what: "mock file")
      let document = try JSONParser.parseDocument(bytes)
      mocks = try MockConfig(json: document.value, file: path)
    } catch let error as InputFiles.Problem {
      throw .mocks(error.message)
    } catch let error as JSONParseError {
      throw .mocks(SourcePosition.locate(path, error.position) + ": " + error.message)
    } catch {
      throw .mocks("\(error)")
    }
    guard let testCase = options.testCase else {
      if options.mocksWithoutTestCase { return mocks }
      throw .usage("--mocks needs --test-case NAME (the test case to apply)")
    }
    guard mocks.hasTestCase(testCase) else {
      throw .mocks("\(path): no state machine defines a test case named \"\(testCase)\"")
    }
    return mocks
  }

  /// The local functions: the template's (unless `--no-functions`), then `--function`'s, which
  /// win over a template function of the same name.
  static func functions(_ options: ProjectOptions, substitutions: [String: String]) throws(LoadPipelineError) -> [LocalFunction] {
    var result: [LocalFunction] = []
    if !options.noFunctions {
      do {
        result = try ASLLoader.functions(file: options.file, substitutions: substitutions)
      } catch {
        throw .load(error)
      }
    }
    let given: [LocalFunction]
    do {
      given = try options.functions.map { spec throws(CommandError) in try LocalFunction(spec: spec) }
    } catch {
      throw .usage(error.message)
    }
    for function in given { result.removeAll { $0.name == function.name } }
    return result + given
  }

  /// Makes sure the test case reaches a loaded machine: mock files written for Step Functions
  /// Local name machines as they were created there (`LocalTesting`), not by template logical
  /// id. When exactly one machine name of the file defines the test case and no loaded machine
  /// has it, the main machine takes that name too (and the returned note says so); when several
  /// do, nothing is applied silently: a usage error lists them.
  static func matchMockMachines(
    _ mocks: MockConfig, testCase: String, file: String, main: Int, _ registered: inout [RegisteredMachine]
  ) throws(LoadPipelineError) -> [String] {
    let definers = (mocks.machineOrder + mocks.stateMachines.keys.sorted()).reduce(into: [String]()) {
      if mocks.stateMachines[$1]?[testCase] != nil, !$0.contains($1) { $0.append($1) }
    }
    let known = Set(registered.flatMap(\.aliases))
    if definers.contains(where: known.contains) { return [] }
    let loadedNames = registered.map { "\"\($0.name)\"" }.joined(separator: ", ")
    guard definers.count == 1, let only = definers.first else {
      throw .mocks(
        "\(file): test case \"\(testCase)\" is defined for the state machines "
          + definers.map { "\"\($0)\"" }.joined(separator: ", ")
          + ", and no loaded machine has one of those names (loaded: \(loadedNames)); "
          + "say which one the main machine is with --machine-name NAME")
    }
    registered[main].otherNames.append(only)
    return [
      "\(file): test case \"\(testCase)\" is defined for state machine \"\(only)\", which no loaded "
        + "machine is called; applying it to the main machine \"\(registered[main].name)\" "
        + "(--machine-name \(only) names it so)"
    ]
  }

  /// Every Task state of `machine`, branches and item processors included.
  static func taskStates(of machine: StateMachine) -> [(name: String, resource: String, base: String)] {
    machine.states.flatMap { state -> [(name: String, resource: String, base: String)] in
      switch state {
      case .task(let task): return [(task.common.name, task.resource, IntegrationPattern.parse(resource: task.resource).1)]
      case .parallel(let parallel): return parallel.branches.flatMap { taskStates(of: $0) }
      case .map(let map): return taskStates(of: map.itemProcessor)
      default: return []
      }
    }
  }
}
