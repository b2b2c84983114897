import TerminalUI

/// A pane that is a list of rows (Executions, Pending, History): keys move the selection, a
/// click selects the row under the mouse.
protocol ListPane {
  var list: ListState { get set }
  func rowCount(_ view: SessionView) -> Int
  /// The row drawn at `row` of a list `height` rows tall.
  func itemIndex(atRow row: Int, height: Int, _ view: SessionView) -> Int?
}

extension ListPane {
  mutating func navigate(_ key: Key, _ view: SessionView, pageSize: Int) {
    _ = list.handle(key, count: rowCount(view), pageSize: pageSize)
  }

  mutating func click(at point: Point, size: Size, _ view: SessionView) {
    if let index = itemIndex(atRow: point.y, height: size.height, view) { list.selected = index }
  }
}
