/// The visible window of a diagram in a pane: scrolls to keep a focus node in view.
public enum Viewport {
  /// The window (canvas coordinates, pane-sized) to show.
  ///
  /// Keeps `previous` when the focus node is already fully visible in it (no jumping while
  /// stepping nearby); otherwise centres the focus node, or shows its top-left corner when it is
  /// larger than the pane (a big frame). Without a focus node the previous window stays (or the
  /// top-left). The window never starts outside the canvas.
  public static func window(
    for diagram: Diagram, paneWidth: Int, paneHeight: Int, focus: String? = nil,
    previous: GridRect? = nil
  ) -> GridRect {
    let width = max(0, paneWidth)
    let height = max(0, paneHeight)
    let maxX = max(0, diagram.width - width)
    let maxY = max(0, diagram.height - height)
    var x = min(max(0, previous?.x ?? 0), maxX)
    var y = min(max(0, previous?.y ?? 0), maxY)
    if let focus, let node = diagram.node(focus) {
      let target = node.footprint
      let visible = GridRect(x: x, y: y, width: width, height: height)
      if !visible.contains(target) {
        if target.width > width {
          x = target.x
        } else if target.x < x || target.maxX > x + width {
          x = target.x + target.width / 2 - width / 2
        }
        if target.height > height {
          y = target.y
        } else if target.y < y || target.maxY > y + height {
          y = target.y + target.height / 2 - height / 2
        }
        x = min(max(0, x), maxX)
        y = min(max(0, y), maxY)
      }
    }
    return GridRect(x: x, y: y, width: width, height: height)
  }

  /// The window for several focus nodes (e.g. the current states of Parallel branches): all of
  /// them when their bounding box fits in the pane, else the first one.
  public static func window(
    for diagram: Diagram, paneWidth: Int, paneHeight: Int, focusing ids: [String],
    previous: GridRect? = nil
  ) -> GridRect {
    let rects = ids.compactMap { diagram.node($0)?.footprint }
    guard let first = rects.first else {
      return window(for: diagram, paneWidth: paneWidth, paneHeight: paneHeight, previous: previous)
    }
    var union = first
    for rect in rects.dropFirst() {
      let minX = min(union.x, rect.x)
      let minY = min(union.y, rect.y)
      union = GridRect(
        x: minX, y: minY, width: max(union.maxX, rect.maxX) - minX,
        height: max(union.maxY, rect.maxY) - minY)
    }
    guard union.width <= paneWidth, union.height <= paneHeight, rects.count > 1 else {
      return window(
        for: diagram, paneWidth: paneWidth, paneHeight: paneHeight, focus: ids.first,
        previous: previous)
    }
    let maxX = max(0, diagram.width - paneWidth)
    let maxY = max(0, diagram.height - paneHeight)
    if let previous, previous.width == paneWidth, previous.height == paneHeight,
      previous.contains(union)
    {
      return GridRect(
        x: min(max(0, previous.x), maxX), y: min(max(0, previous.y), maxY), width: paneWidth,
        height: paneHeight)
    }
    let x = min(max(0, union.x + union.width / 2 - paneWidth / 2), maxX)
    let y = min(max(0, union.y + union.height / 2 - paneHeight / 2), maxY)
    return GridRect(x: x, y: y, width: paneWidth, height: paneHeight)
  }
}
