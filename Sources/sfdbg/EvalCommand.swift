import ASLExpressions
import ArgumentParser
import Foundation
import JSONCore

/// `sfdbg eval`: evaluates one expression the way a state would, without a state machine (the
/// AWS console's data-flow simulator, in the terminal).
struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Evaluate a JSONata expression, a JSONPath/intrinsic, or a payload template.",
    discussion: """
      --jsonata binds $ and $$ to the input as JSONata does, and $states.input, $states.context
      and the --var variables as Step Functions binds them. --jsonpath takes a path ($.a, $$.Execution.Id,
      $var.x) or an intrinsic function (States.Format(...)). --template takes a Parameters/Arguments
      object: keys ending in .$ are JSONPath, strings written {% ... %} are JSONata.
      --json prints {"result": V}, {} when the value is undefined, or {"error": {"code", "message"}}.
      Exit status: 0 ok, 1 evaluation error, 2 usage.
      """)

  @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("A JSONata expression.", valueName: "EXPR"))
  var jsonata: String?

  @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("A JSONPath, reference path or intrinsic function.", valueName: "PATH"))
  var jsonpath: String?

  @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("A payload template (JSON).", valueName: "JSON"))
  var template: String?

  @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The input (JSON).", valueName: "JSON"))
  var input: String?

  @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("A file holding the input (JSON).", valueName: "FILE"))
  var inputFile: String?

  @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("A file holding the context object ($$ / $states.context).", valueName: "FILE"))
  var context: String?

  @Option(name: .customLong("var"), parsing: .unconditionalSingleValue, help: ArgumentHelp("A workflow variable.", valueName: "NAME=JSON"))
  var variables: [String] = []

  @Flag(name: .long, help: "Print the result as one JSON object.")
  var json = false

  func validate() throws {
    let given = [jsonata, jsonpath, template].compactMap { $0 }.count
    guard given == 1 else { throw ValidationError("give exactly one of --jsonata, --jsonpath, --template") }
    guard input == nil || inputFile == nil else { throw ValidationError("give --input or --input-file, not both") }
  }

  func run() throws {
    let request: EvalRequest
    do {
      request = try EvalRequest(
        input: try readInput(), context: try readContext(), variables: try readVariables())
    } catch let problem as EvalUsageProblem {
      throw ValidationError(problem.message)
    }
    let outcome: EvalOutcome
    if let jsonata {
      outcome = request.evaluateJSONata(jsonata)
    } else if let jsonpath {
      outcome = request.evaluateJSONPath(jsonpath)
    } else {
      guard let parsed = try? JSONParser.parse(template ?? "") else {
        throw ValidationError("--template is not JSON")
      }
      outcome = request.evaluateTemplate(parsed)
    }
    FileOutput.standardOutput.write((json ? outcome.jsonText : outcome.prettyText) + "\n")
    if case .failure = outcome { throw ExitCode(1) }
  }

  func readInput() throws -> JSONValue? {
    if let input { return try parseJSON(input, what: "--input") }
    if let inputFile { return try parseJSON(try readFile(inputFile), what: inputFile) }
    return nil
  }

  func readContext() throws -> JSONValue? {
    guard let context else { return nil }
    return try parseJSON(try readFile(context), what: context)
  }

  func readVariables() throws -> [String: JSONValue] {
    var out: [String: JSONValue] = [:]
    for pair in variables {
      guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
        throw EvalUsageProblem(message: "--var expects NAME=JSON, got '\(pair.prefix(80))'")
      }
      let name = String(pair[..<equals])
      out[name] = try parseJSON(String(pair[pair.index(after: equals)...]), what: "--var \(name)")
    }
    return out
  }

  func readFile(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw EvalUsageProblem(message: "\(path): cannot read the file")
    }
    return String(decoding: data, as: UTF8.self)
  }

  func parseJSON(_ text: String, what: String) throws -> JSONValue {
    do {
      return try JSONParser.parse(text)
    } catch {
      throw EvalUsageProblem(message: "\(what) is not JSON: \(error)")
    }
  }
}

struct EvalUsageProblem: Error {
  var message: String
}

/// What `eval` evaluates against.
struct EvalRequest {
  var input: JSONValue?
  var context: JSONValue?
  var variables: [String: JSONValue]

  var scope: EvaluationScope {
    EvaluationScope(
      input: input ?? .object(JSONObject()), context: context ?? .object(JSONObject()),
      variables: variables)
  }

  /// `$states` as a JSONata state sees it while evaluating Arguments/Output.
  var states: JSONValue {
    var states = JSONObject()
    states["input"] = input ?? .object(JSONObject())
    states["context"] = context ?? .object(JSONObject())
    return .object(states)
  }

  func evaluateJSONata(_ text: String) -> EvalOutcome {
    let expression: JSONataExpression
    do {
      expression = try JSONataExpression.compile(text)
    } catch {
      return .failure(code: error.code, message: error.message, source: text, position: error.position)
    }
    var bindings = variables
    bindings["states"] = states
    var random = SeededRandom(seed: UInt64(Date().timeIntervalSince1970 * 1000))
    do {
      let value = try expression.evaluate(
        input: input, bindings: bindings, random: &random,
        nowMillis: Int64(Date().timeIntervalSince1970 * 1000))
      return .value(value)
    } catch {
      return .failure(code: error.code, message: error.message, source: text, position: error.position)
    }
  }

  func evaluateJSONPath(_ text: String) -> EvalOutcome {
    var random = SeededRandom(seed: UInt64(Date().timeIntervalSince1970 * 1000))
    do {
      return .value(try PathExpression.resolve(text, field: "eval", scope: scope, random: &random))
    } catch {
      return .failure(code: error.error, message: error.cause, source: text, position: nil)
    }
  }

  func evaluateTemplate(_ template: JSONValue) -> EvalOutcome {
    var random = SeededRandom(seed: UInt64(Date().timeIntervalSince1970 * 1000))
    do {
      if Self.containsJSONata(template) {
        return .value(
          try CompiledJSONataTemplate(template).evaluate(
            states: states, variables: variables, field: "Arguments", random: &random,
            nowMillis: Int64(Date().timeIntervalSince1970 * 1000)))
      }
      return .value(try PayloadTemplate.evaluate(template, scope: scope, random: &random))
    } catch {
      return .failure(code: error.error, message: error.cause, source: nil, position: nil)
    }
  }

  /// True when some string of `value` is a whole `{% … %}` JSONata expression.
  static func containsJSONata(_ value: JSONValue) -> Bool {
    switch value {
    case .string(let s): return CompiledJSONataTemplate.expressionText(s) != nil
    case .array(let items): return items.contains(where: containsJSONata)
    case .object(let object): return object.storage.contains { containsJSONata($0.value) }
    default: return false
    }
  }
}

/// The value or the error `eval` prints.
enum EvalOutcome {
  /// nil: undefined.
  case value(JSONValue?)
  case failure(code: String, message: String, source: String?, position: Int?)

  /// `{"result": V}`, `{}`, or `{"error": {"code", "message"}}` (plus `position` when known).
  var jsonText: String {
    var object = JSONObject()
    switch self {
    case .value(let value):
      if let value { object["result"] = value }
    case .failure(let code, let message, _, let position):
      var error = JSONObject()
      error["code"] = .string(code)
      error["message"] = .string(message)
      if let position { error["position"] = .int(position) }
      object["error"] = .object(error)
    }
    return JSONValue.object(object).compactString
  }

  /// The value pretty-printed (`undefined` when there is none), or the error with the source
  /// line and a caret under the position.
  var prettyText: String {
    switch self {
    case .value(let value):
      return value?.prettyString ?? "undefined"
    case .failure(let code, let message, let source, let position):
      var text = "error: \(code): \(message)"
      if let source, let position {
        let scalars = Array(source.unicodeScalars)
        let at = min(max(position, 0), scalars.count)
        let lineStart = scalars[..<at].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        let lineEnd = scalars[at...].firstIndex(of: "\n") ?? scalars.count
        let line = String(String.UnicodeScalarView(scalars[lineStart..<lineEnd]))
        text += "\n  " + line + "\n  " + String(repeating: " ", count: at - lineStart) + "^"
      }
      return text
    }
  }
}
