import GraphLayout
import JSONCore

/// Builds the ``Graph`` of an ASL definition (raw JSON) for the layout engine.
///
/// Node ids are state names. A name used in two scopes (it should not be, ASL names are unique
/// per machine) gets the id `Outer/Name` after its first use. Edges: `Next`, Choice rules
/// (labelled `1: <condition>`), `Default`, and `Catch` (dashed, labelled with the error names).
/// Retry is a `↻N` badge (N = total `MaxAttempts`, default 3 each); a distributed Map has a
/// `distributed` badge. Parallel branches and a Map's `ItemProcessor`/`Iterator` become nested
/// subgraphs. A transition to a state missing from its
/// scope goes to a node of kind `missing`, so it is still drawn.
public enum ASLGraph {
  /// The graph of a state machine definition (an object with `StartAt` and `States`).
  public static func graph(definition: JSONValue) throws(ASLGraphError) -> Graph {
    guard let object = definition.objectValue else {
      throw ASLGraphError(message: "the definition is not a JSON object")
    }
    guard object["States"]?.objectValue != nil else {
      throw ASLGraphError(message: "the definition has no \"States\" object")
    }
    var builder = Builder()
    return builder.scope(object, prefix: nil)
  }

  /// Lays out and draws a definition in one call.
  public static func render(definition: JSONValue, options: LayoutOptions = LayoutOptions())
    throws(ASLGraphError) -> Diagram
  {
    DiagramRenderer.render(try graph(definition: definition), options: options)
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

    mutating func scope(_ machine: JSONObject, prefix: String?) -> Graph {
      let states = machine["States"]?.objectValue ?? JSONObject()
      var nodes: [GraphNode] = []
      var idByName: [String: String] = [:]
      var stateList: [(name: String, id: String, state: JSONObject)] = []
      for (name, value) in states {
        guard let state = value.objectValue else { continue }
        let id = uniqueID(name, prefix: prefix)
        idByName[name] = id
        stateList.append((name, id, state))
      }
      var edges: [GraphEdge] = []
      var missing: [String: String] = [:]
      func target(_ name: String) -> String {
        if let id = idByName[name] { return id }
        if let id = missing[name] { return id }
        let id = uniqueID(name, prefix: prefix)
        missing[name] = id
        return id
      }
      var missingOrder: [String] = []
      for entry in stateList {
        let state = entry.state
        let type = state["Type"]?.stringValue ?? "?"
        var badges: [Badge] = []
        if let retriers = state["Retry"]?.arrayValue, !retriers.isEmpty {
          let attempts = retriers.reduce(0) { total, retrier in
            total + (retrier.objectValue?["MaxAttempts"]?.intValue ?? 3)
          }
          if attempts > 0 { badges.append(Badge("↻\(attempts)", ascii: "R\(attempts)")) }
        }
        var children: [Graph] = []
        if type == "Parallel" {
          for branch in state["Branches"]?.arrayValue ?? [] {
            if let branch = branch.objectValue { children.append(scope(branch, prefix: entry.id)) }
          }
        } else if type == "Map" {
          let processor = state["ItemProcessor"]?.objectValue ?? state["Iterator"]?.objectValue
          if let processor { children.append(scope(processor, prefix: entry.id)) }
          let mode = processor?["ProcessorConfig"]?.objectValue?["Mode"]?.stringValue
          if mode == "DISTRIBUTED" { badges.append(Badge("distributed")) }
        }
        let isTerminal =
          type == "Succeed" || type == "Fail" || state["End"]?.boolValue == true
        nodes.append(
          GraphNode(
            id: entry.id, label: entry.name, kind: type, badges: badges, isTerminal: isTerminal,
            children: children))

        func link(_ name: String?, label: String? = nil, style: EdgeStyle = .solid) {
          guard let name else { return }
          let before = missing.count
          let to = target(name)
          if missing.count > before { missingOrder.append(name) }
          edges.append(GraphEdge(from: entry.id, to: to, label: label, style: style))
        }
        if type == "Choice" {
          for (number, rule) in (state["Choices"]?.arrayValue ?? []).enumerated() {
            guard let rule = rule.objectValue else { continue }
            let condition = ChoiceConditionText.describe(rule)
            link(rule["Next"]?.stringValue, label: "\(number + 1): \(condition)")
          }
          link(state["Default"]?.stringValue, label: "Default")
        }
        link(state["Next"]?.stringValue)
        for catcher in state["Catch"]?.arrayValue ?? [] {
          guard let catcher = catcher.objectValue else { continue }
          let errors = (catcher["ErrorEquals"]?.arrayValue ?? []).compactMap(\.stringValue)
          link(
            catcher["Next"]?.stringValue, label: "catch " + errors.joined(separator: ", "),
            style: .dashed)
        }
      }
      for name in missingOrder {
        nodes.append(GraphNode(id: missing[name]!, label: name, kind: "missing"))
      }
      let start = machine["StartAt"]?.stringValue.map { idByName[$0] ?? missing[$0] ?? $0 }
      return Graph(nodes: nodes, edges: edges, start: start)
    }
  }
}

/// Why a definition could not be turned into a graph.
public struct ASLGraphError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String

  public init(message: String) { self.message = message }

  public var description: String { message }
}
