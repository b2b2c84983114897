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
  /// Positions in `file`: the definition file's own document, or the template's document for an
  /// inline `Definition` / a `DefinitionString` (found under `definitionPointer`; values inside a
  /// `DefinitionString` resolve to the position of the string itself).
  public var document: JSONDocument?
  /// Where the definition came from (for diagnostics).
  public var file: String
  /// Where the definition sits inside `file` (non-root for inline template definitions).
  public var definitionPointer: JSONPointer
  /// `${...}` placeholders still present in the definition after substitution, in first-seen order.
  public var unresolvedPlaceholders: [String]
  /// What loading found that only deploying would refuse (a `!Ref` to a name the template does
  /// not declare); `Validator.validate` reports them with its own findings.
  public var loadWarnings: [Diagnostic] = []
  /// The ARNs of the template's `AWS::StepFunctions::Activity` resources (the service registers
  /// them with the machines).
  public var templateActivities: [String] = []

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

  /// The position of the key of an object member of the definition (nil for the root).
  public func keyPosition(of pointer: JSONPointer) -> SourcePosition? {
    document?.keyPositions[JSONPointer(tokens: definitionPointer.tokens + pointer.tokens)]
  }

  /// The source position of a value of the definition (pointer relative to the definition root).
  public func position(of pointer: JSONPointer) -> SourcePosition? {
    document?.position(of: JSONPointer(tokens: definitionPointer.tokens + pointer.tokens))
  }
}
