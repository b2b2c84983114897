@testable import DebuggerCore
import Foundation
import JSONCore
import SFDBGTestSupport
import Testing
@testable import HandlerProcesses

/// Real handler processes: what they print becomes the result; time limits, cancel and the kill
/// of the whole process group. Every sleep here is short and killed early.
@Suite struct HandlerProcessTests {
  func job(_ command: String, id: Int = 1, input: JSONValue = [:], token: String? = nil, timeout: Double = 20) -> HandlerJob {
    HandlerJob(id: JobID(id), handler: TaskHandler(target: "S", command: command), input: input, taskToken: token, timeoutSeconds: timeout)
  }

  /// Runs one job to its end.
  func run(_ job: HandlerJob) -> HandlerResult? {
    let runner = HandlerProcessRunner()
    runner.start(job)
    let finished = runner.nextResult(waitingAtMost: nil)
    #expect(finished?.job == job.id)
    return finished?.result
  }

  /// Whether a process `pid` exists (a zombie of ours counts as gone once reaped by init).
  func isAlive(_ pid: pid_t) -> Bool { kill(pid, 0) == 0 }

  @Test func stdoutJSONIsTheResult() {
    #expect(run(job("cat", input: ["n": 41, "s": "x"])) == .succeeded(["n": 41, "s": "x"]))
    #expect(run(job(#"echo '{"got": 42}'"#)) == .succeeded(["got": 42]))
    #expect(run(job("true")) == .succeeded(.null), "no output is null")
  }

  @Test func seesTheTaskToken() {
    #expect(run(job(#"printf '"%s"' "$SFDBG_TASK_TOKEN""#, token: "tok-1")) == .succeeded("tok-1"))
  }

  @Test func aBadExitFailsWithErrorAndCause() {
    #expect(run(job(#"echo '{"error":"Payment.Declined","cause":"card expired"}'; exit 3"#))
      == .failed(error: "Payment.Declined", cause: "card expired"))
    #expect(run(job("echo oops >&2; exit 1")) == .failed(error: "Handler.Failed", cause: "oops"))
    #expect(run(job("exit 4")) == .failed(error: "Handler.Failed", cause: "handler 'exit 4' exited with status 4"))
  }

  @Test func nonJSONOutputIsAFailure() {
    guard case .failed(let error, let cause)? = run(job("echo '{not json'")) else {
      Issue.record("expected a failure")
      return
    }
    #expect(error == "Handler.InvalidOutput")
    #expect(cause.hasPrefix("handler 'echo '{not json'' printed invalid JSON"))
  }

  @Test func aHungHandlerIsKilledAtTheTimeout() {
    let start = ContinuousClock.now
    #expect(run(job("sleep 5", timeout: 0.2)) == .timedOut)
    #expect(ContinuousClock.now - start < .seconds(3))
  }

  @Test func theWholeProcessGroupIsKilled() throws {
    let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("sfdbg-group-\(getpid())-\(Int.random(in: 0..<1_000_000))").path
    defer { try? FileManager.default.removeItem(atPath: pidFile) }
    // The shell starts a grandchild and waits: the timeout must take both.
    #expect(run(job("sleep 5 & echo $! > \(pidFile); wait", timeout: 0.3)) == .timedOut)
    let text = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    let grandchild = try #require(pid_t(text))
    // Killed, and reaped by init shortly after.
    let deadline = ContinuousClock.now + .seconds(3)
    while isAlive(grandchild) && ContinuousClock.now < deadline { usleep(10_000) }
    #expect(!isAlive(grandchild), "the background sleep \(grandchild) outlived its handler")
  }

  @Test func cancelStopsAJobAtOnce() {
    let runner = HandlerProcessRunner()
    let start = ContinuousClock.now
    runner.start(job("sleep 5"))
    // Waiting with a deadline returns while the job runs: the screen stays live meanwhile.
    #expect(runner.nextResult(waitingAtMost: .milliseconds(200)) == nil)
    #expect(runner.runningJobs == [JobID(1)])
    runner.cancel(JobID(1))
    let finished = runner.nextResult(waitingAtMost: nil)
    #expect(finished?.job == JobID(1) && finished?.result == .cancelled)
    #expect(ContinuousClock.now - start < .seconds(3))
    #expect(runner.runningJobs.isEmpty)
    #expect(runner.nextResult(waitingAtMost: nil) == nil, "nothing runs: no wait")
  }

  @Test func jobsRunSideBySideAndAnswerByID() {
    let runner = HandlerProcessRunner()
    runner.start(job("sleep 5", id: 1))
    runner.start(job(#"echo '"quick"'"#, id: 2))
    let start = ContinuousClock.now
    let first = runner.nextResult(waitingAtMost: nil)
    #expect(first?.job == JobID(2) && first?.result == .succeeded("quick"))
    // Its output ended with it: no pipe of its leaked into the other job's child.
    #expect(ContinuousClock.now - start < .seconds(1.5))
    runner.stopAll()
    let second = runner.nextResult(waitingAtMost: nil)
    #expect(second?.job == JobID(1) && second?.result == .cancelled)
  }

  /// The result of a handler job as the session sees it, through the effect loop.
  @Test func theEffectLoopRunsRealHandlers() throws {
    let m = try machine("M", """
      {"StartAt": "Work", "States": {"Work": {"Type": "Task",
        "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true}}}
      """)
    var session = try Session(
      machines: [m], mainMachine: "M", input: ["n": 2],
      configuration: SessionConfiguration(handlers: [TaskHandler(target: "Work", command: "cat")]))
    var performer = Performer()
    let outcome = EffectLoop.run(.continue, on: &session, performer: &performer)
    #expect(outcome.stop == .finished)
    #expect(session.mainExecution.status == .succeeded(output: ["n": 2]))
  }

  struct Performer: EffectPerformer {
    let runner = HandlerProcessRunner()
    func start(_ job: HandlerJob) { runner.start(job) }
    func nextResult(waitingAtMost timeout: Duration?) -> (job: JobID, result: HandlerResult)? { runner.nextResult(waitingAtMost: timeout) }
    func cancel(_ job: JobID) { runner.cancel(job) }
    func writeFile(path: String, contents: String) -> String? { "not here" }
  }
}
