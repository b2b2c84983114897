import JSONCore
import Testing

@testable import ASLExpressions

/// The parent operator `%` as jsonata-js 2.x resolves it (parser.js seekParent / evaluator.js
/// evaluateTupleStep); expected values were checked against jsonata-js 2.2.2.
@Suite struct JSONataParentTests {
  static let orders = json(
    """
    {"Account": {"Name": "Firefly", "Order": [
      {"OrderID": "o1", "Product": [{"SKU": "a", "Price": 10, "Info": {"Colour": "red"}},
                                    {"SKU": "b", "Price": 20, "Info": {"Colour": "blue"}}]},
      {"OrderID": "o2", "Product": [{"SKU": "c", "Price": 30, "Info": {"Colour": "green"}}]}]}}
    """)

  static func run(_ text: String, _ input: JSONValue = orders) throws(JSONataError) -> JSONValue? {
    try JSONataEvaluation.run(text, input: input)
  }

  @Test(arguments: [
    // Along a path's own steps.
    ("Account.Order.Product.%.OrderID", #"["o1","o1","o2"]"#),
    ("Account.Order.Product.Info.%.%.OrderID", #"["o1","o1","o2"]"#),
    ("Account.Order.Product.{ 'sku': SKU, 'order': %.OrderID, 'account': %.%.Name }",
     #"[{"sku":"a","order":"o1","account":"Firefly"},{"sku":"b","order":"o1","account":"Firefly"},{"sku":"c","order":"o2","account":"Firefly"}]"#),
    ("Account.Order.Product[%.OrderID = 'o2'].SKU", #""c""#),
    ("Account.Order.Product.Price.%[%.OrderID = 'o1'].SKU", #"["a","b"]"#),
    ("Account.Order.Product.SKU^(>%.Price)", #"["c","b","a"]"#),
    // Out of a block or a nested path: the block yields its tuples to the outer step.
    ("Account.(Order.Product).%.OrderID", #"["o1","o1","o2"]"#),
    ("Account.Order.(Product).%.OrderID", #"["o1","o1","o2"]"#),
    ("Account.(Order.(Product)).{ 'o': %.OrderID, 'a': %.%.Name }",
     #"[{"o":"o1","a":"Firefly"},{"o":"o1","a":"Firefly"},{"o":"o2","a":"Firefly"}]"#),
    ("(Account.Order).(Product).%.%.Name", #"["Firefly","Firefly","Firefly"]"#),
    ("(Account.Order.Product)[%.OrderID = 'o1'].SKU", #"["a","b"]"#),
    // After `@` bindings: contiguous focus steps share the input of the first.
    ("Account.Order@$o.{ 'o': $o.OrderID, 'up': $keys(%) }",
     #"[{"o":"o1","up":["Name","Order"]},{"o":"o2","up":["Name","Order"]}]"#),
    ("Account.Order@$o.$o.Product@$p.{ 'p': $p.SKU, 'o': %.OrderID }",
     #"[{"p":"a","o":"o1"},{"p":"b","o":"o1"},{"p":"c","o":"o2"}]"#),
    ("Account.Order#$i.Product.{ 'i': $i, 'o': %.OrderID }",
     #"[{"i":0,"o":"o1"},{"i":0,"o":"o1"},{"i":1,"o":"o2"}]"#),
    // A step a `%` refers to carries tuples, so its predicates filter the whole stream.
    ("Account.Order.Product[0].%.OrderID", #""o1""#),
    ("Account.Order.Product[0].SKU", #"["a","c"]"#),
    ("Account.Order.().%", "undefined"),
    // `%#$i` is a `%` once a `.` puts it in a path; first in a path or alone it seeks nothing.
    ("Account.Order.Product.(%.%#$i).Name", #"["Firefly","Firefly","Firefly"]"#),
    ("Account.Order.%#$i.Name", #"["Firefly","Firefly"]"#),
    ("Account.Order.Product.{ 'a': %#$i }", "[{},{},{}]"),
    // A grouping stays on the `%` it follows; `%^(…)` seeks nothing.
    ("Account.Order.(%{ 'n': $count(Order) }).n", "[2,2]"),
    ("Account.Order.Product.[%^(OrderID)]", "[[],[],[]]"),
    // `%@$p` alone is the `%` (the focus only matters to a path's steps).
    ("Account.Order.Product.(%@$p).OrderID", #"["o1","o1","o2"]"#),
    ("Account.Order.Product.((%)@$v).OrderID", #"["o1","o1","o2"]"#),
    // A `%@$v` predicate is a `%` node, not a path: its own slot does not seek on the step.
    ("Account.[Name][%@$v]", "undefined"),
  ])
  func evaluates(_ expression: String, _ expected: String) throws {
    let value = try Self.run(expression)
    if expected == "undefined" {
      #expect(value == nil, "\(expression)")
    } else {
      #expect(value == json(expected), "\(expression)")
    }
  }

  /// A `%` with no step to be the parent of is a syntax error (S0217), located (as jsonata-js
  /// locates tokens) just after the `%`.
  @Test(arguments: [
    ("%", 1), ("(%)", 2), ("$.%", 3), ("$$.%", 4), ("{'a': 1}.%", 10), ("Account.Order.%.%.%", 19),
    ("Account.%%%", 11), ("**.%", 4), ("Account.Order.Product.(%.OrderID & $x) + %", 42),
    ("(Account.Order.Product)[%.OrderID = 'o1']", 25),
    // `(…)@$v` alone keeps the block's slots, which climb out of the predicate.
    ("Account.%[(Order.%[%.Name])@$v = 2]", 20),
  ])
  func rejectsAtParse(_ expression: String, _ position: Int) {
    #expect(throws: JSONataError(
      code: "S0217", message: "The object representing the 'parent' cannot be derived from this expression",
      position: position)) { try JSONataExpression.compile(expression) }
  }

  /// States and the validator use the same parser: a state field sees the same syntax error,
  /// wrapped as AWS wraps a parse failure.
  @Test func stateFieldRejectsOrphanParent() throws {
    #expect(try JSONataExpression("$states.input.%").text == "$states.input.%")
    do {
      _ = try JSONataExpression("$states.%")
      Issue.record("$states.% parsed")
    } catch {
      #expect(error.error == "States.QueryEvaluationError")
      #expect(error.cause.contains("S0217"))
    }
  }

  /// Where jsonata-js lets an unresolved `%` through parsing (a callee, grouping pairs), it reads
  /// an unbound label: undefined.
  @Test func unresolvedParentsEvaluateToUndefined() throws {
    do {
      _ = try Self.run("%()")
      Issue.record("%() evaluated")
    } catch {
      #expect(error.code == "T1006")
    }
    #expect(try Self.run("Account.Order{ 'n': %.OrderID }") == json("{}"))
    // `%` inside a block resolves on the step before it: here the root object, not a number.
    do {
      _ = try Self.run("Account.(%%%)")
      Issue.record("Account.(%%%) evaluated")
    } catch {
      #expect(error.code == "T2001")
    }
  }
}
