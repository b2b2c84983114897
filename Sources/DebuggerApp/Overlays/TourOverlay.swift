import TerminalUI

/// The caption of the guided tour (`--tour`), shown in a box until the next step.
public struct TourCaption: Equatable, Sendable {
  /// `Tour · 3`, say.
  public var title: String
  public var lines: [String]

  public init(title: String, lines: [String]) {
    self.title = title
    self.lines = lines
  }

  /// The keys the tour adds while it runs, ahead of the global ones (esc leaves it: see the
  /// global `esc`).
  static let bindings: [AppKeyBinding] = [
    AppKeyBinding(
      [.character(" ")], name: "tour", help: "tour (--tour): go to the next nesting event", section: .panes,
      showInBar: { _ in true }
    ) { _, _ in [.tourNext] },
  ]

  /// A box at the bottom of the screen, above the message line.
  func render(in screen: Rect, buffer: inout ScreenBuffer) {
    let width = min(screen.width - 2, 90)
    guard width >= 20 else { return }
    var rows: [TextLine] = []
    for line in lines { rows += TextLine(line).wrapped(toWidth: width - 4) }
    rows.append(TextLine("space next · S/F answer a token · esc leave the tour", style: .plain.dimmed()))
    let height = min(rows.count + 2, max(3, screen.height / 2))
    let box = Rect(x: screen.x + (screen.width - width) / 2, y: screen.maxY - 2 - height, width: width, height: height)
    let panel = Panel(title: title, focused: true, focusMarker: "")
    buffer.render(panel, in: box)
    let inner = panel.inner(of: box).inset(left: 1, right: 1)
    for (row, line) in rows.suffix(inner.height).enumerated() {
      buffer.write(line, at: Point(x: inner.x, y: inner.y + row), clip: inner)
    }
  }
}
