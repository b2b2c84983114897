import ASLRuntime
import JSONCore

/// A `--handler 'STATE_OR_RESOURCE=COMMAND'` rule: a shell command that resolves Task states.
///
/// The command gets the task's input JSON on stdin (and the task token in `SFDBG_TASK_TOKEN`
/// when there is one) and prints the result JSON on stdout. Exiting non-zero fails the task; when
/// stdout then holds `{"error": ..., "cause": ...}` those are the error and cause, otherwise the
/// error is `Handler.Failed` with stderr as the cause.
public struct TaskHandler: Sendable, Equatable {
  /// A state name or a resource ARN (with or without the `.sync`/`.waitForTaskToken` suffix).
  /// A trailing `*` matches any resource with that prefix, e.g. `arn:aws:states:::lambda:*`.
  public var target: String
  public var command: String

  public init(target: String, command: String) {
    self.target = target
    self.command = command
  }

  /// Parses `TARGET=COMMAND` (the first `=` splits; state names may not contain `=`).
  public init(spec: String) throws(CommandError) {
    guard let eq = spec.firstIndex(of: "="), eq != spec.startIndex else {
      throw CommandError("--handler expects STATE_OR_RESOURCE=COMMAND, found \"\(spec)\"")
    }
    let command = String(spec[spec.index(after: eq)...]).trimmingWhitespace()
    guard !command.isEmpty else { throw CommandError("--handler \"\(spec)\" has an empty command") }
    self.init(target: String(spec[..<eq]).trimmingWhitespace(), command: command)
  }

  /// Whether this handler resolves a task of `state` on `resource`.
  public func matches(state: String, resource: String, baseResource: String) -> Bool {
    if target == state || target == resource || target == baseResource { return true }
    if target.hasSuffix("*") {
      let prefix = String(target.dropLast())
      return resource.hasPrefix(prefix) || baseResource.hasPrefix(prefix)
    }
    return false
  }
}

/// AWS's limits on a task failure: SendTaskFailure refuses an error over 256 characters or a
/// cause over 32,768 (its SensitiveError and SensitiveCause shapes).
public enum TaskFailureLimits {
  public static let errorLength = 256
  public static let causeLength = ServiceResponses.maxCauseLength

  /// AWS's ValidationException text for `field` ("error" or "cause") longer than `limit`, or nil.
  public static func refusal(_ field: String, _ text: String, limit: Int) -> String? {
    guard text.utf16.count > limit else { return nil }
    return "Step Functions refuses it: 1 validation error detected: Value at '\(field)' failed to "
      + "satisfy constraint: Member must have length less than or equal to \(limit) "
      + "(it has \(text.utf16.count))"
  }

  /// `text` cut to `limit` UTF-16 units (AWS counts Java characters), saying how much was cut.
  public static func truncated(_ text: String, limit: Int) -> String {
    guard text.utf16.count > limit else { return text }
    let note = "… (cut at \(limit) characters, as Step Functions keeps at most that)"
    var kept = Substring(text.prefix(limit - note.utf16.count))
    while kept.utf16.count > limit - note.utf16.count { kept.removeLast() }
    return kept + note
  }
}

/// What a handler run produced.
public enum HandlerResult: Sendable, Equatable {
  case succeeded(JSONValue)
  case failed(error: String, cause: String)
  /// The handler ran past its time limit and was killed.
  case timedOut
  /// The user stopped the handler (`EffectPerformer.cancel`); the task goes to a person.
  case cancelled
  /// A local Lambda function answered (`HandlerJob.function`): its payload or function error.
  case invoked(FunctionResponse)
}
