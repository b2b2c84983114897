import ASLGraph
import GraphLayout
import JSONCore
import Testing

/// ASL definition → graph input: edges, labels, badges, nesting, kinds.
@Suite struct ASLGraphAdapterTests {
  func graph(_ text: String) throws -> Graph {
    try ASLGraph.graph(definition: JSONParser.parse(text))
  }

  @Test func choiceRulesDefaultCatchRetryAndTerminals() throws {
    let graph = try graph(
      """
      {"StartAt": "Work", "States": {
        "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Route",
          "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 2}, {"ErrorEquals": ["States.ALL"]}],
          "Catch": [{"ErrorEquals": ["States.Timeout", "Custom"], "Next": "Failed"}]},
        "Route": {"Type": "Choice", "Choices": [
            {"Variable": "$.NeedCallback", "BooleanEquals": true, "Next": "Done"},
            {"And": [{"Variable": "$.n", "NumericGreaterThanEquals": 3},
                     {"Not": {"Variable": "$.s", "StringEquals": "x"}}], "Next": "Failed"},
            {"Condition": "{% $states.input.ok %}", "Next": "Done"}],
          "Default": "Work"},
        "Done": {"Type": "Succeed"},
        "Failed": {"Type": "Fail", "Error": "E"}}}
      """)
    #expect(graph.start == "Work")
    #expect(graph.nodes.map(\.id) == ["Work", "Route", "Done", "Failed"])
    #expect(graph.nodes.map(\.kind) == ["Task", "Choice", "Succeed", "Fail"])
    #expect(graph.nodes.map(\.isTerminal) == [false, false, true, true])
    #expect(graph.nodes[0].badges == [Badge("↻5", ascii: "R5")])
    #expect(
      graph.edges == [
        GraphEdge(from: "Work", to: "Route"),
        GraphEdge(
          from: "Work", to: "Failed", label: "catch States.Timeout, Custom", style: .dashed),
        GraphEdge(from: "Route", to: "Done", label: "1: $.NeedCallback == true"),
        GraphEdge(from: "Route", to: "Failed", label: "2: $.n >= 3 and not $.s == \"x\""),
        GraphEdge(from: "Route", to: "Done", label: "3: $states.input.ok"),
        GraphEdge(from: "Route", to: "Work", label: "Default"),
      ])
  }

  @Test func parallelAndMapNest() throws {
    let graph = try graph(
      """
      {"StartAt": "Fan", "States": {
        "Fan": {"Type": "Parallel", "Next": "Each", "Branches": [
          {"StartAt": "L", "States": {"L": {"Type": "Pass", "End": true}}},
          {"StartAt": "R", "States": {"R": {"Type": "Pass", "End": true}}}]},
        "Each": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "Item",
          "States": {"Item": {"Type": "Task", "Resource": "x", "End": true}}}},
        "Distributed": {"Type": "Map", "End": true, "ItemProcessor": {
          "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
          "StartAt": "D", "States": {"D": {"Type": "Pass", "End": true}}},
          "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 0}]},
        "Legacy": {"Type": "Map", "End": true, "Iterator": {"StartAt": "Old",
          "States": {"Old": {"Type": "Pass", "End": true}}}}}}
      """)
    #expect(graph.nodes[0].children.map { $0.nodes.map(\.id) } == [["L"], ["R"]])
    #expect(graph.nodes[1].children.map { $0.nodes.map(\.id) } == [["Item"]])
    #expect(graph.nodes[1].isTerminal)
    #expect(graph.nodes[1].badges.isEmpty)
    #expect(graph.nodes[2].badges == [Badge("distributed")])
    #expect(graph.nodes[3].children.first?.start == "Old")
    #expect(graph.allNodeIDs == ["Fan", "L", "R", "Each", "Item", "Distributed", "D", "Legacy", "Old"])
  }

  @Test func missingTargetsAndDuplicateNamesStillDraw() throws {
    let graph = try graph(
      """
      {"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "Ghost"},
        "P": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}]},
        "Q": "not a state"}}
      """)
    #expect(graph.nodes.map(\.id) == ["A", "P", "Ghost"])
    #expect(graph.nodes[2].kind == "missing")
    #expect(graph.nodes[1].children[0].nodes[0].id == "P/A")
    #expect(graph.nodes[1].children[0].nodes[0].label == "A")
    let diagram = DiagramRenderer.render(graph)
    // Only the duplicate name itself is flagged: both states named A show "A".
    #expect(
      DiagramChecker(graph: graph, diagram: diagram, glyphs: .unicode).problems() == [
        "label A is shown twice"
      ])
  }

  /// A state the model refuses (here a Task without Resource) is a box of its Type badged
  /// `invalid`; the others draw as usual.
  @Test func statesTheModelRefusesDrawAsInvalidBoxes() throws {
    let graph = try graph(
      """
      {"StartAt": "Check", "States": {
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": 1, "Next": "Work"}],
          "Default": "Nowhere"},
        "Work": {"Type": "Task", "End": true}}}
      """)
    #expect(graph.nodes.map(\.id) == ["Check", "Work", "Nowhere"])
    #expect(graph.nodes.map(\.kind) == ["Choice", "Task", "missing"])
    #expect(graph.nodes[1].badges == [Badge("invalid")])
    #expect(
      graph.edges == [
        GraphEdge(from: "Check", to: "Work", label: "1: $.x == 1"),
        GraphEdge(from: "Check", to: "Nowhere", label: "Default"),
      ])
  }

  @Test func rejectsNonMachines() {
    #expect(throws: ASLGraphError.self) { try graph("[1, 2]") }
    #expect(throws: ASLGraphError.self) { try graph(#"{"StartAt": "A"}"#) }
  }

  @Test(arguments: [1, 9, 10, 11, 57, 200])
  func syntheticMachineHasExactlyTheStatesAsked(count: Int) throws {
    let definition = ASLGraph.syntheticMachine(states: count)
    let graph = try ASLGraph.graph(definition: definition)
    #expect(graph.allNodeIDs.count == count)
    let diagram = DiagramRenderer.render(graph)
    #expect(DiagramChecker(graph: graph, diagram: diagram, glyphs: .unicode).problems() == [])
  }

  @Test func thousandStateMachineLaysOut() throws {
    let graph = try ASLGraph.graph(definition: ASLGraph.syntheticMachine(states: 1000))
    #expect(graph.allNodeIDs.count == 1000)
    let diagram = DiagramRenderer.render(graph)
    #expect(diagram.nodes.count == 1000)
    #expect(diagram.width < 200)
  }
}
