import ASLRuntime
import JSONCore
import Testing
@testable import DebuggerCore

@Suite struct ActivityAPITests {
  static let activityArn = "arn:aws:states:us-east-1:123456789012:activity:pack"

  @Test func createDescribeListDelete() {
    var client = APIClient([])
    let created = client.ok("CreateActivity", ["name": "pack"])
    #expect(created["activityArn"] == .string(Self.activityArn))
    #expect(client.ok("CreateActivity", ["name": "pack"])["activityArn"] == .string(Self.activityArn))
    let described = client.ok("DescribeActivity", ["activityArn": .string(Self.activityArn)])
    #expect(described["name"] == "pack" && described["creationDate"] != nil)
    #expect(client.ok("ListActivities")["activities"]?.arrayValue?.map { $0["name"] } == ["pack"])
    #expect(client.ok("DeleteActivity", ["activityArn": .string(Self.activityArn)]) == [:])
    client.fails("DescribeActivity", ["activityArn": .string(Self.activityArn)], "ActivityDoesNotExist")
    client.fails("GetActivityTask", ["activityArn": .string(Self.activityArn)], "ActivityDoesNotExist")
    client.fails("CreateActivity", ["name": "bad name"], "InvalidName")
    client.fails("DescribeActivity", ["activityArn": "arn:aws:states:us-east-1:123456789012:stateMachine:x"], "InvalidArn")
  }

  @Test func workerTakesTheTaskAndAnswers() {
    var client = APIClient([])
    _ = client.ok("CreateActivity", ["name": "pack"])
    let m = client.create("Packer", APIDefinitions.activity(Self.activityArn))
    let e = client.start(m, input: #"{"box": 3}"#)
    #expect(client.describe(e)["status"] == "RUNNING")
    let pending = client.session.pendingLines.joined()
    #expect(pending.contains("waiting for an activity worker"))
    let task = client.ok("GetActivityTask", ["activityArn": .string(Self.activityArn), "workerName": "w1"])
    #expect(task["input"] == #"{"box":3}"#)
    let token = task["taskToken"]?.stringValue ?? ""
    #expect(!token.isEmpty)
    // A second worker gets nothing while the task is taken: its long poll ends empty after 60 s.
    let second = client.send("GetActivityTask", ["activityArn": .string(Self.activityArn), "workerName": "w2"])
    #expect(client.late[second] == nil)
    #expect(client.session.nextWakeup == 60)
    client.tick(60)
    #expect(client.late[second]?.body == [:])
    _ = client.ok("SendTaskSuccess", ["taskToken": .string(token), "output": #"{"packed": true}"#])
    #expect(client.describe(e)["status"] == "SUCCEEDED")
    let types = client.session.runtime.executions[0].execution.history.map(\.type)
    #expect(types.contains("ActivityScheduled") && types.contains("ActivitySucceeded"))
  }

  @Test func aWaitingPollGetsTheNextTask() {
    var client = APIClient([])
    _ = client.ok("CreateActivity", ["name": "pack"])
    let m = client.create("Packer", APIDefinitions.activity(Self.activityArn))
    let poll = client.send("GetActivityTask", ["activityArn": .string(Self.activityArn)])
    #expect(client.late[poll] == nil)
    _ = client.start(m, input: #"{"box": 1}"#)
    #expect(client.late[poll]?.body["input"] == #"{"box":1}"#)
  }

  @Test func aPersonCanAnswerAnActivity() throws {
    let m = try machine("Packer", APIDefinitions.activity(Self.activityArn))
    var session = try Session(machines: [m], mainMachine: "Packer", input: [:])
    _ = session.execute(.continue)
    #expect(session.runtime.pending.count == 1)
    #expect(session.stateData("Work").explanation.contains { $0.contains("an activity worker") })
    _ = session.execute(.succeed(token: .index(1), output: ["by": "hand"]))
    _ = session.execute(.continue)
    #expect(session.mainExecution.status == .succeeded(output: ["by": "hand"]))
  }

  @Test func heartbeatTimeoutOnTheVirtualClock() throws {
    let m = try machine("Packer", APIDefinitions.activity(Self.activityArn, heartbeat: 5))
    var client = APIClient(session: try Session(machines: [m], mainMachine: "Packer", input: [:]))
    client.run(.continue)
    let task = client.ok("GetActivityTask", ["activityArn": .string(Self.activityArn)])
    let token = task["taskToken"]?.stringValue ?? ""
    client.run(.advanceBy(ClockDuration(milliseconds: 4_000)))
    _ = client.ok("SendTaskHeartbeat", ["taskToken": .string(token)])
    client.run(.advanceBy(ClockDuration(milliseconds: 4_000)))
    client.run(.continue)
    #expect(client.session.mainExecution.isRunning)
    client.run(.advance)
    client.run(.continue)
    #expect(client.session.mainExecution.status == .failed(error: "States.HeartbeatTimeout", cause: nil))
    #expect(client.session.mainExecution.execution.history.map(\.type).contains("ActivityTimedOut"))
    client.fails("SendTaskSuccess", ["taskToken": .string(token), "output": "{}"], "TaskTimedOut")
  }
}

@Suite struct TemplateActivityTests {
  @Test func templateActivitiesAreRegistered() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write("template.yaml", """
      Resources:
        PackActivity:
          Type: AWS::StepFunctions::Activity
          Properties:
            Name: PackActivity
        Packer:
          Type: AWS::StepFunctions::StateMachine
          Properties:
            Definition:
              StartAt: Work
              States:
                Work:
                  Type: Task
                  Resource: !Ref PackActivity
                  End: true
        Unused:
          Type: AWS::StepFunctions::Activity
      """)
    let loaded = try loadMachines(file)
    var client = APIClient(loaded.machines)
    let names = client.ok("ListActivities")["activities"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
    #expect(names == ["PackActivity", "Unused"])
  }
}
