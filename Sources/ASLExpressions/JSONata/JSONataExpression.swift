import Foundation
import JSONCore

/// A parsed JSONata expression (the `QueryLanguage: "JSONata"` language of Step Functions).
///
/// Supported: paths with predicates (`$states.input.items[price > 10].name`), wildcards,
/// arithmetic, comparison, `and`/`or`/`in`, string concatenation `&`, conditionals `? :`,
/// blocks `( ; )`, bindings `$x := …`, lambdas `function($x){…}`, `~>`, array/object
/// constructors, ranges `[1..5]`, regular expressions, and the standard function library plus
/// Step Functions' `$partition`, `$range`, `$hash`, `$random([seed])`, `$uuid`, `$parse`.
/// Not supported: the `{}` grouping operator after a path, `^()` sorting, `@`/`#` bindings,
/// function signatures (parsed and ignored), `$eval`, date formatting pictures.
public struct JSONataExpression: Sendable, Hashable {
  final class Storage: Sendable {
    let text: String
    let node: JSONataNode
    init(text: String, node: JSONataNode) {
      self.text = text
      self.node = node
    }
  }

  let storage: Storage

  /// The expression text (without `{%` `%}`).
  public var text: String { storage.text }

  /// Parses `text`; syntax errors throw `States.QueryEvaluationError` naming the JSONata code.
  public init(_ text: String) throws(ASLRuntimeError) {
    do {
      storage = Storage(text: text, node: try JSONataParser.parse(text))
    } catch {
      throw ASLRuntimeError(
        error: "States.QueryEvaluationError",
        cause: "The JSONata expression '\(text)' could not be parsed. \(error.text)")
    }
  }

  /// Why the regular expression literal `/pattern/flags` does not compile, nil when it does.
  public static func regexProblem(pattern: String, flags: String) -> String? {
    RegexLiteral(pattern: pattern, flags: flags).compileError
  }

  public static func == (lhs: JSONataExpression, rhs: JSONataExpression) -> Bool {
    lhs.text == rhs.text
  }
  public func hash(into hasher: inout Hasher) { hasher.combine(text) }

  /// Evaluates with `$states` bound to `states` (an object with `input`, `context`, and where the
  /// field allows them `result` / `errorOutput`) and the workflow `variables` bound by name.
  /// Returns nil when the expression yields nothing (JSONata *undefined*). Errors throw
  /// `States.QueryEvaluationError` with AWS's cause text for `field`, located at `field`.
  public func evaluate(
    states: JSONValue, variables: [String: JSONValue], field: String,
    random: inout SeededRandom, nowMillis: Int64 = 0
  ) throws(ASLRuntimeError) -> JSONValue? {
    let environment = JSONataEnvironment(parent: nil)
    for (name, value) in variables { environment.bindings[name] = .json(value) }
    environment.bindings["states"] = .json(states)
    var evaluator = JSONataEvaluator(random: random, nowMillis: nowMillis)
    defer { random = evaluator.random }
    let value: JSONataValue
    do {
      let result = try evaluator.evaluate(storage.node, .undefined, environment)
      value = try evaluator.finished(result)
    } catch {
      throw ASLRuntimeError(
        error: "States.QueryEvaluationError",
        cause: "The JSONata expression '\(text)' specified for the field '\(field)' threw an error"
          + " during evaluation. \(error.text)", location: field)
    }
    switch value {
    case .undefined: return nil
    case .function, .regex:
      throw ASLRuntimeError(
        error: "States.QueryEvaluationError",
        cause: "The JSONata expression '\(text)' specified for the field '\(field)' returned an"
          + " unsupported result type.", location: field)
    default: return evaluator.output(value)
    }
  }

  /// AWS's error for a field whose expression yields nothing.
  public func undefinedError(field: String) -> ASLRuntimeError {
    ASLRuntimeError(
      error: "States.QueryEvaluationError",
      cause: "The JSONata expression '\(text)' specified for the field '\(field)' returned nothing"
        + " (undefined).", location: field)
  }
}

/// JSON templates whose string values may be `{% expression %}` (Arguments, Output, Assign,
/// Items, ItemSelector, Condition, Seconds, Timestamp, ... in JSONata mode).
public struct CompiledJSONataTemplate: Sendable, Hashable {
  indirect enum Node: Sendable, Hashable {
    case constant(JSONValue)
    case expression(JSONataExpression)
    case object([Member])
    case array([Node])
  }

  struct Member: Sendable, Hashable {
    var key: String
    var node: Node
  }

  let root: Node
  /// The template as written.
  public let template: JSONValue

  /// The expression text when `string` is `{% … %}` (whole string), else nil.
  public static func expressionText(_ string: String) -> String? {
    guard string.hasPrefix("{%"), string.hasSuffix("%}"), string.count >= 4 else { return nil }
    return String(string.dropFirst(2).dropLast(2)).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Compiles every `{% … %}` string in `template`.
  public init(_ template: JSONValue) throws(ASLRuntimeError) {
    self.template = template
    root = try CompiledJSONataTemplate.compile(template)
  }

  /// True when the template contains no expression.
  public var isConstant: Bool {
    if case .constant = root { return true }
    return false
  }

  static func compile(_ value: JSONValue) throws(ASLRuntimeError) -> Node {
    switch value {
    case .string(let s):
      if let text = expressionText(s) { return .expression(try JSONataExpression(text)) }
      return .constant(value)
    case .object(let object):
      var members: [Member] = []
      var constant = true
      for (key, member) in object.storage {
        let node = try compile(member)
        if case .constant = node {} else { constant = false }
        members.append(Member(key: key, node: node))
      }
      return constant ? .constant(value) : .object(members)
    case .array(let items):
      var nodes: [Node] = []
      var constant = true
      for item in items {
        let node = try compile(item)
        if case .constant = node {} else { constant = false }
        nodes.append(node)
      }
      return constant ? .constant(value) : .array(nodes)
    default:
      return .constant(value)
    }
  }

  /// Evaluates the template. An expression yielding nothing throws AWS's "returned nothing
  /// (undefined)" error naming the nested field like AWS: `/` per object key, `[i]` per array
  /// index (`Output/result`, `Output/values[0]`).
  public func evaluate(
    states: JSONValue, variables: [String: JSONValue], field: String,
    random: inout SeededRandom, nowMillis: Int64 = 0
  ) throws(ASLRuntimeError) -> JSONValue {
    try CompiledJSONataTemplate.evaluate(
      root, states: states, variables: variables, field: field, random: &random,
      nowMillis: nowMillis)
  }

  static func evaluate(
    _ node: Node, states: JSONValue, variables: [String: JSONValue], field: String,
    random: inout SeededRandom, nowMillis: Int64
  ) throws(ASLRuntimeError) -> JSONValue {
    switch node {
    case .constant(let value): return value
    case .expression(let expression):
      guard
        let value = try expression.evaluate(
          states: states, variables: variables, field: field, random: &random,
          nowMillis: nowMillis)
      else { throw expression.undefinedError(field: field) }
      return value
    case .object(let members):
      var object = JSONObject(minimumCapacity: members.count)
      for member in members {
        object[member.key] = try evaluate(
          member.node, states: states, variables: variables, field: field + "/" + member.key,
          random: &random, nowMillis: nowMillis)
      }
      return .object(object)
    case .array(let nodes):
      var out: [JSONValue] = []
      for (index, element) in nodes.enumerated() {
        out.append(
          try evaluate(
            element, states: states, variables: variables, field: field + "[\(index)]",
            random: &random, nowMillis: nowMillis))
      }
      return .array(out)
    }
  }
}

// MARK: Standalone evaluation (`sfdbg eval`)

extension JSONataExpression {
  /// Parses `text`, throwing the JSONata error itself (code, message, position) rather than
  /// AWS's States.QueryEvaluationError wrapping.
  public static func compile(_ text: String) throws(JSONataError) -> JSONataExpression {
    JSONataExpression(storage: Storage(text: text, node: try JSONataParser.parse(text)))
  }

  init(storage: Storage) { self.storage = storage }

  /// Evaluates as jsonata-js's `expression.evaluate(input, bindings)` does: `$` and `$$` are
  /// `input` (nil: undefined), each binding is a variable. Returns nil for undefined; a function
  /// or regex result is returned as nil too (it has no JSON form).
  public func evaluate(
    input: JSONValue?, bindings: [String: JSONValue], random: inout SeededRandom,
    nowMillis: Int64
  ) throws(JSONataError) -> JSONValue? {
    let environment = JSONataEnvironment(parent: nil)
    for (name, value) in bindings { environment.bindings[name] = .json(value) }
    let context: JSONataValue = input.map(JSONataEvaluator.outerWrapped) ?? .undefined
    environment.bindings["$$"] = context
    var evaluator = JSONataEvaluator(random: random, nowMillis: nowMillis)
    defer { random = evaluator.random }
    let value = try evaluator.evaluate(storage.node, context, environment)
    return evaluator.output(try evaluator.finished(value))
  }
}
