import JSONCore
import Testing

@testable import ASLExpressions

@Suite struct FastPathTests {
  @Test(arguments: [
    0, 1, -1, 9, 10, 99, 100, -100, 123_456_789, Int(Int32.max), Int(Int32.min),
    999_999_999_999_999_999, -999_999_999_999_999_999, Int.max, Int.min,
  ])
  func numberTextMatchesDescription(_ value: Int) {
    #expect(FastNumbers.number(value).text == String(value))
    #expect(FastNumbers.exactInt(FastNumbers.number(value)) == value)
  }

  @Test(arguments: [
    ("1.0", nil as Int?), ("1e2", nil), ("-", nil), ("", nil), ("007", 7), ("-12", -12),
  ])
  func exactIntOnlyForIntegerLiterals(_ text: String, _ expected: Int?) {
    #expect(FastNumbers.exactInt(JSONNumber(text: text)) == expected)
  }

  @Test func evaluateIfPresent() throws {
    let scope = EvaluationScope(input: json(#"{"a": null}"#), variables: ["v": 1])
    var random = SeededRandom(seed: 0)
    #expect(
      try PathExpression.parse("$.a").evaluateIfPresent(scope: scope, random: &random) == .null)
    #expect(try PathExpression.parse("$.b").evaluateIfPresent(scope: scope, random: &random) == nil)
    #expect(try PathExpression.parse("$w").evaluateIfPresent(scope: scope, random: &random) == nil)
    #expect(try PathExpression.parse("$v").evaluateIfPresent(scope: scope, random: &random) == 1)
    #expect(
      try PathExpression.parse("$.b[*]").evaluateIfPresent(scope: scope, random: &random) == [])
  }

  @Test func normalizedTexts() throws {
    #expect(
      try PathExpression.parse("$.NoSuchOutputPath").normalizedText == "$['NoSuchOutputPath']")
    #expect(try PathExpression.parse("$$.Execution.Id").normalizedText == "$$['Execution']['Id']")
    #expect(try PathExpression.parse("$var.a[0]").normalizedText == "$var['a'][0]")
  }

  @Test func inPlaceResultPathLeavesTargetIntactOnFailure() throws {
    var target = json(#"{"a": {"b": "s"}, "arr": [1]}"#)
    let before = target
    #expect(throws: ASLRuntimeError.self) {
      try ReferencePath.set(1, at: ReferencePath.parse("$.a.b.c"), into: &target)
    }
    #expect(target == before)
    #expect(throws: ASLRuntimeError.self) {
      try ReferencePath.set(1, at: ReferencePath.parse("$.missing[0]"), into: &target)
    }
    #expect(target == before)
    try ReferencePath.set(2, at: ReferencePath.parse("$.arr[0]"), into: &target)
    #expect(target == json(#"{"a": {"b": "s"}, "arr": [2]}"#))
  }

  @Test func chainStepRepeated() throws {
    let template = try CompiledPayloadTemplate(
      json(#"{"n.$": "States.MathAdd($.acc.n, 1)", "step": 0}"#))
    let path = try ReferencePath.parse("$.acc")
    var state = json(#"{"acc": {"n": 0}, "keep": true}"#)
    var random = SeededRandom(seed: 0)
    for _ in 0..<1000 {
      let result = try template.evaluate(scope: EvaluationScope(input: state), random: &random)
      try ReferencePath.set(result, at: path, into: &state)
    }
    #expect(state.compactString == #"{"acc":{"n":1000,"step":0},"keep":true}"#)
  }
}

@Suite struct JavaRandomTests {
  /// Reference values from java.util.Random (cross-checked with an independent implementation).
  @Test func matchesJavaUtilRandom() {
    var a = JavaRandom(seed: 42)
    #expect(a.nextDouble() == 0.7275636800328681)
    var b = JavaRandom(seed: 42)
    #expect(b.nextInt(100) == 30)
    var c = JavaRandom(seed: 7)
    #expect(c.nextInt(33) == 13)
    var d = JavaRandom(seed: -5)
    #expect(d.nextInt(1000) == 411)
    var e = JavaRandom(seed: 123_456_789)
    #expect(e.nextInt(Int32.max) == 1_426_010_965)
  }

  @Test func seededMathRandomIsJavaRandom() throws {
    var random = SeededRandom(seed: 0)
    let value = try IntrinsicFunction.evaluate(
      "States.MathRandom(0, 100, 42)", scope: EvaluationScope(input: .null), random: &random)
    #expect(value == 30)
    #expect(random == SeededRandom(seed: 0), "a seeded call does not consume the generator")
  }
}

@Suite struct JavaNumberTextTests {
  /// `java.lang.Double.toString` reference outputs.
  @Test(arguments: [
    ("1.50", "1.5"), ("1.1", "1.1"), ("1e2", "100.0"), ("1E+2", "100.0"), ("100", "100"),
    ("-0", "0"), ("0.0", "0.0"), ("-2.5", "-2.5"), ("1e7", "1.0E7"), ("12345678.9", "1.23456789E7"),
    ("0.001", "0.001"), ("0.0001", "1.0E-4"), ("1.5e-10", "1.5E-10"), ("9999999.0", "9999999.0"),
    ("123456789012345678901234567890", "123456789012345678901234567890"), ("3.14159", "3.14159"),
    ("1e21", "1.0E21"), ("0.1", "0.1"), ("2.0", "2.0"),
  ])
  func doubleToString(_ text: String, _ expected: String) {
    #expect(JavaNumberText.text(JSONNumber(text: text)) == expected)
  }

  @Test func formatAndJsonToStringUseJavaNumbers() throws {
    var random = SeededRandom(seed: 0)
    let scope = EvaluationScope(input: json(#"{"a": 1.50, "o": {"x": [1e2, 2]}}"#))
    #expect(
      try IntrinsicFunction.evaluate(
        "States.Format('{} {}', $.a, $.o)", scope: scope, random: &random)
        == "1.5 {x=[100.0, 2]}")
    #expect(
      try IntrinsicFunction.evaluate("States.JsonToString($.o)", scope: scope, random: &random)
        == #"{"x":[100.0,2]}"#)
  }
}
