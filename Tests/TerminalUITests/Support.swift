import TerminalUI

/// Renders `widget` into a fresh buffer of `width`×`height` and returns its text rows.
func rendered(_ widget: some Widget, width: Int, height: Int) -> [String] {
  var buffer = ScreenBuffer(size: Size(width: width, height: height))
  buffer.render(widget, in: buffer.bounds)
  return buffer.lines()
}

/// Renders `widget` and returns the buffer.
func renderedBuffer(_ widget: some Widget, width: Int, height: Int) -> ScreenBuffer {
  var buffer = ScreenBuffer(size: Size(width: width, height: height))
  buffer.render(widget, in: buffer.bounds)
  return buffer
}
