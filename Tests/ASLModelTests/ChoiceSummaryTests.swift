import ASLModel
import JSONCore
import Testing

/// `ChoiceCondition.summary`: the one wording of a condition (graph edges, State I/O).
@Suite struct ChoiceSummaryTests {
  /// The summary of `rule` (a Choice rule without `Next`) decoded in a one-state machine.
  func summary(_ rule: String, language: String = "JSONPath") throws -> String {
    let withNext = "{\"Next\": \"C\", " + rule.dropFirst()
    let machine = try StateMachine(
      definition: JSONParser.parse(
        """
        {"QueryLanguage": "\(language)", "StartAt": "C",
         "States": {"C": {"Type": "Choice", "Choices": [\(withNext)]}}}
        """))
    guard case .choice(let choice)? = machine.states.first else {
      Issue.record("not a Choice state")
      return ""
    }
    return choice.choices[0].condition.summary
  }

  @Test func comparisonsAndTypeTests() throws {
    #expect(try summary(#"{"Variable": "$.a", "IsPresent": false}"#) == "$.a is absent")
    #expect(try summary(#"{"Variable": "$.a", "IsPresent": true}"#) == "$.a is present")
    #expect(try summary(#"{"Variable": "$.a", "IsNull": true}"#) == "$.a is null")
    #expect(try summary(#"{"Variable": "$.a", "IsNull": false}"#) == "$.a is not null")
    #expect(try summary(#"{"Variable": "$.a", "IsNumeric": true}"#) == "$.a is numeric")
    #expect(try summary(#"{"Variable": "$.a", "IsTimestamp": false}"#) == "$.a is not timestamp")
    #expect(try summary(#"{"Variable": "$.a", "StringMatches": "log-*"}"#) == "$.a matches \"log-*\"")
    #expect(try summary(#"{"Variable": "$.a", "NumericLessThanPath": "$.b"}"#) == "$.a < $.b")
    #expect(try summary(#"{"Variable": "$.a", "NumericLessThanEquals": 2.5}"#) == "$.a <= 2.5")
    #expect(try summary(#"{"Variable": "$.ok", "BooleanEquals": true}"#) == "$.ok == true")
    #expect(
      try summary(#"{"Variable": "$.t", "TimestampGreaterThan": "2026-01-01T00:00:00Z"}"#)
        == "$.t > \"2026-01-01T00:00:00Z\"")
    #expect(try summary(#"{"Variable": "$.s", "StringGreaterThanEqualsPath": "$.b"}"#) == "$.s >= $.b")
  }

  @Test func combinatorsParenthesizeNestedAndOr() throws {
    #expect(
      try summary(
        #"{"Or": [{"Variable": "$.a", "NumericEquals": 1}, {"And": [{"Variable": "$.b", "BooleanEquals": false}, {"Variable": "$.c", "IsString": true}]}]}"#
      )
        == "$.a == 1 or ($.b == false and $.c is string)")
    #expect(
      try summary(#"{"Not": {"Or": [{"Variable": "$.a", "IsNull": true}, {"Variable": "$.b", "IsNull": true}]}}"#)
        == "not ($.a is null or $.b is null)")
  }

  @Test func jsonataConditionsLoseTheirBraces() throws {
    #expect(try summary(#"{"Condition": "{% $states.input.ok %}"}"#, language: "JSONata") == "$states.input.ok")
    #expect(try summary(#"{"Condition": true}"#, language: "JSONata") == "true")
  }
}
