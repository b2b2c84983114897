import Foundation
import JSONCore

/// Runs a `TaskHandler` command as a child process (`/bin/sh -c COMMAND`). This is the one place
/// in DebuggerCore that does process I/O.
public enum HandlerProcess {
  /// Runs `handler` with `input` on stdin; kills it after `timeoutSeconds`.
  public static func run(
    _ handler: TaskHandler, input: JSONValue, taskToken: String?, timeoutSeconds: Double
  ) -> HandlerResult {
    // A handler that exits without reading stdin must not kill us with SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", handler.command]
    var env = ProcessInfo.processInfo.environment
    if let taskToken { env["SFDBG_TASK_TOKEN"] = taskToken }
    process.environment = env
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    let collector = OutputCollector()
    stdout.fileHandleForReading.readabilityHandler = { h in collector.append(h.availableData, to: \.out) }
    stderr.fileHandleForReading.readabilityHandler = { h in collector.append(h.availableData, to: \.err) }
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    do {
      try process.run()
    } catch {
      return .failed(error: "Handler.Failed", cause: "could not start handler '\(handler.command)': \(error)")
    }
    let payload = Data(input.compactString.utf8)
    DispatchQueue.global().async {
      try? stdin.fileHandleForWriting.write(contentsOf: payload)
      try? stdin.fileHandleForWriting.close()
    }
    if done.wait(timeout: .now() + timeoutSeconds) == .timedOut {
      process.terminate()
      if done.wait(timeout: .now() + 1) == .timedOut {
        kill(process.processIdentifier, SIGKILL)
        _ = done.wait(timeout: .now() + 1)
      }
      stdout.fileHandleForReading.readabilityHandler = nil
      stderr.fileHandleForReading.readabilityHandler = nil
      return .timedOut
    }
    stdout.fileHandleForReading.readabilityHandler = nil
    stderr.fileHandleForReading.readabilityHandler = nil
    let rest = stdout.fileHandleForReading.readDataToEndOfFile()
    let restErr = stderr.fileHandleForReading.readDataToEndOfFile()
    collector.append(rest, to: \.out)
    collector.append(restErr, to: \.err)
    let (out, err) = collector.snapshot()
    let outText = String(decoding: out, as: UTF8.self).trimmingWhitespace()
    let errText = String(decoding: err, as: UTF8.self).trimmingWhitespace()
    if process.terminationStatus == 0 {
      if outText.isEmpty { return .succeeded(.null) }
      do {
        return .succeeded(try JSONParser.parse(outText, options: .init(rejectDuplicateKeys: false)))
      } catch {
        return .failed(error: "Handler.InvalidOutput", cause: "handler '\(handler.command)' printed invalid JSON: \(error.description)")
      }
    }
    if let v = try? JSONParser.parse(outText), case .string(let e)? = v["error"] {
      return .failed(error: e, cause: v["cause"]?.stringValue ?? "")
    }
    let cause = errText.isEmpty ? "handler '\(handler.command)' exited with status \(process.terminationStatus)" : errText
    return .failed(error: "Handler.Failed", cause: cause)
  }
}

/// Thread-safe accumulation of a child's stdout and stderr.
private final class OutputCollector: @unchecked Sendable {
  struct Buffers {
    var out = Data()
    var err = Data()
  }
  private var buffers = Buffers()
  private let lock = NSLock()

  func append(_ data: Data, to key: WritableKeyPath<Buffers, Data>) {
    guard !data.isEmpty else { return }
    lock.lock()
    buffers[keyPath: key].append(data)
    lock.unlock()
  }

  func snapshot() -> (Data, Data) {
    lock.lock()
    defer { lock.unlock() }
    return (buffers.out, buffers.err)
  }
}
