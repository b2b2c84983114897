"""(c) Activities: a boto3 worker polls GetActivityTask, answers, and the execution succeeds; a
second worker gets nothing while the task is taken."""
import json
import threading
import time
import unittest

from sfdbg_server import FIXTURES, Server, ServedTestCase


class ActivityWorkers(ServedTestCase):
    SERVE_ARGS = (f"{FIXTURES}/one-state.asl.json",)

    def test_a_worker_answers_and_a_second_gets_nothing(self):
        activity = self.sfn.create_activity(name="Reviewer")["activityArn"]
        with open(f"{FIXTURES}/activity.asl.json") as f:
            machine = self.sfn.create_state_machine(
                name="Review", definition=f.read().replace(
                    "arn:aws:states:us-east-1:123456789012:activity:Reviewer", activity),
                roleArn="arn:aws:iam::123456789012:role/r")["stateMachineArn"]
        execution = self.sfn.start_execution(stateMachineArn=machine, input=json.dumps({"doc": 7}))["executionArn"]
        task = self.sfn.get_activity_task(activityArn=activity, workerName="first")
        self.assertTrue(task["taskToken"])
        self.assertEqual(json.loads(task["input"]), {"doc": 7})
        # The task is taken: a second worker's long poll ends empty (AWS answers no token). It is
        # cut short here by stopping the execution, which ends nothing for the poller either.
        second = {}

        def poll():
            second.update(self.server.client().get_activity_task(activityArn=activity, workerName="second"))

        poller = threading.Thread(target=poll)
        poller.start()
        time.sleep(0.5)
        self.sfn.send_task_success(taskToken=task["taskToken"], output=json.dumps({"approved": True}))
        for _ in range(100):
            described = self.sfn.describe_execution(executionArn=execution)
            if described["status"] != "RUNNING":
                break
            time.sleep(0.05)
        self.assertEqual(described["status"], "SUCCEEDED")
        self.assertEqual(json.loads(described["output"]), {"approved": True})
        poller.join(timeout=70)
        self.assertFalse(poller.is_alive())
        self.assertFalse(second.get("taskToken"))


if __name__ == "__main__":
    unittest.main()
