import ASLGraph
import ASLLoading
import ArgumentParser
import GraphLayout

/// `sfdbg graph`: prints a state machine as a text drawing.
struct GraphCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "graph",
    abstract: "Draw a state machine as text.",
    discussion: """
      Draws the layered graph of the machine: one box per state with its type, Choice rules and
      Default as labelled edges, Catch as dashed edges labelled with the error names, Retry as a
      ↻ badge, Parallel and Map as frames around their branches. Loops run in the right gutter.
      With --width, long names are shortened and frames collapsed until the drawing fits; if
      nothing fits, the states are listed instead.
      """)

  @Argument(
    help: "An ASL definition (.asl.json, .json, .asl.yaml, .yaml) or a SAM/CloudFormation template."
  )
  var file: String

  @Option(
    name: .customLong("state-machine"),
    help: "The machine to draw (name, logical id or ARN) when the file has several.")
  var stateMachine: String?

  @Option(name: .customLong("machine"), help: ArgumentHelp("A template machine's definition from a local file (its DefinitionUri is in S3, say).", valueName: "NAME=PATH"))
  var machines: [String] = []

  @Option(parsing: .unconditional, help: "Fit the drawing into this many columns.")
  var width: Int?

  @Flag(help: "Draw with plain ASCII (+-|) instead of box-drawing characters.")
  var ascii = false

  @Flag(help: "Draw Parallel and Map states as one box instead of a frame around their branches.")
  var collapse = false

  func validate() throws {
    if let width, width < 12 {
      throw ValidationError("--width must be at least 12 columns (a state needs a box), found \(width)")
    }
  }

  func run() throws {
    let machine: MachineSource
    do {
      machine = try pickMachine()
    } catch {
      FileOutput.standardError.write("error: \(error)\n")
      throw ExitCode(2)
    }
    let graph: Graph
    do {
      graph = try ASLGraph.graph(definition: machine.definition)
    } catch {
      FileOutput.standardError.write("error: \(file): \(error)\n")
      throw ExitCode(2)
    }
    var options = LayoutOptions(glyphs: ascii ? .ascii : .unicode, collapseAll: collapse)
    let lines: [String]
    if let width {
      // Names whole on one line when they fit, else wrapped, then shortened (the fitter).
      options.maxLabelWidth = max(8, width - 10)
      // The list fallback may still have longer rows: cut them at the width.
      lines = DiagramFitter.fit(graph, width: width, options: options, shrinkingEdgeLabels: true)
        .lines().map {
          $0.count <= width ? $0 : String($0.prefix(max(0, width - 1))) + (ascii ? "~" : "…")
        }
    } else {
      // No width asked for: draw every name whole (only the longest names, past 80 columns,
      // are shortened, keeping them unique).
      options.maxLabelWidth = max(options.maxLabelWidth, 80)
      lines = DiagramRenderer.render(graph, options: options).lines()
    }
    FileOutput.standardOutput.write(lines.joined(separator: "\n") + "\n")
  }

  /// The machine to draw. Uses `loadMachines` (not `load`): a drawing does not need values for
  /// placeholders in numeric fields. Several machines in a template: `--state-machine`, else the
  /// one no other machine of the file starts.
  func pickMachine() throws -> MachineSource {
    let definitionFiles = try LoadOptions.commandLine(machines: self.machines).definitionFiles
    let machines = try ASLLoader.loadMachines(file: file, definitionFiles: definitionFiles)
    let registry = MachineRegistry(machines)
    if let stateMachine {
      guard let machine = registry.lookup(stateMachine) else {
        throw GraphCommandError(
          "\(file): no state machine '\(stateMachine)' (there are: "
            + machines.map(\.name).joined(separator: ", ") + ")")
      }
      return machine
    }
    if machines.count == 1 { return machines[0] }
    let roots = machines.filter { candidate in
      !machines.contains {
        $0.arn != candidate.arn && $0.definition.compactString.contains(candidate.arn)
      }
    }
    guard roots.count == 1 else {
      throw GraphCommandError(
        "\(file) has \(machines.count) state machines; pick one with --state-machine: "
          + machines.map(\.name).joined(separator: ", "))
    }
    return roots[0]
  }
}

/// A usage problem of `sfdbg graph`.
struct GraphCommandError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
