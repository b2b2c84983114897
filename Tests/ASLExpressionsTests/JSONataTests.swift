import JSONCore
import Testing

@testable import ASLExpressions

@Suite struct JSONataTests {
  static let states = json(
    """
    {"input": {"value": 25, "type": "Public", "result": {"done": false}, "items": [1, 2, 3],
      "orders": [{"id": "a", "price": 5, "tags": ["x"]}, {"id": "b", "price": 15, "tags": ["y", "z"]}],
      "input_values": [1, 2, 3.5], "FunctionInput": {"fst": [0, 1, 2, 3], "snd": 3, "json": "{\\"k\\": [1]}"},
      "name": "World", "empty": [], "nested": {"a": {"b": {"c": 7}}}},
     "context": {"Execution": {"Name": "exec"}}}
    """)

  static func run(
    _ text: String, variables: [String: JSONValue] = ["var_constant_1": 10, "theAnswer": 42]
  )
    throws(ASLRuntimeError) -> JSONValue?
  {
    var random = SeededRandom(seed: 5)
    return try JSONataExpression(text).evaluate(
      states: states, variables: variables, field: "Output", random: &random,
      nowMillis: 1_480_973_369_000)
  }

  @Test(arguments: [
    ("1", "1"), ("'string'", #""string""#), ("\"dq\"", #""dq""#), ("null", "null"),
    ("true", "true"),
    ("[]", "[]"), ("[1, 'two', 3]", #"[1,"two",3]"#), ("{'foo': 'bar'}", #"{"foo":"bar"}"#),
    ("[0]", "[0]"),
    ("$states.input.value", "25"),
    ("$states.input.items", "[1,2,3]"),
    ("$states.input.nested.a.b.c", "7"),
    ("$states.context.Execution.Name", #""exec""#),
    ("$states.input.value = 0", "false"),
    ("$states.input.value >= 20 and $states.input.value < 30", "true"),
    ("$states.input.type = 'Public'", "true"),
    ("$not($states.input.type = 'Private')", "true"),
    ("$not($states.input.result.done)", "true"),
    ("$sum($states.input.input_values) + $var_constant_1", "16.5"),
    ("$theAnswer", "42"),
    ("$variable := 1", "1"),
    ("($x := 2; $y := 3; $x * $y)", "6"),
    ("$states.input.orders.id", #"["a","b"]"#),
    ("$states.input.orders[price > 10].id", #""b""#),
    ("$states.input.orders[0].price", "5"),
    ("$states.input.orders[-1].id", #""b""#),
    ("$states.input.orders.tags", #"["x","y","z"]"#),
    ("$states.input.items[1]", "2"),
    ("$count($states.input.items)", "3"),
    ("$max($states.input.items)", "3"),
    ("$average($states.input.items)", "2"),
    ("'Hello ' & $states.input.name & '!'", #""Hello World!""#),
    ("$string(1.5) & $string(true)", #""1.5true""#),
    ("$states.input.value > 10 ? 'big' : 'small'", #""big""#),
    ("$states.input.items ~> $map(function($v){ $v * 2 })", "[2,4,6]"),
    ("$map($states.input.items, function($v, $i){ $v + $i })", "[1,3,5]"),
    ("$filter($states.input.items, function($v){ $v > 1 })", "[2,3]"),
    ("$reduce($states.input.items, function($a, $b){ $a + $b })", "6"),
    (
      "$partition($states.input.FunctionInput.fst, $states.input.FunctionInput.snd)",
      "[[0,1,2],[3]]"
    ),
    ("$partition([0], 1)", "[[0]]"),
    ("$range(0, 10, 3)", "[0,3,6,9]"),
    ("$range(1, 9, 9)", "1"),
    ("$range(1, 9, 2)", "[1,3,5,7,9]"),
    ("$parse($states.input.FunctionInput.json)", #"{"k":[1]}"#),
    ("$parse('\"HelloWorld\"')", #""HelloWorld""#),
    ("$parse('-0')", "0"),
    ("$hash('input data', 'MD5')", #""812f45842bc6d66ee14572ce20db8e86""#),
    ("$contains('hello$world', /^hello\\$/)", "true"),
    ("$contains('hello$world', /^hello\\ /)", "false"),
    ("$contains(\"hello$world\", 'o$w')", "true"),
    ("$split('a,b,c', ',')", #"["a","b","c"]"#),
    ("$join(['a', 'b'], '-')", #""a-b""#),
    ("$uppercase('abc') & $lowercase('DEF')", #""ABCdef""#),
    ("$substring('hello', 1, 3)", #""ell""#),
    ("$length('héllo')", "5"),
    ("$replace('a-b-c', '-', '+')", #""a+b+c""#),
    ("$number('42') + 1", "43"),
    ("$round(2.5) & ',' & $round(3.5) & ',' & $round(1.234, 2)", #""2,4,1.23""#),
    ("$floor(-1.5)", "-2"),
    ("$abs(-3)", "3"),
    ("$exists($states.input.nope)", "false"),
    ("$keys({'a': 1, 'b': 2})", #"["a","b"]"#),
    ("$merge([{'a': 1}, {'b': 2}])", #"{"a":1,"b":2}"#),
    ("$append([1], [2, 3])", "[1,2,3]"),
    ("$reverse([1, 2, 3])", "[3,2,1]"),
    ("$sort([3, 1, 2])", "[1,2,3]"),
    ("$distinct([1, 1, 2])", "[1,2]"),
    ("$type($states.input.items)", #""array""#),
    ("$lookup({'a': 1}, 'a')", "1"),
    ("[1..4]", "[1,2,3,4]"),
    ("[1, [2, 3]]", "[1,[2,3]]"),
    ("$states.input.value in [25, 26]", "true"),
    ("10 % 3 - -1", "2"),
    ("7 / 2", "3.5"),
    ("$states.input.empty", "[]"),
    ("$toMillis('1970-01-01T00:00:01.5Z')", "1500"),
    ("$fromMillis(1500)", #""1970-01-01T00:00:01.500Z""#),
    ("$now()", #""2016-12-05T21:29:29.000Z""#),
    ("$states.input.orders['z' in tags].id", #""b""#),
    ("$states.input.orders[tags = 'z'].id", "UNDEFINED"),
    (
      "{'total': $sum($states.input.orders.price), 'n': $count($states.input.orders)}",
      #"{"total":20,"n":2}"#
    ),
    ("$states.input.`value`", "25"),
    ("/* comment */ 1 + 1", "2"),
    ("$states.input.orders{id: price}", #"{"a":5,"b":15}"#),
    ("$states.input.orders{'all': $sum(price)}", #"{"all":20}"#),
    (
      "$states.input.orders[price > 1]{'customer': 'x', 'total': $sum(price), id: tags}",
      #"{"customer":"x","total":20,"a":["x"],"b":["y","z"]}"#
    ),
    // Step Functions dialect, values measured on AWS.
    ("$random(42)", "0.7275636800328681"),
    ("$range(-1.7, 2, 1)", "[-1,0,1,2]"),
    ("$range(0, 6, 2)", "[0,2,4,6]"),
    ("$hash('input', 'SHA-1')", #""140f86aae51ab9e1cda9b4254fe98a74eb54c1a1""#),
    ("$partition([1,2,3,4], 2)", "[[1,2],[3,4]]"),
    ("$parse('{\"a\":1}').a", "1"),
  ])
  func evaluates(_ text: String, _ expected: String) throws {
    let result = try Self.run(text)
    if expected == "UNDEFINED" {
      #expect(result == nil, "deep equality: an array never equals a string")
      return
    }
    #expect(result == json(expected), "\(text) → \(result?.compactString ?? "undefined")")
  }

  @Test(arguments: [
    "$doesNotExist", "$states.input.nope", "$states.input.orders[price > 100]", "()",
  ])
  func undefinedResults(_ text: String) throws {
    #expect(try Self.run(text) == nil)
  }

  @Test func errorsCarryAWSCauses() {
    #expect(
      throws: ASLRuntimeError(
        error: "States.QueryEvaluationError",
        cause:
          "The JSONata expression '$randomSeeded($states.input.FunctionInput.fst)' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function",
        location: "Output")
    ) { try Self.run("$randomSeeded($states.input.FunctionInput.fst)") }
    #expect(
      throws: ASLRuntimeError(
        error: "States.QueryEvaluationError",
        cause:
          "The JSONata expression '$fn := function($x){$x}' specified for the field 'Output' returned an unsupported result type.",
        location: "Output")
    ) { try Self.run("$fn := function($x){$x}") }
    #expect(
      throws: ASLRuntimeError(
        error: "States.QueryEvaluationError",
        cause:
          "The JSONata expression '$sum(['a'])' specified for the field 'Output' threw an error during evaluation. T0412: Argument 1 of function \"sum\" must be an array of \"numbers\"",
        location: "Output")
    ) { try Self.run("$sum(['a'])") }
    for text in ["'a' + 1", "1 < 'a'", "-'x'", "$sum('x')", "{1: 2}", "$eval('1+1')"] {
      #expect(throws: ASLRuntimeError.self, "\(text)") { try Self.run(text) }
    }
  }

  @Test(arguments: ["1 +", "(1", "[1, 2", "'unterminated", "$x :=", "function($x){", "1 ] 2", "@"])
  func syntaxErrors(_ text: String) {
    #expect {
      try JSONataExpression(text)
    } throws: { error in
      (error as? ASLRuntimeError)?.error == "States.QueryEvaluationError"
    }
  }

  @Test func templates() throws {
    let template = try CompiledJSONataTemplate(
      json(
        #"{"sum": "{% $sum($states.input.items) %}", "fixed": [1, "{%'x'%}"], "plain": "a {% b", "n": {"v": "{% $theAnswer %}"}}"#
      ))
    var random = SeededRandom(seed: 1)
    let result = try template.evaluate(
      states: Self.states, variables: ["theAnswer": 42], field: "Output", random: &random)
    #expect(result == json(#"{"sum": 6, "fixed": [1, "x"], "plain": "a {% b", "n": {"v": 42}}"#))
    #expect(try CompiledJSONataTemplate(json(#"{"a": "b"}"#)).isConstant)
    #expect(CompiledJSONataTemplate.expressionText("{%  $x %}") == "$x")
    #expect(CompiledJSONataTemplate.expressionText("{% $x") == nil)
  }

  @Test func undefinedInTemplateNamesTheNestedField() throws {
    let template = try CompiledJSONataTemplate(json(#"{"result": "{% $doesNotExist %}"}"#))
    var random = SeededRandom(seed: 1)
    #expect(
      throws: ASLRuntimeError(
        error: "States.QueryEvaluationError",
        cause:
          "The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).",
        location: "Output/result")
    ) {
      try template.evaluate(states: Self.states, variables: [:], field: "Output", random: &random)
    }
  }

  @Test func undefinedArrayElementNamesTheIndex() throws {
    let template = try CompiledJSONataTemplate(json(#"{"values": [1, "{% $nope %}"]}"#))
    var random = SeededRandom(seed: 1)
    #expect(
      throws: ASLRuntimeError(
        error: "States.QueryEvaluationError",
        cause:
          "The JSONata expression '$nope' specified for the field 'Output/values[1]' returned nothing (undefined).",
        location: "Output/values[1]")
    ) {
      try template.evaluate(states: Self.states, variables: [:], field: "Output", random: &random)
    }
  }

  @Test func randomAndUUIDAreSeeded() throws {
    var a = SeededRandom(seed: 9)
    var b = SeededRandom(seed: 9)
    let expression = try JSONataExpression("[$random(), $uuid()]")
    let first = try expression.evaluate(states: Self.states, variables: [:], field: "f", random: &a)
    let second = try expression.evaluate(
      states: Self.states, variables: [:], field: "f", random: &b)
    #expect(first == second)
    #expect(a == b)
    #expect(a != SeededRandom(seed: 9), "the generator advanced")
    let value = try #require(first?.arrayValue?.first?.doubleValue)
    #expect(value >= 0 && value < 1)
  }
}
