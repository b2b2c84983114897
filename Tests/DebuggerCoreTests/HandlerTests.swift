import Foundation
import JSONCore
import Testing
@testable import DebuggerCore

@Suite struct HandlerTests {
  @Test func parsesSpecsAndMatches() throws {
    let h = try TaskHandler(spec: "arn:aws:states:::lambda:invoke=./fn.sh --fast")
    #expect(h.target == "arn:aws:states:::lambda:invoke")
    #expect(h.command == "./fn.sh --fast")
    #expect(h.matches(state: "X", resource: "arn:aws:states:::lambda:invoke.waitForTaskToken", baseResource: "arn:aws:states:::lambda:invoke"))
    #expect(try TaskHandler(spec: "Charge card=cat").matches(state: "Charge card", resource: "r", baseResource: "r"))
    #expect(try TaskHandler(spec: "arn:aws:states:::sqs:*=cat").matches(state: "S", resource: "arn:aws:states:::sqs:sendMessage", baseResource: "arn:aws:states:::sqs:sendMessage"))
    #expect(throws: CommandError.self) { try TaskHandler(spec: "no-equals") }
  }

  @Test func succeedsWithStdoutJSON() {
    let h = TaskHandler(target: "S", command: #"python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps({"got": d["n"] + 1}))'"#)
    #expect(HandlerProcess.run(h, input: ["n": 41], taskToken: nil, timeoutSeconds: 20) == .succeeded(["got": 42]))
  }

  @Test func seesTheTaskToken() {
    let h = TaskHandler(target: "S", command: #"printf '"%s"' "$SFDBG_TASK_TOKEN""#)
    #expect(HandlerProcess.run(h, input: [:], taskToken: "tok-1", timeoutSeconds: 20) == .succeeded("tok-1"))
  }

  @Test func failsWithErrorAndCause() {
    let h = TaskHandler(target: "S", command: #"echo '{"error":"Payment.Declined","cause":"card expired"}'; exit 3"#)
    #expect(HandlerProcess.run(h, input: [:], taskToken: nil, timeoutSeconds: 20) == .failed(error: "Payment.Declined", cause: "card expired"))
    let plain = TaskHandler(target: "S", command: "echo oops >&2; exit 1")
    #expect(HandlerProcess.run(plain, input: [:], taskToken: nil, timeoutSeconds: 20) == .failed(error: "Handler.Failed", cause: "oops"))
  }

  @Test func invalidOutputIsAFailure() {
    let h = TaskHandler(target: "S", command: "echo '{not json'")
    guard case .failed(let e, _) = HandlerProcess.run(h, input: [:], taskToken: nil, timeoutSeconds: 20) else {
      Issue.record("expected a failure")
      return
    }
    #expect(e == "Handler.InvalidOutput")
  }

  @Test func aHandlerCanBeStoppedFromAnotherThread() throws {
    let h = TaskHandler(target: "S", command: "sleep 30")
    final class Box: @unchecked Sendable {
      var thread: UInt = 0
      var result: HandlerResult?
      let started = DispatchSemaphore(value: 0)
      let done = DispatchSemaphore(value: 0)
    }
    let box = Box()
    let start = ContinuousClock.now
    Thread {
      box.thread = HandlerProcess.currentThreadID()
      box.started.signal()
      box.result = HandlerProcess.run(h, input: [:], taskToken: nil, timeoutSeconds: 60)
      box.done.signal()
    }.start()
    box.started.wait()
    Thread.sleep(forTimeInterval: 0.3)
    HandlerProcess.cancelRunning(onThread: box.thread)
    #expect(box.done.wait(timeout: .now() + 10) == .success)
    #expect(box.result == .cancelled)
    #expect(ContinuousClock.now - start < .seconds(10))
  }

  @Test func aHungHandlerIsKilledAtTheTimeout() {
    let h = TaskHandler(target: "S", command: "sleep 30")
    let start = ContinuousClock.now
    #expect(HandlerProcess.run(h, input: [:], taskToken: nil, timeoutSeconds: 0.5) == .timedOut)
    #expect(ContinuousClock.now - start < .seconds(10))
  }
}
