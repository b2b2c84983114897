import Foundation
import JSONCore

/// A small thread-safe cache of parsed expressions keyed by their source text.
///
/// The string-based entry points (`PathExpression.resolve`, `ReferencePath.set`,
/// `IntrinsicFunction.evaluate`) parse through it, so repeated evaluation of the same text
/// parses once. Bounded: cleared when it grows past `limit` entries.
final class ExpressionCache: Sendable {
  static let shared = ExpressionCache()

  private let paths = BoundedTable<JSONPath>()
  private let expressions = BoundedTable<ParsedPathExpression>()
  private let templates = BoundedTable<CompiledPayloadTemplate.Node>()
  private let expressionNodes = BoundedTable<CompiledPayloadTemplate.Node>()

  func jsonPath(_ text: String) throws(ASLRuntimeError) -> JSONPath {
    try paths.value(text) { () throws(ASLRuntimeError) in try JSONPath(text) }
  }

  func expression(_ text: String) throws(ASLRuntimeError) -> ParsedPathExpression {
    try expressions.value(text) { () throws(ASLRuntimeError) in try ParsedPathExpression(text) }
  }

  /// The node of a `"key.$": "expression"` template member, shared between templates that
  /// repeat it (a chain of states each computing `"n.$": "States.MathAdd($.n, 1)"` then reads one
  /// hot node instead of one cold copy per state).
  func expressionNode(_ text: String, field: String) throws(ASLRuntimeError) -> CompiledPayloadTemplate.Node {
    try expressionNodes.value(field + "\u{0}" + text) { () throws(ASLRuntimeError) in
      CompiledPayloadTemplate.Node.expression(try expression(text), field: field)
    }
  }

  /// The compiled tree of a payload template, shared between identical templates (keyed by the
  /// exact compact text) so machines that repeat one template touch one hot tree.
  func templateNode(_ template: JSONValue) throws(ASLRuntimeError) -> CompiledPayloadTemplate.Node {
    try templates.value(template.compactString) { () throws(ASLRuntimeError) in
      try CompiledPayloadTemplate.compile(template)
    }
  }
}

/// One table of `ExpressionCache`: values by text, emptied when it reaches `limit` entries.
private final class BoundedTable<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var entries: [String: Value] = [:]
  private let limit = 4096

  /// The value stored for `key`, else `make()`'s, stored. The lock is not held while `make` runs
  /// (it may read another table).
  func value(_ key: String, _ make: () throws(ASLRuntimeError) -> Value) throws(ASLRuntimeError)
    -> Value
  {
    lock.lock()
    let cached = entries[key]
    lock.unlock()
    if let cached { return cached }
    let value = try make()
    lock.lock()
    if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
    entries[key] = value
    lock.unlock()
    return value
  }
}
