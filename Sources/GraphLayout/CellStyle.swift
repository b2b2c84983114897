/// Execution status of a node or edge, set by the debugger at each step.
public struct StepStatus: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// The state being executed now (there may be several, e.g. in Parallel branches).
  public static let current = StepStatus(rawValue: 1 << 0)
  /// Entered at least once in this execution (for an edge: taken).
  public static let visited = StepStatus(rawValue: 1 << 1)
  /// A breakpoint is set on the state.
  public static let breakpoint = StepStatus(rawValue: 1 << 2)
  /// The state failed (or the edge was taken by a Catch).
  public static let failed = StepStatus(rawValue: 1 << 3)
  /// The state waits for a task token (or a task resolved by hand).
  public static let pendingToken = StepStatus(rawValue: 1 << 4)
}

/// How to draw one cell: what it is (role), whose it is, and that owner's status.
public struct CellStyle: Sendable, Hashable {
  public var role: CellRole
  /// Index into ``Diagram/nodes`` when the cell belongs to a node.
  public var nodeIndex: Int?
  /// Index into ``Diagram/edges`` when the cell belongs to an edge.
  public var edgeIndex: Int?
  /// Status of the owner (empty when none was given).
  public var status: StepStatus

  public init(role: CellRole, nodeIndex: Int? = nil, edgeIndex: Int? = nil, status: StepStatus = [])
  {
    self.role = role
    self.nodeIndex = nodeIndex
    self.edgeIndex = edgeIndex
    self.status = status
  }
}

/// A glyph with its style.
public struct StyledCell: Sendable, Hashable {
  public var glyph: Character
  public var style: CellStyle
}

extension Diagram {
  /// The style of one cell given node statuses by id and edge statuses by edge index.
  public func cellStyle(
    x: Int, y: Int, nodeStatus: [String: StepStatus] = [:], edgeStatus: [Int: StepStatus] = [:]
  ) -> CellStyle {
    let role = canvas.role(x: x, y: y)
    guard let owner = canvas.owner(x: x, y: y) else { return CellStyle(role: role) }
    if role.isNodePart {
      return CellStyle(role: role, nodeIndex: owner, status: nodeStatus[nodes[owner].id] ?? [])
    }
    return CellStyle(role: role, edgeIndex: owner, status: edgeStatus[owner] ?? [])
  }

  /// The cells of a window with their styles, row by row (cells outside the canvas are blank).
  ///
  /// Layout happens once per definition; per step the debugger only calls this with new
  /// statuses.
  public func styledRows(
    in window: GridRect, nodeStatus: [String: StepStatus] = [:],
    edgeStatus: [Int: StepStatus] = [:]
  ) -> [[StyledCell]] {
    var statusByIndex = Array(repeating: StepStatus(), count: nodes.count)
    for (id, status) in nodeStatus {
      if let index = nodeIndex[id] { statusByIndex[index] = status }
    }
    var rows: [[StyledCell]] = []
    rows.reserveCapacity(max(0, window.height))
    for y in window.y..<max(window.y, window.maxY) {
      var row: [StyledCell] = []
      row.reserveCapacity(max(0, window.width))
      for x in window.x..<max(window.x, window.maxX) {
        let role = canvas.role(x: x, y: y)
        var style = CellStyle(role: role)
        if let owner = canvas.owner(x: x, y: y) {
          if role.isNodePart {
            style.nodeIndex = owner
            style.status = statusByIndex[owner]
          } else {
            style.edgeIndex = owner
            style.status = edgeStatus[owner] ?? []
          }
        }
        row.append(StyledCell(glyph: canvas[x, y], style: style))
      }
      rows.append(row)
    }
    return rows
  }
}
