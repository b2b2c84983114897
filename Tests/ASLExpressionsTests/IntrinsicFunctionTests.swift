import JSONCore
import Testing

@testable import ASLExpressions

@Suite struct IntrinsicFunctionTests {
  static let input = json(
    """
    {"s": "hello", "n": 5, "f": 2.5, "arr": [1, 2, 3, 2, 1], "obj": {"a": 1, "b": [true, null]},
     "csv": "a,b,,c", "tmpl": "Hi {} and {}", "json": "{\\"k\\": [1, 2]}", "b64": "aGVsbG8=",
     "neg": -3, "big": 3000000000, "empty": [], "nested": [[1], [1], [2]]}
    """)

  static func run(_ expression: String, seed: UInt64 = 7) throws(ASLRuntimeError) -> JSONValue {
    var random = SeededRandom(seed: seed)
    return try IntrinsicFunction.evaluate(
      expression, scope: EvaluationScope(input: input, variables: ["v": 10]), random: &random)
  }

  @Test(arguments: [
    // States.Format
    ("States.Format('Hello {}!', $.s)", #""Hello hello!""#),
    ("States.Format('{} {} {}', 1, 2.50, true)", #""1 2.5 true""#),
    ("States.Format('x={}', null)", #""x=null""#),
    ("States.Format('obj={}', $.obj)", #""obj={a=1, b=[true, null]}""#),
    ("States.Format('arr={}', $.arr)", #""arr=[1, 2, 3, 2, 1]""#),
    (#"States.Format('esc \{\} \'q\' \\ {}', $.n)"#, #""esc {} 'q' \\ 5""#),
    ("States.Format($.tmpl, 'A', $.n)", #""Hi A and 5""#),
    ("States.Format('no placeholders')", #""no placeholders""#),
    ("States.Format('{}', $v)", #""10""#),
    // JSON
    ("States.StringToJson($.json)", #"{"k": [1, 2]}"#),
    ("States.StringToJson('')", "null"),
    ("States.StringToJson('\"quoted\"')", #""quoted""#),
    ("States.JsonToString($.obj)", #""{\"a\":1,\"b\":[true,null]}""#),
    ("States.JsonToString($.s)", #""\"hello\"""#),
    (
      "States.JsonMerge($.obj, States.StringToJson($.json), false)",
      #"{"a":1,"b":[true,null],"k":[1,2]}"#
    ),
    (
      "States.JsonMerge(States.StringToJson('{\"a\": {\"x\": 1}}'), States.StringToJson('{\"a\": {\"y\": 2}}'), false)",
      #"{"a":{"y":2}}"#
    ),
    // Arrays
    ("States.Array()", "[]"),
    ("States.Array(1, 'two', $.obj.a, null, true, States.Array(3))", #"[1,"two",1,null,true,[3]]"#),
    ("States.ArrayPartition($.arr, 2)", "[[1,2],[3,2],[1]]"),
    ("States.ArrayPartition($.empty, 2)", "[]"),
    ("States.ArrayPartition($.arr, 2.4)", "[[1,2],[3,2],[1]]"),
    ("States.ArrayContains($.arr, 3)", "true"),
    ("States.ArrayContains($.arr, 3.0)", "true"),
    ("States.ArrayContains($.arr, '3')", "false"),
    ("States.ArrayContains($.nested, States.Array(2))", "true"),
    ("States.ArrayRange(1, 9, 2)", "[1,3,5,7,9]"),
    ("States.ArrayRange(0, 10, 3)", "[0,3,6,9]"),
    ("States.ArrayRange(5, 1, -2)", "[5,3,1]"),
    ("States.ArrayRange(1, 0, 1)", "[]"),
    ("States.ArrayRange(1.4, 2.6, 1)", "[1,2,3]"),
    ("States.ArrayGetItem($.arr, 2)", "3"),
    ("States.ArrayGetItem($.nested, 2)", "[2]"),
    ("States.ArrayLength($.arr)", "5"),
    ("States.ArrayLength($.empty)", "0"),
    ("States.ArrayUnique($.arr)", "[1,2,3]"),
    ("States.ArrayUnique($.nested)", "[[1],[2]]"),
    ("States.ArrayUnique(States.Array(1, 1.0, '1', true, null, null))", #"[1,"1",true,null]"#),
    // Encoding and hashing
    ("States.Base64Encode($.s)", #""aGVsbG8=""#),
    ("States.Base64Encode('')", #""""#),
    ("States.Base64Decode($.b64)", #""hello""#),
    ("States.Base64Encode('ünï')", #""w7xuw68=""#),
    ("States.Hash('input data', 'MD5')", #""812f45842bc6d66ee14572ce20db8e86""#),
    ("States.Hash('input data', 'SHA-1')", #""aaff4a450a104cd177d28d18d74485e8cae074b7""#),
    (
      "States.Hash('input data', 'SHA-256')",
      #""b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3""#
    ),
    (
      "States.Hash('input data', 'SHA-384')",
      #""d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562""#
    ),
    (
      "States.Hash('input data', 'SHA-512')",
      #""6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4""#
    ),
    ("States.Hash('', 'MD5')", #""d41d8cd98f00b204e9800998ecf8427e""#),
    (
      "States.Hash('', 'SHA-256')",
      #""e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""#
    ),
    // Math
    ("States.MathAdd($.n, 1)", "6"),
    ("States.MathAdd($.n, -10)", "-5"),
    ("States.MathAdd($.f, 0)", "3"),
    ("States.MathAdd(-1.5, 0)", "-1"),
    ("States.MathAdd(-1.5, -1.51)", "-3"),
    ("States.MathAdd($v, $v)", "20"),
    ("States.MathAdd(States.ArrayLength($.arr), -1)", "4"),
    ("States.MathRandom(5, 6)", "5"),
    ("States.MathRandom(1, 100, 42)", "RANDOM"),
    // Strings
    ("States.StringSplit($.csv, ',')", #"["a","b","c"]"#),
    ("States.StringSplit('a-b_c', '-_')", #"["a","b","c"]"#),
    ("States.StringSplit(',,,', ',')", "[]"),
    ("States.StringSplit('abc', ',')", #"["abc"]"#),
    (
      "States.ArrayGetItem(States.StringSplit('x-y-z', '-'), States.MathAdd(States.ArrayLength(States.StringSplit('x-y-z', '-')), -1))",
      #""z""#
    ),
    // Paths that are indefinite yield arrays.
    ("States.ArrayLength($.nested[*][0])", "3"),
  ])
  func evaluates(_ expression: String, _ expected: String) throws {
    let result = try Self.run(expression)
    if expected == "RANDOM" {
      let value = try #require(result.intValue)
      #expect((1..<100).contains(value))
      #expect(
        try Self.run(expression, seed: 99) == result, "a seed argument makes it deterministic")
      return
    }
    #expect(result == json(expected), "\(expression) → \(result.compactString)")
  }

  @Test(arguments: [
    "States.Format('{} {}', 1)",
    "States.Format('{}')",
    "States.Format()",
    "States.Format(1)",
    "States.StringToJson($.n)",
    "States.StringToJson('{bad')",
    "States.JsonToString()",
    "States.ArrayPartition($.arr, 0)",
    "States.ArrayPartition($.s, 1)",
    "States.ArrayPartition($.arr)",
    "States.ArrayContains($.s, 1)",
    "States.ArrayRange(1, 2, 0)",
    "States.ArrayRange(0, 2000, 1)",
    "States.ArrayRange('1', 2, 1)",
    "States.ArrayRange(1, 2)",
    "States.ArrayGetItem($.arr, 5)",
    "States.ArrayGetItem($.arr, -1)",
    "States.ArrayGetItem($.arr, 1.5)",
    "States.ArrayGetItem($.obj, 0)",
    "States.ArrayLength($.s)",
    "States.ArrayUnique($.obj)",
    "States.Base64Encode($.n)",
    "States.Base64Decode('%%%')",
    "States.Hash('x', 'SHA-3')",
    "States.Hash('x')",
    "States.JsonMerge($.obj, $.obj, true)",
    "States.JsonMerge($.obj, $.arr, false)",
    "States.JsonMerge($.s, $.obj, false)",
    "States.MathAdd($.s, 1)",
    "States.MathAdd(1)",
    "States.MathAdd($.big, 1)",
    "States.MathRandom(5, 5)",
    "States.MathRandom(1)",
    "States.MathRandom('a', 2)",
    "States.StringSplit($.arr, ',')",
    "States.StringSplit('a', 1)",
    "States.UUID(1)",
  ])
  func intrinsicFailures(_ expression: String) {
    #expect {
      try Self.run(expression)
    } throws: { error in
      (error as? ASLRuntimeError)?.error == "States.IntrinsicFailure"
    }
  }

  @Test(arguments: [
    "States.Nope(1)",
    "States.Format('unterminated)",
    "States.Format('x' 1)",
    "States.Array(1,)",
    #"States.Format('bad \n escape')"#,
    "States.MathAdd(1, 2) trailing",
    "States.Array(abc)",
  ])
  func syntaxErrors(_ expression: String) {
    #expect(throws: ASLRuntimeError.self) { try IntrinsicCall(expression) }
  }

  @Test func missingPathArgument() {
    #expect {
      try Self.run("States.Array($.nope)")
    } throws: { error in
      let e = error as? ASLRuntimeError
      return e?.error == "States.Runtime" && e?.cause.contains("'$.nope'") == true
    }
  }

  @Test func uuidIsSeededVersion4() throws {
    let a = try Self.run("States.UUID()", seed: 1)
    let b = try Self.run("States.UUID()", seed: 1)
    let c = try Self.run("States.UUID()", seed: 2)
    #expect(a == b)
    #expect(a != c)
    let text = try #require(a.stringValue)
    let parts = text.split(separator: "-").map(\.count)
    #expect(parts == [8, 4, 4, 4, 12])
    #expect(Array(text)[14] == "4")
    #expect("89ab".contains(Array(text)[19]))
  }

  @Test func mathRandomAdvancesTheGenerator() throws {
    var random = SeededRandom(seed: 3)
    let scope = EvaluationScope(input: .null)
    var seen = Set<Int>()
    for _ in 0..<50 {
      let value = try IntrinsicFunction.evaluate(
        "States.MathRandom(0, 1000)", scope: scope, random: &random)
      let n = try #require(value.intValue)
      #expect((0..<1000).contains(n))
      seen.insert(n)
    }
    #expect(seen.count > 40)
  }

  @Test func stringToJsonPrintsNegativeZeroLikeAWS() throws {
    #expect(try Self.run("States.StringToJson('-0')").compactString == "0")
  }

  @Test func allEighteenFunctionsAreKnown() {
    #expect(IntrinsicFunctionName.allCases.count == 18)
  }

  @Test func hashOfLongInputMatchesKnownDigest() {
    let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000)
    #expect(HashAlgorithm.sha1.hexDigest(million) == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
    #expect(
      HashAlgorithm.sha256.hexDigest(
        Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  /// Multi-block digests (201 characters with a non-ASCII one), checked against hashlib.
  @Test(arguments: [
    (HashAlgorithm.md5, "2cc880fb6ff4fda7c02fb12b35ed21c1"),
    (.sha1, "21718580162fdf3ee20df7558fd1af7c96a127dc"),
    (.sha256, "e6e6e179eab7ed073e7b532fc00c43a7ff65c4552d960bf94960c65ff5b10aec"),
    (
      .sha384,
      "c9a4a027644d69d5dcb910a000afb2205ea8b2df5b64658ed1417f1320b9f221533f75609cd79c035899442478bcd041"
    ),
    (
      .sha512,
      "14c219514554b9702741d9d6b7b9ac2bc1c1feec86e96a3992cb33aa0f28fab95207b932e6578ca460abbdcb5a658ffdba2222616ce6c32fcf2d3c8584e65a88"
    ),
  ])
  func multiBlockDigests(_ algorithm: HashAlgorithm, _ expected: String) {
    let message = Array((String(repeating: "x", count: 200) + "ü").utf8)
    #expect(algorithm.hexDigest(message) == expected)
  }
}
