import JSONCore
import Testing

@testable import ASLExpressions

/// Tail calls, regular expressions as functions, non-finite numbers and the smaller jsonata-js
/// behaviours of issue 17 (outcomes checked against jsonata-js 2.2.2's src/ run under node).
@Suite struct JSONataTailCallTests {
  static func run(_ text: String, input: JSONValue? = nil, seed: UInt64 = 7)
    throws(JSONataError) -> JSONValue?
  {
    try JSONataEvaluation.run(text, input: input, seed: seed)
  }

  static func error(_ text: String) -> JSONataError? { JSONataEvaluation.error(text, seed: 7) }

  // MARK: Tail calls

  @Test(arguments: [
    // Counting down 100,000 calls: far past the depth limit, in bounded native stack.
    ("($f := function($n, $acc){ $n = 0 ? $acc : $f($n - 1, $acc + 1) }; $f(100000, 0))", "100000"),
    // Mutual recursion (the suite's tail-recursion/case007, deeper).
    (
      "($even := function($n){ $n = 0 ? true : $odd($n - 1) };"
        + " $odd := function($n){ $n = 0 ? false : $even($n - 1) }; $odd(20001))", "true"
    ),
    // The last expression of a block, the else branch of ?: and ?? are tail positions.
    ("($f := function($n){ ($m := $n - 1; $n = 0 ? 'done' : $f($m)) }; $f(5000))", #""done""#),
    ("($f := function($n){ $n > 0 and $f($n - 1) }; $f(3))", "false"),
    ("($f := function($n){ ($n = 0 ? 'end') ?: $f($n - 1) }; $f(5000))", #""end""#),
    ("($f := function($n){ ($n = 0 ? 'end') ?? $f($n - 1) }; $f(5000))", #""end""#),
    // A tail call of a built-in, and of a partial application.
    ("($f := function($s){ $uppercase($s) }; $f('ab'))", #""AB""#),
    ("($add := function($a, $b){ $a + $b }; $inc := $add(?, 1); $f := function($n){ $inc($n) }; $f(41))", "42"),
  ])
  func tailRecursionRunsInBoundedStack(_ expression: String, _ expected: String) throws {
    #expect(try Self.run(expression) == json(expected))
  }

  @Test func nonTailRecursionStillStopsAtTheDepthLimit() {
    let deep = Self.error("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(10000))")
    #expect(deep?.code == "U1001")
    #expect(deep?.message.hasPrefix("Stack overflow") == true)
    // A call with a predicate is not in tail position (jsonata-js tailCallOptimize).
    let filtered = Self.error("($f := function($n){ $n = 0 ? [0] : $f($n - 1)[0] }; $f(10000))")
    #expect(filtered?.code == "U1001")
  }

  /// A tail call of a built-in that calls back (a higher-order function) runs from the
  /// trampoline; it must still take a level, or the recursion would reach the native stack's end.
  @Test(arguments: [
    "($f := function($n){ $n = 0 ? 0 : $map([1], function($x){ $f($n - 1) }) }; $f(100000))",
    "($f := function($n){ $n = 0 ? 0 : $sort([2, 1], function($a, $b){ $f($n - 1) }) }; $f(100000))",
    "($f := function($n){ $n = 0 ? 0 : $replace('a', /a/, function($m){ $f($n - 1) }) }; $f(100000))",
    "($f := function($n){ $n = 0 ? 0 : $match('a', function($s){ $f($n - 1) }) }; $f(100000))",
  ])
  func recursionThroughABuiltinStopsAtTheDepthLimit(_ expression: String) {
    #expect(Self.error(expression)?.code == "U1001")
  }

  @Test func aTailCallRepeatingItselfStopsAtOnce() {
    // The suite's tail-recursion/case006: jsonata-js's harness times it out with U1001.
    let endless = Self.error("($inf := function(){ $inf() }; $inf())")
    #expect(endless?.code == "U1001")
    #expect(endless?.message.hasPrefix("Infinite loop") == true)
    #expect(Self.error("($f := function($n){ $f($n) }; $f(3))")?.code == "U1001")
  }

  @Test func aRandomDrawBetweenRepeatedCallsIsNoLoop() throws {
    // Same function, same (no) arguments, but $random changes what the next call does.
    let value = try Self.run("($f := function(){ $random() < 0.9 ? $f() : 'out' }; $f())")
    #expect(value == json(#""out""#))
  }

  // MARK: Regular expressions as functions

  @Test(arguments: [
    (#""abc" ~> /b/"#, #"{"match": "b", "start": 1, "end": 2, "groups": []}"#),
    (#"/(a)(x)?/("cat")"#, #"{"match": "a", "start": 1, "end": 2, "groups": ["a", null]}"#),
    // $map passes the index as the matcher's start offset, as jsonata-js's closure takes it.
    (
      #"$map(["ab", "aba"], /a/)"#,
      #"[{"match": "a", "start": 0, "end": 1, "groups": []}, {"match": "a", "start": 2, "end": 3, "groups": []}]"#
    ),
    // re.exec converts its argument with String().
    ("5 ~> /5/", #"{"match": "5", "start": 0, "end": 1, "groups": []}"#),
    (
      #"$sift({"Age": 1, "Name": 2, "Address": 3}, function($v, $k){ $k ~> /^A/ })"#,
      #"{"Age": 1, "Address": 3}"#
    ),
    (#"["hat", "cap"][$ ~> /hat/]"#, #""hat""#),
  ])
  func regexCalledAsAFunction(_ expression: String, _ expected: String) throws {
    #expect(try Self.run(expression) == json(expected))
  }

  @Test func regexFunctionWithoutAMatchIsUndefined() throws {
    #expect(try Self.run(#""xyz" ~> /a/"#) == nil)
  }

  // MARK: Non-finite numbers

  @Test(arguments: [
    ("$string(1/0)", "D3001"), ("$string(10 % 0)", "D3001"), (#""a" & 1/0"#, "D3001"),
    ("$string([1/0])", "D1001"), ("$string({'inf': 1/0})", "D1001"),
    ("1/0", "D1001"), ("10 % 0", "D1001"), ("[1, 1/0]", "D1001"), ("1/(10e300 * 10e100)", "D1001"),
    ("-(1/0)", "D1001"), ("[1, 2][1/0]", "D1001"), ("$type(1/0)", "D1001"),
    ("(10 % 0) + 1", "T2001"), ("1 + (10 % 0)", "T2002"), ("-(10 % 0)", "D1002"),
    ("[1..1/0]", "T2004"), ("1/0 ? 1 : 2", "D1001"), ("(1/0) and true", "D1001"),
    ("[1/0] ?: 5", "D1001"), ("$boolean(1/0)", "D1001"),
  ])
  func nonFiniteNumbersStopWhereJsonataStopsThem(_ expression: String, _ code: String) {
    #expect(Self.error(expression)?.code == code)
  }

  @Test func nonFiniteNumbersCompareAndExist() throws {
    #expect(try Self.run("1/0 > 5") == json("true"))
    #expect(try Self.run("$exists(1/0)") == json("true"))
    #expect(try Self.run("($f := function($x){ $x }; $f(-1/0) < 0)") == json("true"))
    // NaN is no index, not truthy, and equal to nothing.
    #expect(try Self.run("[1, 2][10 % 0]") == nil)
    #expect(try Self.run("($x := 0 % 0; [$x = $x, $x != $x, $boolean($x)])") == json("[false, true, false]"))
  }

  // MARK: Smaller differences

  @Test func zipWithAnUndefinedArgumentIsEmpty() throws {
    #expect(try Self.run("$zip([1, 2, 3], [4, 5, 6], nothing)") == json("[]"))
    #expect(try Self.run("$zip([1, 2], [3, 4])") == json("[[1, 3], [2, 4]]"))
  }

  @Test func surrogatePairEscapesAreOneCharacter() throws {
    #expect(try Self.run(#"$length("\uD834\uDD1E")"#) == json("1"))
    #expect(try Self.run(#""\uD834\uDD1E""#) == json(#""𝄞""#))
    // A lone surrogate cannot be in a Swift string: it becomes U+FFFD, still one character.
    #expect(try Self.run(#"$length("\uD834x")"#) == json("2"))
  }

  @Test func partialApplicationOfANameWithoutDollar() {
    #expect(Self.error("substring(?, 0, ?)")?.code == "T1007")
    #expect(Self.error("nothing(?, 0)")?.code == "T1008")
    #expect(Self.error("substring('abc', 0)")?.code == "T1005")
  }

  @Test func aSyntaxErrorComesBeforeANumberStep() {
    #expect(Self.error("$.7a")?.code == "S0201")
    #expect(Self.error("$.7")?.code == "S0213")
    #expect(Self.error("a.true.b")?.code == "S0213")
  }
}
