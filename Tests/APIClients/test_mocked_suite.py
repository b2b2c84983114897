"""(b) A Step Functions Local style suite: a MockConfigFile, `stateMachineArn#TestCase`, and
assertions on history events, written as AWS's samples write them against SFN Local, with
sfdbg serve in its place (the mock file from SFN_MOCK_CONFIG, as SFN Local reads it)."""
import json
import time
import unittest

from sfdbg_server import FIXTURES, Server

ROLE = "arn:aws:iam::123456789012:role/DummyRole"


class PaymentTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # No file: as Step Functions Local starts, empty; the suite creates its machine.
        cls.server = Server(env={"SFN_MOCK_CONFIG": f"{FIXTURES}/payment-mocks.json"})
        cls.sfn = cls.server.client()
        with open(f"{FIXTURES}/payment.asl.json") as f:
            cls.machine_arn = cls.sfn.create_state_machine(
                name="Payment", definition=f.read(), roleArn=ROLE)["stateMachineArn"]

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def run_test_case(self, test_case, order):
        execution = self.sfn.start_execution(
            stateMachineArn=f"{self.machine_arn}#{test_case}", name=f"{test_case}-run", input=json.dumps(order))
        arn = execution["executionArn"]
        for _ in range(200):
            described = self.sfn.describe_execution(executionArn=arn)
            if described["status"] != "RUNNING":
                break
            time.sleep(0.05)
        history = self.sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"]
        return described, history

    def test_happy_path(self):
        described, history = self.run_test_case("HappyPath", {"amount": 42})
        self.assertEqual(described["status"], "SUCCEEDED")
        self.assertEqual(json.loads(described["output"]), {"amount": 42, "charge": {"receipt": "R-1001"}})
        succeeded = [e for e in history if e["type"] == "TaskSucceeded"]
        self.assertEqual(len(succeeded), 2)
        self.assertEqual(history[-1]["type"], "ExecutionSucceeded")
        exited = [e["stateExitedEventDetails"]["name"] for e in history if e["type"] == "TaskStateExited"]
        self.assertEqual(exited, ["Charge card", "Send receipt"])

    def test_retry_path(self):
        described, history = self.run_test_case("ThrottledTwice", {"amount": 7})
        self.assertEqual(described["status"], "SUCCEEDED")
        failures = [e["taskFailedEventDetails"] for e in history if e["type"] == "TaskFailed"]
        self.assertEqual([f["error"] for f in failures], ["Payment.Throttled", "Payment.Throttled"])
        self.assertEqual(len([e for e in history if e["type"] == "TaskScheduled"]), 4)
        self.assertEqual(json.loads(described["output"])["charge"], {"receipt": "R-2002"})

    def test_catch_path(self):
        described, history = self.run_test_case("Declined", {"amount": 99})
        self.assertEqual(described["status"], "SUCCEEDED")
        self.assertEqual(json.loads(described["output"]), {"status": "declined", "cause": "card expired"})
        failed = next(e for e in history if e["type"] == "TaskFailed")
        self.assertEqual(failed["taskFailedEventDetails"]["error"], "Payment.Declined")
        entered = [e["stateEnteredEventDetails"]["name"] for e in history if e["type"].endswith("StateEntered")]
        self.assertEqual(entered, ["Charge card", "Notify declined"])


if __name__ == "__main__":
    unittest.main()
