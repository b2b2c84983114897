/// Something that draws itself into a region of a screen buffer.
///
/// Widgets are values built fresh for each frame from the app state; drawing never changes the
/// state, and drawing into any area (including an empty or tiny one) never traps.
public protocol Widget {
  /// Draws into `area` of `buffer`, touching no cell outside it.
  func render(in area: Rect, buffer: inout ScreenBuffer)
}

extension ScreenBuffer {
  /// Draws `widget` into `area`.
  public mutating func render(_ widget: some Widget, in area: Rect) {
    widget.render(in: area.intersection(bounds), buffer: &self)
  }
}
