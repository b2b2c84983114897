import unittest
"""Starts `sfdbg serve` on a free loopback port for a test and stops it (SIGTERM) afterwards."""
import os
import signal
import socket
import subprocess
import time

import boto3
from botocore.config import Config

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SFDBG = os.environ.get("SFDBG", os.path.join(ROOT, ".build", "release", "sfdbg"))
FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, *args, env=None):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.log_path = f"/tmp/sfdbg-api-test-{self.port}.log"
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [SFDBG, "serve", *args, "--port", str(self.port)],
            stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"sfdbg serve exited {self.process.returncode}: {open(self.log_path).read()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("sfdbg serve did not listen")

    def client(self, read_timeout=70):
        return boto3.client(
            "stepfunctions", endpoint_url=self.endpoint, region_name="us-east-1",
            aws_access_key_id="test", aws_secret_access_key="test",
            config=Config(retries={"max_attempts": 0}, read_timeout=read_timeout))

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                raise
        self.log.close()
        return self.process.returncode

    def output(self):
        with open(self.log_path) as f:
            return f.read()


class ServedTestCase(unittest.TestCase):
    """One `sfdbg serve` per test class (SERVE_ARGS, SERVE_ENV) and a boto3 client for it."""

    SERVE_ARGS = ()
    SERVE_ENV = None

    @classmethod
    def setUpClass(cls):
        cls.server = Server(*cls.SERVE_ARGS, env=cls.SERVE_ENV)
        cls.sfn = cls.server.client()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
