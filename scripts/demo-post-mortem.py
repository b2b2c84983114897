#!/usr/bin/env python3
"""Writes demo/nesting/post-mortem/: a failed execution of the nesting demo, one history file per
execution in the aws CLI's `get-execution-history --output json` form, as the README's
post-mortem walkthrough replays it.

The run: mocks WarehouseDown (the worker's Lambda fails twice, then accepts) and a callback answered
with SendTaskFailure, so OrderMain ends FAILED with Warehouse.Rejected. Histories come from
`sfdbg run --history`; the export then looks like the aws CLI's: timestamps as ISO text with an
offset and microseconds on a real date, no `stateMachineArn` in ExecutionStarted (AWS does not
write it), the main execution as OrderMain-main.json and each child named after its execution
(the last part of the ARN its parent's task result names), which is how replay links them.

usage: scripts/demo-post-mortem.py [--sfdbg PATH]
"""
import argparse, datetime, json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCRIPT = """continue
fail "Ship (wait for callback)" Warehouse.Rejected "Carrier refused the parcel: delivery address incomplete"
"""
START = datetime.datetime(2026, 11, 24, 9, 15, 2, 347000, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))


def aws_cli_form(events, start, step):
    """The events with real times from `start` (`step` seconds per event on top of the virtual
    clock's, as a real service takes a little while per event)."""
    first = None
    out = []
    for i, e in enumerate(events):
        at = datetime.datetime.fromisoformat(e["timestamp"].replace("Z", "+00:00"))
        first = first or at
        e = dict(e)
        e["timestamp"] = (start + (at - first) + datetime.timedelta(seconds=step * i)).isoformat(timespec="microseconds")
        details = e.get("executionStartedEventDetails")
        if details is not None:
            details.pop("stateMachineArn", None)
        out.append(e)
    return {"events": out}


def started_at(parent_events, state):
    """When the parent's task for `state` started (its TaskStarted event)."""
    entered = None
    for e in parent_events:
        details = e.get("stateEnteredEventDetails")
        if details and details.get("name") == state:
            entered = e["id"]
        if e["type"] == "TaskStarted" and entered is not None and e["previousEventId"] == entered + 1:
            return datetime.datetime.fromisoformat(e["timestamp"])
    raise SystemExit(f"no TaskStarted for {state}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sfdbg", default=os.path.join(ROOT, ".build", "release", "sfdbg"))
    args = ap.parse_args()
    folder = os.path.join(ROOT, "demo", "nesting", "post-mortem")
    os.makedirs(folder, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".sfdbg", delete=False) as f:
        f.write(SCRIPT)
    base = [args.sfdbg, "run", os.path.join(ROOT, "demo/nesting/template.yaml"),
            "--mocks", os.path.join(ROOT, "demo/nesting/mocks.json"), "--test-case", "WarehouseDown",
            "--input-file", os.path.join(ROOT, "demo/nesting/input.json"), "--script", f.name, "--json", "--history",
            # The virtual clock starts at the export's first time, so the times inside results
            # (a child's StartDate) agree with the event times, as on AWS.
            "--start-time", START.astimezone(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")]
    main_run = json.loads(subprocess.run(base, check=True, capture_output=True, text=True).stdout)
    assert main_run["status"] == "FAILED", main_run["status"]
    for old in os.listdir(folder):
        if old.endswith(".json"):
            os.remove(os.path.join(folder, old))
    exported = {}
    for n, execution in enumerate(main_run["executions"], start=1):
        run = json.loads(subprocess.run(base + ["--execution", f"#{n}"], check=True, capture_output=True, text=True).stdout)
        if n == 1:
            history = aws_cli_form(run["history"]["events"], START, 0.004127)
        else:
            parent = exported[execution["parent"]]
            begin = started_at(parent["events"], execution["startedBy"]) + datetime.timedelta(microseconds=1_203)
            history = aws_cli_form(run["history"]["events"], begin, 0.000513)
        exported[execution["arn"]] = history
        name = "OrderMain-main" if n == 1 else execution["name"]
        with open(os.path.join(folder, name + ".json"), "w") as out:
            json.dump(history, out, indent=4, ensure_ascii=False)
            out.write("\n")
        print(f"wrote demo/nesting/post-mortem/{name}.json ({execution['status']})")
    os.remove(f.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
