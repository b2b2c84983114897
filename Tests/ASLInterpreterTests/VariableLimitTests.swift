import ASLInterpreter
import Foundation
import JSONCore
import Testing

/// AWS's variable quotas (256 KiB a variable and an Assign, 10 MiB an execution) stop machines
/// that grow a variable on every loop (issue 13).
@Suite struct VariableLimitTests {
  /// A loop that doubles `$s` with `grow` until the execution fails.
  static func doublingLoop(_ language: String, grow: String) -> String {
    """
    {"QueryLanguage": "\(language)", "StartAt": "Init", "States": {
      "Init": {"Type": "Pass", "Assign": {"s": "x"}, "Next": "Grow"},
      "Grow": {"Type": "Pass", "Assign": {\(grow)}, "Next": "Grow"}}}
    """
  }

  @Test(arguments: [
    ("JSONPath", #""s.$": "States.Format('{}{}', $s, $s)""#),
    ("JSONata", #""s": "{% $s & $s %}""#),
  ])
  func doublingVariableFailsAtTheVariableQuota(_ language: String, _ grow: String) throws {
    let start = Date()
    let e = try runMachine(Self.doublingLoop(language, grow: grow))
    #expect(e.failure?.error == "States.DataLimitExceeded")
    #expect(
      e.failure?.cause?.contains(
        "assigned the variable 's' a value exceeding the maximum size of 262144 bytes") == true,
      "\(e.failure?.cause ?? "")")
    #expect(Date().timeIntervalSince(start) < 10)
  }

  @Test func oneAssignIsHeldTo256KiBTogether() throws {
    let half = String(repeating: "a", count: 140_000)
    let e = try runMachine(
      #"{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"a":"\#(half)","b":"\#(half)"},"End":true}}}"#)
    #expect(e.failure?.error == "States.DataLimitExceeded")
    #expect(e.failure?.cause?.contains("256 KiB per Assign") == true, "\(e.failure?.cause ?? "")")
  }

  @Test func allVariablesAreHeldTo10MiB() throws {
    // 45 states each assign their own 250,000-byte variable: the 42nd passes 10 MiB.
    let value = String(repeating: "v", count: 250_000)
    var states: [String] = []
    for i in 0..<45 {
      let next = i == 44 ? #""End": true"# : #""Next": "S\#(i + 1)""#
      states.append(#""S\#(i)": {"Type": "Pass", "Assign": {"v\#(i)": "\#(value)"}, \#(next)}"#)
    }
    let e = try runMachine(#"{"StartAt": "S0", "States": {\#(states.joined(separator: ","))}}"#)
    #expect(e.failure?.error == "States.DataLimitExceeded")
    #expect(e.failure?.cause?.contains("S41") == true, "\(e.failure?.cause ?? "")")
    #expect(e.failure?.cause?.contains("10485760 bytes (10 MiB)") == true)
  }

  @Test func variablesUnderTheQuotasAreStored() throws {
    let value = String(repeating: "v", count: 200_000)
    let e = try runMachine(
      #"{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"a":"\#(value)"},"Next":"B"},"B":{"Type":"Pass","Parameters":{"n.$":"States.StringSplit($a, 'x')"},"End":true}}}"#)
    #expect(e.output == ["n": [.string(value)]])
  }
}
