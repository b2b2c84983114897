import Foundation
import JSONCore

/// A small thread-safe cache of parsed expressions keyed by their source text.
///
/// The string-based entry points (`PathExpression.resolve`, `ReferencePath.set`,
/// `IntrinsicFunction.evaluate`) parse through it, so repeated evaluation of the same text
/// parses once. Bounded: cleared when it grows past `limit` entries.
final class ExpressionCache: @unchecked Sendable {
  static let shared = ExpressionCache()

  private let lock = NSLock()
  private var paths: [String: JSONPath] = [:]
  private var expressions: [String: ParsedPathExpression] = [:]
  private var templates: [String: CompiledPayloadTemplate.Node] = [:]
  private var expressionNodes: [String: CompiledPayloadTemplate.Node] = [:]
  private let limit = 4096

  func jsonPath(_ text: String) throws(ASLRuntimeError) -> JSONPath {
    lock.lock()
    let cached = paths[text]
    lock.unlock()
    if let cached { return cached }
    let parsed = try JSONPath(text)
    lock.lock()
    if paths.count >= limit { paths.removeAll(keepingCapacity: true) }
    paths[text] = parsed
    lock.unlock()
    return parsed
  }

  func expression(_ text: String) throws(ASLRuntimeError) -> ParsedPathExpression {
    lock.lock()
    let cached = expressions[text]
    lock.unlock()
    if let cached { return cached }
    let parsed = try ParsedPathExpression(text)
    lock.lock()
    if expressions.count >= limit { expressions.removeAll(keepingCapacity: true) }
    expressions[text] = parsed
    lock.unlock()
    return parsed
  }

  /// The node of a `"key.$": "expression"` template member, shared between templates that
  /// repeat it (a chain of states each computing `"n.$": "States.MathAdd($.n, 1)"` then reads one
  /// hot node instead of one cold copy per state).
  func expressionNode(_ text: String, field: String) throws(ASLRuntimeError) -> CompiledPayloadTemplate.Node {
    let key = field + "\u{0}" + text
    lock.lock()
    let cached = expressionNodes[key]
    lock.unlock()
    if let cached { return cached }
    let node = CompiledPayloadTemplate.Node.expression(try expression(text), field: field)
    lock.lock()
    if expressionNodes.count >= limit { expressionNodes.removeAll(keepingCapacity: true) }
    expressionNodes[key] = node
    lock.unlock()
    return node
  }

  /// The compiled tree of a payload template, shared between identical templates (keyed by the
  /// exact compact text) so machines that repeat one template touch one hot tree.
  func templateNode(_ template: JSONValue) throws(ASLRuntimeError) -> CompiledPayloadTemplate.Node {
    let key = template.compactString
    lock.lock()
    let cached = templates[key]
    lock.unlock()
    if let cached { return cached }
    let node = try CompiledPayloadTemplate.compile(template)
    lock.lock()
    if templates.count >= limit { templates.removeAll(keepingCapacity: true) }
    templates[key] = node
    lock.unlock()
    return node
  }
}
