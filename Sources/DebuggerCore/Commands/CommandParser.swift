import ASLExpressions
import JSONCore

/// Parses lines of the command language into `DebuggerCommand`s, by the table `CommandSpec.all`.
public enum CommandParser {
  /// Parses one line. Returns nil for blank lines and `#` comments.
  public static func parse(_ line: String) throws(CommandError) -> DebuggerCommand? {
    let lexer = CommandLexer(line)
    let words = try lexer.words()
    guard let head = words.first else { return nil }
    guard !head.quoted, let spec = CommandSpec.byName[head.text] else {
      let names = CommandSpec.all.map(\.name).joined(separator: ", ")
      throw CommandError("unknown command '\(CommandError.echoed(head.text))'; commands are: \(names)", column: head.start + 1)
    }
    return try spec.parse(words.dropFirst(), head: head, lexer: lexer)
  }

  /// Parses `PATH [OP VALUE]`, e.g. `$.amount > 100` or `$.status == "FAILED"`.
  static func parseCondition(_ text: String, column: Int) throws(CommandError) -> BreakCondition {
    let ops = BreakCondition.Operator.allCases.sorted { $0.rawValue.count > $1.rawValue.count }
    // Find the first operator outside quotes/brackets.
    let chars = Array(text)
    var depth = 0
    var inQuote: Character? = nil
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if let q = inQuote {
        if c == q { inQuote = nil }
      } else if c == "'" || c == "\"" {
        inQuote = c
      } else if c == "[" || c == "(" {
        depth += 1
      } else if c == "]" || c == ")" {
        depth -= 1
      } else if depth == 0 {
        for op in ops where i + op.rawValue.count <= chars.count && String(chars[i..<(i + op.rawValue.count)]) == op.rawValue {
          let path = String(chars[..<i]).trimmingWhitespace()
          let valueText = String(chars[(i + op.rawValue.count)...]).trimmingWhitespace()
          try checkConditionPath(path, column: column)
          guard !valueText.isEmpty else { throw CommandError("expected a value after '\(op.rawValue)'", column: column + i + op.rawValue.count) }
          let value: JSONValue
          do {
            value = try JSONParser.parse(valueText)
          } catch {
            throw CommandError("the value after '\(op.rawValue)' must be JSON (strings in double quotes): \(error.message)", column: column + i + op.rawValue.count)
          }
          return BreakCondition(path: path, op: op, value: value)
        }
        if c == "=" {
          // `~=`, `=~`, `:=`: name what was written, not just its '='.
          let glued = i > 0 && !chars[i - 1].isWhitespace && !chars[i - 1].isLetter && !chars[i - 1].isNumber
          if glued {
            let ops = BreakCondition.Operator.allCases.map(\.rawValue).joined(separator: " ")
            throw CommandError("'\(chars[i - 1])=' is not an operator: use one of \(ops)", column: column + i - 1)
          }
          throw CommandError("'=' is not an operator: compare with '=='", column: column + i)
        }
      }
      i += 1
    }
    let path = text.trimmingWhitespace()
    try checkConditionPath(path, column: column)
    return BreakCondition(path: path)
  }

  /// A condition's path must parse: otherwise `$.a ~= 3` or `$.a[?(@.b` would never hold, silently.
  static func checkConditionPath(_ path: String, column: Int) throws(CommandError) {
    guard path.hasPrefix("$") else { throw CommandError("a condition starts with a JSONPath such as $.amount", column: column) }
    do {
      _ = try JSONPath(path)
    } catch {
      throw CommandError(
        "'\(CommandError.echoed(path))' is not a JSONPath (\(error.cause)); a condition is PATH [OP JSON], "
          + "OP one of \(BreakCondition.Operator.allCases.map(\.rawValue).joined(separator: " "))",
        column: column)
    }
  }
}

extension CommandSpec {
  /// Reads the words after the command's name by the arguments of the form they select.
  func parse(_ words: ArraySlice<CommandLexer.Word>, head: CommandLexer.Word, lexer: CommandLexer) throws(CommandError) -> DebuggerCommand {
    let form = self.form(for: words.first)
    var values: [ArgumentValue?] = []
    var next = words.startIndex
    for argument in form.arguments {
      guard next < words.endIndex else {
        guard argument.isOptional else { throw CommandError("usage: \(usage)\(usageHint)") }
        values.append(nil)
        continue
      }
      let word = words[next]
      next += 1
      switch argument.kind {
      case .keyword: values.append(.keyword(argument.placeholder))
      case .token: values.append(.token(Self.tokenReference(word)))
      case .json:
        next = words.endIndex
        values.append(.json(try Self.json(lexer.rest(from: word.start), column: word.start + 1, what: argument.about)))
      case .path:
        next = words.endIndex
        values.append(.raw(lexer.rest(from: word.start)))
      case .condition:
        next = words.endIndex
        guard word.text == "if", !word.quoted else {
          throw CommandError("expected 'if' after the state name, found '\(CommandError.echoed(word.text))' (quote state names with spaces)", column: word.start + 1)
        }
        let text = lexer.rest(from: word.end)
        guard !text.isEmpty else { throw CommandError("expected a condition after 'if'", column: word.end + 1) }
        values.append(.condition(try CommandParser.parseCondition(text, column: word.end + 2)))
      case .duration:
        guard let duration = ClockDuration(word.text) else {
          throw CommandError("'\(CommandError.echoed(word.text))' is not a duration: write it like 10s, 5m, 1h30m or 250ms", column: word.start + 1)
        }
        values.append(.duration(duration))
      case .eventID:
        guard let id = Int(word.text), id >= 1 else {
          throw CommandError("'\(CommandError.echoed(word.text))' is not a history event id: the ids are whole numbers from 1", column: word.start + 1)
        }
        values.append(.number(id))
      case .errorName, .cause:
        // A task failure (`fail`) meets SendTaskFailure's limits; breakpoints take any name.
        var isError = false
        if case .errorName = argument.kind { isError = true }
        let (field, limit) = isError
          ? ("error", TaskFailureLimits.errorLength) : ("cause", TaskFailureLimits.causeLength)
        if head.text == "fail", let refusal = TaskFailureLimits.refusal(field, word.text, limit: limit) {
          throw CommandError("the \(field) is too long; \(refusal)", column: word.start + 1)
        }
        values.append(.text(word.text))
      case .stateName:
        // ASL state names have at most 80 characters (the validator's state-name rule).
        guard word.text.count <= 80 else {
          throw CommandError(
            "'\(CommandError.echoed(word.text))' is not a state name: state names have 1 to 80 characters",
            column: word.start + 1)
        }
        values.append(.text(word.text))
      case .executionID, .machine, .file, .operation: values.append(.text(word.text))
      }
    }
    if next < words.endIndex, !ignoresExtraWords {
      let extra = words[next]
      let message =
        form.arguments.isEmpty ? "'\(CommandError.echoed(head.text))' takes no arguments, found '\(CommandError.echoed(extra.text))'"
        : tooManyWords ?? "usage: \(usage(of: form))"
      throw CommandError(message, column: extra.start + 1)
    }
    return form.build(ParsedArguments(values: values))
  }

  /// The form a first word selects: one it starts as a keyword, else the form without one.
  private func form(for first: CommandLexer.Word?) -> Form {
    if let first, !first.quoted, let form = forms.first(where: { $0.keywords?.contains(first.text) == true }) {
      return form
    }
    return forms.first { $0.keywords == nil } ?? forms[0]
  }

  /// A pending index (`3` or `#3`), a token, or a quoted state name.
  private static func tokenReference(_ word: CommandLexer.Word) -> TokenReference {
    if word.quoted { return .stateName(word.text) }
    if let n = Int(word.text.hasPrefix("#") ? String(word.text.dropFirst()) : word.text), n > 0, n < 100_000 {
      return .index(n)
    }
    return .token(word.text)
  }

  private static func json(_ text: String, column: Int, what: String) throws(CommandError) -> JSONValue {
    do {
      return try JSONParser.parse(text, options: .init(rejectDuplicateKeys: false))
    } catch {
      throw CommandError("\(what) is not valid JSON: \(error.message) (at \(error.position))", column: column)
    }
  }
}
