/// Moving a selection through a diagram along its edges, the way a reader follows the machine.
///
/// - down: into an open frame (the first state of its first branch); else along the node's
///   first forward edge (a Choice's first rule); else, at the end of a branch, to what follows
///   the frame around it.
/// - up: back along the first forward edge into the node; else, at the start of a branch, to the
///   frame around it.
/// - left / right: the nearest node drawn beside it on the same rows (the next Choice target,
///   the same step of the neighbouring branch), frames around it excepted.
extension Diagram {
  /// The node below `id` (see the rules above); nil when there is none.
  public func nodeBelow(_ id: String) -> String? {
    guard let node = node(id) else { return nil }
    if node.isFrame, let first = node.branchStarts.first(where: { self.node($0) != nil }) {
      return first
    }
    var current: PlacedNode? = node
    while let here = current {
      if let edge = edges.first(where: { $0.from == here.id && !$0.isBackEdge }) { return edge.to }
      current = here.parent.flatMap { self.node($0) }
    }
    return nil
  }

  /// The node above `id` (see the rules above); nil when there is none.
  public func nodeAbove(_ id: String) -> String? {
    guard let node = node(id) else { return nil }
    if let edge = edges.first(where: { $0.to == id && !$0.isBackEdge }) { return edge.from }
    return node.parent
  }

  /// The nearest node left (or right) of `id` whose box shares a row with it.
  public func nodeBeside(_ id: String, toTheRight: Bool) -> String? {
    guard let node = node(id) else { return nil }
    let rect = node.rect
    var best: (id: String, distance: Int)?
    for other in nodes where other.id != id {
      let box = other.rect
      guard box.y < rect.maxY, rect.y < box.maxY else { continue }
      // A frame shares rows with everything inside it: skip the frames around the node and
      // the nodes inside it.
      if box.contains(rect) || rect.contains(box) { continue }
      let distance = toTheRight ? box.x - rect.x : rect.x - box.x
      guard distance > 0 else { continue }
      if best == nil || distance < best!.distance { best = (other.id, distance) }
    }
    return best?.id
  }
}
