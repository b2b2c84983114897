import Foundation
import JSONCore
import Testing

/// End-to-end runs of expressions that once exhausted memory or time (issue 13), under the
/// 4 GiB address-space cap of `CLI.run`: each ends within 10 s, exit 0, naming the limit.
@Suite struct ExpressionLimitTests {
  static func runFor(_ definition: String, input: String = "{}") throws -> (CLI.Result, Double) {
    let dir = try TemporaryFolder()
    let file = try dir.write("machine.asl.json", definition)
    let inputFile = try dir.write("input.json", input)
    let start = Date()
    let r = try CLI.run(["run", "--json", file, inputFile], timeout: 30)
    return (r, Date().timeIntervalSince(start))
  }

  @Test(arguments: [
    ("JSONPath", #""s.$": "States.Format('{}{}', $s, $s)""#, "256 KiB per variable"),
    ("JSONata", #""s": "{% $s & $s %}""#, "256 KiB per variable"),
    (
      "JSONata",
      #""s": "{% ($f := function($s,$n){ $n = 0 ? $s : $f($s & $s, $n - 1) }; $f('x', 40)) %}""#,
      "String size limit exceeded"
    ),
    ("JSONata", #""s": "{% $match($states.input.s, /(a+)+$/) %}""#, "Regular expression step limit"),
  ])
  func runawayExpressionEndsWithANamedLimit(_ language: String, _ assign: String, _ limit: String)
    throws
  {
    let stop =
      language == "JSONata"
      ? #"{"Condition": "{% $s = '' %}", "Next": "Done"}"#
      : #"{"Variable": "$s", "StringEquals": "", "Next": "Done"}"#
    let definition = """
      {"QueryLanguage": "\(language)", "StartAt": "Init", "States": {
        "Init": {"Type": "Pass", "Assign": {"s": "x"}, "Next": "Grow"},
        "Grow": {"Type": "Pass", "Assign": {\(assign)}, "Next": "Loop"},
        "Loop": {"Type": "Choice", "Choices": [\(stop)], "Default": "Grow"},
        "Done": {"Type": "Succeed"}}}
      """
    let input = #"{"s": "\#(String(repeating: "a", count: 116))!"}"#
    let (r, seconds) = try Self.runFor(definition, input: input)
    Expect.noCrash(r)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.executionStatus == "FAILED", "\(r.stdout.prefix(400))")
    #expect(r.json?["cause"]?.stringValue?.contains(limit) == true, "\(r.stdout.prefix(400))")
    #expect(seconds < 10)
  }

  @Test func invalidRegexFailsValidation() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write(
      "bad.asl.json",
      #"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% $match('a', /(/) %}", "End": true}}}"#
    )
    let r = try CLI.run(["validate", file])
    #expect(r.status == 1, "\(r.stdout) \(r.stderr)")
    #expect(
      r.stdout.contains("is not valid: Invalid regular expression: /(/ (JSONata S0303, character 17) [jsonata-syntax]"),
      "\(r.stdout)")
  }
}
