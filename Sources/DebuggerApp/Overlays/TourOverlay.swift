import TerminalUI

/// The caption of the guided tour (`--tour`), shown in a box until the next step; also the box
/// that shows what a file says about itself (a lesson's `Description`) when the debugger opens.
public struct TourCaption: Equatable, Sendable {
  /// `Tour · 3`, say.
  public var title: String
  public var lines: [String]
  /// A tour step (space goes on); false for the file's description, which any key closes.
  public var isTour: Bool

  public init(title: String, lines: [String], isTour: Bool = true) {
    self.title = title
    self.lines = lines
    self.isTour = isTour
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
    let hint = isTour ? "space next · S/F answer a token · esc leave the tour" : "any key closes this (and does what it does)"
    rows.append(TextLine(hint, style: .plain.dimmed()))
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
