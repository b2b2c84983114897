/// One of the 16 ANSI terminal colours, or the terminal's default colour.
///
/// Raw values follow curses numbering (`COLOR_BLACK` = 0 … `COLOR_WHITE` = 7, bright = +8) with
/// `-1` for the default, which is what `use_default_colors` expects.
public enum TerminalColor: Int, Hashable, Sendable, CaseIterable {
  case `default` = -1
  case black = 0, red, green, yellow, blue, magenta, cyan, white
  case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan
  case brightWhite

  /// Whether this is one of the bright colours 8–15.
  public var isBright: Bool { rawValue >= 8 }

  /// The normal-intensity colour of a bright colour (itself otherwise).
  public var normalIntensity: TerminalColor {
    isBright ? TerminalColor(rawValue: rawValue - 8)! : self
  }
}

/// How a cell is drawn: colours and attributes.
public struct Style: Hashable, Sendable {
  public var foreground: TerminalColor
  public var background: TerminalColor
  public var bold: Bool
  public var dim: Bool
  public var reverse: Bool
  public var underline: Bool
  public var italic: Bool

  public init(
    foreground: TerminalColor = .default, background: TerminalColor = .default,
    bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false,
    italic: Bool = false
  ) {
    self.foreground = foreground
    self.background = background
    self.bold = bold
    self.dim = dim
    self.reverse = reverse
    self.underline = underline
    self.italic = italic
  }

  /// Default colours, no attributes.
  public static let plain = Style()

  /// This style with the foreground colour replaced.
  public func foreground(_ color: TerminalColor) -> Style { with { $0.foreground = color } }
  /// This style with the background colour replaced.
  public func background(_ color: TerminalColor) -> Style { with { $0.background = color } }
  /// This style, bold.
  public func bolded(_ on: Bool = true) -> Style { with { $0.bold = on } }
  /// This style, dimmed.
  public func dimmed(_ on: Bool = true) -> Style { with { $0.dim = on } }
  /// This style, in reverse video.
  public func reversed(_ on: Bool = true) -> Style { with { $0.reverse = on } }
  /// This style, underlined.
  public func underlined(_ on: Bool = true) -> Style { with { $0.underline = on } }
  /// This style, in italics.
  public func italicized(_ on: Bool = true) -> Style { with { $0.italic = on } }

  /// A copy changed by `change`.
  public func with(_ change: (inout Style) -> Void) -> Style {
    var copy = self
    change(&copy)
    return copy
  }

  /// This style with `other`'s attributes added and its non-default colours taking over
  /// (how a highlight is laid over already styled text).
  public func patched(with other: Style) -> Style {
    Style(
      foreground: other.foreground == .default ? foreground : other.foreground,
      background: other.background == .default ? background : other.background,
      bold: bold || other.bold, dim: dim || other.dim, reverse: reverse || other.reverse,
      underline: underline || other.underline, italic: italic || other.italic)
  }

  /// Whether any attribute or colour differs from `plain`.
  public var isPlain: Bool { self == .plain }
}
