import JSONCore

/// A parsed JSONPath expression with the semantics AWS Step Functions uses (Jayway JsonPath).
///
/// Supported: `$`, `.name`, `['name']` / `["name"]` (any characters, `\'` escapes), `.*` / `[*]`,
/// indexes `[0]` and `[-1]`, unions `[0,2]` / `['a','b']`, slices `[a:b]` / `[a:b:c]`, filters
/// `[?(@.x > 1 && @.y)]`, recursive descent `..name` / `..*` / `..[0]`. Jayway's path functions
/// are not supported by AWS: `$.list.length()` names a member called `length()`, as AWS reports
/// ("Property ['length()'] not found").
///
/// Parse once (`init`) and evaluate many times.
public struct JSONPath: Sendable, Hashable {
  /// Immutable parsed form, shared by reference so copies cost one retain.
  final class Storage: Sendable {
    let text: String
    let root: JSONPathRoot
    let segments: [JSONPathSegment]
    /// The segments as plain steps when every segment is a name or an index.
    let steps: [JSONPathStep]?

    init(text: String, root: JSONPathRoot, segments: [JSONPathSegment]) {
      self.text = text
      self.root = root
      self.segments = segments
      var steps: [JSONPathStep] = []
      steps.reserveCapacity(segments.count)
      for segment in segments {
        switch segment {
        case .name(let name): steps.append(.name(name))
        case .index(let index): steps.append(.index(index))
        default: break
        }
      }
      self.steps = steps.count == segments.count ? steps : nil
    }
  }

  let storage: Storage

  /// The source text.
  public var text: String { storage.text }
  /// True when the path selects at most one value (no wildcards, filters, slices, unions, or
  /// recursive descent). Function paths are definite (they yield one value).
  public var isDefinite: Bool { storage.steps != nil }
  var segments: [JSONPathSegment] { storage.segments }
  var root: JSONPathRoot { storage.root }
  /// True when every segment is a plain name or index (fast evaluation path).
  var isSimple: Bool { storage.steps != nil }

  /// Parses `text`; it must start with `$` (or `@` for filter-relative paths).
  public init(_ text: String) throws(ASLRuntimeError) {
    var parser = JSONPathParser(text: text)
    let parsed = try parser.parsePath(allowCurrent: false)
    guard parser.atEnd else {
      throw JSONPathParser.syntaxError(text, "unexpected '\(parser.rest)'")
    }
    self.init(text: text, root: parsed.root, segments: parsed.segments)
  }

  init(text: String, root: JSONPathRoot, segments: [JSONPathSegment]) {
    storage = Storage(text: text, root: root, segments: segments)
  }

  public static func == (lhs: JSONPath, rhs: JSONPath) -> Bool { lhs.text == rhs.text }
  public func hash(into hasher: inout Hasher) { hasher.combine(text) }

  /// The path in Jayway's normalized form, as AWS prints it in some causes: `$['a'][0][*]`.
  public var normalizedText: String {
    var s = root == .current ? "@" : "$"
    for segment in segments { segment.appendNormalized(to: &s) }
    return s
  }

  /// True when the path is exactly `$` (the whole document).
  public var isRoot: Bool { segments.isEmpty }

  /// AWS semantics: a definite path yields the value or nil when missing; an indefinite path
  /// yields an array of all matches (possibly empty).
  /// Throws only when a filter's regular expression uses up its matching budget.
  public func evaluate(in root: JSONValue) throws(ASLRuntimeError) -> JSONValue? {
    let storage = self.storage
    if let steps = storage.steps {
      return JSONPath.walk(steps, 0, root)
    }
    return try evaluate(in: root, rootDocument: root)
  }

  /// Evaluates with `@`-relative `current` and `$`-rooted `rootDocument` (used by filters).
  func evaluate(in current: JSONValue, rootDocument: JSONValue) throws(ASLRuntimeError) -> JSONValue? {
    var walk = FilterWalk(root: rootDocument)
    return try evaluate(in: current, walk: &walk)
  }

  /// Evaluates inside a filter, drawing on the enclosing evaluation's regex budget.
  func evaluate(in current: JSONValue, walk: inout FilterWalk) throws(ASLRuntimeError) -> JSONValue? {
    let storage = self.storage
    let start = storage.root == .current ? current : walk.root
    if let steps = storage.steps { return JSONPath.walk(steps, 0, start) }
    var out: [JSONValue] = []
    try JSONPath.collect(storage.segments[...], in: start, walk: &walk, into: &out)
    return .array(out)
  }

  /// Follows plain name/index steps from `steps[i]`; nil when a step does not apply.
  /// Recursive so each level's value stays a borrowed argument (fewer retains than a loop).
  static func walk(_ steps: [JSONPathStep], _ i: Int, _ value: JSONValue) -> JSONValue? {
    if i == steps.count { return value }
    switch value {
    case .object(let object):
      guard case .name(let name) = steps[i], let index = object.storage.index(forKey: name) else {
        return nil
      }
      return walk(steps, i + 1, object.storage.values[index])
    case .array(let array):
      guard case .index(let index) = steps[i] else { return nil }
      let resolved = index < 0 ? array.count + index : index
      guard resolved >= 0, resolved < array.count else { return nil }
      return walk(steps, i + 1, array[resolved])
    default:
      return nil
    }
  }

  static func collect(
    _ segments: ArraySlice<JSONPathSegment>, in value: JSONValue, walk: inout FilterWalk,
    into out: inout [JSONValue]
  ) throws(ASLRuntimeError) {
    guard let segment = segments.first else {
      out.append(value)
      return
    }
    let rest = segments.dropFirst()
    switch segment {
    case .name(let name):
      if case .object(let object) = value, let next = object.storage[name] {
        try collect(rest, in: next, walk: &walk, into: &out)
      }
    case .names(let names):
      guard case .object(let object) = value else { return }
      for name in names {
        if let next = object.storage[name] { try collect(rest, in: next, walk: &walk, into: &out) }
      }
    case .index(let index):
      if case .array(let array) = value {
        let resolved = index < 0 ? array.count + index : index
        if resolved >= 0, resolved < array.count {
          try collect(rest, in: array[resolved], walk: &walk, into: &out)
        }
      }
    case .indexes(let indexes):
      guard case .array(let array) = value else { return }
      for index in indexes {
        let resolved = index < 0 ? array.count + index : index
        if resolved >= 0, resolved < array.count {
          try collect(rest, in: array[resolved], walk: &walk, into: &out)
        }
      }
    case .wildcard:
      switch value {
      case .array(let array):
        for element in array { try collect(rest, in: element, walk: &walk, into: &out) }
      case .object(let object):
        for (_, member) in object.storage { try collect(rest, in: member, walk: &walk, into: &out) }
      default: break
      }
    case .slice(let start, let end, let step):
      guard case .array(let array) = value else { return }
      for index in sliceIndexes(count: array.count, start: start, end: end, step: step) {
        try collect(rest, in: array[index], walk: &walk, into: &out)
      }
    case .filter(let filter):
      switch value {
      case .array(let array):
        for element in array where try filter.matches(element, walk: &walk) {
          try collect(rest, in: element, walk: &walk, into: &out)
        }
      case .object:
        if try filter.matches(value, walk: &walk) { try collect(rest, in: value, walk: &walk, into: &out) }
      default: break
      }
    case .descendant(let inner):
      // Pre-order walk: apply `inner` + rest at this node, then at every descendant.
      let applied = ArraySlice([inner] + Array(rest))
      try walkDescendants(value) { (node) throws(ASLRuntimeError) in
        try collect(applied, in: node, walk: &walk, into: &out)
      }
    }
  }

  static func walkDescendants(
    _ value: JSONValue, _ visit: (JSONValue) throws(ASLRuntimeError) -> Void
  ) throws(ASLRuntimeError) {
    try visit(value)
    switch value {
    case .array(let array): for element in array { try walkDescendants(element, visit) }
    case .object(let object): for (_, member) in object.storage { try walkDescendants(member, visit) }
    default: break
    }
  }

  /// Python-style slice indexes (negative bounds count from the end, step may be negative).
  static func sliceIndexes(count: Int, start: Int?, end: Int?, step: Int?) -> [Int] {
    let step = step ?? 1
    guard step != 0, count > 0 else { return [] }
    func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int { min(max(value, low), high) }
    var result: [Int] = []
    if step > 0 {
      var lower = start.map { $0 < 0 ? $0 + count : $0 } ?? 0
      var upper = end.map { $0 < 0 ? $0 + count : $0 } ?? count
      lower = clamp(lower, 0, count)
      upper = clamp(upper, 0, count)
      var index = lower
      while index < upper {
        result.append(index)
        let (next, overflow) = index.addingReportingOverflow(step)
        if overflow { break }
        index = next
      }
    } else {
      var upper = start.map { $0 < 0 ? $0 + count : $0 } ?? (count - 1)
      var lower = end.map { $0 < 0 ? $0 + count : $0 } ?? -1
      upper = clamp(upper, -1, count - 1)
      lower = clamp(lower, -1, count - 1)
      var index = upper
      while index > lower {
        result.append(index)
        let (next, overflow) = index.addingReportingOverflow(step)
        if overflow { break }
        index = next
      }
    }
    return result
  }
}

/// Where a path starts: the document root `$` or the filter's current node `@`.
enum JSONPathRoot: Sendable, Hashable {
  case document
  case current
}

/// A plain step of a definite path.
enum JSONPathStep: Sendable, Hashable {
  case name(String)
  case index(Int)
}

/// One step of a JSONPath.
enum JSONPathSegment: Sendable, Hashable {
  case name(String)
  case names([String])
  case index(Int)
  case indexes([Int])
  case wildcard
  case slice(start: Int?, end: Int?, step: Int?)
  case filter(JSONPathFilter)
  indirect case descendant(JSONPathSegment)

  var isDefinite: Bool {
    switch self {
    case .name, .index: return true
    default: return false
    }
  }

  func appendNormalized(to s: inout String) {
    switch self {
    case .name(let name): s += "['\(name)']"
    case .names(let names): s += "[" + names.map { "'\($0)'" }.joined(separator: ",") + "]"
    case .index(let index): s += "[\(index)]"
    case .indexes(let indexes): s += "[" + indexes.map(String.init).joined(separator: ",") + "]"
    case .wildcard: s += "[*]"
    case .slice(let start, let end, let step):
      s += "[\(start.map(String.init) ?? ""):\(end.map(String.init) ?? "")"
      if let step { s += ":\(step)" }
      s += "]"
    case .filter: s += "[?]"
    case .descendant(let inner):
      s += ".."
      inner.appendNormalized(to: &s)
    }
  }
}
