import JSONCore

/// Where each state of an ASL definition sits: at the top, or inside Parallel branches and Map
/// item processors (outermost first). Replay uses it to tell a state's Map iteration and to
/// refuse histories that name states the definition lacks.
public struct DefinitionScopes: Sendable {
  public enum Step: Sendable, Hashable {
    case parallel(state: String, branch: Int)
    case map(state: String)
  }

  /// State name → the frames around it (empty at the top level).
  public private(set) var frames: [String: [Step]] = [:]
  /// State name → its `Type`.
  public private(set) var types: [String: String] = [:]

  public init(definition: JSONValue) {
    collect(definition, frames: [])
  }

  public func contains(_ name: String) -> Bool { frames[name] != nil }

  /// The Map states around `name`, outermost first.
  public func enclosingMaps(of name: String) -> [String] {
    (frames[name] ?? []).compactMap { if case .map(let m) = $0 { return m } else { return nil } }
  }

  private mutating func collect(_ machine: JSONValue, frames outer: [Step]) {
    guard case .object(let states)? = machine.objectValue?["States"] else { return }
    for (name, body) in states {
      frames[name] = outer
      let type = body.objectValue?["Type"]?.stringValue ?? ""
      types[name] = type
      if type == "Parallel", case .array(let branches)? = body.objectValue?["Branches"] {
        for (index, branch) in branches.enumerated() {
          collect(branch, frames: outer + [.parallel(state: name, branch: index)])
        }
      } else if type == "Map", let processor = body.objectValue?["ItemProcessor"] ?? body.objectValue?["Iterator"] {
        collect(processor, frames: outer + [.map(state: name)])
      }
    }
  }

  /// The States object (and the query language in force) that holds `name`: what a fork starting
  /// at that state runs.
  public static func scope(of name: String, in definition: JSONValue, queryLanguage: String? = nil)
    -> (states: JSONObject, queryLanguage: String?)?
  {
    guard let machine = definition.objectValue, case .object(let states)? = machine["States"] else { return nil }
    let language = machine["QueryLanguage"]?.stringValue ?? queryLanguage
    if states[name] != nil { return (states, language) }
    for (_, body) in states {
      guard let o = body.objectValue else { continue }
      var inner: [JSONValue] = o["Branches"]?.arrayValue ?? []
      if let processor = o["ItemProcessor"] ?? o["Iterator"] { inner.append(processor) }
      let stateLanguage = o["QueryLanguage"]?.stringValue ?? language
      for child in inner {
        if let found = scope(of: name, in: child, queryLanguage: stateLanguage) { return found }
      }
    }
    return nil
  }
}
