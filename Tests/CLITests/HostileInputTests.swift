import Foundation
import JSONCore
import Testing

/// The remaining issue-13 inputs, end to end through the binary under `CLI.run`'s 4 GiB
/// address-space cap: each ends on its own (no kill at the hang guard), exits 0–3 and names the
/// limit it hit. (Expressions and self-starting machines have their own suites.)
@Suite struct HostileInputTests {
  static let hangGuard = 60.0

  /// Nine levels of nine YAML aliases: 450 bytes standing for 9^9 values.
  static var aliasBomb: String {
    var text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
    for level in 1...9 {
      text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
    }
    return text + "StartAt: A\nStates: {A: {Type: Pass, End: true}}\n"
  }

  @Test(arguments: ["validate", "run", "graph"])
  func aliasBombIsRefused(_ command: String) throws {
    let dir = try TemporaryFolder()
    let file = try dir.write("bomb.yaml", Self.aliasBomb)
    let r = try CLI.run([command, file], timeout: Self.hangGuard)
    Expect.noCrash(r)
    #expect(r.status == 2, "\(r.stdout) \(r.stderr)")
    #expect((r.stdout + r.stderr).contains("aliases"), "\(r.stderr)")
  }

  @Test func fortyNestedJsonToStringStopAtThePayloadLimit() throws {
    var expression = "$.a"
    for _ in 0..<40 { expression = "States.JsonToString(\(expression))" }
    let dir = try TemporaryFolder()
    let file = try dir.write(
      "nested.asl.json",
      #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"s.$": "\#(expression)"}, "End": true}}}"#)
    let input = try dir.write("input.json", #"{"a": {"a": "b"}}"#)
    let r = try CLI.run(["run", "--json", file, input], timeout: Self.hangGuard)
    Expect.noCrash(r)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.executionStatus == "FAILED", "\(r.stdout.prefix(300))")
    #expect(r.json?["cause"]?.stringValue?.contains("262144") == true || r.json?["cause"]?.stringValue?.contains("256 KiB") == true,
      "\(r.stdout.prefix(400))")
  }

  @Test func sortOfTenThousandWithAComparatorRuns() throws {
    let dir = try TemporaryFolder()
    let file = try dir.write(
      "sort.asl.json",
      #"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% $count($sort([1..10000] ~> $reverse(), function($a, $b) { $a > $b })) %}", "End": true}}}"#)
    let r = try CLI.run(["run", "--json", file], timeout: Self.hangGuard)
    Expect.noCrash(r)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.json?["output"] == 10000, "\(r.stdout.prefix(300))")
  }

  @Test func fiveThousandRuleChoiceDraws() throws {
    let rules = (0..<5000).map { #"{"Variable": "$.n", "NumericEquals": \#($0), "Next": "S\#($0 % 7)"}"# }
    let targets = (0..<7).map { #""S\#($0)": {"Type": "Succeed"}"# }
    let dir = try TemporaryFolder()
    let file = try dir.write(
      "choice.asl.json",
      #"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [\#(rules.joined(separator: ","))], "Default": "S0"}, \#(targets.joined(separator: ","))}}"#)
    let r = try CLI.run(["graph", "--width", "60", file], timeout: Self.hangGuard)
    Expect.noCrash(r)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("S6"), "\(r.stdout.prefix(300))")
  }
}
