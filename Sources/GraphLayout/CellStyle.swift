/// How to draw one cell: what it is (role), whose it is, and the caller's tag for that owner.
///
/// `Tag` is opaque to the layout: the caller (e.g. the debugger's step status) decides what a
/// tag means and how it looks.
public struct CellStyle<Tag: Hashable & Sendable>: Sendable, Hashable {
  public var role: CellRole
  /// Index into ``Diagram/nodes`` when the cell belongs to a node.
  public var nodeIndex: Int?
  /// Index into ``Diagram/edges`` when the cell belongs to an edge.
  public var edgeIndex: Int?
  /// The owner's tag (nil when none was given).
  public var tag: Tag?

  public init(role: CellRole, nodeIndex: Int? = nil, edgeIndex: Int? = nil, tag: Tag? = nil) {
    self.role = role
    self.nodeIndex = nodeIndex
    self.edgeIndex = edgeIndex
    self.tag = tag
  }
}

/// A glyph with its style.
public struct StyledCell<Tag: Hashable & Sendable>: Sendable, Hashable {
  public var glyph: Character
  public var style: CellStyle<Tag>
}

extension Diagram {
  /// The style of one cell given node tags by id and edge tags by edge index.
  public func cellStyle<Tag>(
    x: Int, y: Int, nodeTags: [String: Tag] = [:], edgeTags: [Int: Tag] = [:]
  ) -> CellStyle<Tag> {
    let role = canvas.role(x: x, y: y)
    guard let owner = canvas.owner(x: x, y: y) else { return CellStyle(role: role) }
    if role.isNodePart {
      return CellStyle(role: role, nodeIndex: owner, tag: nodeTags[nodes[owner].id])
    }
    return CellStyle(role: role, edgeIndex: owner, tag: edgeTags[owner])
  }

  /// The cells of a window with their styles, row by row (cells outside the canvas are blank).
  ///
  /// Layout happens once per definition; per step the debugger only calls this with new tags.
  public func styledRows<Tag>(
    in window: GridRect, nodeTags: [String: Tag] = [:], edgeTags: [Int: Tag] = [:]
  ) -> [[StyledCell<Tag>]] {
    var tagByIndex = [Tag?](repeating: nil, count: nodes.count)
    for (id, tag) in nodeTags {
      if let index = nodeIndex[id] { tagByIndex[index] = tag }
    }
    var rows: [[StyledCell<Tag>]] = []
    rows.reserveCapacity(max(0, window.height))
    for y in window.y..<max(window.y, window.maxY) {
      var row: [StyledCell<Tag>] = []
      row.reserveCapacity(max(0, window.width))
      for x in window.x..<max(window.x, window.maxX) {
        let role = canvas.role(x: x, y: y)
        var style = CellStyle<Tag>(role: role)
        if let owner = canvas.owner(x: x, y: y) {
          if role.isNodePart {
            style.nodeIndex = owner
            style.tag = tagByIndex[owner]
          } else {
            style.edgeIndex = owner
            style.tag = edgeTags[owner]
          }
        }
        row.append(StyledCell(glyph: canvas[x, y], style: style))
      }
      rows.append(row)
    }
    return rows
  }
}
