import TerminalUI

/// A text shown whole in a box over the screen (a State I/O leaf, a history event), wrapped and
/// scrollable.
public struct ValueViewer: Equatable, Sendable {
  public var title: String
  public var text: String
  public var scroll = ScrollState()
  /// The history event shown, which `t` travels back to (`goto EVENT_ID`).
  public var event: Int?

  public init(title: String, text: String, event: Int? = nil) {
    self.title = title
    self.text = text
    self.event = event
  }

  static let bindings: [KeyBinding<ValueViewer, OverlayOutcome>] = [
    KeyBinding(Key.scrollKeys, label: "↑↓", name: "scroll", showInBar: { _ in true }) { viewer, input in
      let box = box(in: Rect(size: input.screen))
      let lines = TextView(text: viewer.text).contentHeight(width: max(1, box.width - 4))
      _ = viewer.scroll.handle(input.key, contentHeight: lines, viewportHeight: max(1, box.height - 2))
      return .stay
    },
    KeyBinding([.escape, .enter, .character("q")], name: "close", showInBar: { _ in true }) { _, _ in .close([]) },
    KeyBinding([.character("t")], name: "travel back here", showInBar: { $0.event != nil }) { viewer, _ in
      viewer.event.map { .close([.execute(.goto(eventID: $0))]) } ?? .stay
    },
  ]

  /// A key: scrolling or closing; other keys do nothing.
  mutating func handle(_ input: KeyInput) -> OverlayOutcome {
    Self.bindings.run(input, on: &self) ?? .stay
  }

  static func box(in screen: Rect) -> Rect {
    Overlay.area(width: min(100, screen.width - 4), height: max(6, screen.height * 2 / 3), in: screen)
  }

  func render(in screen: Rect, buffer: inout ScreenBuffer) {
    let box = Self.box(in: screen)
    let panel = Panel(title: title, focused: true)
    buffer.render(panel, in: box)
    let inner = panel.inner(of: box).inset(left: 1, right: 1)
    let view = TextView(text: text, scroll: scroll)
    buffer.render(view, in: inner)
    let bar = Scrollbar(
      contentLength: view.contentHeight(width: inner.width), viewportLength: inner.height,
      offset: scroll.offset, thumb: "█")
    buffer.render(bar, in: Rect(x: box.maxX - 1, y: inner.y, width: 1, height: inner.height))
  }
}
