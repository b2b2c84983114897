import ASLLoading
import DebuggerCore
import Foundation
import JSONCore

#if canImport(Glibc)
import Glibc
#endif

/// Invokes local Lambda functions the way Lambda does: the language's bootstrap (shipped with
/// sfdbg, `FunctionBootstrap`) imports the handler and calls it with the event and a context,
/// in a process group of its own, with Lambda's environment; after the function's `Timeout` in
/// real seconds the group is killed and the answer is Lambda's timeout error. A Python function
/// stays warm between invocations (`WarmWorker`: its start-up is most of an empty invocation);
/// a Node.js invocation is a fresh process (its start-up is short, and a warm loop would change
/// how callback handlers end).
public final class FunctionRunner: @unchecked Sendable {
  private let lock = NSLock()
  private var folder: String?
  private var count = 0

  public init() {}

  /// Warm workers between invocations, by function.
  private var idle: [String: WarmWorker] = [:]

  deinit {
    for worker in idle.values { worker.stop() }
    if let folder { try? FileManager.default.removeItem(atPath: folder) }
  }

  /// Runs one invocation to its end (blocks: `HandlerProcessRunner` calls it on a worker thread).
  /// `endpoint`: the session's endpoint variables (`EndpointEnvironment`), none when it serves none.
  func invoke(_ invocation: FunctionInvocation, event: JSONValue, control: JobControl, environment endpoint: [String: String] = [:]) -> HandlerResult {
    let function = invocation.function
    guard let language = function.language else {
      return .invoked(.lambdaError(type: "Runtime.InvalidRuntime", message: "sfdbg runs python3.x and nodejs functions, not \(function.runtime)"))
    }
    guard let (bootstrap, resultFile) = files(for: language) else {
      return .failed(error: "Lambda.Unknown", cause: "sfdbg could not write its Lambda bootstrap to \(NSTemporaryDirectory())")
    }
    defer { unlink(resultFile) }
    let program: [String] = language == .python ? [interpreter("python3"), "-u", "-B", bootstrap] : [interpreter("node"), bootstrap]
    let started = Date()
    let deadline = Int64((started.timeIntervalSince1970 + function.timeoutSeconds) * 1000)
    let arguments = program + [resultFile, invocation.requestID, String(deadline), invocation.invokedARN]
    let environment = FunctionEnvironment.variables(
      for: function, endpoint: endpoint, host: ProcessInfo.processInfo.environment)
    if language == .python {
      return invokeWarm(invocation, event: event, control: control, program: program, environment: environment, resultFile: resultFile)
    }
    guard let child = ChildProcess.spawn(arguments: arguments, environment: environment, mergingOutput: true) else {
      let why = String(cString: strerror(errno))
      return .invoked(.lambdaError(type: "Runtime.InvalidEntrypoint", message: "could not start \(program[0]) for \(function.name): \(why)"))
    }
    control.started(child.pid, guardSlot: child.guardSlot)
    let log = PipeReader(fd: child.stdout, keepingLast: FunctionLog.maxBytes)
    child.feed(Array(event.compactString.utf8))
    let exit = child.wait(timeoutSeconds: function.timeoutSeconds, isCancelled: control.isCancelled)
    // Whatever the function left running in its group goes with it, as Lambda freezes it.
    kill(-child.pid, SIGKILL)
    control.ended()
    let output = log.finish(waitingAtMost: 2)
    let logs = String(decoding: output, as: UTF8.self)
    let milliseconds = Date().timeIntervalSince(started) * 1000
    if control.isCancelled() { return .cancelled }
    guard let status = exit else {
      return .invoked(.timedOut(requestID: invocation.requestID, seconds: function.timeoutSeconds, logs: logs, droppedLogBytes: log.dropped))
    }
    guard let bytes = FileManager.default.contents(atPath: resultFile), let kind = bytes.first else {
      let how = status > 128 ? "signal: \(Self.signalName(status - 128))" : "exit status \(status)"
      return .invoked(.exited(requestID: invocation.requestID, status: how, logs: logs, droppedLogBytes: log.dropped, milliseconds: milliseconds))
    }
    return .invoked(
      FunctionResponse(
        payload: String(decoding: bytes.dropFirst(), as: UTF8.self), isFunctionError: kind == UInt8(ascii: "E"),
        logs: logs, droppedLogBytes: log.dropped, durationMilliseconds: milliseconds))
  }

  /// One invocation on the function's warm worker (started when there is none).
  private func invokeWarm(
    _ invocation: FunctionInvocation, event: JSONValue, control: JobControl, program: [String],
    environment: [String: String], resultFile: String
  ) -> HandlerResult {
    let function = invocation.function
    let key = [function.name, function.codeDirectory, function.handler, function.runtime].joined(separator: "\u{0}")
    lock.lock()
    var worker = idle.removeValue(forKey: key)
    lock.unlock()
    if let stale = worker, stale.exitStatus() != nil {
      stale.stop()
      worker = nil
    }
    if worker == nil { worker = WarmWorker(arguments: program, environment: environment) }
    guard let worker else {
      let why = String(cString: strerror(errno))
      return .invoked(.lambdaError(type: "Runtime.InvalidEntrypoint", message: "could not start \(program[0]) for \(function.name): \(why)"))
    }
    let started = Date()
    let deadline = started.addingTimeInterval(function.timeoutSeconds)
    var request = JSONObject()
    request["requestId"] = .string(invocation.requestID)
    request["deadlineMs"] = .number(JSONNumber(Int(deadline.timeIntervalSince1970 * 1000)))
    request["arn"] = .string(invocation.invokedARN)
    request["event"] = event
    request["resultFile"] = .string(resultFile)
    // The group is the job's for cancelling; the worker keeps its TerminationGuard slot.
    control.started(worker.child.pid, guardSlot: nil)
    let sent = worker.send(Array((JSONValue.object(request).compactString + "\n").utf8))
    let output = sent ? worker.log.output(until: WarmWorker.endMarker(invocation.requestID), deadline: deadline, isCancelled: control.isCancelled) : nil
    control.ended()
    let milliseconds = Date().timeIntervalSince(started) * 1000
    guard let output else {
      let exited = worker.exitStatus()
      let status = worker.stop()
      let (text, dropped) = worker.log.drain()
      let logs = String(decoding: text, as: UTF8.self)
      if control.isCancelled() { return .cancelled }
      if exited == nil && Date() >= deadline {
        return .invoked(.timedOut(requestID: invocation.requestID, seconds: function.timeoutSeconds, logs: logs, droppedLogBytes: dropped))
      }
      let code = exited ?? status
      let how = code > 128 ? "signal: \(Self.signalName(code - 128))" : "exit status \(code)"
      return .invoked(.exited(requestID: invocation.requestID, status: how, logs: logs, droppedLogBytes: dropped, milliseconds: milliseconds))
    }
    lock.lock()
    if let other = idle.updateValue(worker, forKey: key) { other.stop() }
    lock.unlock()
    let logs = String(decoding: output.text, as: UTF8.self)
    guard let bytes = FileManager.default.contents(atPath: resultFile), let kind = bytes.first else {
      return .invoked(.exited(requestID: invocation.requestID, status: "exit status 1", logs: logs, droppedLogBytes: output.dropped, milliseconds: milliseconds))
    }
    return .invoked(
      FunctionResponse(
        payload: String(decoding: bytes.dropFirst(), as: UTF8.self), isFunctionError: kind == UInt8(ascii: "E"),
        logs: logs, droppedLogBytes: output.dropped, durationMilliseconds: milliseconds))
  }

  private var interpreters: [String: String] = [:]

  /// The interpreter's own path, asked once: a version manager's shim on PATH (pyenv's is a
  /// shell script) would otherwise cost ~250 ms on every invocation.
  private func interpreter(_ name: String) -> String {
    lock.lock()
    if let known = interpreters[name] {
      lock.unlock()
      return known
    }
    lock.unlock()
    let ask = name == "python3" ? "import sys; print(sys.executable)" : "console.log(process.execPath)"
    var path = name
    if let child = ChildProcess.spawn(arguments: [name, name == "python3" ? "-c" : "-e", ask], environment: ProcessInfo.processInfo.environment) {
      let out = PipeReader(fd: child.stdout)
      let err = PipeReader(fd: child.stderr!)
      child.feed([])
      let status = child.wait(timeoutSeconds: 10, isCancelled: { false })
      let text = String(decoding: out.finish(waitingAtMost: 1), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      _ = err.finish(waitingAtMost: 1)
      if status == 0, text.hasPrefix("/") { path = text }
      if let slot = child.guardSlot { TerminationGuard.forget(slot) }
    }
    lock.lock()
    interpreters[name] = path
    lock.unlock()
    return path
  }

  /// Go's names, as Lambda's "Runtime exited with error: signal: killed" uses them.
  static func signalName(_ signal: Int32) -> String {
    switch signal {
    case SIGKILL: return "killed"
    case SIGSEGV: return "segmentation fault"
    case SIGABRT: return "aborted"
    case SIGTERM: return "terminated"
    default: return "signal \(signal)"
    }
  }

  /// The bootstrap for `language` and a fresh result file name, in a folder of this runner.
  private func files(for language: LocalFunction.Language) -> (String, String)? {
    lock.lock()
    defer { lock.unlock() }
    if folder == nil {
      var template = Array((NSTemporaryDirectory() + "/sfdbg-lambda-XXXXXX").utf8CString)
      guard let made = mkdtemp(&template) else { return nil }
      let path = String(cString: made)
      do {
        try FunctionBootstrap.python.write(toFile: path + "/bootstrap.py", atomically: true, encoding: .utf8)
        try FunctionBootstrap.node.write(toFile: path + "/bootstrap.js", atomically: true, encoding: .utf8)
      } catch {
        return nil
      }
      folder = path
    }
    count += 1
    let bootstrap = folder! + (language == .python ? "/bootstrap.py" : "/bootstrap.js")
    return (bootstrap, folder! + "/result-\(count)")
  }
}

/// The environment Lambda gives a function (its reserved variables, from "Defined runtime
/// environment variables" in the Lambda developer guide), over the template's
/// `Environment.Variables`, plus the session's endpoint.
public enum FunctionEnvironment {
  /// Host variables a function keeps so that `python3` and `node` start as they do in a shell
  /// (pyenv shims need HOME and PYENV_*).
  static let inherited = ["PATH", "HOME", "PYENV_ROOT", "PYENV_VERSION", "NODE_PATH", "PYTHONPATH", "LANG"]

  /// `endpoint`: `EndpointEnvironment`'s variables for the session's endpoint (empty: none).
  public static func variables(for function: LocalFunction, endpoint: [String: String], host: [String: String]) -> [String: String] {
    var env: [String: String] = [:]
    for key in inherited { if let v = host[key] { env[key] = v } }
    env.merge(function.environment) { _, new in new }
    let region = LocalAccount.region
    let reserved: [String: String] = [
      "AWS_REGION": region,
      "AWS_DEFAULT_REGION": region,
      "AWS_EXECUTION_ENV": "AWS_Lambda_\(function.runtime)",
      "AWS_LAMBDA_FUNCTION_NAME": function.name,
      "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
      "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": String(function.memorySize),
      "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/\(function.name)",
      "AWS_LAMBDA_LOG_STREAM_NAME": "2025/01/01/[$LATEST]00000000000000000000000000000000",
      "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
      "LAMBDA_TASK_ROOT": function.codeDirectory,
      "_HANDLER": function.handler,
      "TZ": ":UTC",
      "AWS_ACCESS_KEY_ID": "sfdbg",
      "AWS_SECRET_ACCESS_KEY": "sfdbg",
      "AWS_SESSION_TOKEN": "sfdbg",
    ]
    env.merge(reserved) { _, new in new }
    env.merge(endpoint) { _, new in new }
    // Without an endpoint an SDK call must fail at once, here, rather than reach AWS: a
    // loopback port nothing listens on refuses it.
    if endpoint["AWS_ENDPOINT_URL_SFN"] == nil {
      env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1"
      env["AWS_ENDPOINT_URL_SFN"] = "http://127.0.0.1:1"
    }
    return env
  }
}
