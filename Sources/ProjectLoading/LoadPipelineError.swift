import ASLLoading
import ASLModel
import ASLRuntime
import JSONCore

/// Why a session could not be started from the command line's files and options. Each case's
/// description is the message sfdbg prints after `error: ` (located as `file:line:column:`
/// where a place is known).
public enum LoadPipelineError: Error, Sendable, CustomStringConvertible {
  /// An option in the wrong form or without its partner (`--sub KEY=VALUE`, the input given
  /// twice, `--mocks` without `--test-case`, a `--handler` spec).
  case usage(String)
  /// A definition or template that could not be read or parsed.
  case load(LoadError)
  /// The validator's errors: AWS refuses such a definition at CreateStateMachine.
  case invalidDefinition([Diagnostic])
  /// A machine the validator accepted but the model cannot decode.
  case undecodable(ModelDecodingError, machine: MachineSource)
  /// The execution input cannot be read or parsed.
  case input(String)
  /// The mock file cannot be read or parsed, or does not define the test case.
  case mocks(String)
  /// The runtime refused to start the main execution.
  case session(RuntimeError)

  /// How many validator errors the message lists; `sfdbg validate` lists them all.
  public static let shownDiagnostics = 20

  public var description: String {
    switch self {
    case .usage(let message), .input(let message), .mocks(let message): return message
    case .load(let error): return error.description
    case .invalidDefinition(let problems):
      let shown = problems.prefix(Self.shownDiagnostics).map(\.description).joined(separator: "\n")
      let hidden = problems.count - Self.shownDiagnostics
      let more = hidden > 0 ? "\n(\(hidden) more; `sfdbg validate` lists them all)" : ""
      return "the definition is invalid (\(problems.count) error\(problems.count == 1 ? "" : "s")):\n\(shown)\(more)"
    case .undecodable(let error, let source):
      let full = JSONPointer(tokens: source.definitionPointer.tokens + error.pointer.tokens)
      let place = SourcePosition.locate(source.file, source.position(of: error.pointer))
      return "\(place): \(error.message) (at \(full.shownText), machine \(source.name))"
    case .session(let error): return error.description
    }
  }

  /// The exit status of `sfdbg run`/`debug` for the error: 2, as for every usage, definition
  /// or input error.
  public var exitCode: Int32 { 2 }
}
