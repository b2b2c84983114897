#!/usr/bin/env python3
"""Post-mortem replay on the conformance histories (issue 16, section 2).

Each case of ../shared/conformance/cases with `expected_history` (264) is turned into what the
aws CLI prints for `aws stepfunctions get-execution-history --output json`: JSON text fields
(input, output, parameters) as strings, real timestamps (ISO text with an offset, or epoch seconds
in every other case), the recorder's placeholders replaced by real-looking ARNs; every fifth case
as a bare events list. `sfdbg replay DEFINITION HISTORY --json` must give the recorded status and
output (or error); the script counts how many report "reproduced": true and lists the first
difference of the others.

usage: replay-conformance.py [--sfdbg PATH] [--cases DIR] [--floor-replayed N] [--floor-reproduced N]
                             [--keep DIR] [--verbose]
"""
import argparse, concurrent.futures, datetime, glob, json, os, re, subprocess, sys, tempfile

ROLE = "arn:aws:iam::111122223333:role/service-role/StepFunctions-conformance-role"
MAP_RUN = "arn:aws:states:eu-west-1:111122223333:mapRun:conformance/0f6e5e0b:4a2c"


def json_text(value):
    """AWS writes payloads as JSON text; the recorder parsed them (or kept the text)."""
    if isinstance(value, str):
        try:  # JSON text the recorder kept as text ("42", "\"HelloWorld\"", "{...}")
            json.loads(value)
            return value
        except ValueError:
            pass
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


WILDCARDS = {"timestamp", "date"}
# A recorded value the recorder replaced: no run can write it (execution ARNs, UUIDs, random numbers, dates).
MASK = re.compile(r'<[A-Za-z_-]+(:\d+|_\d+idx)?>|"(date|timestamp|RandomNumberGenerated|generated-uuid)"|111111111111')


def unmask(recorded, real):
    """The recorder replaced some input values with placeholders ("timestamp", "date"); the case
    keeps the real input. Put the real value back where a placeholder stands at the same path."""
    if isinstance(recorded, str) and recorded in WILDCARDS and real is not None and not isinstance(real, (dict, list)):
        return real
    if isinstance(recorded, dict) and isinstance(real, dict):
        return {k: unmask(v, real.get(k)) for k, v in recorded.items()}
    if isinstance(recorded, list) and isinstance(real, list) and len(recorded) == len(real):
        return [unmask(x, y) for x, y in zip(recorded, real)]
    return recorded


def unmasked_inputs(history, real_input):
    """ExecutionStarted's input and the first state's input, unmasked with the case's input."""
    for event in history[:2]:
        for key in ("executionStartedEventDetails", "stateEnteredEventDetails"):
            details = event.get(key)
            if details and "input" in details and not isinstance(details["input"], str):
                details["input"] = unmask(details["input"], real_input)
    return history


def wire_event(event, index, base, epoch_seconds):
    out = {}
    eid = event.get("id")
    out["id"] = eid if isinstance(eid, int) else index + 1
    prev = event.get("previousEventId")
    out["previousEventId"] = prev if isinstance(prev, int) else 0
    moment = base + datetime.timedelta(milliseconds=37 * index)
    out["timestamp"] = moment.timestamp() if epoch_seconds else moment.isoformat(timespec="microseconds")
    out["type"] = event["type"]
    for key, details in event.items():
        if not key.endswith("EventDetails"):
            continue
        d = {}
        for k, v in details.items():
            if k in ("input", "output", "parameters"):
                v = json_text(v)
            elif k == "roleArn" and v == "snf_role_arn":
                v = ROLE
            elif k == "mapRunArn" and v == "map_run_arn":
                v = MAP_RUN
            d[k] = v
        out[key] = d
    return out


def convert(case, index):
    history = sorted(case["expected_history"], key=lambda e: e["id"] if isinstance(e.get("id"), int) else 0)
    if any(not isinstance(e.get("id"), int) for e in case["expected_history"]):
        history = case["expected_history"]
    history = unmasked_inputs(json.loads(json.dumps(history)), case.get("input"))
    # The last state's output is the execution's: the case keeps it unmasked too.
    if case["expected"].get("status") == "SUCCEEDED" and "output" in case["expected"]:
        exits = [e for e in history if "stateExitedEventDetails" in e]
        if exits and not isinstance(exits[-1]["stateExitedEventDetails"].get("output"), str):
            details = exits[-1]["stateExitedEventDetails"]
            details["output"] = unmask(details["output"], case["expected"]["output"])
    tz = datetime.timezone(datetime.timedelta(hours=2))
    base = datetime.datetime(2024, 5, 1, 12, 0, 0, tzinfo=tz)
    events = [wire_event(e, i, base, index % 2 == 1) for i, e in enumerate(history)]
    # The recorder masked dates inside the final output ("date"); the case keeps the real value.
    expected = case["expected"]
    for e in events:
        if e["type"] == "ExecutionSucceeded" and "output" in expected:
            recorded = json.loads(e["executionSucceededEventDetails"]["output"])
            if not json_equal(recorded, expected["output"]):
                e["executionSucceededEventDetails"]["output"] = json.dumps(expected["output"], separators=(",", ":"))
    return events if index % 5 == 4 else {"events": events}


def json_equal(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b if isinstance(a, bool) and isinstance(b, bool) else False
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    return a == b


def run_case(sfdbg, folder, index, path):
    case = json.load(open(path))
    name = os.path.basename(path)[:-5]
    definition = os.path.join(folder, name + ".asl.json")
    history = os.path.join(folder, name + ".history.json")
    json.dump(case["definition"], open(definition, "w"))
    json.dump(convert(case, index), open(history, "w"), indent=1)
    proc = subprocess.run([sfdbg, "replay", definition, history, "--json"], capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        return name, False, False, f"exit {proc.returncode}: {proc.stderr.strip().replace(folder + '/', '')[:300]}"
    result = json.loads(proc.stdout)
    expected = case["expected"]
    ok = result.get("status") == expected["status"]
    if ok and expected["status"] == "SUCCEEDED":
        ok = json_equal(result.get("output"), expected.get("output"))
    if ok and expected["status"] == "FAILED" and "error" in expected:
        ok = result.get("error") == expected["error"]
    why = "" if ok else f"recorded {expected['status']} {json.dumps(expected.get('output', expected.get('error')))[:120]}, replay gave {result.get('status')} {json.dumps(result.get('output', result.get('error')))[:120]}"
    diff = result.get("difference")
    if ok and diff:
        why = f"event {diff['eventId']} {diff['field']}: recorded {json.dumps(diff['recorded'])[:400]}, local {json.dumps(diff['local'])[:100]}"
    return name, ok, bool(result.get("reproduced")), why


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--sfdbg", default=os.path.join(here, "..", ".build", "release", "sfdbg"))
    ap.add_argument("--cases", default=os.path.join(here, "..", "..", "shared", "conformance", "cases"))
    ap.add_argument("--floor-replayed", type=int, default=0)
    ap.add_argument("--floor-reproduced", type=int, default=0)
    ap.add_argument("--keep", help="write the converted histories here")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    paths = [p for p in sorted(glob.glob(os.path.join(args.cases, "*.json"))) if json.load(open(p)).get("expected_history")]
    temporary = None if args.keep else tempfile.TemporaryDirectory(prefix="sfdbg-replay-")
    folder = args.keep or temporary.name
    os.makedirs(folder, exist_ok=True)
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda ip: run_case(args.sfdbg, folder, *ip), enumerate(paths)))
    if temporary:
        temporary.cleanup()
    replayed = sum(1 for r in results if r[1])
    masked = sum(1 for r in results if r[1] and not r[2] and MASK.search(r[3].split(", local ")[0]))
    reproduced = sum(1 for r in results if r[1] and r[2])
    for name, ok, rep, why in results:
        if not ok:
            print(f"NOT REPLAYED {name}: {why}")
        elif not rep and args.verbose:
            print(f"not reproduced {name}: {why}")
    total = len(results)
    print(f"replay: {replayed}/{total} replayed with the recorded status and output; "
          f"{reproduced}/{total} reproduced ({100.0 * reproduced / max(total, 1):.1f}%); "
          f"{masked} of the others differ first at a value the recorder masked (<ArnPart_0idx>, <uuid:1>, date, ...)")
    if replayed < args.floor_replayed or reproduced < args.floor_reproduced:
        print(f"below the floor (replayed {args.floor_replayed}, reproduced {args.floor_reproduced})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
