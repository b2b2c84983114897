/// Placement of modal boxes drawn over the screen.
public enum Overlay {
  /// A box of `width`×`height` centred in `area`, shrunk to leave a one-cell margin when the
  /// area is too small (and to the area itself when even that does not fit).
  public static func area(width: Int, height: Int, in area: Rect) -> Rect {
    let marginWidth = area.width >= width + 2 ? width : max(min(width, area.width), area.width - 2)
    let marginHeight =
      area.height >= height + 2 ? height : max(min(height, area.height), area.height - 2)
    return area.centered(Size(width: marginWidth, height: marginHeight))
  }
}

/// The `?` overlay: a titled box listing keys and what they do, in sections, scrollable.
public struct HelpOverlay: Widget, Sendable {
  /// A group of keys under a heading.
  public struct Section: Hashable, Sendable {
    public var title: String
    public var entries: [KeyHint]

    public init(_ title: String, _ entries: [KeyHint]) {
      self.title = title
      self.entries = entries
    }
  }

  public var title: String
  public var sections: [Section]
  public var scroll: ScrollState
  public var footer: String

  public init(
    title: String = "Help", sections: [Section], scroll: ScrollState = ScrollState(),
    footer: String = "esc/? close  ↑↓ scroll"
  ) {
    self.title = title
    self.sections = sections
    self.scroll = scroll
    self.footer = footer
  }

  /// The help text, one line per key and per heading. Each section aligns its own key column,
  /// so one long command name does not push every key's description to the right.
  public var lines: [TextLine] {
    var lines: [TextLine] = []
    for (index, section) in sections.enumerated() {
      let keyWidth = section.entries.map(\.key.terminalWidth).max() ?? 0
      if index > 0 { lines.append(TextLine()) }
      if !section.title.isEmpty { lines.append(TextLine(section.title, style: .plain.underlined().bolded())) }
      for entry in section.entries {
        var line = TextLine()
        line.append(" " + entry.key.padded(toWidth: keyWidth), style: Style(foreground: .cyan, bold: true))
        line.append("  " + entry.label)
        lines.append(line)
      }
    }
    return lines
  }

  /// The box for a screen of `area`: wide enough for the entries, as tall as fits.
  public func box(in area: Rect) -> Rect {
    let lines = self.lines
    let width = max(lines.map(\.width).max() ?? 0, footer.terminalWidth, title.terminalWidth + 4) + 4
    return Overlay.area(width: width, height: lines.count + 3, in: area)
  }

  public func render(in area: Rect, buffer: inout ScreenBuffer) {
    let box = self.box(in: area)
    guard !box.isEmpty else { return }
    let panel = Panel(title: title, focused: true)
    panel.render(in: box, buffer: &buffer)
    let inner = panel.inner(of: box)
    guard !inner.isEmpty else { return }
    let body = inner.height > 2 ? inner.inset(bottom: 1) : inner
    let lines = self.lines
    let maxOffset = max(0, lines.count - body.height)
    let first = min(max(0, scroll.offset), maxOffset)
    for (row, line) in lines.dropFirst(first).prefix(body.height).enumerated() {
      buffer.write(line.truncated(toWidth: body.width - 1), at: Point(x: body.x + 1, y: body.y + row), clip: body)
    }
    if body.height < inner.height {
      let footerRow = inner.row(inner.height - 1)
      buffer.write(footer.truncated(toWidth: footerRow.width - 1),
                   at: Point(x: footerRow.x + 1, y: footerRow.y),
                   style: .plain.dimmed(), clip: footerRow)
    }
    let bar = Scrollbar(contentLength: lines.count, viewportLength: body.height, offset: first, thumb: "█")
    bar.render(in: Rect(x: box.maxX - 1, y: body.y, width: 1, height: body.height), buffer: &buffer)
  }
}

/// A modal question with buttons, e.g. "Quit? The execution is still running."
public struct ConfirmDialog: Widget, Hashable, Sendable {
  /// A button: the key that presses it and its label.
  public struct Button: Hashable, Sendable {
    public var key: Character
    public var label: String

    public init(key: Character, label: String) {
      self.key = key
      self.label = label
    }
  }

  public var title: String
  public var message: String
  public var buttons: [Button]
  /// The highlighted button (enter presses it).
  public var selected: Int
  /// The button escape presses (nil: escape does nothing).
  public var cancelIndex: Int?

  public init(
    title: String, message: String,
    buttons: [Button] = [Button(key: "y", label: "Yes"), Button(key: "n", label: "No")],
    selected: Int = 0, cancelIndex: Int? = 1
  ) {
    self.title = title
    self.message = message
    self.buttons = buttons
    self.selected = selected
    self.cancelIndex = cancelIndex
  }

  /// Applies a key: a button's key or enter presses a button (returns its index); left/right/
  /// tab move the highlight; escape presses the cancel button. Returns nil otherwise.
  public mutating func handle(_ key: Key) -> Int? {
    switch key {
    case .enter: return buttons.isEmpty ? nil : selected
    case .escape: return cancelIndex
    case .left, .backTab, .character("h"):
      if !buttons.isEmpty { selected = (selected + buttons.count - 1) % buttons.count }
    case .right, .tab, .character("l"):
      if !buttons.isEmpty { selected = (selected + 1) % buttons.count }
    case .character(let c):
      return buttons.firstIndex { $0.key.lowercased() == c.lowercased() }
    default: break
    }
    return nil
  }

  private func buttonLabel(_ index: Int) -> String {
    let button = buttons[index]
    let text = "[\(button.key)] \(button.label)"
    return index == selected ? "▶" + text + "◀" : " " + text + " "
  }

  public func render(in area: Rect, buffer: inout ScreenBuffer) {
    let buttonsText = buttons.indices.map(buttonLabel).joined(separator: "  ")
    let width = min(max(buttonsText.terminalWidth, min(message.terminalWidth, 50), title.terminalWidth + 4) + 4, area.width)
    let messageLines = TextLine(message).wrapped(toWidth: max(1, width - 4))
    let box = Overlay.area(width: width, height: messageLines.count + 4, in: area)
    guard !box.isEmpty else { return }
    let panel = Panel(title: title, focused: true)
    panel.render(in: box, buffer: &buffer)
    let inner = panel.inner(of: box).inset(left: 1, right: 1)
    guard !inner.isEmpty else { return }
    for (row, line) in messageLines.prefix(max(0, inner.height - 2)).enumerated() {
      buffer.write(line, at: Point(x: inner.x, y: inner.y + row), clip: inner)
    }
    let buttonRow = inner.row(inner.height - 1)
    var x = buttonRow.x + max(0, (buttonRow.width - buttonsText.terminalWidth) / 2)
    for index in buttons.indices {
      if index > 0 { x += 2 }
      let style = index == selected ? Style.plain.reversed().bolded() : .plain
      x += buffer.write(buttonLabel(index), at: Point(x: x, y: buttonRow.y), style: style, clip: buttonRow)
    }
  }
}

/// What to draw instead of the app when the terminal is smaller than it needs: a centred,
/// wrapped notice that fits any size (down to a single cell).
public struct TooSmallNotice: Widget, Sendable {
  public var required: Size

  public init(required: Size) { self.required = required }

  /// Whether a terminal of `size` is too small.
  public func applies(to size: Size) -> Bool { !size.contains(required) }

  public func render(in area: Rect, buffer: inout ScreenBuffer) {
    guard !area.isEmpty else { return }
    buffer.fill(area)
    let text = "Terminal too small: \(area.width)×\(area.height), need \(required.width)×\(required.height)"
    let lines = TextLine(text, style: .plain.bolded()).wrapped(toWidth: area.width)
    let shown = lines.prefix(area.height)
    let top = area.y + (area.height - shown.count) / 2
    for (row, line) in shown.enumerated() {
      let x = area.x + max(0, (area.width - line.width) / 2)
      buffer.write(line, at: Point(x: x, y: top + row), clip: area)
    }
  }
}
