import JSONCore
import Testing

@testable import ASLExpressions

/// The function library against jsonata-js 2.2 behaviour (values worked out from its
/// src/functions.js and src/datetime.js), beyond the JSONata suite's cases.
@Suite struct JSONataFunctionLibraryTests {
  static let now: Int64 = 1_540_127_100_000

  static func run(_ text: String, input: JSONValue? = nil) throws(JSONataError) -> JSONValue? {
    try JSONataEvaluation.run(text, input: input, seed: 7, nowMillis: now)
  }

  static func code(_ text: String) -> String? {
    JSONataEvaluation.error(text, seed: 7, nowMillis: now)?.code
  }

  @Test(arguments: [
    // Strings
    ("$string(1/3)", #""0.333333333333333""#),
    ("$string(1e21)", #""1e+21""#),
    ("$string(0.000001)", #""0.000001""#),
    ("$string(1.5e-7)", #""1.5e-7""#),
    ("$string(123456789012345680000)", #""123456789012345680000""#),
    ("$string({'a': [1, 'x'], 'b': {}})", #""{\"a\":[1,\"x\"],\"b\":{}}""#),
    ("$string({'a': [1]}, true)", #""{\n  \"a\": [\n    1\n  ]\n}""#),
    ("$substring('hello world', -5, 3)", #""wor""#),
    ("$substring('hello', 1.5)", #""ello""#),
    ("$substring('𝄞music', 0, 2)", #""𝄞m""#),
    ("$substringBefore('a-b-c', '-')", #""a""#),
    ("$substringAfter('a-b-c', '-')", #""b-c""#),
    ("$substringAfter('abc', 'x')", #""abc""#),
    ("$trim('  a \t\n b  ')", #""a b""#),
    ("$pad('ab', -5, 'xy')", #""xyxab""#),
    ("$pad('ab', 5)", #""ab   ""#),
    ("$contains('abc', /B/i)", "true"),
    ("$split('a1b22c', /[0-9]+/)", #"["a","b","c"]"#),
    ("$split('a, b, c, d', ', ', 2.5)", #"["a","b"]"#),
    ("$split('abc', '')", #"["a","b","c"]"#),
    ("$join(['a', 'b'], '-')", #""a-b""#),
    ("$match('ab12cd345', /[0-9]+/).index", "[2,6]"),
    ("$match('ab12cd345', /[0-9]+/, 1).match", #""12""#),
    ("$match('x-y', /(\\w)-(\\w)/).groups", #"["x","y"]"#),
    ("$replace('John Smith', /(\\w+)\\s(\\w+)/, '$2, $1')", #""Smith, John""#),
    ("$replace('abc', /b/, '$$')", #""a$c""#),
    ("$replace('abc', /b/, '$0$0')", #""abbc""#),
    ("$replace('abcabc', 'b', 'X', 1)", #""aXcabc""#),
    ("$replace('68F', /(\\d+)F/, function($m) { $string($number($m.groups[0]) - 32) & 'C' })", #""36C""#),
    ("$uppercase('straße')", #""STRASSE""#),
    ("$base64encode('myuser:mypass')", #""bXl1c2VyOm15cGFzcw==""#),
    ("$base64decode('bXl1c2VyOm15cGFzcw==')", #""myuser:mypass""#),
    ("$encodeUrlComponent('?x=test me')", #""%3Fx%3Dtest%20me""#),
    ("$encodeUrl('https://x.com/a b?q=ä')", #""https://x.com/a%20b?q=%C3%A4""#),
    ("$decodeUrlComponent('%3Fx%3Dtest')", #""?x=test""#),
    ("$decodeUrl('%3Fx%20y')", #""%3Fx y""#),
    // Numbers
    ("$number('0x1F')", "31"),
    ("$number('-1.5e2')", "-150"),
    ("$round(2.5)", "2"),
    ("$round(3.5)", "4"),
    ("$round(-2.5)", "-2"),
    ("$round(1.005, 2)", "1"),
    ("$round(123.456, -1)", "120"),
    ("$round(0.125, 2)", "0.12"),
    ("$formatBase(255, 16)", #""ff""#),
    ("$formatBase(-6.6, 2)", #""-111""#),
    ("$formatNumber(1234.5678, '#,##0.00')", #""1,234.57""#),
    ("$formatNumber(0.14, '01%')", #""14%""#),
    ("$formatNumber(1234.5678, '00.000e0')", #""12.346e2""#),
    ("$formatNumber(-3, '#;(#)')", #""(3)""#),
    ("$formatNumber(1234.5, '#.##0,00', {'decimal-separator': ',', 'grouping-separator': '.'})", #""1.234,50""#),
    ("$formatInteger(1999, 'I')", #""MCMXCIX""#),
    ("$formatInteger(28, 'w;o')", #""twenty-eighth""#),
    ("$formatInteger(1234567, 'W')", #""ONE MILLION, TWO HUNDRED AND THIRTY-FOUR THOUSAND, FIVE HUNDRED AND SIXTY-SEVEN""#),
    ("$formatInteger(27, 'A')", #""AA""#),
    ("$formatInteger(1234567, '#,##0')", #""1,234,567""#),
    ("$formatInteger(2, '001;o')", #""002nd""#),
    ("$parseInteger('MCMXCIX', 'I')", "1999"),
    ("$parseInteger('twenty-eighth', 'w;o')", "28"),
    ("$parseInteger('1,234,567', '#,##0')", "1234567"),
    ("$parseInteger('AA', 'A')", "27"),
    // Aggregation, arrays, objects
    ("$sum([1, 2.5])", "3.5"),
    ("$average([1, 2, 3, 4])", "2.5"),
    ("$sort([3, 1, 2])", "[1,2,3]"),
    ("$sort(['b', 'a', 'B'])", #"["B","a","b"]"#),
    ("$sort([{'a':2,'i':1},{'a':1,'i':2},{'a':2,'i':3}], function($l, $r){ $l.a > $r.a }).i", "[2,1,3]"),
    ("$reverse([1, 2, 3])", "[3,2,1]"),
    ("$distinct([1, 1, [2], [2], {'a': 1}, {'a': 1}])", #"[1,[2],{"a":1}]"#),
    ("$zip([1, 2, 3], [4, 5])", "[[1,4],[2,5]]"),
    ("$keys([{'a': 1}, {'b': 2, 'a': 3}])", #"["a","b"]"#),
    ("$lookup([{'a': [1, 2]}, {'a': 3}], 'a')", "[1,2,3]"),
    ("$spread({'a': 1, 'b': 2})", #"[{"a":1},{"b":2}]"#),
    ("$merge([{'a': 1}, {'a': 2, 'b': 3}])", #"{"a":2,"b":3}"#),
    ("$sift({'a': 1, 'b': 2}, function($v){ $v > 1 })", #"{"b":2}"#),
    ("$each({'a': 1, 'b': 2}, function($v, $k){ $k & $v })", #"["a1","b2"]"#),
    ("$map([1, 2, 3], function($v, $i, $a){ $v * $i + $count($a) })", "[3,5,9]"),
    ("$map(['1', '2'], $number)", "[1,2]"),
    ("$filter([1, 2, 3, 4], function($v){ $v % 2 = 0 })", "[2,4]"),
    ("$single([1, 2, 3], function($v){ $v = 2 })", "2"),
    ("$reduce([1, 2, 3, 4], function($acc, $v){ $acc + $v })", "10"),
    ("$reduce([1, 2, 3], function($acc, $v, $i){ $acc + $v * $i }, 100)", "108"),
    ("$append(1, [2, 3])", "[1,2,3]"),
    ("$type(function(){1})", #""function""#),
    ("$type(null)", #""null""#),
    // Dates
    ("$fromMillis(1521801216617)", #""2018-03-23T10:33:36.617Z""#),
    ("$fromMillis(1521801216617, '[D01]/[M01]/[Y0001] [h#1]:[m01][P]')", #""23/03/2018 10:33am""#),
    ("$fromMillis(1521801216617, '[FNn], [D1o] [MNn] [Y]')", #""Friday, 23rd March 2018""#),
    ("$fromMillis(1521801216617, '[Y0001]-[M01]-[D01]T[H01]:[m01][Z01:01]', '-0500')", #""2018-03-23T05:33-05:00""#),
    ("$fromMillis(1521801216617, '[Y]-W[W01]-[F1]')", #""2018-W12-5""#),
    ("$fromMillis(0, '[Y]-[d]', '+0530')", #""1970-1""#),
    ("$toMillis('2018-03-23T10:33:36.617Z')", "1521801216617"),
    ("$toMillis('2018-03-23T11:33:36+01:00')", "1521801216000"),
    ("$toMillis('2018')", "1514764800000"),
    ("$toMillis('23/03/2018', '[D]/[M]/[Y]')", "1521763200000"),
    ("$toMillis('Friday, 23rd March 2018', '[FNn], [D1o] [MNn] [Y]')", "1521763200000"),
    ("$toMillis('10:33 pm', '[h]:[m] [P]')", "1540161180000"),
    ("$now()", #""2018-10-21T13:05:00.000Z""#),
    ("$now('[H01]:[m01]', '+0100')", #""14:05""#),
    ("$millis()", "1540127100000"),
  ])
  func evaluates(_ text: String, _ expected: String) throws {
    let result = try Self.run(text)
    #expect(result == json(expected), "\(text) → \(result?.compactString ?? "undefined")")
  }

  @Test(arguments: [
    ("$replace('abc', '', 'x')", "D3010"),
    ("$replace('abc', 'b', 'x', -1)", "D3011"),
    ("$replace('abc', /b/, function($m){ 1 })", "D3012"),
    ("$split('abc', 'b', -1)", "D3020"),
    ("$number('12px')", "D3030"),
    ("$match('abc', /b/, -1)", "D3040"),
    ("$reduce([1, 2], function($a){ $a })", "D3050"),
    ("$sqrt(-1)", "D3060"),
    ("$power(10, 1000)", "D3061"),
    ("$sort([1, 'a'])", "D3070"),
    ("$formatNumber(1, '#;#;#')", "D3080"),
    ("$formatNumber(1, '#.#.#')", "D3081"),
    ("$formatNumber(1, '#,.#')", "D3087"),
    ("$formatBase(1, 40)", "D3100"),
    ("$toMillis('2018-3-1')", "D3110"),
    ("$formatInteger(1, 'β')", "D3130"),
    ("$formatInteger(12, '1٢')", "D3131"),
    ("$fromMillis(0, '[Q]')", "D3132"),
    ("$fromMillis(0, '[YN]')", "D3133"),
    ("$fromMillis(0, '[Y')", "D3135"),
    ("$toMillis('2018-01', '[Y]-[m]')", "D3136"),
    ("$error('boom')", "D3137"),
    ("$single([1, 2])", "D3138"),
    ("$single([])", "D3139"),
    ("$decodeUrlComponent('%E0%A4%A')", "D3140"),
    ("$assert(false, 'no')", "D3141"),
    ("$split('abc', /x*/)", "D1004"),
    ("$replace('abracadabra', /.*?/, '$1')", "D1004"),
  ])
  func raises(_ text: String, _ expected: String) {
    #expect(Self.code(text) == expected, "\(text)")
  }

  @Test func numbersPrintAsJavaScriptDoes() {
    let cases: [(Double, String)] = [
      (0, "0"), (-0.0, "0"), (1, "1"), (-1.5, "-1.5"), (0.1, "0.1"), (1e21, "1e+21"),
      (1e-7, "1e-7"), (1.5e-7, "1.5e-7"), (0.000001, "0.000001"), (123e18, "123000000000000000000"),
      (2.5e-10, "2.5e-10"), (1.7976931348623157e308, "1.7976931348623157e+308"),
      (9007199254740993, "9007199254740992"),
    ]
    for (value, text) in cases { #expect(JSNumberText.string(value) == text, "\(value)") }
  }

  @Test func errorMessagesMatchJsonataJs() {
    do {
      _ = try Self.run("$assert(1 = 2, 'one is not two')")
      Issue.record("no error")
    } catch {
      #expect(error.message == "one is not two")
    }
    do {
      _ = try Self.run("$error()")
      Issue.record("no error")
    } catch {
      #expect(error.message == "$error() function evaluated")
    }
  }

  @Test func shuffleKeepsTheItems() throws {
    let result = try Self.run("$sort($shuffle([1, 2, 3, 4, 5]))")
    #expect(result == json("[1,2,3,4,5]"))
  }

  @Test func extremeArgumentsStayBounded() {
    for text in [
      "$formatInteger(1e300, 'I')", "$formatInteger(1e300, 'w')", "$formatInteger(1e300, 'A')",
      "$fromMillis(1e300)", "$fromMillis(0, '[Y,1000000000]')", "$formatNumber(1e300, '#.' & $pad('', 500, '0'))",
      "$toMillis('99999999999999999999', '[Y]')", "$round(1e308, 300)", "$formatBase(1e300, 36)",
    ] {
      // Any value or a located JSONata error; no trap, no hang.
      _ = try? Self.run(text)
    }
  }
}
