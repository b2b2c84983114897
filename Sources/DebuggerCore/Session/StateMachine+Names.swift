import ASLModel

extension StateMachine {
  /// Every state name, including those inside Parallel branches and Map processors.
  public var allStateNames: [String] {
    var out: [String] = []
    for s in states {
      out.append(s.name)
      switch s {
      case .parallel(let p): for b in p.branches { out.append(contentsOf: b.allStateNames) }
      case .map(let m): out.append(contentsOf: m.itemProcessor.allStateNames)
      default: break
      }
    }
    return out
  }
}
