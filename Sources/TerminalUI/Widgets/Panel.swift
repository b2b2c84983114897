/// A bordered box with a title: the frame of every pane.
///
/// The focused panel is visible without colours: its border is drawn with heavy lines and its
/// title carries a marker (`▶` by default) and is bold; with colours it is also tinted.
public struct Panel: Widget, Sendable {
  public var title: String
  /// Optional text at the right end of the top border (a count, a kind).
  public var trailingTitle: String?
  public var focused: Bool
  /// Whether the panel sits right under another one and shares its top border with that panel's
  /// bottom: the top corners become `├`/`┤` so the two boxes join.
  public var attachedAbove: Bool
  public var borderStyle: Style
  public var titleStyle: Style
  public var focusedStyle: Style
  public var focusMarker: String

  public init(
    title: String, trailingTitle: String? = nil, focused: Bool = false,
    attachedAbove: Bool = false, borderStyle: Style = .plain, titleStyle: Style = .plain.bolded(),
    focusedStyle: Style = Style(foreground: .cyan, bold: true), focusMarker: String = "▶ "
  ) {
    self.title = title
    self.trailingTitle = trailingTitle
    self.focused = focused
    self.attachedAbove = attachedAbove
    self.borderStyle = borderStyle
    self.titleStyle = titleStyle
    self.focusedStyle = focusedStyle
    self.focusMarker = focusMarker
  }

  /// The area inside the border.
  public func inner(of area: Rect) -> Rect {
    area.inset(top: 1, left: 1, bottom: 1, right: 1)
  }

  public func render(in area: Rect, buffer: inout ScreenBuffer) {
    guard !area.isEmpty else { return }
    buffer.fill(area)
    let glyphs = focused ? BoxGlyphs.heavy : BoxGlyphs.light
    let style = focused ? focusedStyle : borderStyle
    let top = area.y
    let bottom = area.maxY - 1
    let left = area.x
    let right = area.maxX - 1
    let horizontal = String(glyphs.horizontal)
    for x in left...right {
      buffer.write(horizontal, at: Point(x: x, y: top), style: style, clip: area)
      if bottom > top { buffer.write(horizontal, at: Point(x: x, y: bottom), style: style, clip: area) }
    }
    if bottom - top > 1 {
      for y in (top + 1)..<bottom {
        buffer.write(String(glyphs.vertical), at: Point(x: left, y: y), style: style, clip: area)
        if right > left {
          buffer.write(String(glyphs.vertical), at: Point(x: right, y: y), style: style, clip: area)
        }
      }
    }
    let topLeft = attachedAbove ? glyphs.teeRight : glyphs.topLeft
    let topRight = attachedAbove ? glyphs.teeLeft : glyphs.topRight
    buffer.write(String(topLeft), at: Point(x: left, y: top), style: style, clip: area)
    if right > left {
      buffer.write(String(topRight), at: Point(x: right, y: top), style: style, clip: area)
    }
    if bottom > top {
      buffer.write(String(glyphs.bottomLeft), at: Point(x: left, y: bottom), style: style, clip: area)
      if right > left {
        buffer.write(
          String(glyphs.bottomRight), at: Point(x: right, y: bottom), style: style, clip: area)
      }
    }
    // Title: "┌ Title ───── trailing ┐", cut to fit between the corners.
    let titleArea = Rect(x: left + 1, y: top, width: area.width - 2, height: 1)
    guard titleArea.width >= 3 else { return }
    var trailingWidth = 0
    if let trailing = trailingTitle, !trailing.isEmpty {
      let text = " " + trailing + " "
      trailingWidth = text.terminalWidth
      if trailingWidth + 8 <= titleArea.width {
        buffer.write(
          text, at: Point(x: titleArea.maxX - trailingWidth, y: top), style: style,
          clip: titleArea)
      } else {
        trailingWidth = 0
      }
    }
    let label = (focused ? focusMarker : "") + title
    guard !label.isEmpty else { return }
    let room = titleArea.width - 2 - trailingWidth
    guard room >= 1 else { return }
    let shown = " " + label.truncated(toWidth: room) + " "
    buffer.write(shown, at: titleArea.origin, style: focused ? focusedStyle : titleStyle, clip: titleArea)
  }
}

/// The characters of a box border.
struct BoxGlyphs: Sendable {
  var horizontal: Character
  var vertical: Character
  var topLeft: Character
  var topRight: Character
  var bottomLeft: Character
  var bottomRight: Character
  var teeRight: Character
  var teeLeft: Character

  static let light = BoxGlyphs(
    horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
    bottomRight: "┘", teeRight: "├", teeLeft: "┤")
  static let heavy = BoxGlyphs(
    horizontal: "━", vertical: "┃", topLeft: "┏", topRight: "┓", bottomLeft: "┗",
    bottomRight: "┛", teeRight: "┣", teeLeft: "┫")
}
