import JSONCore
import Testing

@testable import ASLExpressions

/// Where jsonata-js's syntax tree decides evaluation (values worked out from its src/parser.js
/// processAST and src/jsonata.js): object keys before values, a predicate on a node that is not
/// a path, an `@` binding outside a path, `[]` after a call on the right of `~>`.
@Suite struct JSONataNodeSemanticsTests {
  static func run(_ text: String, input: JSONValue? = nil) throws(JSONataError) -> JSONValue? {
    try JSONataEvaluation.run(text, input: input)
  }

  static func code(_ text: String, input: JSONValue? = nil) -> String? {
    JSONataEvaluation.error(text, input: input)?.code
  }

  /// evaluatePath: a leading array constructor is evaluated once; when it is empty the path
  /// stops there and returns that array, while an empty later step leaves nothing.
  @Test func anEmptyLeadingArrayConstructorEndsThePathWithIt() throws {
    let input = json(#"{"a": {"b": {"c": 1}}}"#)
    #expect(try Self.run("[X].y", input: input) == json("[]"))
    #expect(try Self.run("[].y.z", input: input) == json("[]"))
    #expect(try Self.run("[1, 2].y", input: input) == nil)
    #expect(try Self.run("[a].b", input: input) == json(#"{"c": 1}"#))
    #expect(try Self.run("$count([X].y)", input: input) == json("0"))
  }

  /// evaluateGroupExpression: every key first, a key from two pairs is D1009, an undefined key
  /// drops its pair.
  @Test func objectConstructorKeys() throws {
    #expect(Self.code("{'a': 1, 'a': 2}") == "D1009")
    #expect(Self.code("{'a': $error('value first'), 'a': 1}") == "D1009")
    #expect(Self.code("{'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6, 'g': 7, 'h': 8, 'i': 9, 'j': 10, 'k': 11, 'l': 12, 'm': 13, 'n': 14, 'o': 15, 'p': 16, 'a': 17}") == "D1009")
    #expect(Self.code("{'a': nothing, 'a': 1}") == "D1009")
    #expect(Self.code("{1: 2}") == "T1003")
    #expect(try Self.run("{nothing: 1, 'b': 2}") == json(#"{"b":2}"#))
    #expect(
      Self.code(
        "$.{type: $sum(value), kind: $sum(value)}",
        input: json(#"[{"type": "a", "kind": "a", "value": 0}, {"type": "b", "kind": "c", "value": 1}]"#))
        == "D1009")
  }

  /// A block, call or literal with a predicate is evaluated once on the whole context.
  @Test func predicateOnANodeThatIsNotAPath() throws {
    let input = json(#"{"g": [{"k": "x", "p": 1}, {"k": "x", "p": 2}, {"k": "y", "p": 3}]}"#)
    #expect(try Self.run("g{k: (p)[0]}", input: input) == json(#"{"x":1,"y":3}"#))
    #expect(try Self.run("g{k: $append(p, 9)[-1]}", input: input) == json(#"{"x":9,"y":9}"#))
    #expect(try Self.run("g.(p)[0]", input: input) == json("[1,2,3]"))
  }

  /// `@` on a node that is not a path leaves a focus no path reads: the node's own value.
  @Test func focusBindingOutsideAPath() throws {
    #expect(try Self.run("$@$i", input: json("[1, 2, 3]")) == json("[1,2,3]"))
    #expect(try Self.run("[4, 5]@$x[1]") == json("5"))
    #expect(try Self.run("$@$i.($i)", input: json("[1, 2, 3]")) == json("[1,2,3]"))
  }

  /// `[]` after a call on the right of `~>` keeps the application's singleton array.
  @Test func keepArrayAfterAnAppliedCall() throws {
    #expect(try Self.run("[1] ~> $map(function($x){$x * 2})[]") == json("[2]"))
    #expect(try Self.run("[1] ~> $map(function($x){$x * 2})") == json("2"))
    #expect(try Self.run("[1] ~> $map(?, function($x){$x})[]") == json("[1]"))
  }
}
