import TerminalUI

/// Renders `widget` into a fresh buffer of `width`×`height` and returns its text rows.
public func rendered(_ widget: some Widget, width: Int, height: Int) -> [String] {
  renderedBuffer(widget, width: width, height: height).lines()
}

/// Renders `widget` into a fresh buffer of `width`×`height`.
public func renderedBuffer(_ widget: some Widget, width: Int, height: Int) -> ScreenBuffer {
  var buffer = ScreenBuffer(size: Size(width: width, height: height))
  buffer.render(widget, in: buffer.bounds)
  return buffer
}
