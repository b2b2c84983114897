"""(d) Errors: AWS's exceptions through boto3, each checked by its class."""
import json
import socket
import unittest

from sfdbg_server import FIXTURES, Server, ServedTestCase

ACCOUNT = "123456789012"
MISSING_EXECUTION = f"arn:aws:states:us-east-1:{ACCOUNT}:execution:NoSuchMachine:nothing"
MISSING_MACHINE = f"arn:aws:states:us-east-1:{ACCOUNT}:stateMachine:NoSuchMachine"
MISSING_ACTIVITY = f"arn:aws:states:us-east-1:{ACCOUNT}:activity:NoSuchActivity"


def callback_definition():
    with open(f"{FIXTURES}/callback.asl.json") as f:
        return json.load(f)


def raw_request(port, target, body, extra_headers=""):
    """One HTTP request by hand (what boto3 never sends: malformed JSON, no target)."""
    head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
    if target:
        head += f"X-Amz-Target: {target}\r\n"
    data = body.encode() if isinstance(body, str) else body
    head += f"Content-Length: {len(data)}\r\nConnection: close\r\n{extra_headers}\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head.encode() + data)
        reply = b""
        while chunk := s.recv(65536):
            reply += chunk
    status = int(reply.split(b" ", 2)[1])
    return status, json.loads(reply.split(b"\r\n\r\n", 1)[1] or b"null")


class EdgeErrors(unittest.TestCase):
    """Errors the HTTP edge gives before any operation runs."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server(f"{FIXTURES}/one-state.asl.json")
        cls.sfn = cls.server.client()

    @classmethod
    def tearDownClass(cls):
        cls.assert_stopped_cleanly(cls.server.stop())

    @staticmethod
    def assert_stopped_cleanly(code):
        assert code == 0, f"sfdbg serve exited {code}"

    def test_malformed_json_is_a_serialization_exception(self):
        status, body = raw_request(self.server.port, "AWSStepFunctions.ListStateMachines", "{not json")
        self.assertEqual((status, body["__type"]), (400, "SerializationException"))
        self.assertIn("message", body)

    def test_missing_target_is_unknown_operation(self):
        status, body = raw_request(self.server.port, None, "{}")
        self.assertEqual((status, body["__type"]), (400, "UnknownOperationException"))

    def test_unknown_operation_through_boto3(self):
        # boto3 knows only real operations: send one Step Functions does not have by hand.
        status, body = raw_request(self.server.port, "AWSStepFunctions.FlyToTheMoon", "{}")
        self.assertEqual((status, body["__type"]), (400, "UnknownOperationException"))

    def test_oversized_body_is_refused_and_the_server_lives(self):
        big = json.dumps({"stateMachineArn": MISSING_MACHINE, "input": "x" * (2 << 20)})
        status, body = raw_request(self.server.port, "AWSStepFunctions.StartExecution", big)
        self.assertEqual(status, 413)
        self.assertIn("__type", body)
        status, _ = raw_request(self.server.port, "AWSStepFunctions.FlyToTheMoon", "{}")
        self.assertEqual(status, 400)

    def test_input_over_256_kib_is_a_validation_exception(self):
        with self.assertRaises(self.sfn.exceptions.ClientError) as raised:
            self.sfn.start_execution(stateMachineArn=MISSING_MACHINE, input=json.dumps({"a": "x" * 262_144}))
        self.assertEqual(raised.exception.response["Error"]["Code"], "ValidationException")

    def test_keep_alive_serves_many_requests_on_one_connection(self):
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as s:
            for _ in range(3):
                s.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSStepFunctions.Nope\r\n"
                          b"Content-Length: 2\r\n\r\n{}")
                reply = s.recv(65536)
                self.assertTrue(reply.startswith(b"HTTP/1.1 400"), reply)


class OperationErrors(ServedTestCase):
    """AWS's exceptions of the operations (issue 14), by class."""

    SERVE_ARGS = (f"{FIXTURES}/one-state.asl.json",)

    def assertRaisesAWS(self, exception_name, call, /, **kwargs):
        exception = getattr(self.sfn.exceptions, exception_name)
        with self.assertRaises(exception):
            call(**kwargs)

    def machine(self, name="Errors", definition=None):
        definition = definition or {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}
        try:
            return self.sfn.create_state_machine(
                name=name, definition=json.dumps(definition),
                roleArn=f"arn:aws:iam::{ACCOUNT}:role/r")["stateMachineArn"]
        except self.sfn.exceptions.StateMachineAlreadyExists:
            return f"arn:aws:states:us-east-1:{ACCOUNT}:stateMachine:{name}"

    def test_execution_does_not_exist(self):
        self.assertRaisesAWS("ExecutionDoesNotExist", self.sfn.describe_execution, executionArn=MISSING_EXECUTION)
        self.assertRaisesAWS("ExecutionDoesNotExist", self.sfn.get_execution_history, executionArn=MISSING_EXECUTION)
        self.assertRaisesAWS("ExecutionDoesNotExist", self.sfn.stop_execution, executionArn=MISSING_EXECUTION)

    def test_state_machine_does_not_exist(self):
        self.assertRaisesAWS("StateMachineDoesNotExist", self.sfn.describe_state_machine, stateMachineArn=MISSING_MACHINE)
        self.assertRaisesAWS("StateMachineDoesNotExist", self.sfn.start_execution, stateMachineArn=MISSING_MACHINE)

    def test_invalid_arn(self):
        self.assertRaisesAWS("InvalidArn", self.sfn.describe_execution, executionArn="not-an-arn")
        self.assertRaisesAWS("InvalidArn", self.sfn.describe_state_machine, stateMachineArn="not-an-arn")

    def test_invalid_definition(self):
        self.assertRaisesAWS(
            "InvalidDefinition", self.sfn.create_state_machine, name="Broken",
            definition=json.dumps({"StartAt": "Missing", "States": {}}), roleArn=f"arn:aws:iam::{ACCOUNT}:role/r")

    def test_invalid_name(self):
        self.assertRaisesAWS(
            "InvalidName", self.sfn.create_state_machine, name="bad name?",
            definition=json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}),
            roleArn=f"arn:aws:iam::{ACCOUNT}:role/r")

    def test_state_machine_already_exists(self):
        self.machine("Twice")
        self.assertRaisesAWS(
            "StateMachineAlreadyExists", self.sfn.create_state_machine, name="Twice",
            definition=json.dumps({"StartAt": "Q", "States": {"Q": {"Type": "Succeed"}}}),
            roleArn=f"arn:aws:iam::{ACCOUNT}:role/r")

    def test_execution_already_exists(self):
        arn = self.machine("Callback", callback_definition())
        self.sfn.start_execution(stateMachineArn=arn, name="same", input='{"a": 1}')
        self.assertRaisesAWS("ExecutionAlreadyExists", self.sfn.start_execution, stateMachineArn=arn, name="same", input='{"a": 2}')

    def test_invalid_execution_input(self):
        arn = self.machine()
        self.assertRaisesAWS("InvalidExecutionInput", self.sfn.start_execution, stateMachineArn=arn, input="{not json")

    def test_task_tokens(self):
        self.assertRaisesAWS("InvalidToken", self.sfn.send_task_success, taskToken="nope", output="{}")
        self.assertRaisesAWS("InvalidToken", self.sfn.send_task_failure, taskToken="nope")
        self.assertRaisesAWS("InvalidToken", self.sfn.send_task_heartbeat, taskToken="nope")

    def test_invalid_output(self):
        arn = self.machine("Callback", callback_definition())
        execution = self.sfn.start_execution(stateMachineArn=arn, name="output")["executionArn"]
        token = next(
            json.loads(e["taskScheduledEventDetails"]["parameters"])["MessageBody"]["token"]
            for e in self.sfn.get_execution_history(executionArn=execution)["events"]
            if e["type"] == "TaskScheduled")
        self.assertRaisesAWS("InvalidOutput", self.sfn.send_task_success, taskToken=token, output="{not json")

    def test_activity_does_not_exist(self):
        self.assertRaisesAWS("ActivityDoesNotExist", self.sfn.describe_activity, activityArn=MISSING_ACTIVITY)
        self.assertRaisesAWS("ActivityDoesNotExist", self.sfn.get_activity_task, activityArn=MISSING_ACTIVITY)

    def test_validation_exception(self):
        self.assertRaisesAWS("ValidationException", self.sfn.list_executions, stateMachineArn=self.machine(), statusFilter="SLEEPING")


if __name__ == "__main__":
    unittest.main()
