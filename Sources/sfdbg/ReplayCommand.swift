import ArgumentParser
import DebuggerCore
import Foundation
import HistoryReplay
import JSONCore
import ProjectLoading

/// `sfdbg replay FILE HISTORY.json…`: reads executions recorded on AWS (GetExecutionHistory) and
/// says how they went and whether a local run reproduces them.
struct ReplayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replay",
    abstract: "Replay executions recorded on AWS (aws stepfunctions get-execution-history --output json).",
    discussion: """
      HISTORY is the aws CLI's get-execution-history output ({"events": [...]}, timestamps as ISO \
      text or epoch seconds) or a bare events list; give a parent's file first, then its children's \
      (or a folder). Prints the recorded status, output or error/cause, the states entered with \
      their input and output, and whether a local run of FILE on the recorded input with the \
      recorded task results as mocks writes the same history ("reproduced"), else the first \
      difference. Exit 0 when replayed, 2 for bad input (not this definition's history, \
      truncated, unknown event types).
      """)

  @Argument(help: "The ASL definition or SAM/CloudFormation template the execution ran.")
  var file: String

  @Argument(help: "History files (the main execution's first) or a folder of them.")
  var histories: [String]

  @OptionGroup var loading: MachineOptions

  @Flag(help: "Print one JSON object: status, output or error/cause, states, executions, reproduced, difference.")
  var json = false

  @Option(name: .customLong("save-mocks"), help: "Write the recorded task results as a MockConfigFile (test case RecordedExecution).")
  var saveMocks: String?

  func run() throws {
    let replay: LoadedReplay
    do {
      replay = try LoadedReplay.load(loading.project(file: file), histories: histories)
    } catch {
      FileOutput.standardError.write("error: \(error.message)\n")
      throw ExitCode(2)
    }
    let set = replay.set
    var difference: HistoryDifference?
    do {
      var local = try Reproduction.session(from: replay.project.session, set: set)
      var performer = InstantPerformer()
      difference = Reproduction.firstDifference(running: &local, against: set, performer: &performer)
    } catch {
      difference = HistoryDifference(eventID: 1, field: "event", recorded: .string("ExecutionStarted"), local: .string("\(error)"))
    }
    if let saveMocks {
      let text = RecordedMocks.mockConfig(for: set).json.prettyString + "\n"
      do {
        try text.write(toFile: saveMocks, atomically: true, encoding: .utf8)
      } catch {
        FileOutput.standardError.write("error: cannot write \(saveMocks): \(error.localizedDescription)\n")
        throw ExitCode(2)
      }
    }
    let report = ReplayReport.json(set, difference: difference)
    if json {
      FileOutput.standardOutput.write(report.compactString + "\n")
      return
    }
    FileOutput.standardOutput.write(Self.text(set, difference: difference) + "\n")
  }

  /// The report as readable lines.
  static func text(_ set: RecordedSet, difference: HistoryDifference?) -> String {
    var lines: [String] = []
    for (index, execution) in set.executions.enumerated() {
      let heading = index == 0 ? "" : "  "
      lines.append("\(heading)#\(index + 1) \(execution.machineName) \(execution.status)")
      if let output = execution.output { lines.append("\(heading)output: \(output.compactString)") }
      if let error = execution.error { lines.append("\(heading)error: \(error)") }
      if let cause = execution.cause { lines.append("\(heading)cause: \(cause)") }
      for visit in execution.visits {
        let iteration = visit.iterations.map { "[\($0.map) #\($0.index)] " }.joined()
        let failure = visit.error.map { "  ✗ \($0)" } ?? ""
        lines.append("\(heading)  \(visit.enteredEventID) \(iteration)\(visit.name) (\(visit.type))\(failure)")
      }
    }
    if let difference {
      lines.append(
        "reproduced: no, first difference at event \(difference.eventID) \(difference.field): recorded "
          + "\(difference.recorded.compactString), local \(difference.local.compactString)")
    } else {
      lines.append("reproduced: yes (a local run with the recorded task results writes the same history)")
    }
    return lines.joined(separator: "\n")
  }
}

/// The definition loaded and the recorded histories read and linked (what `replay` and
/// `debug --replay` start from).
struct LoadedReplay {
  var project: LoadedProject
  var set: RecordedSet

  struct Problem: Error {
    var message: String
  }

  static func load(_ options: ProjectOptions, histories: [String]) throws(Problem) -> LoadedReplay {
    let project: LoadedProject
    do {
      project = try ProjectLoader.load(options)
    } catch {
      throw Problem(message: error.description)
    }
    var recorded: [RecordedHistory] = []
    do {
      for path in try historyFiles(histories) {
        let bytes = try InputFiles.read(path, limit: 256 << 20, what: "history")
        recorded.append(try RecordedHistory(file: path, bytes: bytes))
      }
      let set = try RecordedSet(
        histories: recorded, definitions: project.definitions, mainMachine: project.session.mainExecution.machineName)
      return LoadedReplay(project: project, set: set)
    } catch let error as InputFiles.Problem {
      throw Problem(message: error.message)
    } catch let error as HistoryReplayError {
      throw Problem(message: error.description)
    } catch let error as Problem {
      throw error
    } catch {
      throw Problem(message: "\(error)")
    }
  }

  /// The files given, a folder standing for its `.json` files sorted by name.
  static func historyFiles(_ paths: [String]) throws -> [String] {
    var files: [String] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
        let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".json") }.sorted()
        guard !names.isEmpty else { throw Problem(message: "\(path): the folder holds no .json history files") }
        files += names.map { (path as NSString).appendingPathComponent($0) }
      } else {
        files.append(path)
      }
    }
    return files
  }
}
