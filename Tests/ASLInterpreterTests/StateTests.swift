import ASLInterpreter
import JSONCore
import Testing

@Suite struct StateTests {
  @Test func choiceRulesAndDefault() throws {
    let definition = """
      {"StartAt":"C","States":{
        "C":{"Type":"Choice","Choices":[
          {"Not":{"Variable":"$.n","IsPresent":true},"Next":"None"},
          {"And":[{"Variable":"$.n","NumericGreaterThan":1},{"Variable":"$.s","StringMatches":"a*"}],
           "Next":"Big"}],"Default":"Small"},
        "Big":{"Type":"Pass","Result":"big","End":true},
        "None":{"Type":"Pass","Result":"none","End":true},
        "Small":{"Type":"Pass","Result":"small","End":true}}}
      """
    #expect(try runMachine(definition, input: #"{"n":5,"s":"abc"}"#).output == "big")
    #expect(try runMachine(definition, input: #"{"s":"abc"}"#).output == "none")
    #expect(try runMachine(definition, input: #"{"n":0,"s":"abc"}"#).output == "small")
    // A missing Variable in a comparison is a runtime error, as on AWS.
    let missing = try runMachine(
      #"{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":1,"Next":"X"}],"Default":"X"},"X":{"Type":"Succeed"}}}"#)
    #expect(missing.failure?.error == "States.Runtime")
  }

  @Test func noChoiceMatched() throws {
    let e = try runMachine(
      """
      {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
        {"Variable":"$.n","NumericEquals":1,"Next":"X"}]},"X":{"Type":"Succeed"}}}
      """, input: #"{"n":2}"#)
    #expect(e.failure?.error == "States.NoChoiceMatched")
  }

  @Test func choiceTraceExplainsRules() throws {
    let e = try runMachine(
      """
      {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
        {"Variable":"$.n","NumericEquals":1,"Next":"X"},
        {"Variable":"$.n","NumericEqualsPath":"$.m","Next":"X"}]},"X":{"Type":"Succeed"}}}
      """, input: #"{"n":2,"m":2}"#, options: ExecutionOptions(recordTraces: true))
    let choice = e.traces.first?.choice
    #expect(choice?.matchedRule == 1)
    #expect(choice?.rules.map(\.matched) == [false, true])
    #expect(choice?.rules[1].reads.map(\.path) == ["$.n", "$.m"])
  }

  @Test func waitAdvancesTheVirtualClock() throws {
    let e = try runMachine(
      """
      {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"Next":"W2"},
        "W2":{"Type":"Wait","TimestampPath":"$.until","End":true}}}
      """, input: #"{"until":"2025-01-01T00:01:00Z"}"#)
    #expect(e.offsets(of: "WaitStateExited") == [10, 60])
    #expect(e.output == json(#"{"until":"2025-01-01T00:01:00Z"}"#))
  }

  @Test func waitSecondsPathErrors() throws {
    let negative = try runMachine(
      #"{"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}}"#,
      input: #"{"s":-1}"#)
    #expect(negative.failure?.cause?.hasSuffix("The SecondsPath parameter references a negative value: $.s == -1") == true)
    let fraction = try runMachine(
      #"{"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}}"#,
      input: #"{"s":1.5}"#)
    #expect(fraction.failure?.error == "States.Runtime")
  }

  @Test func failWithPaths() throws {
    let e = try runMachine(
      #"{"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.e","CausePath":"States.Format('why {}', $.c)"}}}"#,
      input: #"{"e":"Oops","c":"now"}"#)
    #expect(e.failure?.error == "Oops")
    #expect(e.failure?.cause == "why now")
    #expect(e.eventTypes == ["ExecutionStarted", "FailStateEntered", "ExecutionFailed"])
  }

  @Test func succeedEndsTheExecution() throws {
    let e = try runMachine(
      #"{"StartAt":"S","States":{"S":{"Type":"Succeed","OutputPath":"$.a"}}}"#, input: #"{"a":3}"#)
    #expect(e.output == 3)
  }

  @Test func executionTimeout() throws {
    let e = try runMachine(
      """
      {"StartAt":"W","TimeoutSeconds":5,"States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}
      """)
    #expect(e.status.name == "TIMED_OUT")
    #expect(e.eventTypes.last == "ExecutionTimedOut")
    #expect(e.offsets(of: "ExecutionTimedOut") == [5])
  }

  @Test func infiniteLoopEndsAtTheHistoryLimit() throws {
    let e = try runMachine(
      #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}"#)
    #expect(e.history.count == 25_000)
    #expect(e.history.last?.type == "ExecutionFailed")
    #expect(e.status.name == "FAILED")
  }

  @Test func stepByStepAndSnapshots() throws {
    var e = try makeExecution(
      #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}"#)
    guard case .progressed(_, let started) = e.step() else {
      Issue.record("no start")
      return
    }
    #expect(started.map(\.type) == ["ExecutionStarted"])
    let snapshot = e
    guard case .progressed(let unit, let events) = e.step() else {
      Issue.record("no transition")
      return
    }
    #expect(unit == 0)
    #expect(events.map(\.type) == ["PassStateEntered", "PassStateExited"])
    #expect(e.currentStates.map(\.stateName) == ["B"])
    #expect(snapshot.currentStates.map(\.stateName) == ["A"])
    #expect(snapshot.history.count == 1)
    _ = e.step()
    guard case .finished(let status) = e.step() else {
      Issue.record("not finished")
      return
    }
    #expect(status.name == "SUCCEEDED")
  }
}
