import ASLModel
import JSONCore
import SFDBGTestSupport
import Testing

@Suite struct StateMachineDecodingTests {
  func decode(_ text: String) throws -> StateMachine {
    try stateMachine(text)
  }

  func decodingError(_ text: String) -> ModelDecodingError? {
    do {
      _ = try decode(text)
      return nil
    } catch let error as ModelDecodingError {
      return error
    } catch {
      return nil
    }
  }

  @Test func decodesEveryStateType() throws {
    let machine = try decode(
      """
      {"StartAt":"P","TimeoutSeconds":30,"Comment":"c","States":{
        "P":{"Type":"Pass","Result":{"a":1},"ResultPath":"$.r","Next":"T"},
        "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
             "Parameters":{"x.$":"$.a"},"ResultSelector":{"y.$":"$.b"},"TimeoutSeconds":5,
             "HeartbeatSecondsPath":"$.hb",
             "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":2,"MaxAttempts":4,
                       "BackoffRate":1.5,"MaxDelaySeconds":9,"JitterStrategy":"FULL"}],
             "Catch":[{"ErrorEquals":["E"],"ResultPath":null,"Next":"C"}],"Next":"C"},
        "C":{"Type":"Choice","Choices":[
              {"And":[{"Variable":"$.a","NumericGreaterThan":1},
                      {"Not":{"Variable":"$.b","IsPresent":true}}],"Next":"W"}],
             "Default":"F"},
        "W":{"Type":"Wait","SecondsPath":"$.s","Next":"Par"},
        "Par":{"Type":"Parallel","Branches":[{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}],
               "Next":"M"},
        "M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,
             "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                              "StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},
             "ItemBatcher":{"MaxItemsPerBatch":3},"ToleratedFailurePercentage":10,"End":true},
        "F":{"Type":"Fail","Error":"Bad","CausePath":"$.why"}}}
      """)
    #expect(machine.startAt == "P")
    #expect(machine.timeoutSeconds == 30)
    #expect(machine.states.map(\.typeName) == ["Pass", "Task", "Choice", "Wait", "Parallel", "Map", "Fail"])
    guard case .task(let task)? = machine.state(named: "T") else {
      Issue.record("T is not a Task")
      return
    }
    #expect(task.errorHandling.retry.first?.maxDelaySeconds == 9)
    #expect(task.errorHandling.retry.first?.jitterStrategy == .full)
    #expect(task.errorHandling.catchers.first?.resultPath == .null)
    #expect(task.timeout == .seconds(5))
    #expect(task.heartbeat == .path("$.hb"))
    guard case .choice(let choice)? = machine.state(named: "C"),
      case .and(let parts) = choice.choices[0].condition
    else {
      Issue.record("C is not an And choice")
      return
    }
    #expect(parts.count == 2)
    #expect(choice.defaultState == "F")
    guard case .map(let map)? = machine.state(named: "M") else {
      Issue.record("M is not a Map")
      return
    }
    #expect(map.processorMode == .distributed)
    #expect(map.maxConcurrency == .value(JSONNumber(2)))
    #expect(map.itemBatcher?.maxItemsPerBatch == .value(JSONNumber(3)))
  }

  @Test func legacyIteratorAndParameters() throws {
    let machine = try decode(
      """
      {"StartAt":"M","States":{"M":{"Type":"Map","Parameters":{"v.$":"$$.Map.Item.Value"},
        "Iterator":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}
      """)
    guard case .map(let map)? = machine.state(named: "M") else {
      Issue.record("M is not a Map")
      return
    }
    #expect(map.usesLegacyIterator)
    #expect(map.itemSelector != nil)
    #expect(map.common.readsContext)
  }

  @Test func errorsCarryPointerAndExpectation() {
    let unknownType = decodingError(#"{"StartAt":"A","States":{"A":{"Type":"Bogus"}}}"#)
    #expect(unknownType?.pointer == JSONPointer("/States/A/Type"))
    #expect(unknownType?.message.contains("Bogus") == true)

    let badNext = decodingError(#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Z"}}}"#)
    #expect(badNext?.pointer == JSONPointer("/States/A/Next"))

    let wrongType = decodingError(#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":3}}}"#)
    #expect(wrongType?.message == "expected a string for 'Next', found number")

    let missingStates = decodingError(#"{"StartAt":"A"}"#)
    #expect(missingStates?.message.contains("States") == true)

    let notObject = decodingError("[1]")
    #expect(notObject?.message.contains("expected an object") == true)
  }

  @Test(arguments: [
    (0, 2.0), (1, 4.0), (2, 5.0), (3, 5.0),
  ])
  func retrierDelays(attempt: Int, expected: Double) {
    let retrier = Retrier(errorEquals: ["E"], intervalSeconds: 2, backoffRate: 2, maxDelaySeconds: 5)
    #expect(retrier.delaySeconds(forAttempt: attempt) == expected)
  }

  @Test func errorMatching() {
    #expect(["States.ALL"].matchesError("Custom"))
    #expect(!["States.ALL"].matchesError("States.DataLimitExceeded"))
    #expect(!["States.ALL"].matchesError("States.Runtime"))
    #expect(["States.TaskFailed"].matchesError("Lambda.Unknown", inTask: true))
    #expect(!["States.TaskFailed"].matchesError("States.Timeout", inTask: true))
    #expect(!["States.TaskFailed"].matchesError("Other"))
  }
}
