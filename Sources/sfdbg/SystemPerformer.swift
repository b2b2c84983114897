import DebuggerCore
import Foundation
import HandlerProcesses

/// The real edge for the TUI and `sfdbg run`: handler jobs run as child processes, files are
/// written to disk.
struct SystemPerformer: EffectPerformer {
  let processes: HandlerProcessRunner

  /// `endpoint`: the URL of the session's Step Functions endpoint, given to every handler.
  init(endpoint: String? = nil) {
    processes = HandlerProcessRunner(environment: EndpointEnvironment.variables(endpoint: endpoint))
  }

  func start(_ job: HandlerJob) { processes.start(job) }

  func nextResult(waitingAtMost timeout: Duration?) -> (job: JobID, result: HandlerResult)? {
    processes.nextResult(waitingAtMost: timeout)
  }

  func cancel(_ job: JobID) { processes.cancel(job) }

  func writeFile(path: String, contents: String) -> String? {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      return "cannot write \(path): it is a directory; give a file name"
    }
    do {
      try contents.write(toFile: path, atomically: true, encoding: .utf8)
      return nil
    } catch {
      return "cannot write \(path): \(Self.reason(error))"
    }
  }

  /// The system's reason (`Permission denied`), not Foundation's "NSCocoaErrorDomain error 512".
  static func reason(_ error: any Error) -> String {
    let ns = error as NSError
    let posix = ns.domain == NSPOSIXErrorDomain ? ns : ns.userInfo[NSUnderlyingErrorKey] as? NSError
    if let posix, posix.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(posix.code))) }
    switch ns.code {
    case NSFileNoSuchFileError: return "no such directory"
    case NSFileWriteNoPermissionError: return "permission denied"
    case NSFileWriteOutOfSpaceError: return "no space left on the device"
    case NSFileWriteVolumeReadOnlyError: return "read-only file system"
    default: return ns.localizedDescription
    }
  }
}
