import JSONCore

/// A JSONata syntax tree node (the subset Step Functions workflows use: paths, predicates,
/// operators, constructors, conditionals, blocks, bindings, lambdas, function calls, `~>`,
/// regular expressions).
indirect enum JSONataNode: Sendable, Hashable {
  case literal(JSONValue)
  case name(String)
  case wildcard
  case descendants
  /// `$name`; "" is the context `$`, "$" the root `$$`.
  case variable(String)
  case path([JSONataNode])
  /// A step or expression with predicate filters `expr[...]`.
  case filtered(JSONataNode, [JSONataNode])
  case negate(JSONataNode)
  case binary(String, JSONataNode, JSONataNode)
  case array([JSONataNode])
  case range(JSONataNode, JSONataNode)
  case object([JSONataPair])
  /// `expr{key: value}`: group the items of `expr` by key, then evaluate each value per group.
  case group(JSONataNode, [JSONataPair])
  case call(JSONataNode, [JSONataNode])
  case lambda([String], JSONataNode, JSONataSignatureBox?)
  case condition(JSONataNode, JSONataNode, JSONataNode?)
  case block([JSONataNode])
  case bind(String, JSONataNode)
  case apply(JSONataNode, JSONataNode)
  case regex(RegexLiteral)
  /// `a ?: b`: `a` when truthy, else `b` (jsonata-js's default operator).
  case defaulting(JSONataNode, JSONataNode)
  /// `a ?? b`: `a` when it exists, else `b` (jsonata-js's coalescing operator).
  case coalesce(JSONataNode, JSONataNode)
  /// A path step `^(term, …)`: sorts the whole sequence reaching it.
  case sortStep([JSONataSortTerm])
  /// A path with a `[]` step: a singleton result stays an array.
  case keepSingleton(JSONataNode)
  /// A `?` argument of a partial application `$f(?, 2)`.
  case placeholder
  /// `| pattern | update, delete |`: evaluates to a function (see JSONataTransform).
  case transform(JSONataNode, JSONataNode, JSONataNode?)
  /// The body of that function.
  case transformBody(JSONataNode, JSONataNode, JSONataNode?)
  /// `%`: the value bound to its label, the `%`'s index in the text (JSONataAncestry binds it
  /// on the step the `%` refers to).
  case parent(Int)
  /// A path step with `@$var` / `#$var` bindings and the predicates around them, in order.
  case bindStep(JSONataNode, [JSONataStage])
  /// A path that carries bindings from step to step (jsonata-js tuple streams): some step binds
  /// with `@`/`#`, binds a `%` label, or yields a nested tuple stream.
  case tuplePath([JSONataNode])
  /// A block or path a `%` outside it reaches into: as a path step it yields its tuple stream,
  /// so the labels bound inside stay bound (jsonata-js `node.tuple` set by seekParent).
  case ancestry(JSONataNode)
}

/// What follows a step in a tuple path: `@$v` binds the step's value and keeps the context,
/// `#$i` binds the position, `[…]` filters; `ancestor` binds a `%` label to the step's input.
enum JSONataStage: Sendable, Hashable {
  case focus(String)
  case index(String)
  case filter(JSONataNode)
  case ancestor(Int)
}

/// One `^(<expr)` / `^(>expr)` term of an order-by step.
struct JSONataSortTerm: Sendable, Hashable {
  var descending: Bool
  var expression: JSONataNode
}

/// A key/value pair of an object constructor.
struct JSONataPair: Sendable, Hashable {
  var key: JSONataNode
  var value: JSONataNode
}

/// A JSONata syntax or evaluation error with its JSONata code (`T1006`, `S0202`, ...) and, when
/// known, the character offset (in Unicode scalars) of the token it concerns.
public struct JSONataError: Error, Sendable, Equatable {
  public var code: String
  public var message: String
  public var position: Int? = nil
  public var text: String { "\(code): \(message)" }

  /// The error with `position` set unless it already has one.
  func located(at offset: Int) -> JSONataError {
    var copy = self
    if copy.position == nil { copy.position = offset }
    return copy
  }
}

/// Tokens of JSONata text.
enum JSONataToken: Equatable {
  case number(Double, String)
  case string(String)
  case name(String)
  case variable(String)
  case op(String)
  case regex(String, String)
  case end
}

/// The extent of a JSONata number literal, shared by the parser and the validator's tokenizer.
public enum JSONataNumberText {
  /// The end of the number whose first digit is at `start`: its digits, then `.digits` and an
  /// exponent when they follow. With `zeroStandsAlone` (as jsonata-js tokenizes), a leading `0`
  /// is the whole integer part.
  public static func end(in s: [Unicode.Scalar], from start: Int, zeroStandsAlone: Bool = false)
    -> Int
  {
    func digits(from i: Int) -> Int {
      var i = i
      while i < s.count, ("0"..."9").contains(s[i]) { i += 1 }
      return i
    }
    var i = zeroStandsAlone && s[start] == "0" ? start + 1 : digits(from: start)
    if i + 1 < s.count, s[i] == ".", ("0"..."9").contains(s[i + 1]) { i = digits(from: i + 1) }
    if i < s.count, s[i] == "e" || s[i] == "E" {
      var k = i + 1
      if k < s.count, s[k] == "+" || s[k] == "-" { k += 1 }
      if k < s.count, ("0"..."9").contains(s[k]) { i = digits(from: k) }
    }
    return i
  }
}

/// Tokenizer + Pratt parser for JSONata.
struct JSONataParser {
  let scalars: [Unicode.Scalar]
  var position = 0
  var token: JSONataToken = .end
  var depth = 0
  /// An error jsonata-js raises after the parse, thrown when the text parses.
  var postParseError: JSONataError?
  /// Where each `%` ends, in order: the `%`'s label is its index here.
  var parentPositions: [Int] = []

  init(_ text: String) throws(JSONataError) {
    scalars = Array(text.unicodeScalars)
    try advance()
  }

  static func parse(_ text: String) throws(JSONataError) -> JSONataNode {
    var parser: JSONataParser
    do {
      parser = try JSONataParser(text)
    } catch {
      throw error.located(at: min(text.unicodeScalars.count, 1))
    }
    do throws(JSONataError) {
      let node = try parser.expression(0)
      guard parser.token == .end else {
        throw JSONataError(
          code: "S0201", message: "Syntax error: unexpected \(parser.describe(parser.token))")
      }
      if let postParseError = parser.postParseError { throw postParseError }
      if parser.parentPositions.isEmpty { return node }
      return try JSONataAncestry.resolve(node, positions: parser.parentPositions)
    } catch {
      throw error.located(at: parser.position)
    }
  }

  func describe(_ token: JSONataToken) -> String {
    switch token {
    case .number(_, let text): return "\"\(text)\""
    case .string(let s): return "string \"\(s)\""
    case .name(let n): return "\"\(n)\""
    case .variable(let v): return "\"$\(v)\""
    case .op(let o): return "\"\(o)\""
    case .regex(let p, _): return "regex /\(p)/"
    case .end: return "end of expression"
    }
  }

  // MARK: Tokenizer

  static let operators: [String] = [
    "..", ":=", "!=", "<=", ">=", "~>", "**", "?:", "??", ".", "[", "]", "{", "}", "(", ")", ",", "@", "#",
    ";", ":", "?", "+", "-", "*", "/", "%", "|", "=", "<", ">", "^", "&", "!", "~",
  ]

  /// True when a `/` at the current position starts a regex rather than a division.
  var regexAllowed: Bool {
    switch token {
    case .number, .string, .name, .variable, .regex: return false
    case .op(let o): return !(o == ")" || o == "]" || o == "}")
    case .end: return true
    }
  }

  mutating func advance() throws(JSONataError) {
    // Skip whitespace and /* comments */.
    while position < scalars.count {
      let c = scalars[position]
      if c == " " || c == "\t" || c == "\n" || c == "\r" {
        position += 1
      } else if c == "/", position + 1 < scalars.count, scalars[position + 1] == "*" {
        let start = position
        position += 2
        while position + 1 < scalars.count,
          !(scalars[position] == "*" && scalars[position + 1] == "/")
        {
          position += 1
        }
        guard position + 1 < scalars.count else {
          throw JSONataError(code: "S0106", message: "Comment has no closing tag", position: start)
        }
        position += 2
      } else {
        break
      }
    }
    guard position < scalars.count else {
      token = .end
      return
    }
    let c = scalars[position]
    if c == "/", regexAllowed {
      position += 1
      var pattern = String.UnicodeScalarView()
      while position < scalars.count, scalars[position] != "/" {
        if scalars[position] == "\\", position + 1 < scalars.count {
          pattern.append(scalars[position])
          position += 1
        }
        pattern.append(scalars[position])
        position += 1
      }
      guard position < scalars.count else {
        throw JSONataError(code: "S0302", message: "No terminating / in regular expression")
      }
      position += 1
      var flags = ""
      while position < scalars.count, scalars[position] == "i" || scalars[position] == "m" {
        flags.unicodeScalars.append(scalars[position])
        position += 1
      }
      token = .regex(String(pattern), flags)
      return
    }
    if c == "\"" || c == "'" {
      token = .string(try readString(quote: c))
      return
    }
    if c == "`" {
      position += 1
      var name = String.UnicodeScalarView()
      while position < scalars.count, scalars[position] != "`" {
        name.append(scalars[position])
        position += 1
      }
      guard position < scalars.count else {
        throw JSONataError(
          code: "S0105", message: "Quoted property name must be terminated with a backquote (`)")
      }
      position += 1
      token = .name(String(name))
      return
    }
    if ("0"..."9").contains(c) {
      let start = position
      position = JSONataNumberText.end(in: scalars, from: start)
      let text = String(String.UnicodeScalarView(scalars[start..<position]))
      guard let value = Double(text), value.isFinite else {
        throw JSONataError(code: "S0102", message: "Number out of range: \(text)")
      }
      token = .number(value, text)
      return
    }
    for op in JSONataParser.operators where matches(op) {
      if op == "!" || op == "~" {
        throw JSONataError(code: "S0204", message: "Unknown operator: \"\(op)\"", position: position)
      }
      position += op.unicodeScalars.count
      token = .op(op)
      return
    }
    if c == "$" {
      position += 1
      let name = readName()
      if name.isEmpty, position < scalars.count, scalars[position] == "$" {
        position += 1
        token = .variable("$")
      } else {
        token = .variable(name)
      }
      return
    }
    let name = readName()
    guard !name.isEmpty else {
      throw JSONataError(code: "S0204", message: "Unknown operator: \"\(c)\"")
    }
    switch name {
    case "and", "or", "in": token = .op(name)
    case "true": token = .name("\u{0}true")
    case "false": token = .name("\u{0}false")
    case "null": token = .name("\u{0}null")
    default: token = .name(name)
    }
  }

  func matches(_ op: String) -> Bool { scalars.contains(op.unicodeScalars, at: position) }

  mutating func readName() -> String {
    var name = String.UnicodeScalarView()
    while position < scalars.count {
      let c = scalars[position]
      if c == " " || c == "\t" || c == "\n" || c == "\r" { break }
      if "[]{}().,;:?+-*/%|=<>^&!~@#\"'`$".unicodeScalars.contains(c) { break }
      name.append(c)
      position += 1
    }
    return String(name)
  }

  mutating func readString(quote: Unicode.Scalar) throws(JSONataError) -> String {
    position += 1
    var out = String.UnicodeScalarView()
    while position < scalars.count {
      let c = scalars[position]
      position += 1
      if c == quote { return String(out) }
      if c == "\\" {
        guard position < scalars.count else { break }
        let e = scalars[position]
        position += 1
        switch e {
        case "n": out.append("\n")
        case "t": out.append("\t")
        case "r": out.append("\r")
        case "b": out.append("\u{8}")
        case "f": out.append("\u{C}")
        case "u":
          guard position + 4 <= scalars.count,
            let code = UInt32(
              String(String.UnicodeScalarView(scalars[position..<position + 4])), radix: 16)
          else {
            throw JSONataError(
              code: "S0104", message: "The escape sequence \\u must be followed by 4 hex digits")
          }
          position += 4
          out.append(combiningSurrogates(code))
        case "\"", "\\", "/", "'": out.append(e)
        default:
          throw JSONataError(code: "S0103", message: "Unsupported escape sequence: \\\(e)")
        }
        continue
      }
      out.append(c)
    }
    throw JSONataError(
      code: "S0101", message: "String literal must be terminated by a matching quote")
  }

  /// The character a `\u` escape names. A high surrogate followed by a `\uDC00`–`\uDFFF`
  /// escape is one character with the pair (as a JavaScript string holds it); a lone surrogate,
  /// which a Swift string cannot hold, becomes U+FFFD.
  mutating func combiningSurrogates(_ code: UInt32) -> Unicode.Scalar {
    if (0xD800...0xDBFF).contains(code), position + 6 <= scalars.count,
      scalars[position] == "\\", scalars[position + 1] == "u",
      let low = UInt32(
        String(String.UnicodeScalarView(scalars[position + 2..<position + 6])), radix: 16),
      (0xDC00...0xDFFF).contains(low),
      let pair = Unicode.Scalar(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
    {
      position += 6
      return pair
    }
    return Unicode.Scalar(code) ?? "\u{FFFD}"
  }

  // MARK: Pratt parser

  static func bindingPower(_ op: String) -> Int {
    switch op {
    case ".": return 75
    case "[", "(", "@", "#": return 80
    case "{": return 70
    case "?": return 20
    case "?:", "??", "^": return 40
    case "+", "-", "&": return 50
    case "*", "/", "%": return 60
    case "=", "!=", "<", "<=", ">", ">=", "in", "~>": return 40
    case "and": return 30
    case "or": return 25
    case ":=": return 10
    default: return 0
    }
  }

  mutating func expect(_ op: String) throws(JSONataError) {
    guard token == .op(op) else {
      if token == .end {
        throw JSONataError(code: "S0203", message: "Expected \"\(op)\" before end of expression")
      }
      throw JSONataError(code: "S0202", message: "Expected \"\(op)\", got \(describe(token))")
    }
    try advance()
  }

  mutating func expression(_ rightBindingPower: Int) throws(JSONataError) -> JSONataNode {
    depth += 1
    defer { depth -= 1 }
    guard depth < 200 else {
      throw JSONataError(code: "S0201", message: "Expression nesting too deep: at most 200 levels of brackets and operators")
    }
    var left = try prefix()
    while true {
      guard case .op(let op) = token, JSONataParser.bindingPower(op) > rightBindingPower else {
        return left
      }
      try advance()
      left = try infix(op, left)
    }
  }

  mutating func prefix() throws(JSONataError) -> JSONataNode {
    let current = token
    let tokenEnd = position
    try advance()
    switch current {
    case .number(let value, let text):
      _ = text
      return .literal(.number(JSONNumber(value)))
    case .string(let s): return .literal(.string(s))
    case .regex(let pattern, let flags):
      let regex = RegexLiteral(pattern: pattern, flags: flags)
      // jsonata-js compiles the literal while parsing and fails with JavaScript's "Invalid
      // regular expression"; that error has no JSONata code, so S0303 (after S0301/S0302).
      if let problem = regex.compileError { throw JSONataError(code: "S0303", message: problem) }
      return .regex(regex)
    case .variable(let name): return .variable(name)
    case .name(let name):
      switch name {
      case "\u{0}true": return .literal(.bool(true))
      case "\u{0}false": return .literal(.bool(false))
      case "\u{0}null": return .literal(.null)
      default:
        if name == "function" || name == "λ", token == .op("(") {
          return try lambda()
        }
        return .name(name)
      }
    case .op(let op):
      switch op {
      case "-": return .negate(try expression(70))
      case "*": return .wildcard
      case "%":
        parentPositions.append(tokenEnd)
        return .parent(parentPositions.count - 1)
      case "**": return .descendants
      case "(":
        var items: [JSONataNode] = []
        while token != .op(")") {
          items.append(try expression(0))
          if token == .op(";") { try advance() } else { break }
        }
        try expect(")")
        return .block(items)
      case "[":
        var items: [JSONataNode] = []
        if token != .op("]") {
          while true {
            var item = try expression(0)
            if token == .op("..") {
              try advance()
              item = .range(item, try expression(0))
            }
            items.append(item)
            if token == .op(",") { try advance() } else { break }
          }
        }
        try expect("]")
        return .array(items)
      case "{":
        return .object(try objectPairs())
      case "|":
        let pattern = try expression(0)
        try expect("|")
        let update = try expression(0)
        var delete: JSONataNode?
        if token == .op(",") {
          try advance()
          delete = try expression(0)
        }
        try expect("|")
        return .transform(pattern, update, delete)
      case "and", "or", "in":
        // The keywords are field names where an operand is expected.
        return .name(op)
      default:
        throw JSONataError(
          code: "S0211", message: "The symbol \"\(op)\" cannot be used as a unary operator")
      }
    case .end:
      throw JSONataError(code: "S0207", message: "Unexpected end of expression")
    }
  }

  mutating func objectPairs() throws(JSONataError) -> [JSONataPair] {
    var pairs: [JSONataPair] = []
    if token != .op("}") {
      while true {
        let key = try expression(0)
        try expect(":")
        let value = try expression(0)
        pairs.append(JSONataPair(key: key, value: value))
        if token == .op(",") { try advance() } else { break }
      }
    }
    try expect("}")
    return pairs
  }

  mutating func lambda() throws(JSONataError) -> JSONataNode {
    try expect("(")
    var parameters: [String] = []
    while token != .op(")") {
      guard case .variable(let name) = token else {
        throw JSONataError(
          code: "S0208",
          message:
            "Parameter \(describe(token)) of function definition must be a variable name (start with $)"
        )
      }
      parameters.append(name)
      try advance()
      if token == .op(",") { try advance() } else { break }
    }
    try expect(")")
    // An optional signature `<…>` is read as raw text up to its balancing `>`, as jsonata-js
    // does, and parsed now so a bad one is a syntax error.
    var signature: JSONataSignature?
    if token == .op("<") {
      var depth = 1
      var text = String.UnicodeScalarView(["<"])
      while position < scalars.count, depth > 0 {
        let c = scalars[position]
        if c == "<" { depth += 1 } else if c == ">" { depth -= 1 }
        text.append(c)
        position += 1
      }
      signature = try JSONataSignature(String(text))
      try advance()
    }
    try expect("{")
    let body = try expression(0)
    try expect("}")
    return .lambda(parameters, body, signature.map(JSONataSignatureBox.init))
  }

  mutating func infix(_ op: String, _ left: JSONataNode) throws(JSONataError) -> JSONataNode {
    switch op {
    case ".":
      let right = try expression(75)
      var keep = false
      func unwrapped(_ node: JSONataNode) -> JSONataNode {
        if case .keepSingleton(let inner) = node {
          keep = true
          return inner
        }
        return node
      }
      var steps: [JSONataNode]
      steps = JSONataParser.steps(of: unwrapped(left)) ?? [unwrapped(left)]
      steps += JSONataParser.steps(of: unwrapped(right)) ?? [unwrapped(right)]
      // String literals as steps are field names; numbers, booleans and null cannot be steps.
      for (index, step) in steps.enumerated() {
        switch step {
        case .literal(.string(let name)): steps[index] = .name(name)
        case .literal(let value):
          // jsonata-js finds this after parsing the whole text (processAST), so a syntax error
          // later in the text comes first (`$.7a` is S0201 at `a`).
          postParseError = postParseError ?? JSONataError(
            code: "S0213",
            message: "The literal value \(value.compactString) cannot be used as a step within a path expression"
          ).located(at: position)
        default: break
        }
      }
      return keep ? .keepSingleton(JSONataParser.path(steps)) : JSONataParser.path(steps)
    case "^":
      try expect("(")
      var terms: [JSONataSortTerm] = []
      while true {
        var descending = false
        if token == .op("<") {
          try advance()
        } else if token == .op(">") {
          descending = true
          try advance()
        }
        terms.append(JSONataSortTerm(descending: descending, expression: try expression(0)))
        guard token == .op(",") else { break }
        try advance()
      }
      try expect(")")
      if let steps = JSONataParser.steps(of: left) { return JSONataParser.path(steps + [.sortStep(terms)]) }
      if case .keepSingleton(let inner) = left, let steps = JSONataParser.steps(of: inner) {
        return .keepSingleton(JSONataParser.path(steps + [.sortStep(terms)]))
      }
      return JSONataParser.path([left, .sortStep(terms)])
    case "@", "#":
      guard case .variable(let name) = token else {
        throw JSONataError(
          code: "S0214", message: "The right side of \(op) must be a variable name (start with $)")
      }
      try advance()
      let stage: JSONataStage = op == "@" ? .focus(name) : .index(name)
      var steps = JSONataParser.steps(of: left) ?? [left]
      let last = steps.removeLast()
      if case .bindStep(let inner, let stages) = last {
        steps.append(.bindStep(inner, stages + [stage]))
      } else {
        if op == "@", case .filtered = last {
          throw JSONataError(
            code: "S0215", message: "A context variable binding must precede any predicates on a step")
        }
        if op == "@", case .sortStep = last {
          throw JSONataError(
            code: "S0216", message: "A context variable binding must precede the 'order-by' clause on a step")
        }
        steps.append(.bindStep(last, [stage]))
      }
      return JSONataParser.path(steps)
    case "?:":
      return .defaulting(left, try expression(0))
    case "??":
      return .coalesce(left, try expression(0))
    case "[":
      if token == .op("]") {
        try advance()
        return .keepSingleton(left)
      }
      if case .group = left {
        throw JSONataError(code: "S0209", message: "A predicate cannot follow a grouping expression in a step")
      }
      let predicate = try expression(0)
      try expect("]")
      if case .keepSingleton(let inner) = left {
        // `a[][p]`: the predicate belongs to the step; `[]` stays on the whole path.
        if var steps = JSONataParser.steps(of: inner) {
          let last = steps.removeLast()
          steps.append(JSONataParser.addPredicate(last, predicate))
          return .keepSingleton(JSONataParser.path(steps))
        }
        return .keepSingleton(JSONataParser.addPredicate(inner, predicate))
      }
      if var steps = JSONataParser.steps(of: left) {
        let last = steps.removeLast()
        steps.append(JSONataParser.addPredicate(last, predicate))
        return JSONataParser.path(steps)
      }
      return JSONataParser.addPredicate(left, predicate)
    case "(":
      var arguments: [JSONataNode] = []
      if token != .op(")") {
        while true {
          if token == .op("?") {
            // A lone `?` argument makes the call a partial application.
            try advance()
            arguments.append(.placeholder)
          } else {
            arguments.append(try expression(0))
          }
          if token == .op(",") { try advance() } else { break }
        }
      }
      try expect(")")
      return .call(left, arguments)
    case "?":
      let then = try expression(0)
      var otherwise: JSONataNode?
      if token == .op(":") {
        try advance()
        otherwise = try expression(0)
      }
      return .condition(left, then, otherwise)
    case ":=":
      guard case .variable(let name) = left else {
        throw JSONataError(
          code: "S0212", message: "The left side of := must be a variable name (start with $)")
      }
      return .bind(name, try expression(JSONataParser.bindingPower(op) - 1))
    case "~>":
      return .apply(left, try expression(JSONataParser.bindingPower(op)))
    case "{":
      if case .group = left {
        throw JSONataError(code: "S0210", message: "Each step can only have one grouping expression")
      }
      return .group(left, try objectPairs())
    default:
      let right = try expression(JSONataParser.bindingPower(op))
      return .binary(op, left, right)
    }
  }

  /// The steps of a path node, nil for other nodes.
  static func steps(of node: JSONataNode) -> [JSONataNode]? {
    switch node {
    case .path(let steps), .tuplePath(let steps): return steps
    default: return nil
    }
  }

  /// A path over `steps`: a tuple path when a step binds or yields tuples.
  static func path(_ steps: [JSONataNode]) -> JSONataNode {
    steps.contains(where: needsTuples) ? .tuplePath(steps) : .path(steps)
  }

  /// True when a path step makes the path carry tuples (jsonata-js `step.tuple`): it binds with
  /// `@`/`#` or binds a `%` label, or it yields a nested tuple stream.
  static func needsTuples(_ node: JSONataNode) -> Bool {
    switch node {
    case .bindStep, .ancestry: return true
    case .filtered(let inner, _): return needsTuples(inner)
    default: return false
    }
  }

  static func addPredicate(_ node: JSONataNode, _ predicate: JSONataNode) -> JSONataNode {
    if case .bindStep(let inner, let stages) = node {
      return .bindStep(inner, stages + [.filter(predicate)])
    }
    if case .filtered(let inner, let predicates) = node {
      return .filtered(inner, predicates + [predicate])
    }
    return .filtered(node, [predicate])
  }
}
