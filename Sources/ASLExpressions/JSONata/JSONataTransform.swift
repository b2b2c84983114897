import JSONCore

/// The transform operator `| pattern | update [, delete] |` (jsonata-js
/// evaluateTransformExpression): a function of `<(oa):o>` that copies its argument, then for
/// each object the pattern selects in the copy merges the update object into it and removes the
/// deleted keys.
///
/// jsonata-js mutates the selected objects in place. Values here are immutable, so the copy
/// tags every object with an identity under a key no JSON text can produce, the pattern returns
/// tagged objects, and a top-down rebuild applies each match's update to the object carrying its
/// tag; the tags are removed at the end.
extension JSONataEvaluator {
  static let transformArgument = "\u{0}transform"
  static let identityKey = "\u{0}id"
  static let transformSignature = try? JSONataSignature("<(oa):o>")

  func transformFunction(
    _ pattern: JSONataNode, _ update: JSONataNode, _ delete: JSONataNode?,
    _ context: JSONataValue, _ env: JSONataEnvironment
  ) -> JSONataValue {
    let body = JSONataNode.transformBody(pattern, update, delete)
    return .function(
      JSONataFunction(
        .lambda([Self.transformArgument], body, env, context), signature: Self.transformSignature))
  }

  mutating func applyTransform(
    _ pattern: JSONataNode, _ update: JSONataNode, _ delete: JSONataNode?,
    _ env: JSONataEnvironment
  ) throws(JSONataError) -> JSONataValue {
    guard let input = env.lookup(Self.transformArgument)?.json else { return .undefined }
    var next = 0
    let tagged = Self.tag(input, &next)
    let matches = try evaluate(pattern, .json(tagged), env)
    var order: [Int] = []
    for match in matches.items {
      if case .object(let object) = match, let id = object[Self.identityKey]?.intValue {
        order.append(id)
      }
    }
    guard !order.isEmpty else { return .json(Self.untag(tagged)) }
    let selected = Set(order)
    let result = try rebuild(tagged, selected, update, delete, env)
    return .json(Self.untag(result))
  }

  mutating func rebuild(
    _ value: JSONValue, _ selected: Set<Int>, _ update: JSONataNode, _ delete: JSONataNode?,
    _ env: JSONataEnvironment
  ) throws(JSONataError) -> JSONValue {
    switch value {
    case .array(let items):
      var out: [JSONValue] = []
      out.reserveCapacity(items.count)
      for item in items { out.append(try rebuild(item, selected, update, delete, env)) }
      return .array(out)
    case .object(var object):
      if let id = object[Self.identityKey]?.intValue, selected.contains(id) {
        let changes = try evaluate(update, .json(value), env)
        if !changes.isUndefined {
          guard case .json(.object(let members)) = changes else {
            throw Self.error(
              "T2011",
              "The insert/update clause of the transform expression must evaluate to an object: \(Self.display(changes))"
            )
          }
          for (key, member) in members.storage { object[key] = member }
        }
        if let delete {
          let deletions = try evaluate(delete, .json(value), env)
          if !deletions.isUndefined {
            let names = deletions.items.compactMap(\.stringValue)
            guard names.count == deletions.items.count else {
              throw Self.error(
                "T2012",
                "The delete clause of the transform expression must evaluate to a string or array of strings: \(Self.display(deletions))"
              )
            }
            for name in names { object[name] = nil }
          }
        }
      }
      var out = JSONObject(minimumCapacity: object.count)
      for (key, member) in object.storage {
        out[key] = try rebuild(member, selected, update, delete, env)
      }
      return .object(out)
    default:
      return value
    }
  }

  /// A copy of `value` with every object tagged by a fresh identity.
  static func tag(_ value: JSONValue, _ next: inout Int) -> JSONValue {
    switch value {
    case .array(let items): return .array(items.map { tag($0, &next) })
    case .object(let object):
      var out = JSONObject(minimumCapacity: object.count + 1)
      for (key, member) in object.storage { out[key] = tag(member, &next) }
      out[identityKey] = .int(next)
      next += 1
      return .object(out)
    default: return value
    }
  }

  static func untag(_ value: JSONValue) -> JSONValue {
    switch value {
    case .array(let items): return .array(items.map(untag))
    case .object(let object):
      var out = JSONObject(minimumCapacity: object.count)
      for (key, member) in object.storage where key != identityKey { out[key] = untag(member) }
      return .object(out)
    default: return value
    }
  }
}
