import ArgumentParser
import DebuggerCore
import Dispatch
import Foundation
import ProjectLoading
import StepFunctionsServer

/// `sfdbg serve`: the Step Functions API over HTTP for the machines in FILES, headless; a
/// drop-in for Step Functions Local.
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the Step Functions API (what the aws CLI, boto3 and the SDKs call) for FILES' machines.",
    discussion: """
      A drop-in for Step Functions Local: awsJson1_0 (POST /, X-Amz-Target: \
      AWSStepFunctions.<Operation>); SigV4 signatures are accepted and not verified. Machines \
      from FILES and --machines are registered as `run` registers them; clients create more. \
      StartExecution with stateMachineArn#TestCase applies that test case of the mock file \
      (--mocks, else $SFN_MOCK_CONFIG). Executions run on their own after every request, in \
      order, as commands of the session. One log line per request: operation, status, \
      latency, execution. SIGINT/SIGTERM stop the server and every handler.
      """)

  @Argument(help: "ASL definitions or SAM/CloudFormation templates whose machines are registered (none: clients create them).")
  var files: [String] = []

  @Option(name: .customLong("machines"), help: "A folder whose definitions and templates are all registered (repeatable).")
  var machineDirectories: [String] = []

  @Option(help: "The address to listen on (127.0.0.1: this machine only).")
  var host = "127.0.0.1"

  @Option(parsing: .unconditional, help: "The port to listen on (0: any free port, printed at start).")
  var port = 8083

  @Option(help: "A mock file in the Step Functions Local MockConfigFile format (default: $SFN_MOCK_CONFIG).")
  var mocks: String?

  @Option(help: "instant: Waits, retries and timeouts take no real time; real: they take wall-clock time.")
  var clock = ServeClock.instant

  @Option(name: .customLong("sub"), help: "A substitution KEY=VALUE for ${KEY} placeholders, parameters, Ref/GetAtt (repeatable).")
  var substitutions: [String] = []

  @Option(name: .customLong("handler"), help: "Resolve tasks with a command, 'STATE_OR_RESOURCE=COMMAND' (repeatable).")
  var handlers: [String] = []

  @Option(parsing: .unconditional, help: "Seed for task tokens, States.UUID, States.MathRandom, retry jitter and execution names.")
  var seed: UInt64 = 1

  @Option(name: .customLong("s3"), help: ArgumentHelp("Map an S3 bucket to a local folder (repeatable): a Distributed Map's ItemReader reads and its ResultWriter writes there.", valueName: "BUCKET=DIR"))
  var s3: [String] = []

  func validate() throws {
    guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535, found \(port)") }
  }

  func run() throws {
    let mailbox = APIMailbox(log: { line in FileOutput.standardOutput.write(line + "\n") })
    let server: APIServer
    do {
      server = try APIServer(host: host, port: port, mailbox: mailbox)
    } catch {
      FileOutput.standardError.write("error: cannot listen on \(host):\(port): \(error)\n")
      throw ExitCode(2)
    }
    var session: Session
    do {
      let project = project(endpoint: server.endpoint)
      if files.isEmpty && machineDirectories.isEmpty {
        // No machines yet, as Step Functions Local starts: clients create them.
        session = ServingSession.empty(mocks: try ProjectLoader.readMocks(project), seed: seed, clock: clock, endpoint: server.endpoint)
      } else {
        session = try ProjectLoader.load(project).session
      }
    } catch {
      server.stop()
      FileOutput.standardError.write("error: \(error.description)\n")
      throw ExitCode(2)
    }
    var performer = ServingPerformer(base: SystemPerformer(endpoint: server.endpoint), mailbox: mailbox)
    let stop = StopSignals { [processes = performer.base.processes] in
      mailbox.stop()
      processes.stopAll()
    }
    let names = session.runtime.machines.map(\.name).joined(separator: ", ")
    FileOutput.standardOutput.write("sfdbg serve: \(server.endpoint) (\(session.runtime.machines.count) machines: \(names); clock \(clock.rawValue))\n")
    ServeLoop(mailbox: mailbox).serve(&session, performer: &performer)
    performer.base.processes.stopAll()
    server.stop()
    stop.cancel()
    FileOutput.standardOutput.write("sfdbg serve: stopped\n")
  }

  /// The files as `run` loads them: the first is the file, the others extra machines.
  func project(endpoint: String) -> ProjectOptions {
    var directories = machineDirectories
    let first = files.first ?? Self.firstDefinition(in: directories) ?? directories.first ?? ""
    var project = ProjectOptions(file: first)
    project.machines = files.dropFirst().map { path in
      let name = URL(fileURLWithPath: path).lastPathComponent.split(separator: ".").first.map(String.init) ?? path
      return "\(name)=\(path)"
    }
    if files.isEmpty { directories = directories.filter { $0 != first } }
    project.machineDirectories = directories
    project.substitutions = substitutions
    project.mocks = mocks ?? ProcessInfo.processInfo.environment["SFN_MOCK_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
    project.handlers = handlers
    project.seed = seed
    project.s3 = s3
    return ServingSession.options(project, clock: clock, endpoint: endpoint)
  }

  /// With only --machines: the first definition or template of the first folder (the loader
  /// needs one file to start from; the folders' others are registered beside it).
  static func firstDefinition(in directories: [String]) -> String? {
    for directory in directories {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: directory))?.sorted() ?? []
      if let name = names.first(where: { [".json", ".yaml", ".yml"].contains(where: $0.hasSuffix) }) {
        return directory + "/" + name
      }
    }
    return nil
  }
}

extension ServeClock: ExpressibleByArgument {}

/// SIGINT and SIGTERM stop the server cleanly (`stop` runs once); a second one exits at once.
/// Handler children get default signal actions (HandlerProcess), and `stop` kills their groups.
final class StopSignals {
  private let sources: [any DispatchSourceSignal]

  init(_ stop: @escaping @Sendable () -> Void) {
    let queue = DispatchQueue(label: "sfdbg.stop-signals")
    let count = Counter()
    sources = [SIGINT, SIGTERM].map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler {
        if count.increment() > 1 { exit(130) }
        stop()
      }
      source.resume()
      return source
    }
  }

  func cancel() { for source in sources { source.cancel() } }

  private final class Counter: @unchecked Sendable {
    private var value = 0
    /// Only called on the signals' serial queue.
    func increment() -> Int {
      value += 1
      return value
    }
  }
}
