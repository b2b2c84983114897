import ASLLoading
import ASLModel
import ASLRuntime

extension RegisteredMachine {
  /// A loaded machine (definition or template resource) decoded into the typed model.
  public init(source: MachineSource) throws(ModelDecodingError) {
    self.init(
      name: source.name, arn: source.arn, logicalID: source.logicalID, type: source.type,
      machine: try StateMachine(definition: source.definition), definition: source.definition)
    activities = source.templateActivities
  }
}
