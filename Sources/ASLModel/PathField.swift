/// A `…Path` field (InputPath, OutputPath, ResultPath): absent, explicitly `null`, or a path.
///
/// ASL §"Input and Output Processing": an absent InputPath/OutputPath/ResultPath means `$`;
/// `null` means "discard" (InputPath/OutputPath give `{}`, ResultPath keeps the input).
public enum PathField: Sendable, Hashable {
  case absent
  case null
  case path(String)

  /// True when the field is not in the definition.
  @inlinable public var isAbsent: Bool { if case .absent = self { true } else { false } }

  /// The path text, with `$` for an absent field and nil for `null`.
  public var effectivePath: String? {
    switch self {
    case .absent: return "$"
    case .null: return nil
    case .path(let p): return p
    }
  }

  /// True when this field does nothing (absent or exactly `$`).
  public var isIdentity: Bool {
    switch self {
    case .absent: return true
    case .null: return false
    case .path(let p): return p == "$"
    }
  }
}
