import Foundation
import JSONCore
import Testing

/// `sfdbg run --handler`: tasks resolved by shell commands (success, failure, hang).
@Suite struct HandlerTests {
  /// A Lambda task by function ARN (the result is the handler's output as is).
  static let lambdaByARN = """
    {"StartAt": "Work", "States": {"Work": {"Type": "Task",
      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true}}}
    """
  /// The optimized `lambda:invoke` integration (the result wraps the payload).
  static let lambdaInvoke = """
    {"StartAt": "Work", "States": {"Work": {"Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "End": true}}}
    """

  @Test func handlerResultBecomesTheTaskResult() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("task.json", Self.lambdaByARN)
    let r = try CLI.run([
      "run", definition, "--json", "--input", #"{"n": 2}"#, "--handler", #"Work=echo '{"double": 4}'"#,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.json?["status"] == "SUCCEEDED")
    #expect(r.json?["output"] == ["double": 4])
  }

  @Test func handlerReadsTheTaskInputOnStdin() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("task.json", Self.lambdaByARN)
    let r = try CLI.run([
      "run", definition, "--json", "--input", #"{"n": 2, "s": "x"}"#, "--handler", "Work=cat",
    ])
    #expect(r.json?["output"] == ["n": 2, "s": "x"])
  }

  @Test func handlerMatchedByResource() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("task.json", Self.lambdaByARN)
    let r = try CLI.run([
      "run", definition, "--json", "--input", #"{"r": 1}"#,
      "--handler", "arn:aws:lambda:us-east-1:123456789012:function:f=cat",
    ])
    #expect(r.json?["status"] == "SUCCEEDED")
    #expect(r.json?["output"] == ["r": 1])
  }

  @Test func lambdaInvokeWrapsTheHandlerPayload() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("invoke.json", Self.lambdaInvoke)
    let r = try CLI.run(["run", definition, "--json", "--input", #"{"n": 2}"#, "--handler", "Work=cat"])
    #expect(r.status == 0)
    let output = try #require(r.json?["output"])
    #expect(output["Payload"] == ["n": 2], "the Lambda event is the Payload, echoed back")
    #expect(output["StatusCode"] == 200)
    #expect(output["ExecutedVersion"] == "$LATEST")
    #expect(output["SdkHttpMetadata"] != nil)
    #expect(output["SdkResponseMetadata"] != nil)
  }

  @Test func handlerFailureWithErrorAndCause() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("task.json", Self.lambdaByARN)
    let r = try CLI.run([
      "run", definition, "--json",
      "--handler", #"Work=echo '{"error": "My.Error", "cause": "bad things"}'; exit 3"#,
    ])
    #expect(r.status == 0, "the execution ran and FAILED")
    #expect(r.json?["status"] == "FAILED")
    #expect(r.json?["error"] == "My.Error")
    #expect(r.json?["cause"] == "bad things")
  }

  @Test func handlerFailureWithoutJSONUsesStderrAsCause() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("task.json", Self.lambdaByARN)
    let r = try CLI.run(["run", definition, "--json", "--handler", "Work=echo oops >&2; exit 1"])
    #expect(r.json?["status"] == "FAILED")
    #expect(r.json?["error"] == "Handler.Failed")
    #expect(r.json?["cause"] == "oops")
  }

  @Test func handlerFailureIsCaughtByTheMachine() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write(
      "catch.json",
      """
      {"StartAt": "Work", "States": {
        "Work": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
          "Catch": [{"ErrorEquals": ["My.Error"], "ResultPath": "$.err", "Next": "Handled"}],
          "End": true},
        "Handled": {"Type": "Pass", "End": true}}}
      """)
    let r = try CLI.run([
      "run", definition, "--json",
      "--handler", #"Work=echo '{"error": "My.Error", "cause": "c"}'; exit 1"#,
    ])
    #expect(r.json?["status"] == "SUCCEEDED")
    #expect(r.json?["output"]?["err"] == ["Error": "My.Error", "Cause": "c"])
  }

  @Test func hungHandlerIsKilledAtTheHandlerTimeout() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("task.json", Self.lambdaByARN)
    let started = Date()
    let r = try CLI.run(
      ["run", definition, "--json", "--handler", "Work=sleep 30", "--handler-timeout", "0.5"],
      timeout: 25)
    #expect(!r.timedOut)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.json?["status"] == "FAILED")
    #expect(r.json?["error"] == "States.Timeout")
    #expect(Date().timeIntervalSince(started) < 15, "killed long before the handler's 30 s")
  }

  @Test func hungHandlerIsKilledAtTheTasksTimeoutSeconds() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write(
      "timeout.json",
      """
      {"StartAt": "Work", "States": {"Work": {"Type": "Task", "TimeoutSeconds": 1,
        "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true}}}
      """)
    let started = Date()
    let r = try CLI.run(["run", definition, "--json", "--handler", "Work=sleep 30"], timeout: 25)
    #expect(!r.timedOut)
    #expect(r.json?["error"] == "States.Timeout")
    #expect(Date().timeIntervalSince(started) < 15)
  }

  /// The shell a handler runs in, and everything it started, must be gone after the kill.
  @Test  // F2 in /work/notes/cli-findings.md.
  func hungHandlerLeavesNoProcessBehind() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("task.json", Self.lambdaByARN)
    let marker = "41.\(Int.random(in: 100_000...999_999))"
    let r = try CLI.run(
      ["run", definition, "--json", "--handler", "Work=sleep \(marker); echo {}", "--handler-timeout", "0.5"],
      timeout: 25)
    #expect(r.json?["error"] == "States.Timeout")
    let survivors = Self.processes(withCommandLineContaining: marker)
    for pid in survivors { kill(pid, SIGKILL) }
    #expect(survivors.isEmpty, "left running: \(survivors)")
  }

  /// Killing sfdbg while a handler runs takes the handler's process group with it.
  @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
  func aSignalToSfdbgLeavesNoHandlerBehind(signal: Int32) throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("task.json", Self.lambdaByARN)
    let marker = "5.\(Int.random(in: 100_000...999_999))"
    // Spawned with no signal blocked (Foundation's Process blocks nearly all in its children).
    let pid = try Self.spawn(CLI.binary.path, ["run", definition, "--json", "--handler", "Work=sleep \(marker); echo {}"])
    Self.expectHandlerStarted(marker)
    // No pause here: a group is watched in the same signal-blocked step that spawns it.
    kill(pid, signal)
    var status: Int32 = 0
    _ = waitpid(pid, &status, 0)
    #expect(status & 0x7f == signal, "sfdbg died of the signal (wait status \(status))")
    Self.expectNoSurvivors(marker)
  }

  /// `timeout` (SIGTERM after its limit) around `sfdbg run` leaves no handler behind either.
  @Test func timeoutAroundSfdbgLeavesNoHandlerBehind() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("task.json", Self.lambdaByARN)
    let marker = "6.\(Int.random(in: 100_000...999_999))"
    let pid = try Self.spawn(
      "/usr/bin/timeout", ["3", CLI.binary.path, "run", definition, "--json", "--handler", "Work=sleep \(marker); echo {}"])
    Self.expectHandlerStarted(marker)
    var status: Int32 = 0
    _ = waitpid(pid, &status, 0)
    #expect((status >> 8) & 0xff == 124, "timeout stopped sfdbg (wait status \(status))")
    Self.expectNoSurvivors(marker)
  }

  @Test func handlerSeesTheTaskTokenOfACallbackTask() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write(
      "callback.json",
      """
      {"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"QueueUrl": "q", "MessageBody": {"t.$": "$$.Task.Token"}}, "End": true}}}
      """)
    let tokenFile = dir.path("token.txt")
    let r = try CLI.run([
      "run", definition, "--json", "--handler", #"Ask=printf %s "$SFDBG_TASK_TOKEN" > \#(tokenFile); echo '{}'"#,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.json?["status"] == "SUCCEEDED", "the handler's output is the callback's result")
    let token = (try? String(contentsOfFile: tokenFile, encoding: .utf8)) ?? ""
    #expect(token.count > 20, "SFDBG_TASK_TOKEN was set: '\(token)'")
  }

  @Test func malformedHandlerSpecIsRefused() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("task.json", Self.lambdaByARN)
    Expect.cleanError(try CLI.run(["run", definition, "--json", "--handler", "no-equals-sign"]))
  }

  /// Many handler runs side by side, as a loaded CI machine runs them: none may crash.
  @Test  // F7 in /work/notes/cli-findings.md: this used to crash about 1 run in 100.
  func handlerRunsNeverCrash() throws {
    let dir = try TemporaryFolder()
    let definition = try dir.write("task.json", Self.lambdaByARN)
    var crashes = 0
    for _ in 0..<8 {
      let processes = (0..<8).map { _ in
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["run", definition, "--json", "--input", #"{"n": 1}"#, "--handler", "Work=cat"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        return p
      }
      for p in processes { try p.run() }
      for p in processes {
        p.waitUntilExit()
        if p.terminationReason == .uncaughtSignal || p.terminationStatus != 0 { crashes += 1 }
      }
    }
    #expect(crashes == 0, "\(crashes) of 64 runs crashed")
  }

  /// Starts `path` with `arguments`, output to /dev/null, every signal unblocked and default.
  static func spawn(_ path: String, _ arguments: [String]) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd in Int32(0)...2 { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
    guard rc == 0 else { throw CocoaError(.executableLoad) }
    return pid
  }

  /// The pids whose command line contains `text`.
  /// Waits (up to 4 s) for a process whose command line holds `marker`.
  static func expectHandlerStarted(_ marker: String) {
    let deadline = Date().addingTimeInterval(4)
    while processes(withCommandLineContaining: marker).isEmpty && Date() < deadline { usleep(10_000) }
    #expect(!processes(withCommandLineContaining: marker).isEmpty, "the handler started")
  }

  /// No process whose command line holds `marker` is left (a killed child is reaped by init a
  /// moment later, so this waits up to 2 s); kills any it finds.
  static func expectNoSurvivors(_ marker: String) {
    var survivors = processes(withCommandLineContaining: marker)
    let reaped = Date().addingTimeInterval(2)
    while !survivors.isEmpty && Date() < reaped {
      usleep(10_000)
      survivors = processes(withCommandLineContaining: marker)
    }
    for pid in survivors { kill(pid, SIGKILL) }
    #expect(survivors.isEmpty, "left running: \(survivors)")
  }

  static func processes(withCommandLineContaining text: String) -> [pid_t] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry -> pid_t? in
      guard let pid = pid_t(entry), pid != getpid(),
        let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
      else { return nil }
      let commandLine = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
      return commandLine.contains(text) ? pid : nil
    }
  }
}
