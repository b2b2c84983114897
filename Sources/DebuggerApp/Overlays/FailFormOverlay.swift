import TerminalUI

/// The failure form (`F`): an error name and a cause for a pending item.
public struct FailFormModel: Equatable, Sendable {
  public var index: Int
  public var title: String
  public var error = LineInputState(text: "States.TaskFailed")
  public var cause = LineInputState()
  /// 0 = error field, 1 = cause field.
  public var field = 0

  public init(index: Int, title: String) {
    self.index = index
    self.title = title
  }

  static let bindings: [KeyBinding<FailFormModel, OverlayOutcome>] = [
    // ctrl-s sends as in the JSON editor; enter too, the fields being one line each.
    KeyBinding([.ctrl("s"), .function(2), .enter], name: "send", showInBar: { _ in true }) { form, _ in
      .close([form.failCommand])
    },
    KeyBinding([.tab, .backTab, .up, .down], name: "next field", showInBar: { _ in true }) { form, _ in
      form.field = 1 - form.field
      return .stay
    },
    KeyBinding([.escape], name: "cancel", showInBar: { _ in true }) { _, _ in .close([]) },
  ]

  /// `fail N error cause`, leaving out what is blank.
  private var failCommand: AppEffect {
    let error = error.line.trimmingCharacters(in: " ")
    let cause = cause.line.trimmingCharacters(in: " ")
    return .execute(.fail(token: .index(index), error: error.isEmpty ? nil : error, cause: cause.isEmpty ? nil : cause))
  }

  /// A key: a binding, or else typing into the current field.
  mutating func handle(_ input: KeyInput) -> OverlayOutcome {
    if let outcome = Self.bindings.run(input, on: &self) { return outcome }
    if field == 0 { _ = error.handle(input.key) } else { _ = cause.handle(input.key) }
    return .stay
  }

  func render(in screen: Rect, buffer: inout ScreenBuffer) {
    let box = Overlay.area(width: min(70, screen.width - 4), height: 6, in: screen)
    let panel = Panel(title: title, focused: true)
    buffer.render(panel, in: box)
    let rows = panel.inner(of: box).rows([.fixed(1), .fixed(1), .fixed(1), .fill()])
    buffer.render(LineInput(prompt: "error: ", state: error, focused: field == 0), in: rows[0])
    buffer.render(LineInput(prompt: "cause: ", state: cause, focused: field == 1), in: rows[1])
    buffer.write(Self.bindings.hintLine(), at: rows[3].origin, style: .plain.dimmed(), clip: rows[3])
  }
}

extension String {
  func trimmingCharacters(in set: Character) -> String {
    var s = Substring(self)
    while s.first == set { s = s.dropFirst() }
    while s.last == set { s = s.dropLast() }
    return String(s)
  }
}
