import JSONCore
import Testing

@testable import ASLExpressions

/// Functions inside arrays and objects (JSONataStoredFunctions), against jsonata-js 2.x:
/// stored, called back out, written by `$string` as "", and dropped from results as
/// JSON.stringify drops them.
@Suite struct JSONataFunctionsInDataTests {
  static func run(_ text: String, input: JSONValue? = nil) throws(JSONataError) -> JSONValue? {
    try JSONataEvaluation.run(text, input: input)
  }

  static func code(_ text: String) -> String? { JSONataEvaluation.error(text)?.code }

  @Test(arguments: [
    // Called back out of an array, an object, a path and a $reduce accumulator.
    ("[$sum, $count][1]([1, 2, 3])", "3"),
    ("{'f': $uppercase}.f('ab')", #""AB""#),
    ("'ab' ~> {'f': $uppercase}.f", #""AB""#),
    ("($fs := [function($x){$x + 1}, function($x){$x * 2}]; $reduce($fs, function($f, $g){function($x){$g($f($x))}})(3))", "8"),
    ("($fs := [$uppercase, $lowercase]; $map($fs, function($f){$f('aB')}))", #"["AB","ab"]"#),
    ("($fs := $map([1, 2], function($x){function(){$x * 10}}); [$fs[0](), $fs[1]()])", "[10,20]"),
    // A function's type, truth and text.
    ("$type({'f': $sum}.f)", #""function""#),
    ("$boolean([$sum])", "false"),
    ("$boolean({'f': $sum}.f)", "false"),
    ("$string([$sum, 1, /a/])", #""[\"\",1,\"\"]""#),
    ("$string({'f': function(){1}, 'a': {'g': $sum}}, true)", #""{\n  \"f\": \"\",\n  \"a\": {\n    \"g\": \"\"\n  }\n}""#),
    ("[$sum][0] & 'x'", #""x""#),
    ("$keys({'f': $sum, 'a': 1})", #"["f","a"]"#),
    ("$count([$sum, $count])", "2"),
    // A result leaves as JSON.stringify writes it.
    ("{'a': 1, 'f': $sum}", #"{"a":1}"#),
    ("[1, $sum]", "[1,null]"),
    ("{'a': [{'f': function(){1}}]}", #"{"a":[{}]}"#),
  ])
  func evaluates(_ text: String, _ expected: String) throws {
    #expect(try Self.run(text) == json(expected), "\(text)")
  }

  @Test(arguments: [
    "$sum.*", "[$sum, $count].*", "/a/.*", "($f := function(){1}; $f.environment)", "$sum", "[$sum].x",
    "{'f': $sum}.f",
  ])
  func pathStepsOnFunctionsAreUndefined(_ text: String) throws {
    #expect(try Self.run(text) == nil, "\(text)")
  }

  @Test func pathStepsRunWithAFunctionAsTheContext() throws {
    #expect(try Self.run("$sum.$sum([1, 2])") == json("3"))
    // ** reaches the function but not into it: the two objects and $sum.
    #expect(try Self.run("$count({'a': {'f': $sum}}.**)") == json("3"))
  }

  /// A custom matcher returns {match, start, end, groups, next} (jsonata-js evaluateMatcher).
  @Test func customMatchers() throws {
    let matcher = """
      ($m := function($s, $at){(
        $i := $length($substringBefore($s, 'a'));
        $i < $length($s) ? {'match': 'a', 'start': $i + ($at ? $at : 0), 'end': $i + 1,
          'groups': [], 'next': function(){ $m($substring($s, $i + 1), $i + 1 + ($at ? $at : 0)) }}
      )}; 
      """
    #expect(
      try Self.run(matcher + "$match('banana', $m))")
        == json(
          #"[{"match":"a","index":1,"groups":[]},{"match":"a","index":3,"groups":[]},{"match":"a","index":5,"groups":[]}]"#
        ))
    #expect(
      try Self.run(matcher + "$match('banana', $m, 2).index)") == json("[1,3]"))
    #expect(try Self.run(matcher + "$match('banana', $m, 0))") == nil)
    #expect(try Self.run(matcher + "$match('xyz', $m))") == nil)
    #expect(try Self.run(matcher + "$contains('banana', $m))") == json("true"))
    #expect(try Self.run(matcher + "$contains('xyz', $m))") == json("false"))
    #expect(Self.code("$contains('abc', function($s){'x'})") == "T1010")
    #expect(Self.code("$match('abc', function($s){{'a': 1}})") == "T1010")
  }

  /// A Step Functions field's result leaves without its functions too.
  @Test func stateFieldResultsDropFunctions() throws {
    var random = SeededRandom(seed: 1)
    let expression = try JSONataExpression.compile("{'a': [1, $sum], 'f': function(){1}}")
    let value = try expression.evaluate(
      states: json(#"{"input": {}}"#), variables: [:], field: "Output", random: &random)
    #expect(value == json(#"{"a":[1,null]}"#))
  }
}
