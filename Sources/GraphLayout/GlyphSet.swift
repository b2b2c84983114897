/// The characters a diagram is drawn with: box drawing (default) or plain ASCII (`--ascii`).
public struct GlyphSet: Sendable, Hashable {
  // Node boxes.
  public var boxTopLeft: Character
  public var boxTopRight: Character
  public var boxBottomLeft: Character
  public var boxBottomRight: Character
  public var boxHorizontal: Character
  public var boxVertical: Character
  /// Where an edge leaves a box through its bottom border.
  public var boxPortDown: Character
  // Terminal nodes: a double bottom border.
  public var terminalBottomLeft: Character
  public var terminalBottomRight: Character
  public var terminalHorizontal: Character
  public var terminalPortDown: Character
  // Edges.
  public var arrowDown: Character
  public var dashedHorizontal: Character
  public var dashedVertical: Character
  /// Line glyphs indexed by a 4-bit mask of connections (1 up, 2 down, 4 left, 8 right).
  public var lines: [Character]
  /// Shortens long names (`…`).
  public var ellipsis: String
  /// Marks a collapsed compound node's count (`×`).
  public var times: String
  /// Whether badges use their ASCII spelling.
  public var isASCII: Bool

  /// Unicode box drawing with rounded node corners.
  public static let unicode = GlyphSet(
    boxTopLeft: "╭", boxTopRight: "╮", boxBottomLeft: "╰", boxBottomRight: "╯",
    boxHorizontal: "─", boxVertical: "│", boxPortDown: "┬",
    terminalBottomLeft: "╘", terminalBottomRight: "╛", terminalHorizontal: "═",
    terminalPortDown: "╤",
    arrowDown: "▼", dashedHorizontal: "┄", dashedVertical: "┆",
    lines: [
      " ", "│", "│", "│",  // -, U, D, UD
      "─", "┘", "┐", "┤",  // L, LU, LD, LUD
      "─", "└", "┌", "├",  // R, RU, RD, RUD
      "─", "┴", "┬", "┼",  // LR, LRU, LRD, LRUD
    ],
    ellipsis: "…", times: "×", isASCII: false)

  /// Plain ASCII: `+ - |`, `v` arrows, `: .` dashes, `=` terminal borders.
  public static let ascii = GlyphSet(
    boxTopLeft: "+", boxTopRight: "+", boxBottomLeft: "+", boxBottomRight: "+",
    boxHorizontal: "-", boxVertical: "|", boxPortDown: "+",
    terminalBottomLeft: "+", terminalBottomRight: "+", terminalHorizontal: "=",
    terminalPortDown: "+",
    arrowDown: "v", dashedHorizontal: ".", dashedVertical: ":",
    lines: [
      " ", "|", "|", "|",
      "-", "+", "+", "+",
      "-", "+", "+", "+",
      "-", "+", "+", "+",
    ],
    ellipsis: "~", times: "x", isASCII: true)
}
