import JSONCore

/// One command of the command language, declared once: its name and aliases, the arguments of
/// each of its forms (with their kinds), its one-line help, and its policy (snapshot for `back`,
/// logged for `save`). The table `CommandSpec.all` drives the parser, `help`, tab completion and
/// `DebuggerCommand.description`.
public struct CommandSpec: Sendable {
  /// What an argument names; completion offers candidates by kind, and the kind says how many
  /// words the argument takes.
  public enum ArgumentKind: Sendable, Equatable {
    case stateName, executionID, token, machine, errorName, cause, file
    /// A Step Functions API operation (`StartExecution`).
    case operation
    /// A history event's id: a whole number from 1.
    case eventID
    /// A span of virtual time: `10s`, `5m`, `1h30m` (`ClockDuration`).
    case duration
    /// JSON: the rest of the line.
    case json
    /// A JSONPath: the rest of the line, as typed.
    case path
    /// `if PATH [OP VALUE]`: the rest of the line.
    case condition
    /// A literal word (its first spelling is the one written back).
    case keyword([String])
  }

  /// What running it does to time travel and to the log.
  public struct Policy: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Snapshotted before it runs (so `back` undoes it); its stop reason becomes the last stop.
    public static let changesExecutions = Policy(rawValue: 1)
    /// Written by `save` (what a replay needs).
    public static let logged = Policy(rawValue: 2)
    /// May rewind or replace the histories on screen (or change which one is shown), so a view
    /// of the session is rebuilt rather than extended.
    public static let rewritesHistory = Policy(rawValue: 4)
  }

  public struct Argument: Sendable {
    /// How usage shows it: `STATE`, `JSON`, or the keyword itself.
    public let placeholder: String
    public let kind: ArgumentKind
    public let isOptional: Bool
    /// What it is, for error messages ("the task output is not valid JSON").
    let about: String

    static func required(_ placeholder: String, _ kind: ArgumentKind, about: String = "") -> Argument {
      Argument(placeholder: placeholder, kind: kind, isOptional: false, about: about)
    }
    static func optional(_ placeholder: String, _ kind: ArgumentKind, about: String = "") -> Argument {
      Argument(placeholder: placeholder, kind: kind, isOptional: true, about: about)
    }
    /// A literal word that selects a form, e.g. `error` in `break error [NAME]`.
    static func keyword(_ spellings: String...) -> Argument {
      Argument(placeholder: spellings[0], kind: .keyword(spellings), isOptional: false, about: "")
    }
  }

  /// One way to call a command: its arguments in order (optional ones last) and the command
  /// they make.
  public struct Form: Sendable {
    public let arguments: [Argument]
    let build: @Sendable (ParsedArguments) -> DebuggerCommand

    init(_ arguments: [Argument], _ build: @escaping @Sendable (ParsedArguments) -> DebuggerCommand) {
      self.arguments = arguments
      self.build = build
    }

    /// The keyword spellings that select this form, when it starts with one.
    var keywords: [String]? {
      if case .keyword(let spellings)? = arguments.first?.kind { return spellings }
      return nil
    }
  }

  public let name: String
  public let aliases: [String]
  public let forms: [Form]
  /// One line for `help`, after the usage.
  public let help: String
  public let policy: Policy
  public var changesExecutions: Bool { policy.contains(.changesExecutions) }
  public var isLogged: Bool { policy.contains(.logged) }
  /// Only appends to histories; see `Policy.rewritesHistory`.
  public var onlyExtendsHistory: Bool { !policy.contains(.rewritesHistory) }
  /// Typed by a person (parsed, listed in help, completed); false for commands the program
  /// sends itself, such as the result of an effect.
  public let isUserCommand: Bool
  /// Added to the usage when words are missing.
  let usageHint: String
  /// Replaces the usage when there are too many words.
  let tooManyWords: String?
  /// Words after the name are ignored rather than refused (`help` anything).
  let ignoresExtraWords: Bool

  init(
    _ name: String, aliases: [String] = [], help: String, policy: Policy,
    usageHint: String = "", tooManyWords: String? = nil, ignoresExtraWords: Bool = false,
    isUserCommand: Bool = true, forms: [Form]
  ) {
    self.name = name
    self.aliases = aliases
    self.forms = forms
    self.help = help
    self.policy = policy
    self.isUserCommand = isUserCommand
    self.usageHint = usageHint
    self.tooManyWords = tooManyWords
    self.ignoresExtraWords = ignoresExtraWords
  }

  /// A command with one form.
  init(
    _ name: String, aliases: [String] = [], help: String, policy: Policy,
    usageHint: String = "", tooManyWords: String? = nil, _ arguments: [Argument],
    _ build: @escaping @Sendable (ParsedArguments) -> DebuggerCommand
  ) {
    self.init(
      name, aliases: aliases, help: help, policy: policy,
      usageHint: usageHint, tooManyWords: tooManyWords, forms: [Form(arguments, build)])
  }

  /// A command without arguments.
  init(
    _ name: String, aliases: [String] = [], help: String, policy: Policy,
    ignoresExtraWords: Bool = false, _ command: DebuggerCommand
  ) {
    self.init(
      name, aliases: aliases, help: help, policy: policy,
      ignoresExtraWords: ignoresExtraWords, forms: [Form([]) { _ in command }])
  }

  /// A command the program sends itself (an effect's result): not parsed, not in help, never
  /// logged, so `save` never writes it. Declare it beside the table (not in `all`) and map its
  /// `DebuggerCommand` case to it in `DebuggerCommand.invocation`.
  static func internalCommand(_ name: String, changesExecutions: Bool) -> CommandSpec {
    CommandSpec(name, help: "", policy: changesExecutions ? .changesExecutions : [], isUserCommand: false, forms: [])
  }

  // MARK: Usage

  /// `fail TOKEN [ERROR [CAUSE]]`; forms separated by ` | `.
  public var usage: String { forms.map(usage(of:)).joined(separator: " | ") }

  /// The usage and the help, as `help` lists them.
  public var helpLine: String { "\(usage) — \(help)" }

  func usage(of form: Form) -> String {
    ([name] + [Self.usage(of: form.arguments[...])].filter { !$0.isEmpty }).joined(separator: " ")
  }

  /// Optional arguments nest: `[ERROR [CAUSE]]`.
  private static func usage(of arguments: ArraySlice<Argument>) -> String {
    guard let first = arguments.first else { return "" }
    let rest = usage(of: arguments.dropFirst())
    let text = rest.isEmpty ? first.placeholder : first.placeholder + " " + rest
    return first.isOptional ? "[\(text)]" : text
  }

  /// The words that select a form; a text argument spelled like one is written in quotes.
  var keywords: Set<String> { Set(forms.compactMap(\.keywords).joined()) }

  /// Every word that names this command.
  public var spellings: [String] { [name] + aliases }
}

/// An argument's value, as parsed from a line or as a command writes itself back.
enum ArgumentValue: Sendable, Equatable {
  /// A word (quoted when written back if it needs it).
  case text(String)
  case token(TokenReference)
  case json(JSONValue)
  /// The rest of the line as typed (a JSONPath).
  case raw(String)
  case condition(BreakCondition)
  case duration(ClockDuration)
  case number(Int)
  case keyword(String)

  /// The value as words of a command line. A text that reads as one of `keywords` is quoted so
  /// that it parses back as text.
  func written(keywords: Set<String>) -> String {
    switch self {
    case .text(let s): return keywords.contains(s) ? CommandLexer.quote(s) : CommandLexer.quoteIfNeeded(s)
    case .token(let t): return t.description
    case .json(let v): return v.compactString
    case .raw(let s), .keyword(let s): return s
    case .condition(let c): return "if \(c)"
    case .duration(let d): return d.description
    case .number(let n): return String(n)
    }
  }
}

/// The values of a form's arguments, by position (nil: an optional argument left out). A form's
/// `build` reads them with the accessor of the argument's kind.
struct ParsedArguments: Sendable {
  let values: [ArgumentValue?]

  func text(_ i: Int) -> String { optionalText(i)! }
  func optionalText(_ i: Int) -> String? { if case .text(let s)? = values[i] { s } else { nil } }
  func token(_ i: Int) -> TokenReference { if case .token(let t)? = values[i] { t } else { mismatch(i) } }
  func json(_ i: Int) -> JSONValue { optionalJSON(i)! }
  func optionalJSON(_ i: Int) -> JSONValue? { if case .json(let v)? = values[i] { v } else { nil } }
  func raw(_ i: Int) -> String { if let s = optionalRaw(i) { s } else { mismatch(i) } }
  func optionalRaw(_ i: Int) -> String? { if case .raw(let s)? = values[i] { s } else { nil } }
  func optionalCondition(_ i: Int) -> BreakCondition? { if case .condition(let c)? = values[i] { c } else { nil } }
  func optionalDuration(_ i: Int) -> ClockDuration? { if case .duration(let d)? = values[i] { d } else { nil } }
  func number(_ i: Int) -> Int { if case .number(let n)? = values[i] { n } else { mismatch(i) } }

  /// A form read an argument by the accessor of another kind: a mistake in the table.
  private func mismatch(_ i: Int) -> Never { preconditionFailure("argument \(i) is \(String(describing: values[i]))") }
}
