/// The benchmark groups beyond JSON parsing; each module's figures are added here as they land.
enum BenchRegistry {
  static let groups: [BenchGroup] = [EngineBench.group, LoadBench.group, LayoutBench.group, UIBench.group, TimeTravelBench.group, JSONataBench.group]
}
