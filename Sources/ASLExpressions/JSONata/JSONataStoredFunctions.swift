import JSONCore

/// Functions inside data. jsonata-js lets a function sit in an array or object
/// (`[$sum, $square]`, `{"next": function(){…}}`) and lets a path step reach one (`$sum.*`).
/// sfdbg's data stays JSON: the evaluator keeps such a function in a table for the one
/// evaluation and puts a marker object (`{"\0function": index}`) in its place. A call, `~>` or
/// an argument turns the marker back into the function; `$string` writes it as "" (jsonata-js's
/// replacer); a result leaves the evaluator without markers, as JSON.stringify writes
/// functions (dropped from objects, null in arrays, undefined alone).
extension JSONataEvaluator {
  static let functionKey = "\u{0}function"

  /// The marker standing for `value` (a function or regular expression) inside data.
  mutating func stored(_ value: JSONataValue) -> JSONValue {
    storedFunctions.append(value)
    return .object(JSONObject([(Self.functionKey, .int(storedFunctions.count - 1))]))
  }

  /// The function a marker stands for; any other value as it is.
  func resolved(_ value: JSONataValue) -> JSONataValue {
    guard !storedFunctions.isEmpty, case .json(.object(let object)) = value,
      Self.isStoredFunction(object), let index = object[Self.functionKey]?.intValue,
      storedFunctions.indices.contains(index)
    else { return value }
    return storedFunctions[index]
  }

  static func isStoredFunction(_ object: JSONObject) -> Bool {
    object.count == 1 && object[functionKey] != nil
  }

  static func isStoredFunction(_ value: JSONValue) -> Bool {
    if case .object(let object) = value { return isStoredFunction(object) }
    return false
  }

  /// The JSON form of a result leaving the evaluator; nil for undefined or a function.
  func output(_ value: JSONataValue) -> JSONValue? {
    guard let json = value.json else { return nil }
    return storedFunctions.isEmpty ? json : Self.withoutFunctions(json)
  }

  /// `value` as JSON.stringify writes it: markers dropped from objects, null in arrays, nil
  /// alone.
  static func withoutFunctions(_ value: JSONValue) -> JSONValue? {
    switch value {
    case .array(let items):
      return .array(items.map { withoutFunctions($0) ?? .null })
    case .object(let object):
      if isStoredFunction(object) { return nil }
      var out = JSONObject()
      for (key, member) in object.storage {
        if let kept = withoutFunctions(member) { out[key] = kept }
      }
      return .object(out)
    default:
      return value
    }
  }

  /// What a custom matcher (a function given to `$match` and the like) returns for `string`:
  /// undefined or its match object; T1010 when the result has none of the match fields
  /// (jsonata-js evaluateMatcher).
  mutating func customMatch(_ matcher: JSONataFunction, _ string: JSONataValue, name: String)
    throws(JSONataError) -> JSONataValue
  {
    let result = try invoke(matcher, [string])
    guard Self.truthy(result) else { return result }
    if case .json(.object(let object)) = result,
      object["start"]?.numberValue != nil || object["groups"]?.arrayValue != nil
        || resolved(object["next"].map { .json($0) } ?? .undefined).isFunction
    {
      return result
    }
    throw JSONataStringFunctions.customMatcherError(name)
  }

  /// `$match(str, matcher, limit)` with a custom matcher: each match object's `match`, `start`
  /// and `groups`, following `next` (jsonata-js functions.js match).
  mutating func customMatches(_ matcher: JSONataFunction, _ string: String, limit: Double?)
    throws(JSONataError) -> JSONataValue
  {
    var out: [JSONValue] = []
    if let limit, limit <= 0 { return .undefined }
    var found = try customMatch(matcher, .json(.string(string)), name: "match")
    while case .json(.object(let object)) = found, limit.map({ Double(out.count) < $0 }) ?? true {
      var match = JSONObject()
      for (key, field) in [("match", "match"), ("index", "start"), ("groups", "groups")] {
        if let value = object[field] { match[key] = value }
      }
      out.append(.object(match))
      guard case .function(let next) = resolved(object["next"].map { .json($0) } ?? .undefined)
      else { break }
      found = try customMatch(next, .undefined, name: "match")
    }
    return .finish(out)
  }
}

extension JSONataValue {
  var isFunction: Bool {
    switch self {
    case .function, .regex: return true
    default: return false
    }
  }
}
