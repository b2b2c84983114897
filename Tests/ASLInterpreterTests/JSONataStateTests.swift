import ASLInterpreter
import JSONCore
import Testing

@Suite struct JSONataStateTests {
  @Test func passOutputAndAssign() throws {
    let e = try runMachine(
      """
      {"QueryLanguage":"JSONata","StartAt":"A","States":{
        "A":{"Type":"Pass","Assign":{"total":"{% $sum($states.input.xs) %}"},"Output":{"n":"{% $count($states.input.xs) %}"},"Next":"B"},
        "B":{"Type":"Pass","Output":"{% {'n': $states.input.n, 'total': $total} %}","End":true}}}
      """, input: #"{"xs":[1,2,3]}"#)
    #expect(e.output == json(#"{"n":3,"total":6}"#))
  }

  @Test func taskArgumentsResultAndOutput() throws {
    let e = try runMachine(
      """
      {"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task",
        "Resource":"arn:aws:states:::lambda:invoke","Arguments":{"v":"{% $states.input.v * 2 %}"},
        "Output":"{% $states.result.v + 1 %}","End":true}}}
      """, input: #"{"v":4}"#, resolver: .echo)
    #expect(e.output == 9)
  }

  @Test func choiceConditionsAndDefaultOutput() throws {
    let definition = """
      {"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
        {"Condition":"{% $states.input.v > 10 %}","Output":"big","Next":"E"}],
        "Default":"E","Output":"small"},"E":{"Type":"Succeed"}}}
      """
    #expect(try runMachine(definition, input: #"{"v":11}"#).output == "big")
    #expect(try runMachine(definition, input: #"{"v":1}"#).output == "small")
  }

  @Test func undefinedOutputFailsWithEvaluationFailed() throws {
    let e = try runMachine(
      #"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $nope %}","End":true}}}"#)
    #expect(e.failure?.error == "States.QueryEvaluationError")
    #expect(e.eventTypes == ["ExecutionStarted", "PassStateEntered", "EvaluationFailed", "ExecutionFailed"])
  }

  @Test func mapItemsAndItemSelector() throws {
    let e = try runMachine(
      """
      {"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","Items":"{% $states.input.xs %}",
        "ItemSelector":{"i":"{% $states.context.Map.Item.Index %}","v":"{% $states.context.Map.Item.Value %}"},
        "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
      """, input: #"{"xs":["a","b"]}"#)
    #expect(e.output == json(#"[{"i":0,"v":"a"},{"i":1,"v":"b"}]"#))
  }

  @Test func catchOutputSeesErrorOutput() throws {
    let e = try runMachine(
      """
      {"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f",
        "Catch":[{"ErrorEquals":["States.ALL"],"Output":"{% $states.errorOutput.Error %}","Next":"D"}],"End":true},
        "D":{"Type":"Succeed"}}}
      """, resolver: .table(["T": [.failed(error: "Boom", cause: "x")]]))
    #expect(e.output == "Boom")
  }

  @Test func waitSecondsExpression() throws {
    let e = try runMachine(
      #"{"QueryLanguage":"JSONata","StartAt":"W","States":{"W":{"Type":"Wait","Seconds":"{% $states.input.s %}","End":true}}}"#,
      input: #"{"s":7}"#)
    #expect(e.offsets(of: "WaitStateExited") == [7])
  }

  @Test func failStateClosesItsTraceAsFailed() throws {
    let e = try runMachine(
      """
      {"QueryLanguage":"JSONata","StartAt":"Boom","States":{"Boom":{"Type":"Fail",
        "Error":"{% 'Bad' & 'Input' %}","Cause":"{% $states.input.why %}"}}}
      """, input: #"{"why":"no items"}"#, options: ExecutionOptions(recordTraces: true))
    #expect(e.failure?.error == "BadInput")
    let trace = try #require(e.traces.last)
    #expect(trace.stateName == "Boom")
    #expect(trace.failure?.error == "BadInput")
    #expect(trace.failure?.cause == "no items")
    #expect(trace.nextState == nil)
  }

  /// The same Fail state in both query languages leaves the same trace.
  @Test(arguments: [
    #"{"StartAt":"Boom","States":{"Boom":{"Type":"Fail","ErrorPath":"$.error","Cause":"c"}}}"#,
    #"{"QueryLanguage":"JSONata","StartAt":"Boom","States":{"Boom":{"Type":"Fail","Error":"{% $states.input.error %}","Cause":"c"}}}"#,
  ])
  func failTraceIsTheSameInBothLanguages(definition: String) throws {
    let e = try runMachine(definition, input: #"{"error":"E"}"#, options: ExecutionOptions(recordTraces: true))
    #expect(e.traces.map(\.stateName) == ["Boom"])
    #expect(e.traces.first?.failure?.error == "E")
    #expect(e.traces.first?.failure?.cause == "c")
    #expect(e.traces.first?.stages.map(\.name) == ["Input"])
  }
}
