import Foundation
import JSONCore

/// Evaluates CloudFormation intrinsic functions (`Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::Join`, ...)
/// against a template, with deterministic local values for everything that only exists in AWS.
/// (Not ASL's intrinsic functions, `States.Format` and kin: those are ASLExpressions'
/// `IntrinsicFunction`.)
///
/// - Resources become local ARNs (`arn:aws:lambda:us-east-1:123456789012:function:<LogicalId>`),
///   or names/URLs where CloudFormation's `Ref` returns those.
/// - Pseudo parameters use `LocalAccount`; template parameters use their `Default`.
/// - `overrides` (`--sub KEY=VALUE`) win over everything, for `Ref`, `${Key}` and `${Res.Attr}`.
/// - What cannot be known (a parameter without a default, an import, a resource missing from
///   the template) becomes the placeholder text `${Name}`, to be filled with `--sub`.
struct CloudFormationIntrinsics {
  var parameters: [String: JSONValue] = [:]
  var resources: [String: TemplateResource] = [:]
  var mappings: JSONObject = JSONObject()
  var conditions: JSONObject = JSONObject()
  var overrides: [String: String] = [:]

  /// Pseudo parameter values.
  static let pseudoParameters: [String: String] = [
    "AWS::Region": LocalAccount.region,
    "AWS::AccountId": LocalAccount.accountID,
    "AWS::Partition": LocalAccount.partition,
    "AWS::URLSuffix": LocalAccount.urlSuffix,
    "AWS::StackName": LocalAccount.stackName,
    "AWS::StackId": LocalAccount.stackID,
  ]

  /// The evaluated value, or nil for `AWS::NoValue` (the member or element is dropped).
  func evaluate(_ value: JSONValue, depth: Int = 0) -> JSONValue? {
    guard depth < 200 else { return value }
    switch value {
    case .array(let items):
      return .array(items.compactMap { evaluate($0, depth: depth + 1) })
    case .object(let object):
      if object.count == 1, let (key, argument) = object.storage.elements.first,
        key == "Ref" || key.hasPrefix("Fn::") || key == "Condition" && argument.stringValue != nil
      {
        if key == "Condition" { return .bool(condition(named: argument.stringValue!, depth: depth)) }
        return function(key, argument, depth: depth + 1)
      }
      var out = JSONObject(minimumCapacity: object.count)
      for (k, v) in object {
        if let e = evaluate(v, depth: depth + 1) { out[k] = e }
      }
      return .object(out)
    default:
      return value
    }
  }

  /// The text of an evaluated value as `Fn::Sub`/`Fn::Join` would splice it in.
  static func text(_ value: JSONValue) -> String {
    switch value {
    case .string(let s): return s
    case .number(let n): return n.text
    case .bool(let b): return b ? "true" : "false"
    case .null: return ""
    case .array(let a): return a.map(text).joined(separator: ",")
    case .object: return value.compactString
    }
  }

  private func function(_ name: String, _ argument: JSONValue, depth: Int) -> JSONValue? {
    switch name {
    case "Ref":
      guard let target = evaluate(argument, depth: depth)?.stringValue else { return argument }
      if target == "AWS::NoValue" { return nil }
      return ref(target)
    case "Fn::GetAtt":
      let arg = evaluate(argument, depth: depth) ?? argument
      var parts: [String] = []
      if let s = arg.stringValue {
        if let dot = s.firstIndex(of: ".") {
          parts = [String(s[..<dot]), String(s[s.index(after: dot)...])]
        } else {
          parts = [s]
        }
      } else if let a = arg.arrayValue {
        parts = a.map { Self.text($0) }
      }
      guard parts.count >= 2 else { return .string("${\(parts.first ?? "")}") }
      return getAtt(parts[0], parts[1...].joined(separator: "."))
    case "Fn::Sub":
      var template = ""
      var variables: [String: String] = [:]
      if let s = argument.stringValue {
        template = s
      } else if let a = argument.arrayValue, let s = a.first?.stringValue {
        template = s
        if a.count > 1, let vars = a[1].objectValue {
          for (k, v) in vars {
            if let e = evaluate(v, depth: depth) { variables[k] = Self.text(e) }
          }
        }
      } else {
        return argument
      }
      return .string(sub(template, variables: variables))
    case "Fn::Join":
      guard let a = argument.arrayValue, a.count == 2,
        let delimiter = evaluate(a[0], depth: depth)?.stringValue
      else { return argument }
      let list = evaluate(a[1], depth: depth)
      let items = list?.arrayValue ?? list.map { [$0] } ?? []
      return .string(items.map(Self.text).joined(separator: delimiter))
    case "Fn::Select":
      guard let a = argument.arrayValue, a.count == 2,
        let indexValue = evaluate(a[0], depth: depth),
        let index = indexValue.intValue ?? Int(Self.text(indexValue)),
        let list = evaluate(a[1], depth: depth)?.arrayValue, index >= 0, index < list.count
      else { return argument }
      return list[index]
    case "Fn::Split":
      guard let a = argument.arrayValue, a.count == 2,
        let delimiter = evaluate(a[0], depth: depth)?.stringValue, !delimiter.isEmpty,
        let source = evaluate(a[1], depth: depth)
      else { return argument }
      return .array(
        Self.text(source).components(separatedBy: delimiter).map { .string($0) })
    case "Fn::If":
      guard let a = argument.arrayValue, a.count == 3, let c = a[0].stringValue else { return argument }
      let chosen = condition(named: c, depth: depth) ? a[1] : a[2]
      return evaluate(chosen, depth: depth)
    case "Fn::Equals":
      guard let a = argument.arrayValue, a.count == 2 else { return argument }
      let l = evaluate(a[0], depth: depth).map(Self.text)
      let r = evaluate(a[1], depth: depth).map(Self.text)
      return .bool(l == r)
    case "Fn::Not", "Fn::And", "Fn::Or":
      let items = (argument.arrayValue ?? [argument]).map { truth(evaluate($0, depth: depth)) }
      if name == "Fn::Not" { return .bool(!(items.first ?? false)) }
      if name == "Fn::And" { return .bool(items.allSatisfy { $0 }) }
      return .bool(items.contains(true))
    case "Fn::FindInMap":
      guard let a = argument.arrayValue, a.count >= 3 else { return argument }
      let keys = a.prefix(3).map { evaluate($0, depth: depth).map(Self.text) ?? "" }
      if let v = mappings[keys[0]]?[keys[1]]?[keys[2]] { return v }
      if a.count > 3, let d = a[3].objectValue?["DefaultValue"] { return evaluate(d, depth: depth) }
      return .string("${\(keys.joined(separator: "."))}")
    case "Fn::ImportValue":
      let exportName = evaluate(argument, depth: depth).map(Self.text) ?? ""
      return .string(overrides[exportName] ?? "${\(exportName)}")
    case "Fn::Base64":
      let s = evaluate(argument, depth: depth).map(Self.text) ?? ""
      return .string(Data(s.utf8).base64EncodedString())
    case "Fn::GetAZs":
      let region = evaluate(argument, depth: depth).map(Self.text) ?? ""
      let r = region.isEmpty ? LocalAccount.region : region
      return .array(["a", "b", "c"].map { .string(r + $0) })
    case "Fn::ToJsonString":
      return (evaluate(argument, depth: depth)).map { .string($0.compactString) }
    case "Fn::Length":
      return evaluate(argument, depth: depth)?.arrayValue.map { .int($0.count) } ?? argument
    default:
      return evaluate(argument, depth: depth).map { .object(JSONObject([(name, $0)])) }
    }
  }

  /// The short form a template writes: `Fn::If` → `!If`, `Ref` → `!Ref`.
  static func shortForm(_ name: String) -> String {
    "!" + (name.hasPrefix("Fn::") ? String(name.dropFirst(4)) : name)
  }

  /// Functions CloudFormation knows, by long name.
  static let knownFunctions: Set<String> = [
    "Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::If", "Fn::Equals",
    "Fn::Not", "Fn::And", "Fn::Or", "Fn::FindInMap", "Fn::ImportValue", "Fn::Base64", "Fn::GetAZs",
    "Fn::ToJsonString", "Fn::Length", "Fn::Cidr", "Fn::Transform",
  ]

  /// Why `{name: argument}` is not a call CloudFormation accepts (it refuses such a template),
  /// or nil. Arguments that are themselves calls are checked where they are.
  static func shapeProblem(_ name: String, _ argument: JSONValue) -> String? {
    guard knownFunctions.contains(name) else {
      let known = knownFunctions.sorted().map(shortForm).joined(separator: " ")
      return "unknown CloudFormation function \(shortForm(name)); known: \(known)"
    }
    let list = argument.arrayValue
    let found: String
    switch argument {
    case .array(let a): found = "a list of \(a.count)"
    case .object: found = "an object"
    case .string: found = "a string"
    default: found = "a \(argument.typeName)"
    }
    func needs(_ form: String) -> String { "\(shortForm(name)) takes \(form), found \(found)" }
    func isCall(_ v: JSONValue) -> Bool { v.objectValue.map { $0.count == 1 } ?? false }
    switch name {
    case "Ref":
      return argument.stringValue == nil ? needs("the name of a parameter or resource") : nil
    case "Fn::GetAtt":
      if let text = argument.stringValue {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
          ? nil : needs("RESOURCE.ATTRIBUTE (or [RESOURCE, ATTRIBUTE])")
      }
      guard let list, list.count == 2, list[0].stringValue != nil else {
        return needs("[RESOURCE, ATTRIBUTE] (or RESOURCE.ATTRIBUTE)")
      }
      return nil
    case "Fn::Sub":
      if argument.stringValue != nil { return nil }
      guard let list, list.count == 2, list[0].stringValue != nil, list[1].objectValue != nil else {
        return needs("a string or [STRING, {VARIABLES}]")
      }
      return nil
    case "Fn::Join": return list?.count == 2 ? nil : needs("[DELIMITER, LIST]")
    case "Fn::Split": return list?.count == 2 ? nil : needs("[DELIMITER, STRING]")
    case "Fn::Equals": return list?.count == 2 ? nil : needs("[VALUE, VALUE]")
    case "Fn::Not": return list?.count == 1 ? nil : needs("[CONDITION]")
    case "Fn::And", "Fn::Or": return (2...10).contains(list?.count ?? 0) ? nil : needs("a list of 2 to 10 conditions")
    case "Fn::If":
      return list?.count == 3 && list?[0].stringValue != nil
        ? nil : needs("[CONDITION_NAME, VALUE_IF_TRUE, VALUE_IF_FALSE]")
    case "Fn::FindInMap": return (3...4).contains(list?.count ?? 0) ? nil : needs("[MAP, KEY, KEY]")
    case "Fn::Cidr": return list?.count == 3 ? nil : needs("[IP_BLOCK, COUNT, CIDR_BITS]")
    case "Fn::Select":
      guard let list, list.count == 2 else { return needs("[INDEX, LIST]") }
      // Both written out: the index must be in the list.
      if !isCall(list[0]), let items = list[1].arrayValue,
        let index = list[0].intValue ?? Int(text(list[0])), index < 0 || index >= items.count
      {
        return "!Select index \(index) is outside the list (\(items.count) item\(items.count == 1 ? "" : "s"))"
      }
      return nil
    default: return nil
    }
  }

  /// Why `{name: argument}` would only fail when deployed (a name the template does not
  /// declare, an attribute a resource cannot have), or nil. Such names stay `${...}`.
  func deployProblem(_ name: String, _ argument: JSONValue) -> String? {
    switch name {
    case "Ref":
      guard let target = argument.stringValue, overrides[target] == nil else { return nil }
      let known = Self.pseudoParameters[target] != nil || parameters[target] != nil
        || resources[target] != nil || target == "AWS::NoValue" || target == "AWS::NotificationARNs"
      return known
        ? nil
        : "!Ref \(target) names no parameter or resource of the template; it stays ${\(target)} "
          + "(give it with --sub \(target)=VALUE); CloudFormation would refuse it"
    case "Fn::GetAtt":
      let parts = argument.stringValue.map { $0.split(separator: ".", maxSplits: 1).map(String.init) }
        ?? argument.arrayValue?.compactMap(\.stringValue) ?? []
      guard parts.count == 2, overrides[parts.joined(separator: ".")] == nil else { return nil }
      guard resources[parts[0]] != nil else {
        return "!GetAtt \(parts[0]).\(parts[1]): the template declares no resource \(parts[0]); it stays "
          + "${\(parts[0]).\(parts[1])} (give it with --sub)"
      }
      // `Endpoint.Address` has parts; `Arn` and names do not.
      let first = parts[1].split(separator: ".").first.map(String.init) ?? ""
      if parts[1].contains("."), first.hasSuffix("Arn") || first.hasSuffix("Name") || first == "Arn" {
        return "!GetAtt \(parts[0]).\(parts[1]): attribute \(first) has no parts; CloudFormation would "
          + "refuse it when deploying"
      }
      return nil
    default: return nil
    }
  }

  private func truth(_ v: JSONValue?) -> Bool {
    switch v {
    case .bool(let b)?: return b
    case .string(let s)?: return s.lowercased() == "true"
    default: return false
    }
  }

  /// Evaluates a named condition from the template's `Conditions` (unknown names are false).
  func condition(named name: String, depth: Int) -> Bool {
    guard depth < 100, let c = conditions[name] else { return false }
    return truth(evaluate(c, depth: depth + 1))
  }

  /// `Ref name`.
  func ref(_ name: String) -> JSONValue {
    if let o = overrides[name] { return .string(o) }
    if let p = Self.pseudoParameters[name] { return .string(p) }
    if name == "AWS::NotificationARNs" { return .array([]) }
    if let p = parameters[name] { return p }
    if let r = resources[name] { return .string(r.refValue) }
    return .string("${\(name)}")
  }

  /// `Fn::GetAtt [resource, attribute]`.
  func getAtt(_ resource: String, _ attribute: String) -> JSONValue {
    if let o = overrides["\(resource).\(attribute)"] { return .string(o) }
    guard let r = resources[resource] else { return .string("${\(resource).\(attribute)}") }
    return .string(r.attribute(attribute))
  }

  /// `Fn::Sub` text substitution: `${Var}`, `${Param}`, `${Resource}`, `${Resource.Attr}`,
  /// pseudo parameters; `${!Literal}` stays `${Literal}`; unknown names stay as placeholders.
  func sub(_ template: String, variables: [String: String]) -> String {
    Placeholders.replacing(in: template) { written in
      let name = written.trimmingCharacters(in: .whitespaces)
      if name.hasPrefix("!") { return "${" + name.dropFirst() + "}" }
      if let v = variables[name] { return v }
      if let dot = name.firstIndex(of: "."), !name.hasPrefix("AWS::"),
        resources[String(name[..<dot])] != nil || overrides[name] != nil
      {
        return Self.text(getAtt(String(name[..<dot]), String(name[name.index(after: dot)...])))
      }
      return Self.text(ref(name))
    }
  }
}
