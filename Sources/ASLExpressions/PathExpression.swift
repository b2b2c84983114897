import Foundation
import JSONCore

/// Resolution of "…Path" fields and `.$` template values.
public enum PathExpression {
  /// Resolves a "…Path"/".$" string: `$…` (input), `$$…` (context), `$var…` (variables),
  /// or an intrinsic function call `States.X(...)`. `field` is the field name used in AWS's
  /// cause. Intrinsics that need randomness draw from a copy of `scope.random`; use
  /// `resolve(_:field:scope:random:)` to advance a generator you keep.
  public static func resolve(_ expression: String, field: String, scope: EvaluationScope)
    throws(ASLRuntimeError) -> JSONValue
  {
    var random = scope.random
    return try resolve(expression, field: field, scope: scope, random: &random)
  }

  /// `resolve(_:field:scope:)` drawing random numbers from `random`.
  public static func resolve(
    _ expression: String, field: String, scope: EvaluationScope, random: inout SeededRandom
  ) throws(ASLRuntimeError) -> JSONValue {
    try ExpressionCache.shared.expression(expression)
      .evaluate(field: field, scope: scope, random: &random)
  }

  /// Parses (through a shared cache) without evaluating; for validation and pre-compilation.
  public static func parse(_ expression: String) throws(ASLRuntimeError) -> ParsedPathExpression {
    try ExpressionCache.shared.expression(expression)
  }
}

/// Where a path reads from.
public enum PathSource: Sendable, Hashable {
  /// The state input, `$…`.
  case input
  /// The context object, `$$…`.
  case context
  /// A workflow variable, `$name…`.
  case variable(String)
}

/// A parsed "…Path" / `.$` expression: a path into input, context or a variable, or an
/// intrinsic function call. Parse once and evaluate many times.
public struct ParsedPathExpression: Sendable, Hashable {
  /// The source text.
  public let text: String
  let kind: Kind

  enum Kind: Sendable, Hashable {
    case path(PathReference)
    case intrinsic(IntrinsicCall)
  }

  /// Parses `text`. Intrinsic calls start with `States.`; paths start with `$`.
  public init(_ text: String) throws(ASLRuntimeError) {
    self.text = text
    if text.hasPrefix("States.") {
      kind = .intrinsic(try IntrinsicCall(text))
    } else {
      let (source, path) = try ParsedPathExpression.parsePath(text)
      kind = .path(PathReference(source: source, path: path, text: text))
    }
  }

  /// True when this is an intrinsic function call.
  public var isIntrinsic: Bool {
    if case .intrinsic = kind { return true } else { return false }
  }

  /// The source and JSONPath when this is a path (nil for intrinsics).
  public var path: (source: PathSource, path: JSONPath)? {
    if case .path(let reference) = kind { return (reference.source, reference.path) }
    return nil
  }

  /// Like `evaluate`, but a path that matches nothing (definite path missing, or undefined
  /// variable) yields nil instead of throwing; intrinsic calls still throw on failure.
  /// Choice `Variable`s and `…Path` operands read this way (`IsPresent`).
  public func evaluateIfPresent(scope: EvaluationScope, random: inout SeededRandom)
    throws(ASLRuntimeError) -> JSONValue?
  {
    switch kind {
    case .intrinsic(let call): return try call.evaluate(scope: scope, random: &random, field: text)
    case .path(let reference): return try ParsedPathExpression.readIfPresent(reference, scope: scope)
    }
  }

  /// The path in Jayway's bracketed form for "No results for path" causes: `$['a'][0]`
  /// (`$$['a']` for context paths, `$name['a']` for variables); the text for intrinsics.
  public var normalizedText: String {
    guard case .path(let reference) = kind else { return text }
    let normalized = reference.path.normalizedText
    switch reference.source {
    case .input: return normalized
    case .context: return "$" + normalized
    case .variable(let name): return "$" + name + normalized.dropFirst()
    }
  }

  /// Splits `$$…`, `$name…` and `$…` into a source and a `$`-rooted JSONPath.
  static func parsePath(_ text: String) throws(ASLRuntimeError) -> (PathSource, JSONPath) {
    let utf8 = Array(text.utf8)
    guard utf8.first == UInt8(ascii: "$") else {
      throw ASLRuntimeError(
        error: "States.Runtime", cause: "Invalid path '\(text)': a path must start with '$'")
    }
    if utf8.count >= 2, utf8[1] == UInt8(ascii: "$") {
      let rest = String(decoding: utf8[2...], as: UTF8.self)
      return (.context, try JSONPath.rebased("$" + rest, original: text))
    }
    if utf8.count >= 2, JSONPathParser.isIdentifierByte(utf8[1]) {
      var end = 1
      while end < utf8.count, utf8[end] != UInt8(ascii: "."), utf8[end] != UInt8(ascii: "[") {
        end += 1
      }
      let name = String(decoding: utf8[1..<end], as: UTF8.self)
      let rest = String(decoding: utf8[end...], as: UTF8.self)
      return (.variable(name), try JSONPath.rebased("$" + rest, original: text))
    }
    return (.input, try JSONPath(text))
  }

  /// Evaluates against `scope`. A definite path that matches nothing throws `States.Runtime`
  /// with AWS's cause; an indefinite path yields an array (possibly empty).
  public func evaluate(field: String, scope: EvaluationScope, random: inout SeededRandom)
    throws(ASLRuntimeError) -> JSONValue
  {
    switch kind {
    case .intrinsic(let call):
      return try call.evaluate(scope: scope, random: &random, field: field)
    case .path(let reference):
      return try ParsedPathExpression.read(reference, field: field, scope: scope)
    }
  }

  static func read(_ reference: PathReference, field: String, scope: EvaluationScope)
    throws(ASLRuntimeError) -> JSONValue
  {
    if let value = try readIfPresent(reference, scope: scope) { return value }
    throw notFound(reference, field: field, scope: scope)
  }

  /// The value, or nil when a definite path matches nothing or the variable is undefined.
  @inline(__always)
  static func readIfPresent(_ reference: PathReference, scope: EvaluationScope) throws(ASLRuntimeError) -> JSONValue? {
    switch reference.source {
    case .input: return try reference.path.evaluate(in: scope.input)
    case .context: return try reference.path.evaluate(in: scope.context)
    case .variable(let name):
      guard let value = scope.variables[name] else { return nil }
      return try reference.path.evaluate(in: value)
    }
  }

  static func notFound(_ reference: PathReference, field: String, scope: EvaluationScope)
    -> ASLRuntimeError
  {
    let document: JSONValue
    switch reference.source {
    case .input: document = scope.input
    case .context: document = scope.context
    case .variable(let name):
      guard let value = scope.variables[name] else {
        return ASLRuntimeError(
          error: "States.Runtime",
          cause: "The JSONPath '\(reference.text)' specified for the field '\(field)' could not be"
            + " found: the variable '\(name)' is not defined")
      }
      document = value
    }
    return ASLRuntimeError(
      error: "States.Runtime",
      cause: "The JSONPath '\(reference.text)' specified for the field '\(field)' could not be"
        + " found in the input '\(document.compactString)'")
  }
}

extension JSONPath {
  /// Parses `rebasedText` but keeps errors mentioning the original text.
  static func rebased(_ rebasedText: String, original: String) throws(ASLRuntimeError) -> JSONPath {
    do {
      return try JSONPath(rebasedText)
    } catch {
      throw ASLRuntimeError(
        error: error.error,
        cause: error.cause.replacingOccurrences(of: "'\(rebasedText)'", with: "'\(original)'"))
    }
  }
}
