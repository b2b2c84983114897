import Foundation
import JSONCore

/// A function signature in jsonata-js notation, e.g. `<s-nn?:s>`, checked before a call, as
/// jsonata-js's src/signature.js does (a port: the same regular expression over one type symbol
/// per argument, the same errors).
///
/// Symbols: `s` string, `n` number, `b` boolean, `l` null, `o` object, `a` array (a non-array
/// argument is wrapped in one), `f` function, `j` any JSON value, `x` anything; `(sn)` a choice;
/// `a<n>` / `f<…>` type parameters; after a symbol `?` optional, `+` one or more, `-` the
/// context value stands in for a missing argument. What follows `:` (the result type) is ignored.
///
/// Built-ins declare theirs in `JSONataFunctions.signatures` (name → text); lambdas write theirs
/// after the parameter list: `function($a, $b)<nn:n>{ $a + $b }`.
struct JSONataSignature: @unchecked Sendable {
  struct Parameter: Sendable {
    var regex = ""
    var type = ""
    var subtype: String?
    /// `-`: the context value substitutes a missing argument of type `contextRegex`.
    var contextRegex: String?
    /// The symbols `contextRegex` allows, when it is one symbol class (JSONataSignatureMatcher).
    var contextSymbols: [Character]?
  }

  let definition: String
  let parameters: [Parameter]
  let regex: NSRegularExpression
  /// The parameters' patterns for the direct matcher (JSONataSignatureMatcher), nil when one
  /// needs `regex`.
  let symbolPatterns: [SymbolPattern]?

  /// Parses `definition` (with its angle brackets). Throws S0401/S0402 as jsonata-js does.
  init(_ definition: String) throws(JSONataError) {
    self.definition = definition
    let symbols = Array(definition)
    var parameters: [Parameter] = []
    var parameter = Parameter()
    var position = 1
    func closing(_ start: Int, _ open: Character, _ close: Character) -> Int {
      var depth = 1
      var at = start
      while at < symbols.count {
        at += 1
        guard at < symbols.count else { break }
        if symbols[at] == close {
          depth -= 1
          if depth == 0 { break }
        } else if symbols[at] == open {
          depth += 1
        }
      }
      return at
    }
    func text(_ from: Int, _ to: Int) -> String {
      from < to ? String(symbols[from..<min(to, symbols.count)]) : ""
    }
    while position < symbols.count {
      let symbol = symbols[position]
      if symbol == ":" { break }
      switch symbol {
      case "s", "n", "b", "l", "o":
        parameter.regex = "[\(symbol)m]"
        parameter.type = String(symbol)
        parameters.append(parameter)
        parameter = Parameter()
      case "a":
        parameter.regex = "[asnblfom]"
        parameter.type = "a"
        parameters.append(parameter)
        parameter = Parameter()
      case "f":
        parameter.regex = "f"
        parameter.type = "f"
        parameters.append(parameter)
        parameter = Parameter()
      case "j", "x":
        parameter.regex = symbol == "j" ? "[asnblom]" : "[asnblfom]"
        parameter.type = String(symbol)
        parameters.append(parameter)
        parameter = Parameter()
      case "-":
        if var previous = parameters.popLast() {
          previous.contextRegex = previous.regex
          previous.contextSymbols = SymbolPattern(previous.regex)?.symbols
          previous.regex += "?"
          parameters.append(previous)
        }
      case "?", "+":
        if var previous = parameters.popLast() {
          previous.regex += String(symbol)
          parameters.append(previous)
        }
      case "(":
        let end = closing(position, "(", ")")
        let choice = text(position + 1, end)
        guard !choice.contains("<") else {
          throw JSONataError(
            code: "S0402",
            message: "Choice groups containing parameterized types are not supported",
            position: position)
        }
        parameter.regex = "[\(choice)m]"
        parameter.type = "(\(choice))"
        parameters.append(parameter)
        parameter = Parameter()
        position = end
      case "<":
        guard var previous = parameters.popLast(), previous.type == "a" || previous.type == "f"
        else {
          throw JSONataError(
            code: "S0401", message: "Type parameters can only be applied to functions and arrays",
            position: position)
        }
        let end = closing(position, "<", ">")
        previous.subtype = text(position + 1, end)
        parameters.append(previous)
        position = end
      default:
        break
      }
      position += 1
    }
    self.parameters = parameters
    symbolPatterns = Self.symbolPatterns(parameters)
    let pattern = "^" + parameters.map { "(\($0.regex))" }.joined() + "$"
    guard let regex = try? NSRegularExpression(pattern: pattern) else {
      throw JSONataError(code: "S0401", message: "Invalid function signature \(definition)")
    }
    self.regex = regex
  }

  /// The one-letter type of a value (`m` for undefined).
  static func symbol(_ value: JSONataValue) -> Character {
    switch value {
    case .undefined: return "m"
    case .function, .regex: return "f"
    case .sequence: return "a"
    case .json(let json):
      switch json {
      case .string: return "s"
      case .number: return "n"
      case .bool: return "b"
      case .null: return "l"
      case .array: return "a"
      case .object: return "o"
      }
    }
  }

  static func symbol(_ value: JSONValue) -> Character { symbol(.json(value)) }

  static let plural: [String: String] = [
    "a": "arrays", "b": "booleans", "f": "functions", "n": "numbers", "o": "objects",
    "s": "strings",
  ]

  /// Whether `text` is wholly matched by a parameter's pattern. The patterns are one type letter
  /// or a `[…]` class of them, tested without building a regular expression: this runs for every
  /// call that takes the context value (a fuzzed `[1..2e5].$string()` spent seconds compiling
  /// one per call).
  static func matches(_ pattern: String, _ text: String) -> Bool {
    if text.count == 1, let symbol = text.first {
      if pattern.count == 1 { return pattern.first == symbol }
      // Character tests, not Foundation's substring search (a large share of a call's time).
      if pattern.first == "[", pattern.last == "]", !pattern.contains(where: { $0 == "^" }) {
        return pattern.dropFirst().dropLast().contains(symbol)
      }
    }
    return text.range(of: "^(" + pattern + ")$", options: .regularExpression) != nil
  }

  /// The arguments as the function receives them: the context value where `-` allows it,
  /// non-arrays wrapped for `a`. Throws T0410/T0411/T0412 naming `function`.
  func validate(_ arguments: [JSONataValue], context: JSONataValue, function: String)
    throws(JSONataError) -> [JSONataValue]
  {
    let symbols = arguments.map(Self.symbol)
    guard let groups = matchedGroups(symbols) else {
      throw mismatch(arguments, String(symbols), function: function)
    }
    var validated: [JSONataValue] = []
    var index = 0
    for (parameter, matched) in zip(parameters, groups) {
      if matched.isEmpty {
        if let contextRegex = parameter.contextRegex {
          let symbol = Self.symbol(context)
          let allowed =
            parameter.contextSymbols.map { $0.contains(symbol) }
            ?? Self.matches(contextRegex, String(symbol))
          guard allowed else {
            throw JSONataError(
              code: "T0411",
              message:
                "Context value is not a compatible type with argument \(index + 1) of function \"\(function)\""
            )
          }
          validated.append(context)
        } else {
          validated.append(index < arguments.count ? arguments[index] : .undefined)
          index += 1
        }
        continue
      }
      for single in matched {
        var argument = index < arguments.count ? arguments[index] : .undefined
        if parameter.type == "a" {
          if single == "m" {
            argument = .undefined
          } else {
            if let subtype = parameter.subtype, !Self.arrayMatches(argument, single, String(matched), subtype) {
              throw JSONataError(
                code: "T0412",
                message:
                  "Argument \(index + 1) of function \"\(function)\" must be an array of \"\(Self.plural[subtype] ?? subtype)\""
              )
            }
            if single != "a", let json = argument.json { argument = .json(.array([json])) }
          }
        }
        validated.append(argument)
        index += 1
      }
    }
    return validated
  }

  /// The symbols each parameter takes from `symbols` in the match of the signature's regex;
  /// nil when it does not match.
  func matchedGroups(_ symbols: [Character]) -> [ArraySlice<Character>]? {
    if let symbolPatterns {
      guard let lengths = Self.groupLengths(symbolPatterns, symbols) else { return nil }
      var start = 0
      return lengths.map { length in
        defer { start += length }
        return symbols[start..<start + length]
      }
    }
    let supplied = String(symbols)
    let range = NSRange(supplied.startIndex..., in: supplied)
    guard let match = regex.firstMatch(in: supplied, range: range) else { return nil }
    return parameters.indices.map { number in
      let groupRange = match.range(at: number + 1)
      return groupRange.location == NSNotFound
        ? [] : Array((supplied as NSString).substring(with: groupRange))[...]
    }
  }

  /// jsonata-js's check of an array's items against `a<subtype>` (first item's type, then all
  /// alike; a non-array must match the whole subtype).
  static func arrayMatches(_ argument: JSONataValue, _ single: Character, _ matched: String,
    _ subtype: String
  ) -> Bool {
    if single != "a" { return matched == subtype }
    let items = argument.items
    guard let first = items.first else { return true }
    let itemType = symbol(first)
    guard String(itemType) == String(subtype.prefix(1)) else { return false }
    return items.allSatisfy { symbol($0) == itemType }
  }

  /// T0410 at the first argument the signature's prefix cannot cover.
  func mismatch(_ arguments: [JSONataValue], _ supplied: String, function: String)
    -> JSONataError
  {
    var partial = "^"
    var goodTo = 0
    for parameter in parameters {
      partial += parameter.regex
      guard let range = supplied.range(of: partial, options: .regularExpression) else { break }
      goodTo = supplied.distance(from: range.lowerBound, to: range.upperBound)
    }
    return JSONataError(
      code: "T0410",
      message: "Argument \(goodTo + 1) of function \"\(function)\" does not match function signature")
  }
}

/// A signature inside a syntax tree (nodes are Hashable; a signature compares by its text).
struct JSONataSignatureBox: Sendable, Hashable {
  let signature: JSONataSignature
  init(_ signature: JSONataSignature) { self.signature = signature }
  static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.signature.definition == rhs.signature.definition
  }
  func hash(into hasher: inout Hasher) { hasher.combine(signature.definition) }
}

extension JSONataFunctions {
  /// `signatures` (each built-in's jsonata-js signature text), parsed once. The evaluator checks
  /// every call of a built-in against its entry before the function runs.
  static let compiledSignatures: [String: JSONataSignature] = signatures.compactMapValues {
    try? JSONataSignature($0)
  }
}
