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
    guard path.isSimple, path.function == nil, path.root == .document else {
      throw ASLRuntimeError(
        error: "States.ResultPathMatchFailure",
        cause: "The ResultPath '\(path.text)' is not a valid reference path")
    }
    if path.segments.isEmpty { return value }
    var result = target
    guard insert(value, path.segments[...], into: &result) else {
      throw ASLRuntimeError(
        error: "States.ResultPathMatchFailure",
        cause: "Unable to apply ResultPath \"\(path.text)\" to input \(target.compactString)")
    }
    return result
  }

  /// Validates that `path` is a reference path (names and indexes only) and parses it.
  public static func parse(_ path: String) throws(ASLRuntimeError) -> JSONPath {
    let parsed = try JSONPath(path)
    guard parsed.isSimple, parsed.function == nil else {
      throw ASLRuntimeError(
        error: "States.Runtime", cause: "The path '\(path)' is not a valid reference path")
    }
    return parsed
  }

  /// Mutates `node` in place (keeping storage uniquely referenced to avoid copies).
  static func insert(
    _ value: JSONValue, _ segments: ArraySlice<JSONPathSegment>, into node: inout JSONValue
  ) -> Bool {
    guard let segment = segments.first else {
      node = value
      return true
    }
    let rest = segments.dropFirst()
    switch segment {
    case .name(let name):
      guard case .object(var object) = node else { return false }
      node = .null
      defer { node = .object(object) }
      if rest.isEmpty {
        object.storage[name] = value
        return true
      }
      if let slot = object.storage.index(forKey: name) {
        var child = object.storage.values[slot]
        object.storage.values[slot] = .null
        let ok = insert(value, rest, into: &child)
        object.storage.values[slot] = child
        return ok
      }
      var child = JSONValue.object(JSONObject())
      let ok = insert(value, rest, into: &child)
      object.storage[name] = child
      return ok
    case .index(let index):
      guard case .array(var array) = node else { return false }
      let resolved = index < 0 ? array.count + index : index
      guard resolved >= 0, resolved < array.count else { return false }
      node = .null
      defer { node = .array(array) }
      var child = array[resolved]
      array[resolved] = .null
      let ok = insert(value, rest, into: &child)
      array[resolved] = child
      return ok
    default:
      return false
    }
  }
}
