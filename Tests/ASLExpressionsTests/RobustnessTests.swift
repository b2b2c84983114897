import JSONCore
import Testing

@testable import ASLExpressions

/// Random inputs from the expression alphabets must parse or fail cleanly, never trap.
@Suite struct RobustnessTests {
  static let document = json(
    #"{"a": [1, {"b": "x", "c": [true, null, 2.5]}, [3]], "d": {"e": {"f": -1}}, "s": "str"}"#)

  static func randomText(_ alphabet: [String], _ random: inout SeededRandom) -> String {
    let length = Int(random.next() % 24)
    var text = ""
    for _ in 0..<length { text += alphabet[Int(random.next() % UInt64(alphabet.count))] }
    return text
  }

  @Test func randomJSONPaths() {
    let alphabet = [
      "$", "@", ".", "..", "[", "]", "*", "?", "(", ")", "'", "\"", ",", ":", "-", "0", "1",
      "-1", "a", "b", "c", "d", "e", "f", " ", "==", "<", ">=", "!", "&&", "||", "=~", "/x/",
      "length()", "\\", "in", "[0]", "['a']", "9223372036854775807", "::", "true", "null",
    ]
    var random = SeededRandom(seed: 2024)
    var parsed = 0
    for _ in 0..<20_000 {
      let text = "$" + Self.randomText(alphabet, &random)
      guard let path = try? JSONPath(text) else { continue }
      parsed += 1
      _ = try? path.evaluate(in: Self.document)
      _ = path.normalizedText
      _ = try? ReferencePath.set(1, at: path, in: Self.document)
    }
    #expect(parsed > 100)
  }

  @Test func randomIntrinsicCalls() {
    let alphabet = [
      "States.Format(", "States.Array(", "States.MathAdd(", "States.ArrayRange(", "States.Hash(",
      "States.ArrayPartition(", "States.StringSplit(", "States.JsonMerge(", "States.UUID(",
      "States.ArrayGetItem(", "States.MathRandom(", "States.StringToJson(", "States.ArrayUnique(",
      ")", ",", " ", "'", "\\'", "\\{", "{}", "1", "-2.5", "9223372036854775807", "true", "null",
      "$.a", "$.d.e.f", "$.s", "$$", "$v", "$.a[*]", "'SHA-1'", "'x,y'", "1e400",
    ]
    var random = SeededRandom(seed: 99)
    var generator = SeededRandom(seed: 1)
    var parsed = 0
    let scope = EvaluationScope(input: Self.document, variables: ["v": [1, 2]])
    for _ in 0..<20_000 {
      let text = alphabet[Int(random.next() % 13)] + Self.randomText(alphabet, &random)
      guard let call = try? IntrinsicCall(text) else { continue }
      parsed += 1
      _ = try? call.evaluate(scope: scope, random: &generator, field: "f")
    }
    #expect(parsed > 20)
  }

  @Test func extremeArguments() throws {
    var random = SeededRandom(seed: 1)
    let scope = EvaluationScope(input: .null)
    for expression in [
      "States.ArrayPartition(States.Array(1, 2, 3), 9223372036854775807)",
      "States.ArrayRange(-2147483648, 2147483647, 2147483647)",
      "States.MathRandom(-2147483648, 2147483647)",
      "States.MathAdd(2147483647, 2147483647)",
      "States.ArrayGetItem(States.Array(1), 9223372036854775807)",
      "States.MathRandom(1, 2, 9223372036854775807)",
    ] {
      do {
        _ = try IntrinsicFunction.evaluate(expression, scope: scope, random: &random)
      } catch {
        #expect(error.error.hasPrefix("States."), "\(expression): \(error)")
        #expect(!error.cause.isEmpty, "\(expression)")
      }
    }
    // Huge slice steps take the first element, or walk back from the last.
    #expect(try JSONPath("$[0::9223372036854775807]").evaluate(in: [1, 2, 3]) == [1])
    #expect(try JSONPath("$[::-9223372036854775807]").evaluate(in: [1, 2, 3]) == [3])
    #expect(throws: ASLRuntimeError.self) {
      try JSONPath("$[?(" + String(repeating: "(", count: 10_000) + "@.a" + ")]")
    }
    #expect(throws: ASLRuntimeError.self) {
      try IntrinsicCall(String(repeating: "States.Array(", count: 10_000))
    }
  }

  @Test func jsonataExtremeNumbersNeverTrap() throws {
    var random = SeededRandom(seed: 1)
    for text in [
      "$substring('abc', 1e30)", "$substring('abc', -1e30, 1e30)", "$pad('a', 1e30)",
      "$split('a,b', ',', 1e30)", "$round(1.5, 1e30)", "$random(1e30)", "$fromMillis(1e30)",
      "$partition([1, 2], 1e30)", "[1, 2][1e30]", "[1, 2][-1e30]", "[1e30..1e30]",
      "$range(-1e30, 1e30, 1e29)", "$range(0, 1, 0)", "$string(1e400)", "$power(10, 1000)",
    ] {
      do {
        _ = try JSONataExpression(text).evaluate(
          states: .object(JSONObject()), variables: [:], field: "f", random: &random)
      } catch {
        // A refusal is a clean States.* error that says what went wrong.
        #expect(error.error.hasPrefix("States."), "\(text): \(error)")
        #expect(!error.cause.isEmpty, "\(text)")
      }
    }
    // Out-of-range positions select nothing, as in JSONata.
    #expect(try evaluate("[1, 2][1e30]") == nil)
    #expect(try evaluate("[1, 2][-1e30]") == nil)
    #expect(try evaluate("$substring('abc', 1e30)") == "")
  }

  private func evaluate(_ text: String) throws -> JSONValue? {
    var random = SeededRandom(seed: 1)
    return try JSONataExpression(text).evaluate(
      states: .object(JSONObject()), variables: [:], field: "f", random: &random)
  }

  @Test func randomJSONataTexts() {
    let alphabet = [
      "$states", ".input", "$", "(", ")", "[", "]", "{", "}", "'a'", "1", "-", "+", "*", "/", "&",
      "=", "<", "and", "or", "?", ":", ",", ";", ":=", "$x", "$sum(", "$map(", "function($v){",
      "~>", "..", "**", "in", "true", "null", "/a/", "$string(", "`k`",
    ]
    var random = SeededRandom(seed: 7)
    var generator = SeededRandom(seed: 3)
    var parsed = 0
    let states = json(#"{"input": {"a": [1, 2, {"k": 3}], "k": "v"}}"#)
    for _ in 0..<20_000 {
      let text = Self.randomText(alphabet, &random)
      guard let expression = try? JSONataExpression(text) else { continue }
      parsed += 1
      _ = try? expression.evaluate(states: states, variables: [:], field: "f", random: &generator)
    }
    #expect(parsed > 100)
  }
}
