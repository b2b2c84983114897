import ASLModel
import GraphLayout
import JSONCore

/// Builds the ``Graph`` of an ASL state machine (the typed ``StateMachine``) for the layout
/// engine.
///
/// Node ids are state names. A name used in two scopes (it should not be, ASL names are unique
/// per machine) gets the id `Outer/Name` after its first use. Edges: `Next`, Choice rules
/// (labelled `1: <condition>`, see ``ChoiceCondition/summary``), `Default`, and `Catch`
/// (dashed, labelled with the error names). Retry is a `↻N` badge (N = total `MaxAttempts`); a
/// distributed Map has a `distributed` badge. Parallel branches and a Map's
/// `ItemProcessor`/`Iterator` become nested subgraphs. A transition to a state missing from its
/// scope goes to a node of kind `missing`, so it is still drawn.
public enum ASLGraph {
  /// The graph of a decoded state machine.
  public static func graph(machine: StateMachine) -> Graph {
    var builder = Builder()
    return builder.scope(machine, prefix: nil)
  }

  /// The graph of a definition (an object with `StartAt` and `States`).
  ///
  /// A definition the model refuses still draws what it can: each top-level state the model
  /// reads is drawn as usual, the others as boxes of their `Type` badged `invalid`.
  public static func graph(definition: JSONValue) throws(ASLGraphError) -> Graph {
    if let machine = try? StateMachine(definition: definition) { return graph(machine: machine) }
    guard let object = definition.objectValue else {
      throw ASLGraphError(message: "the definition is not a JSON object")
    }
    guard let states = object["States"]?.objectValue else {
      throw ASLGraphError(message: "the definition has no \"States\" object")
    }
    let language = object["QueryLanguage"]?.stringValue.flatMap(QueryLanguage.init) ?? .jsonPath
    var entries: [Entry] = []
    for (name, value) in states where value.objectValue != nil {
      do {
        entries.append(
          .state(
            try State.decode(
              name: name, value, at: .root / "States" / name, machineLanguage: language)))
      } catch {
        entries.append(.invalid(name: name, type: value["Type"]?.stringValue ?? "?"))
      }
    }
    var builder = Builder()
    return builder.scope(entries, startAt: object["StartAt"]?.stringValue, prefix: nil)
  }

  /// Lays out and draws a definition in one call.
  public static func render(definition: JSONValue, options: LayoutOptions = LayoutOptions())
    throws(ASLGraphError) -> Diagram
  {
    DiagramRenderer.render(try graph(definition: definition), options: options)
  }

  /// A state of a scope: decoded, or one the model refused (name and `Type` only).
  private enum Entry {
    case state(State)
    case invalid(name: String, type: String)

    var name: String {
      switch self {
      case .state(let state): return state.name
      case .invalid(let name, _): return name
      }
    }
  }

  private struct Builder {
    var usedIDs = Set<String>()

    mutating func uniqueID(_ name: String, prefix: String?) -> String {
      var id = name
      if usedIDs.contains(id), let prefix { id = prefix + "/" + name }
      var counter = 2
      let base = id
      while usedIDs.contains(id) {
        id = "\(base)#\(counter)"
        counter += 1
      }
      usedIDs.insert(id)
      return id
    }

    mutating func scope(_ machine: StateMachine, prefix: String?) -> Graph {
      scope(machine.states.map(Entry.state), startAt: machine.startAt, prefix: prefix)
    }

    mutating func scope(_ entries: [Entry], startAt: String?, prefix: String?) -> Graph {
      var idByName: [String: String] = [:]
      let ids = entries.map { entry in
        let id = uniqueID(entry.name, prefix: prefix)
        idByName[entry.name] = id
        return id
      }
      var nodes: [GraphNode] = []
      var edges: [GraphEdge] = []
      var missing: [String: String] = [:]
      var missingOrder: [String] = []
      for (entry, id) in zip(entries, ids) {
        let state: State
        switch entry {
        case .state(let decoded): state = decoded
        case .invalid(let name, let type):
          nodes.append(GraphNode(id: id, label: name, kind: type, badges: [Badge("invalid")]))
          continue
        }
        let (children, badges) = nested(state, id: id)
        let isTerminal: Bool
        switch state {
        case .succeed, .fail: isTerminal = true
        default: isTerminal = state.common.transition == .end
        }
        nodes.append(
          GraphNode(
            id: id, label: state.name, kind: state.typeName, badges: badges,
            isTerminal: isTerminal, children: children))

        func link(_ name: String?, label: String? = nil, style: EdgeStyle = .solid) {
          guard let name else { return }
          let to: String
          if let known = idByName[name] ?? missing[name] {
            to = known
          } else {
            to = uniqueID(name, prefix: prefix)
            missing[name] = to
            missingOrder.append(name)
          }
          edges.append(GraphEdge(from: id, to: to, label: label, style: style))
        }
        if case .choice(let choice) = state {
          for (number, rule) in choice.choices.enumerated() {
            link(rule.next, label: "\(number + 1): \(rule.condition.summary)")
          }
          link(choice.defaultState, label: "Default")
        }
        link(state.common.transition?.nextStateName)
        for catcher in state.errorHandling.catchers {
          link(
            catcher.next, label: "catch " + catcher.errorEquals.joined(separator: ", "),
            style: .dashed)
        }
      }
      for name in missingOrder {
        nodes.append(GraphNode(id: missing[name]!, label: name, kind: "missing"))
      }
      let start = startAt.map { idByName[$0] ?? missing[$0] ?? $0 }
      return Graph(nodes: nodes, edges: edges, start: start)
    }

    /// A state's nested scopes (Parallel branches, a Map's item processor) and its badges.
    mutating func nested(_ state: State, id: String) -> (children: [Graph], badges: [Badge]) {
      var badges: [Badge] = []
      let attempts = state.errorHandling.retry.reduce(0) { $0 + $1.maxAttempts }
      if attempts > 0 { badges.append(Badge("↻\(attempts)", ascii: "R\(attempts)")) }
      switch state {
      case .parallel(let parallel):
        return (parallel.branches.map { scope($0, prefix: id) }, badges)
      case .map(let map):
        if map.processorMode == .distributed { badges.append(Badge("distributed")) }
        return ([scope(map.itemProcessor, prefix: id)], badges)
      default:
        return ([], badges)
      }
    }
  }
}

/// Why a definition could not be turned into a graph.
public struct ASLGraphError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String

  public init(message: String) { self.message = message }

  public var description: String { message }
}
