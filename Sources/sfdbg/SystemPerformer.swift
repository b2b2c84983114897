import DebuggerCore
import Foundation
import HandlerProcesses

/// The real edge for the TUI and `sfdbg run`: handler jobs run as child processes, files are
/// written to disk.
struct SystemPerformer: EffectPerformer {
  let processes = HandlerProcessRunner()

  func start(_ job: HandlerJob) { processes.start(job) }

  func nextResult(waitingAtMost timeout: Duration?) -> (job: JobID, result: HandlerResult)? {
    processes.nextResult(waitingAtMost: timeout)
  }

  func cancel(_ job: JobID) { processes.cancel(job) }

  func writeFile(path: String, contents: String) -> String? {
    do {
      try contents.write(toFile: path, atomically: true, encoding: .utf8)
      return nil
    } catch {
      return "cannot write \(path): \(error.localizedDescription)"
    }
  }
}
