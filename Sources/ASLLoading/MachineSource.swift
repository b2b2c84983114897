import JSONCore

/// One state machine found in the input files, with its definition ready to interpret.
public struct MachineSource: Sendable {
  /// State machine name: the template's `Name`/`StateMachineName`, else the logical id, else the
  /// file name without its extensions (or the `NAME` of `--machine NAME=PATH`).
  public var name: String
  /// CloudFormation logical id, when the machine comes from a template.
  public var logicalID: String?
  /// Deterministic local ARN: `arn:aws:states:us-east-1:123456789012:stateMachine:<name>`.
  public var arn: String
  /// `STANDARD` or `EXPRESS`.
  public var type: String
  /// The ASL definition with every known `${...}` substitution resolved.
  public var definition: JSONValue
  /// Positions of the definition's values in `file`, when the definition was read from a file
  /// of its own or from an inline template `Definition` (nil for strings assembled by intrinsics).
  public var document: JSONDocument?
  /// Where the definition came from (for diagnostics).
  public var file: String
  /// Where the definition sits inside `file` (non-root for inline template definitions).
  public var definitionPointer: JSONPointer
  /// `${...}` placeholders still present in the definition after substitution, in first-seen order.
  public var unresolvedPlaceholders: [String]

  public init(
    name: String, logicalID: String? = nil, arn: String, type: String = "STANDARD",
    definition: JSONValue, document: JSONDocument? = nil, file: String,
    definitionPointer: JSONPointer = .root, unresolvedPlaceholders: [String] = []
  ) {
    self.name = name
    self.logicalID = logicalID
    self.arn = arn
    self.type = type
    self.definition = definition
    self.document = document
    self.file = file
    self.definitionPointer = definitionPointer
    self.unresolvedPlaceholders = unresolvedPlaceholders
  }

  /// True for Express workflows.
  public var isExpress: Bool { type.uppercased() == "EXPRESS" }

  /// The source position of a value of the definition (pointer relative to the definition root).
  public func position(of pointer: JSONPointer) -> SourcePosition? {
    document?.position(of: JSONPointer(tokens: definitionPointer.tokens + pointer.tokens))
  }
}
