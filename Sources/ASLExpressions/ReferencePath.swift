import JSONCore

/// Reference paths (`$`, `$.a.b`, `$['a']`, `$.a[0]`) and AWS `ResultPath` insertion.
public enum ReferencePath {
  /// Inserts `value` into `target` at `path` (creating objects as needed), AWS ResultPath
  /// semantics: `$` replaces the whole target; `$.a.b` sets member `b` of `a`, creating `a`
  /// when absent; `$.a[0]` replaces an existing array element.
  ///
  /// Throws `States.ResultPathMatchFailure` when the path crosses a value that is not an
  /// object (or an array for index steps), or names an array element that does not exist.
  public static func set(_ value: JSONValue, at path: String, in target: JSONValue)
    throws(ASLRuntimeError) -> JSONValue
  {
    if path == "$" { return value }
    return try set(value, at: try ExpressionCache.shared.jsonPath(path), in: target)
  }

  /// `set(_:at:in:)` with a pre-parsed path (must be a reference path).
  public static func set(_ value: JSONValue, at path: JSONPath, in target: JSONValue)
    throws(ASLRuntimeError) -> JSONValue
  {
    var result = target
    try set(value, at: path, into: &result)
    return result
  }

  /// In-place variant: mutates `target` (no copy when the caller holds the only reference).
  /// On failure `target` is left unchanged.
  public static func set(_ value: JSONValue, at path: JSONPath, into target: inout JSONValue)
    throws(ASLRuntimeError)
  {
    guard let steps = path.storage.steps, path.root == .document else {
      throw ASLRuntimeError(
        error: "States.ResultPathMatchFailure",
        cause: "The ResultPath '\(path.text)' is not a valid reference path")
    }
    if steps.isEmpty {
      target = value
      return
    }
    if steps.count == 1, setSingleStep(value, steps[0], into: &target) { return }
    guard canInsert(steps[...], into: target) else {
      throw ASLRuntimeError(
        error: "States.ResultPathMatchFailure",
        cause: "Unable to apply ResultPath \"\(path.text)\" to input \(target.compactString)")
    }
    insert(value, steps[...], into: &target)
  }

  /// Validates that `path` is a reference path (names and indexes only) and parses it.
  public static func parse(_ path: String) throws(ASLRuntimeError) -> JSONPath {
    // Shared through the cache: every state writing `$.result` reads one hot parsed path.
    let parsed = try ExpressionCache.shared.jsonPath(path)
    guard parsed.isSimple else {
      throw ASLRuntimeError(
        error: "States.Runtime", cause: "The path '\(path)' is not a valid reference path")
    }
    return parsed
  }

  /// The common one-step case (`$.result`, `$[0]`) without a separate validation pass;
  /// false (target untouched) when the step does not apply.
  @inline(__always)
  static func setSingleStep(_ value: JSONValue, _ step: JSONPathStep, into target: inout JSONValue)
    -> Bool
  {
    switch step {
    case .name(let name):
      guard case .object(var object) = target else { return false }
      target = .null
      object.storage[name] = value
      target = .object(object)
      return true
    case .index(let index):
      guard case .array(var array) = target else { return false }
      let resolved = index < 0 ? array.count + index : index
      guard resolved >= 0, resolved < array.count else { return false }
      target = .null
      array[resolved] = value
      target = .array(array)
      return true
    }
  }

  /// True when `insert` will succeed (checked first so a failure leaves the target intact).
  static func canInsert(_ steps: ArraySlice<JSONPathStep>, into node: JSONValue) -> Bool {
    guard let step = steps.first else { return true }
    switch (step, node) {
    case (.name(let name), .object(let object)):
      guard let child = object.storage[name] else {
        // Missing members are created as objects; only names can follow.
        return steps.dropFirst().allSatisfy { if case .name = $0 { true } else { false } }
      }
      return canInsert(steps.dropFirst(), into: child)
    case (.index(let index), .array(let array)):
      let resolved = index < 0 ? array.count + index : index
      guard resolved >= 0, resolved < array.count else { return false }
      return canInsert(steps.dropFirst(), into: array[resolved])
    default:
      return false
    }
  }

  /// Mutates `node` in place (keeping storage uniquely referenced to avoid copies). The caller
  /// has checked `canInsert`.
  static func insert(
    _ value: JSONValue, _ steps: ArraySlice<JSONPathStep>, into node: inout JSONValue
  ) {
    guard let step = steps.first else {
      node = value
      return
    }
    let rest = steps.dropFirst()
    switch step {
    case .name(let name):
      guard case .object(var object) = node else { return }
      node = .null
      if rest.isEmpty {
        object.storage[name] = value
      } else if let slot = object.storage.index(forKey: name) {
        var child = object.storage.values[slot]
        object.storage.values[slot] = .null
        insert(value, rest, into: &child)
        object.storage.values[slot] = child
      } else {
        var child = JSONValue.object(JSONObject())
        insert(value, rest, into: &child)
        object.storage[name] = child
      }
      node = .object(object)
    case .index(let index):
      guard case .array(var array) = node else { return }
      let resolved = index < 0 ? array.count + index : index
      node = .null
      var child = array[resolved]
      array[resolved] = .null
      insert(value, rest, into: &child)
      array[resolved] = child
      node = .array(array)
    }
  }
}
