import JSONCore

/// `Parallel`: runs its branches on the same input and outputs the array of their outputs.
public final class ParallelState: Sendable {
  public let common: StateCommon
  public let branches: [StateMachine]
  public let parameters: JSONValue?
  /// JSONata `Arguments`.
  public let arguments: JSONValue?
  public let resultPath: PathField
  public let resultSelector: JSONValue?
  public let retry: [Retrier]
  public let catchers: [Catcher]

  public init(common: StateCommon, branches: [StateMachine], parameters: JSONValue? = nil,
    arguments: JSONValue? = nil, resultPath: PathField = .absent, resultSelector: JSONValue? = nil,
    retry: [Retrier] = [], catchers: [Catcher] = [])
  {
    self.common = common
    self.branches = branches
    self.parameters = parameters
    self.arguments = arguments
    self.resultPath = resultPath
    self.resultSelector = resultSelector
    self.retry = retry
    self.catchers = catchers
  }

  convenience init(common: StateCommon, _ r: FieldReader) throws(ModelDecodingError) {
    guard let items = try r.array("Branches") else {
      throw r.missing("Branches", "an array of state machines")
    }
    var branches: [StateMachine] = []
    for (i, item) in items.enumerated() {
      branches.append(
        try StateMachine.decode(
          item, at: r.pointer / "Branches" / i, inheritedLanguage: common.queryLanguage))
    }
    self.init(
      common: common, branches: branches, parameters: r.raw("Parameters"),
      arguments: r.raw("Arguments"), resultPath: try r.pathField("ResultPath"),
      resultSelector: r.raw("ResultSelector"), retry: try decodeRetry(r),
      catchers: try decodeCatch(r))
  }
}
