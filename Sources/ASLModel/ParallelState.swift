import JSONCore

/// `Parallel`: runs its branches on the same input and outputs the array of their outputs.
public final class ParallelState: Sendable {
  public let common: StateCommon
  public let branches: [StateMachine]
  /// JSONata `Arguments`.
  public let arguments: JSONValue?
  public let resultPath: PathField
  public let errorHandling: ErrorHandling

  init(common: StateCommon, _ r: FieldReader) throws(ModelDecodingError) {
    self.common = common
    let branches = try r.decodeEach("Branches") { (item, pointer) throws(ModelDecodingError) in
      try StateMachine.decode(item, at: pointer, inheritedLanguage: common.queryLanguage)
    }
    guard let branches else { throw r.missing("Branches", "an array of state machines") }
    self.branches = branches
    arguments = r.raw("Arguments")
    resultPath = try r.pathField("ResultPath")
    errorHandling = try ErrorHandling(r)
  }
}
