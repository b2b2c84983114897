import JSONCore
import Testing

@testable import ASLExpressions

@Suite struct JSONPathTests {
  static let store = json(
    """
    {"store": {"book": [
      {"category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95},
      {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99},
      {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick",
       "isbn": "0-553-21311-3", "price": 8.99},
      {"category": "fiction", "author": "J. R. R. Tolkien", "title": "LOTR",
       "isbn": "0-395-19395-8", "price": 22.99}
    ], "bicycle": {"color": "red", "price": 19.95}},
    "a b": {"c.d": 1, "it's": 2}, "arr": [0, 1, 2, 3, 4, 5], "n": null, "fn": {"length()": 3}}
    """)

  /// (path, expected JSON, or nil for "missing").
  @Test(arguments: [
    ("$", nil as String?),
    ("$.store.bicycle.color", #""red""#),
    ("$['store']['bicycle']['price']", "19.95"),
    (#"$["store"].bicycle"#, #"{"color":"red","price":19.95}"#),
    ("$.store.book[0].title", #""Sayings""#),
    ("$.store.book[-1].title", #""LOTR""#),
    ("$.store.book[4]", "MISSING"),
    ("$.store.nope", "MISSING"),
    ("$.store.bicycle.color.deeper", "MISSING"),
    ("$.arr.x", "MISSING"),
    ("$['a b']['c.d']", "1"),
    (#"$['a b']['it\'s']"#, "2"),
    ("$.n", "null"),
    (
      "$.store.book[*].author",
      #"["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"]"#
    ),
    ("$.store.*.color", #"["red"]"#),
    ("$..author", #"["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"]"#),
    ("$.store..price", "[8.95,12.99,8.99,22.99,19.95]"),
    ("$..book[2].title", #"["Moby Dick"]"#),
    ("$..book[-1:].title", #"["LOTR"]"#),
    ("$.arr[1:3]", "[1,2]"),
    ("$.arr[:2]", "[0,1]"),
    ("$.arr[-2:]", "[4,5]"),
    ("$.arr[::2]", "[0,2,4]"),
    ("$.arr[::-2]", "[5,3,1]"),
    ("$.arr[0,2,-1]", "[0,2,5]"),
    ("$.arr[10:]", "[]"),
    ("$.store.book[?(@.isbn)].title", #"["Moby Dick","LOTR"]"#),
    ("$.store.book[?(!@.isbn)].title", #"["Sayings","Sword"]"#),
    ("$.store.book[?(@.price < 10)].title", #"["Sayings","Moby Dick"]"#),
    ("$.store.book[?(@.price <= 8.99)].title", #"["Sayings","Moby Dick"]"#),
    ("$.store.book[?(@.price > 12.99)].title", #"["LOTR"]"#),
    ("$.store.book[?(@.price >= 12.99)].title", #"["Sword","LOTR"]"#),
    ("$.store.book[?(@.category == 'reference')].author", #"["Nigel Rees"]"#),
    (#"$.store.book[?(@.category != "fiction")].author"#, #"["Nigel Rees"]"#),
    ("$.store.book[?(@.category == 'fiction' && @.price < 10)].title", #"["Moby Dick"]"#),
    ("$.store.book[?(@.price < 9 || @.price > 20)].title", #"["Sayings","Moby Dick","LOTR"]"#),
    ("$.store.book[?(@.author =~ /.*Tolkien/)].title", #"["LOTR"]"#),
    ("$.store.book[?(@.author =~ /.*tolkien/i)].title", #"["LOTR"]"#),
    ("$.store.book[?(@.category in ['reference', 'x'])].title", #"["Sayings"]"#),
    ("$.store.book[?(@.price > $.store.bicycle.price)].title", #"["LOTR"]"#),
    (
      "$.store.book[*]['title','price']",
      #"["Sayings",8.95,"Sword",12.99,"Moby Dick",8.99,"LOTR",22.99]"#
    ),
    ("$.nope[*]", "[]"),
    // Jayway spellings AWS accepts.
    ("$.store.book.[0].title", #""Sayings""#),
    ("$.arr.[*]", "[0,1,2,3,4,5]"),
    ("$.store.book[(@.length-1)].title", #""LOTR""#),
    ("$.store.book[?(@.category==reference)].title", #"["Sayings"]"#),
    ("$.arr.length()", "MISSING"),
    ("$.store.book.length()", "MISSING"),
    ("$['fn'].length()", "3"),
    ("$.nope.length()", "MISSING"),
  ])
  func evaluates(_ path: String, _ expected: String?) throws {
    let parsed = try JSONPath(path)
    let result = try parsed.evaluate(in: Self.store)
    switch expected {
    case nil: #expect(result == Self.store)
    case "MISSING": #expect(result == nil)
    case let text?: #expect(result == json(text), "\(path) → \(result?.compactString ?? "nil")")
    }
  }

  @Test(arguments: [
    ("$.a.b", true), ("$['a'][0]", true), ("$.a[-1]", true), ("$.a[*]", false),
    ("$..a", false), ("$.a[0:1]", false), ("$.a[0,1]", false), ("$.a[?(@.b)]", false),
    ("$.a.length()", true), ("$.*", false),
  ])
  func definiteness(_ path: String, _ definite: Bool) throws {
    #expect(try JSONPath(path).isDefinite == definite)
  }

  @Test(arguments: ["", "a.b", "$.", "$[", "$[abc]", "$.a b", "$['a'", "$.a(", "$.a[?(@.x ==)]"])
  func rejectsSyntaxErrors(_ path: String) {
    #expect(throws: ASLRuntimeError.self) { try JSONPath(path) }
  }

  /// AWS has no path functions: "Invalid path '$.list.length()' : Property ['length()'] not
  /// found in path $['list']".
  @Test func functionsAreMemberNames() throws {
    #expect(try JSONPath("$.list.length()").normalizedText == "$['list']['length()']")
  }

  @Test func normalizedText() throws {
    #expect(try JSONPath("$.NoSuchOutputPath").normalizedText == "$['NoSuchOutputPath']")
    #expect(try JSONPath("$.a[0].b[*]").normalizedText == "$['a'][0]['b'][*]")
  }

  @Test func orderOfObjectWildcardFollowsKeyOrder() throws {
    let doc = json(#"{"z": 1, "a": 2, "m": 3}"#)
    #expect(try JSONPath("$.*").evaluate(in: doc) == json("[1,2,3]"))
    #expect(try JSONPath("$[*]").evaluate(in: doc)?.compactString == "[1,2,3]")
  }

  @Test func filterOnObjectTestsTheObjectItself() throws {
    let doc = json(#"{"o": {"x": 2}}"#)
    #expect(try JSONPath("$.o[?(@.x == 2)]").evaluate(in: doc) == json(#"[{"x":2}]"#))
    #expect(try JSONPath("$.o[?(@.x == 3)]").evaluate(in: doc) == json("[]"))
  }

  /// A backtracking `=~` pattern (issue 13) stops with a States.Runtime error that names the
  /// limit instead of running for about a minute; linear patterns on long strings still match.
  @Test func catastrophicFilterRegexStopsAtItsBudget() throws {
    let doc = json(#"{"items": [{"s": "\#(String(repeating: "a", count: 116))!"}]}"#)
    #expect {
      _ = try JSONPath("$.items[?(@.s =~ /(a+)+$/)]").evaluate(in: doc)
    } throws: { error in
      guard let error = error as? ASLRuntimeError else { return false }
      return error.error == "States.Runtime" && error.cause.contains("backtracks catastrophically")
    }
    let long = json(#"{"items": [{"s": "\#(String(repeating: "ab", count: 100_000))"}]}"#)
    #expect(try JSONPath("$.items[?(@.s =~ /(ab)*/)]").evaluate(in: long).map { if case .array(let a) = $0 { a.count } else { -1 } } == 1)
  }
}
