import Foundation
import JSONCore
import Testing

@testable import ASLLoading

@Suite struct ValidatorTests {
  private func diagnostics(_ text: String, type: String = "STANDARD") throws -> [Diagnostic] {
    let machine = try ASLLoader.loadDefinition(text: text, file: "m.asl.json", type: type)
    return Validator.validate(machine)
  }

  private func rules(_ text: String, type: String = "STANDARD") throws -> [String] {
    try diagnostics(text, type: type).map(\.rule)
  }

  @Test func threeDifferentMistakesGiveThreeLocatedDiagnostics() throws {
    let text = """
      {
        "StartAt": "Start",
        "States": {
          "Start": {"Type": "Pass", "Next": "Missing"},
          "Wait": {"Type": "Wait", "Seconds": -5, "End": true},
          "Retrying": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Retry": [{"ErrorEquals": ["States.ALL"], "BackoffRate": 0.5}], "End": true}
        }
      }
      """
    let found = try diagnostics(text).filter { $0.rule != "unreachable-state" && $0.rule != "no-terminal-state" }
    #expect(found.count == 3, "\(found)")
    #expect(found.map(\.rule) == ["unknown-state", "value-range", "value-range"])
    #expect(found[0].position == SourcePosition(line: 4, column: 39, offset: found[0].position?.offset ?? 0))
    #expect(found[0].pointer == "/States/Start/Next")
    #expect(found[0].description.hasPrefix("m.asl.json:4:39: error: Next goes to 'Missing'"))
    #expect(found[1].pointer == "/States/Wait/Seconds")
    #expect(found[1].message.contains("expected at least 0"))
    #expect(found[2].pointer == "/States/Retrying/Retry/0/BackoffRate")
    #expect(found[2].position?.line == 7)
    #expect(found[2].jsonValue["rule"] == "value-range")
  }

  @Test func validMachineHasNoDiagnostics() throws {
    let text = """
      {"StartAt": "Choose", "States": {
        "Choose": {"Type": "Choice", "Choices": [
          {"Variable": "$.n", "NumericGreaterThan": 1, "Next": "Work"},
          {"And": [{"Variable": "$.s", "IsPresent": true}, {"Variable": "$.s", "StringMatches": "a*"}], "Next": "Done"}],
          "Default": "Done"},
        "Work": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "P",
          "States": {"P": {"Type": "Pass", "Parameters": {"x.$": "States.Format('{}', $.a)"}, "End": true}}},
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "Next": "Done"},
        "Done": {"Type": "Succeed"}}}
      """
    #expect(try diagnostics(text).isEmpty)
  }

  @Test func structureRules() throws {
    #expect(try rules(#"{"StartAt":"A","States":{"A":{"Type":"Pass"}}}"#).contains("next-or-end"))
    #expect(try rules(#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true},"B":{"Type":"Succeed"}}}"#) == ["unreachable-state"])
    #expect(try rules(#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"A"}}}"#) == ["no-terminal-state"])
    #expect(try rules(#"{"States":{}}"#).contains("required-field"))
    let outOfScope = """
      {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
        {"StartAt":"In","States":{"In":{"Type":"Pass","Next":"Out"}}}]},
        "Out":{"Type":"Succeed"}}}
      """
    #expect(try rules(outOfScope).contains("out-of-scope-transition"))
    #expect(try rules(#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Bogus":1}}}"#) == ["unknown-field"])
  }

  @Test func fieldRules() throws {
    let retry = """
      {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f",
        "Retry":[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["X"],"MaxAttempts":-1,"JitterStrategy":"SOME"}],
        "End":true}}}
      """
    #expect(try rules(retry) == ["states-all", "value-range", "enum-value"])
    let wait = #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"SecondsPath":"$.s","End":true}}}"#
    #expect(try rules(wait) == ["exclusive-fields"])
    let paths = #"{"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"bug$.x","ResultPath":"$$.x","End":true}}}"#
    #expect(try rules(paths) == ["invalid-path", "invalid-path"])
    let template = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"a.$":"States.Xyz($.b)","c":1,"c.$":"$.c"},"End":true}}}"#
    #expect(try rules(template) == ["invalid-path-or-intrinsic", "duplicate-field"])
    let arity = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"a.$":"States.ArrayRange(1, 2)","b.$":"States.MathAdd(1,'-1')"},"End":true}}}"#
    let found = try diagnostics(arity)
    #expect(found.map(\.rule) == ["invalid-path-or-intrinsic", "invalid-path-or-intrinsic"])
    #expect(found.first?.message.contains("takes 3 arguments, found 2") == true)
    #expect(found.last?.message.contains("found a string argument") == true)
  }

  @Test func queryLanguageRules() throws {
    let mixed = """
      {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{},"Output":"{% 1 + %}","End":true}}}
      """
    #expect(try rules(mixed) == ["query-language-field", "jsonata-syntax"])
    let jsonataInJsonPath = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Output":{},"End":true}}}"#
    #expect(try rules(jsonataInJsonPath) == ["query-language-field"])
    let good = """
      {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass",
        "Output":"{% $states.input.items[price > 10].{'n': name} ~> $count() %}",
        "Assign":{"total":"{% $sum($states.input.items.price) %}"},"End":true}}}
      """
    #expect(try rules(good).isEmpty)
  }

  @Test func expressRules() throws {
    let text = """
      {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}}
      """
    #expect(try rules(text, type: "STANDARD").isEmpty)
    #expect(try rules(text, type: "EXPRESS") == ["express-unsupported"])
  }

  @Test func jsonataSyntax() {
    #expect(JSONataSyntax.problem(in: " $states.input.a & 'x' ") == nil)
    #expect(JSONataSyntax.problem(in: " function($x){ $x * 2 }(3) ") == nil)
    #expect(JSONataSyntax.problem(in: " $states.input.list^(>price)[0] ") == nil)
    #expect(JSONataSyntax.problem(in: " 10 + * 2 ") != nil)
    #expect(JSONataSyntax.problem(in: " $sum($states.input.n ") != nil)
    #expect(JSONataSyntax.problem(in: " 420. ") != nil)
    #expect(JSONataSyntax.problem(in: " $.store.book[?(@.price < 10)].title ") != nil)
    let deep = String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000)
    #expect(JSONataSyntax.problem(in: deep)?.contains("nesting") == true)
    #expect(JSONataSyntax.problem(in: String(repeating: "-", count: 20_000) + "1") != nil)
  }

  @Test func readerConfigRules() throws {
    func reader(_ config: String) -> String {
      """
      {"StartAt":"M","States":{"M":{"Type":"Map","End":true,
        "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b","Key":"k"},"ReaderConfig":\(config)},
        "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}
      """
    }
    #expect(try rules(reader(#"{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW","CSVDelimiter":"PIPE"}"#)) == [])
    #expect(try rules(reader(#"{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW","CSVDelimiter":"COLON"}"#)) == ["enum-value"])
    #expect(try rules(reader(#"{"InputType":"CSV","CSVHeaderLocation":"GIVEN"}"#)) == ["required-field"])
    #expect(try rules(reader(#"{"InputType":"CSV","CSVHeaderLocation":"GIVEN","CSVHeaders":["a",1]}"#)) == ["json-type"])
    #expect(try rules(reader(#"{"InputType":"MANIFEST","ManifestType":"S3_INVENTORY"}"#)) == [])
    #expect(try rules(reader(#"{"InputType":"MANIFEST","ManifestType":"CSV"}"#)) == ["enum-value"])
    #expect(try rules(reader(#"{"InputType":"JSON","ItemsPointer":"/rows"}"#)) == [])
    #expect(try rules(reader(#"{"InputType":"JSONL","Transformation":"LOAD_AND_FLATTEN"}"#)) == [])
    #expect(try rules(reader(#"{"InputType":"JSONL","Transformation":"FLATTEN"}"#)) == ["enum-value"])
  }
}

@Suite struct ValidatorWarningTests {
  @Test func jsonataTextInAJSONPathStateIsAWarningNotAnError() throws {
    let text = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Assign":{"x":"{% 1 + 1 %}"},"Result":{"y":"{% 2 %}"},"End":true}}}"#
    let machine = try ASLLoader.loadDefinition(text: text)
    let found = Validator.validate(machine)
    #expect(found.map(\.rule) == ["jsonata-in-jsonpath", "jsonata-in-jsonpath"])
    #expect(found.allSatisfy { $0.severity == .warning })
    #expect(Validator.isValid(found))
    #expect(found[0].description.contains(": warning: "))
  }
}
