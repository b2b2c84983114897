import Foundation

/// An RFC 6901 JSON pointer such as `/States/Start/Next`.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
  /// The unescaped reference tokens.
  public var tokens: [String]

  public init(tokens: [String] = []) { self.tokens = tokens }

  /// Parses pointer text (`""` is the root).
  public init(_ text: String) {
    if text.isEmpty { tokens = []; return }
    tokens = text.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
      $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }
  }
  public init(stringLiteral value: String) { self.init(value) }

  public static let root = JSONPointer()

  public func appending(_ token: String) -> JSONPointer { JSONPointer(tokens: tokens + [token]) }
  public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }
  public static func / (lhs: JSONPointer, rhs: String) -> JSONPointer { lhs.appending(rhs) }
  public static func / (lhs: JSONPointer, rhs: Int) -> JSONPointer { lhs.appending(rhs) }

  public var parent: JSONPointer? { tokens.isEmpty ? nil : JSONPointer(tokens: Array(tokens.dropLast())) }

  public var description: String {
    tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
      .joined()
  }

  /// The pointer as messages show it: `/` for the root (whose pointer text is empty).
  public var shownText: String { tokens.isEmpty ? "/" : description }

  /// The value this pointer designates inside `root`, if any.
  public func resolve(in root: JSONValue) -> JSONValue? {
    var current = root
    for t in tokens {
      switch current {
      case .object(let o):
        guard let v = o[t] else { return nil }
        current = v
      case .array(let a):
        guard let i = Int(t), i >= 0, i < a.count else { return nil }
        current = a[i]
      default: return nil
      }
    }
    return current
  }
}
