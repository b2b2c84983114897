import JSONCore

/// Payload templates (Parameters, ItemSelector, ResultSelector) in the JSONPath query language.
public enum PayloadTemplate {
  /// Evaluates a template: keys ending in `.$` are resolved (key renamed without `.$`), nested
  /// objects and arrays recursed, other values copied. Randomness comes from a copy of
  /// `scope.random`; see `evaluate(_:scope:random:)`.
  public static func evaluate(_ template: JSONValue, scope: EvaluationScope)
    throws(ASLRuntimeError) -> JSONValue
  {
    var random = scope.random
    return try evaluate(template, scope: scope, random: &random)
  }

  /// `evaluate(_:scope:)` drawing random numbers from `random`.
  public static func evaluate(
    _ template: JSONValue, scope: EvaluationScope, random: inout SeededRandom
  ) throws(ASLRuntimeError) -> JSONValue {
    try CompiledPayloadTemplate(template).evaluate(scope: scope, random: &random)
  }
}

/// A payload template parsed once: constant subtrees are kept as values, `.$` entries are
/// pre-parsed expressions.
public struct CompiledPayloadTemplate: Sendable, Hashable {
  indirect enum Node: Sendable, Hashable {
    case constant(JSONValue)
    /// An object whose constant members are already in `prototype` (dynamic slots hold null
    /// until evaluated); copying the prototype shares its keys, so evaluation only allocates
    /// the values.
    case object(prototype: JSONObject, dynamic: [Slot])
    /// An object with exactly one dynamic member (the most common shape), without the slot
    /// array: one object less to read on every evaluation.
    case objectWithOneSlot(prototype: JSONObject, index: Int, node: Node)
    case array([Node])
    case expression(ParsedPathExpression, field: String)
  }

  struct Slot: Sendable, Hashable {
    var index: Int
    var node: Node
  }

  /// The compiled tree (one reference: copying a compiled template costs one retain).
  let root: Node

  /// Compiles `template`; throws when a `.$` value is not a string or does not parse.
  public init(_ template: JSONValue) throws(ASLRuntimeError) {
    self.root = try ExpressionCache.shared.templateNode(template)
  }

  static func compile(_ value: JSONValue) throws(ASLRuntimeError) -> Node {
    switch value {
    case .object(let object):
      var prototype = JSONObject(minimumCapacity: object.count)
      var dynamic: [Slot] = []
      for (key, member) in object.storage {
        if key.hasSuffix(".$") {
          guard case .string(let text) = member else {
            throw ASLRuntimeError(
              error: "States.Runtime",
              cause: "The value for the field '\(key)' must be a STRING that contains a JSONPath"
                + " but was \(member.typeName) \(member.compactString)")
          }
          let name = String(key.dropLast(2))
          let expression = try ExpressionCache.shared.expressionNode(text, field: key)
          if let index = prototype.storage.index(forKey: name) {
            prototype.storage.values[index] = .null
            dynamic.removeAll { $0.index == index }
            dynamic.append(Slot(index: index, node: expression))
          } else {
            dynamic.append(Slot(index: prototype.count, node: expression))
            prototype.storage[name] = .null
          }
        } else {
          let node = try compile(member)
          if let index = prototype.storage.index(forKey: key) {
            dynamic.removeAll { $0.index == index }
          }
          let index = prototype.storage.index(forKey: key) ?? prototype.count
          if case .constant(let value) = node {
            prototype.storage[key] = value
          } else {
            prototype.storage[key] = .null
            dynamic.append(Slot(index: index, node: node))
          }
        }
      }
      if dynamic.isEmpty { return .constant(value) }
      if dynamic.count == 1 {
        return .objectWithOneSlot(prototype: prototype, index: dynamic[0].index, node: dynamic[0].node)
      }
      return .object(prototype: prototype, dynamic: dynamic)
    case .array(let array):
      let nodes = try array.map { (element) throws(ASLRuntimeError) -> Node in
        try compile(element)
      }
      if nodes.allSatisfy({ if case .constant = $0 { return true } else { return false } }) {
        return .constant(value)
      }
      return .array(nodes)
    default:
      return .constant(value)
    }
  }

  /// Evaluates the template against `scope`.
  public func evaluate(scope: EvaluationScope, random: inout SeededRandom)
    throws(ASLRuntimeError) -> JSONValue
  {
    try CompiledPayloadTemplate.evaluate(root, scope: scope, random: &random)
  }

  static func evaluate(_ node: Node, scope: EvaluationScope, random: inout SeededRandom)
    throws(ASLRuntimeError) -> JSONValue
  {
    switch node {
    case .constant(let value): return value
    case .expression(let expression, let field):
      return try expression.evaluate(field: field, scope: scope, random: &random)
    case .array(let nodes):
      var out: [JSONValue] = []
      out.reserveCapacity(nodes.count)
      for element in nodes { out.append(try evaluate(element, scope: scope, random: &random)) }
      return .array(out)
    case .objectWithOneSlot(let prototype, let index, let slotNode):
      var object = prototype
      object.storage.values[index] = try evaluate(slotNode, scope: scope, random: &random)
      return .object(object)
    case .object(let prototype, let dynamic):
      var object = prototype
      for slot in dynamic {
        object.storage.values[slot.index] = try evaluate(slot.node, scope: scope, random: &random)
      }
      return .object(object)
    }
  }
}
