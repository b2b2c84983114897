import ASLExpressions

/// A syntax check for JSONata expressions (the body of `{% ... %}`), following the JSONata
/// grammar: a Pratt parser over JSONata's tokens and binding powers. It only accepts or rejects;
/// the interpreter evaluates expressions with its own engine.
enum JSONataSyntax {
  /// Why `expression` is not valid JSONata, or nil when it parses.
  static func problem(in expression: String) -> String? {
    var lexer = Lexer(Array(expression.unicodeScalars))
    var tokens: [Token] = []
    do {
      while let t = try lexer.next(previous: tokens.last) { tokens.append(t) }
    } catch {
      return error.message
    }
    var parser = Parser(tokens: tokens)
    do {
      if tokens.isEmpty { return "the expression is empty" }
      try parser.expression(0)
      if let extra = parser.peek { return "unexpected \(extra.describe) after the end of the expression" }
      return nil
    } catch {
      return error.message
    }
  }

  struct SyntaxError: Error { var message: String }

  enum Kind: Equatable { case number, string, name, variable, value, op, regex }

  struct Token {
    var kind: Kind
    var text: String
    var describe: String { kind == .op ? "'\(text)'" : kind == .string ? "string" : "'\(text)'" }
  }

  struct Lexer {
    let s: [Unicode.Scalar]
    var i = 0
    init(_ s: [Unicode.Scalar]) { self.s = s }

    static let operatorChars: Set<Unicode.Scalar> = [
      ".", "[", "]", "{", "}", "(", ")", ",", "@", "#", ";", ":", "?", "+", "-", "*", "/", "%", "|", "=",
      "<", ">", "^", "&", "!", "~",
    ]
    static let doubles: Set<String> = ["..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"]

    mutating func next(previous: Token?) throws(SyntaxError) -> Token? {
      while i < s.count {
        if s[i].properties.isWhitespace { i += 1; continue }
        if s[i] == "/", i + 1 < s.count, s[i + 1] == "*" {
          i += 2
          while i + 1 < s.count, !(s[i] == "*" && s[i + 1] == "/") { i += 1 }
          guard i + 1 < s.count else { throw SyntaxError(message: "comment is not closed with */") }
          i += 2
          continue
        }
        break
      }
      guard i < s.count else { return nil }
      let c = s[i]
      // A regex literal where an operand is expected.
      if c == "/", previous == nil || (previous!.kind == .op && ![")", "]", "}"].contains(previous!.text)) {
        i += 1
        let start = i
        while i < s.count, s[i] != "/" {
          if s[i] == "\\" { i += 1 }
          i += 1
        }
        guard i < s.count else { throw SyntaxError(message: "regular expression is not closed with /") }
        let pattern = String(String.UnicodeScalarView(s[start..<i]))
        i += 1
        let flagsStart = i
        while i < s.count, ("a"..."z").contains(s[i]) { i += 1 }
        let flags = String(String.UnicodeScalarView(s[flagsStart..<i]))
        if let problem = JSONataExpression.regexProblem(pattern: pattern, flags: flags) {
          throw SyntaxError(message: problem)
        }
        return Token(kind: .regex, text: "/regex/")
      }
      if i + 1 < s.count {
        let two = String(c) + String(s[i + 1])
        if Lexer.doubles.contains(two) {
          i += 2
          return Token(kind: .op, text: two)
        }
      }
      if Lexer.operatorChars.contains(c) {
        i += 1
        return Token(kind: .op, text: String(c))
      }
      if c == "\"" || c == "'" {
        i += 1
        var text = ""
        while i < s.count, s[i] != c {
          if s[i] == "\\" { i += 1 }
          if i < s.count { text.unicodeScalars.append(s[i]) }
          i += 1
        }
        guard i < s.count else { throw SyntaxError(message: "string is not closed with \(c)") }
        i += 1
        return Token(kind: .string, text: text)
      }
      if c == "`" {
        i += 1
        let start = i
        while i < s.count, s[i] != "`" { i += 1 }
        guard i < s.count else { throw SyntaxError(message: "name is not closed with `") }
        let text = String(String.UnicodeScalarView(s[start..<i]))
        i += 1
        return Token(kind: .name, text: text)
      }
      if ("0"..."9").contains(c) {
        let start = i
        i = JSONataNumberText.end(in: s, from: start, zeroStandsAlone: true)
        return Token(kind: .number, text: String(String.UnicodeScalarView(s[start..<i])))
      }
      // Names and variables run until whitespace or an operator character.
      let isVariable = c == "$"
      let start = i
      i += 1
      while i < s.count, !s[i].properties.isWhitespace, !Lexer.operatorChars.contains(s[i]),
        s[i] != "\"", s[i] != "'", s[i] != "`", !(isVariable == false && s[i] == "$")
      {
        if isVariable && s[i] == "$" && i > start + 1 { break }
        i += 1
      }
      let text = String(String.UnicodeScalarView(s[start..<i]))
      if isVariable { return Token(kind: .variable, text: text) }
      switch text {
      case "and", "or", "in": return Token(kind: .op, text: text)
      case "true", "false", "null": return Token(kind: .value, text: text)
      default: return Token(kind: .name, text: text)
      }
    }
  }

  struct Parser {
    let tokens: [Token]
    var k = 0
    init(tokens: [Token]) { self.tokens = tokens }

    var peek: Token? { k < tokens.count ? tokens[k] : nil }

    static let binding: [String: Int] = [
      ".": 75, "[": 80, "{": 70, "(": 80, "@": 80, "#": 80, "?": 20, "+": 50, "-": 50, "*": 60,
      "/": 60, "%": 60, "=": 40, "<": 40, ">": 40, "^": 40, "**": 60, "..": 20, ":=": 10, "!=": 40,
      "<=": 40, ">=": 40, "~>": 40, "and": 30, "or": 25, "in": 40, "&": 50, "?:": 40, "??": 40,
    ]

    func lbp(_ t: Token?) -> Int {
      guard let t else { return 0 }
      if t.kind == .op { return Parser.binding[t.text] ?? 0 }
      if t.kind == .name && (t.text == "and" || t.text == "or" || t.text == "in") { return Parser.binding[t.text]! }
      return 0
    }

    mutating func advance() throws(SyntaxError) -> Token {
      guard let t = peek else { throw SyntaxError(message: "the expression ends too early") }
      k += 1
      return t
    }

    mutating func expect(_ text: String) throws(SyntaxError) {
      guard let t = peek else { throw SyntaxError(message: "expected '\(text)' before the end of the expression") }
      guard t.kind == .op, t.text == text else { throw SyntaxError(message: "expected '\(text)', found \(t.describe)") }
      k += 1
    }

    func at(_ text: String) -> Bool { peek.map { $0.kind == .op && $0.text == text } ?? false }

    /// Nesting accepted before giving up (the parser recurses once per level).
    static let maxDepth = 256
    var depth = 0

    mutating func expression(_ rbp: Int) throws(SyntaxError) {
      depth += 1
      defer { depth -= 1 }
      guard depth <= Parser.maxDepth else {
        throw SyntaxError(message: "nesting deeper than \(Parser.maxDepth) levels")
      }
      let t = try advance()
      try nud(t)
      while rbp < lbp(peek) {
        let op = try advance()
        try led(op)
      }
    }

    /// A comma-separated list up to `close`.
    mutating func list(until close: String, item: (inout Parser) throws(SyntaxError) -> Void) throws(SyntaxError) {
      if at(close) { k += 1; return }
      while true {
        try item(&self)
        if at(",") { k += 1; continue }
        try expect(close)
        return
      }
    }

    mutating func nud(_ t: Token) throws(SyntaxError) {
      switch t.kind {
      case .number, .string, .value, .variable, .regex: return
      case .name:
        if t.text == "function" || t.text == "λ", at("(") {
          try expect("(")
          try list(until: ")") { (p: inout Parser) throws(SyntaxError) in
            let v = try p.advance()
            guard v.kind == .variable else { throw SyntaxError(message: "expected a $parameter, found \(v.describe)") }
          }
          if at("<") {  // Signature.
            while let n = peek, !(n.kind == .op && n.text == ">") { k += 1 }
            try expect(">")
          }
          try expect("{")
          try expression(0)
          try expect("}")
        }
        return
      case .op:
        switch t.text {
        case "-": try expression(70)
        case "*", "**", "%": return
        case "(":
          if at(")") { k += 1; return }
          while true {
            try expression(0)
            if at(";") { k += 1; if at(")") { k += 1; return }; continue }
            try expect(")")
            return
          }
        case "[":
          try list(until: "]") { (p: inout Parser) throws(SyntaxError) in try p.expression(0) }
        case "{":
          try list(until: "}") { (p: inout Parser) throws(SyntaxError) in
            try p.expression(0)
            try p.expect(":")
            try p.expression(0)
          }
        case "|":
          try expression(0)
          try expect("|")
          try expression(0)
          if at(",") { k += 1; try expression(0) }
          try expect("|")
        default:
          throw SyntaxError(message: "\(t.describe) cannot start an expression")
        }
      }
    }

    mutating func led(_ t: Token) throws(SyntaxError) {
      let bp = Parser.binding[t.text] ?? 0
      switch t.text {
      case "(":
        try list(until: ")") { (p: inout Parser) throws(SyntaxError) in
          if p.at("?") { p.k += 1 } else { try p.expression(0) }
        }
      case "[":
        if at("]") { k += 1; return }
        try expression(0)
        try expect("]")
      case "{":
        try list(until: "}") { (p: inout Parser) throws(SyntaxError) in
          try p.expression(0)
          try p.expect(":")
          try p.expression(0)
        }
      case "?":
        try expression(0)
        if at(":") { k += 1; try expression(0) }
      case "@", "#":
        let v = try advance()
        guard v.kind == .variable else { throw SyntaxError(message: "expected a $variable after '\(t.text)', found \(v.describe)") }
      case "^":
        try expect("(")
        try list(until: ")") { (p: inout Parser) throws(SyntaxError) in
          if p.at("<") || p.at(">") { p.k += 1 }
          try p.expression(0)
        }
      case ":=":
        try expression(bp - 1)
      default:
        try expression(bp)
      }
    }
  }
}
