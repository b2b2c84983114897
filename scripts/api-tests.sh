#!/usr/bin/env bash
# Real clients against the Step Functions API sfdbg serves (issue 14): the aws CLI on the seed
# sample, a Step Functions Local style unittest suite, activity workers and AWS's errors through
# boto3, and a `sfdbg run --handler` that calls back with the aws CLI. Uses .build/release/sfdbg.
set -euo pipefail
cd "$(dirname "$0")/.."
SFDBG="${SFDBG:-$PWD/.build/release/sfdbg}"
export SFDBG
SEED="${SEED_SAMPLE:-../shared/seed-sample}"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
passed=0
failed=0
pass() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAILED: $1" >&2; failed=$((failed + 1)); }
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_listening() {
  for _ in $(seq 200); do
    python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$1),timeout=0.2)" 2>/dev/null && return 0
    sleep 0.05
  done
  return 1
}

# Whether the session answers operations yet (h14a's API layer); the edge's own tests run anyway.
operations_available() {
  local answer
  answer=$(aws --endpoint-url "$1" --cli-read-timeout 10 stepfunctions list-state-machines 2>&1 || true)
  [[ "$answer" != *UnknownOperationException* ]]
}

echo "== (a) seed sample with the aws CLI only"
port=$(free_port)
endpoint="http://127.0.0.1:$port"
log=$(mktemp)
"$SFDBG" serve "$SEED/template.yaml" --mocks Tests/APIClients/fixtures/seed-mocks.json --port "$port" >"$log" 2>&1 &
PIDS+=($!)
serve_pid=$!
wait_listening "$port" || { cat "$log"; fail "sfdbg serve did not listen"; }
ops=0
if operations_available "$endpoint"; then
  ops=1
  sfn() { aws --endpoint-url "$endpoint" stepfunctions "$@"; }
  main_arn=$(sfn list-state-machines --query "stateMachines[?name=='NestingPatternMainStateMachine'].stateMachineArn" --output text)
  child_arn=$(sfn list-state-machines --query "stateMachines[?name=='NestingPatternAnotherStateMachine'].stateMachineArn" --output text)
  [ -n "$main_arn" ] && [ -n "$child_arn" ] && pass "list-state-machines" || fail "list-state-machines: '$main_arn' '$child_arn'"
  execution=$(sfn start-execution --state-machine-arn "$main_arn#HappyPath" --name main --input '{}' --query executionArn --output text)
  [ -n "$execution" ] && pass "start-execution #HappyPath" || fail "start-execution"
  token=""
  for _ in $(seq 50); do
    for child in $(sfn list-executions --state-machine-arn "$child_arn" --query 'executions[].executionArn' --output text); do
      input=$(sfn get-execution-history --execution-arn "$child" --query "events[?type=='ExecutionStarted'].executionStartedEventDetails.input" --output text)
      t=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1]).get("TaskToken",""))' "$input")
      [ -n "$t" ] && token=$t
    done
    [ -n "$token" ] && break
    sleep 0.1
  done
  [ -n "$token" ] && pass "the callback token in the child's input" || fail "no child input holds a TaskToken"
  sfn send-task-success --task-token "$token" --task-output '{"approved": true}' && pass "send-task-success" || fail "send-task-success"
  status=""
  for _ in $(seq 50); do
    status=$(sfn describe-execution --execution-arn "$execution" --query status --output text)
    [ "$status" != RUNNING ] && break
    sleep 0.1
  done
  output=$(sfn describe-execution --execution-arn "$execution" --query output --output text)
  expected='["The whole execution is completed including both long-running jobs",{"approved":true}]'
  if [ "$status" = SUCCEEDED ] && [ "$(python3 -c 'import json,sys; print(json.dumps(json.loads(sys.argv[1]),separators=(",",":")))' "$output")" = "$expected" ]; then
    pass "describe-execution SUCCEEDED with AWS's output"
  else
    fail "describe-execution: $status $output"
  fi
  # boto3's history equals `sfdbg run --history` for the same session (same machines, mocks,
  # test case, execution name and answer).
  python3 - "$endpoint" "$execution" >/tmp/sfdbg-api-boto3-history.json <<'PY'
import json, sys, boto3
sfn = boto3.client("stepfunctions", endpoint_url=sys.argv[1], region_name="us-east-1")
events, token = [], None
while True:
    page = sfn.get_execution_history(executionArn=sys.argv[2], maxResults=1000, **({"nextToken": token} if token else {}))
    events += page["events"]
    token = page.get("nextToken")
    if not token:
        break
for e in events:
    e["timestamp"] = e["timestamp"].timestamp()
print(json.dumps(events, sort_keys=True))
PY
  "$SFDBG" run "$SEED/template.yaml" --mocks Tests/APIClients/fixtures/seed-mocks.json --test-case HappyPath \
    --script Tests/APIClients/fixtures/seed-answer.sfdbg --history --json |
    python3 -c 'import json, sys, botocore.session
from datetime import datetime
# What boto3 would see of these events: the members of botocore'"'"'s HistoryEvent shape only.
def shaped(value, shape):
    if shape.type_name == "structure":
        return {k: shaped(v, shape.members[k]) for k, v in value.items() if k in shape.members}
    if shape.type_name == "list":
        return [shaped(v, shape.member) for v in value]
    if shape.type_name == "timestamp" and isinstance(value, str):
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    return value
event = botocore.session.get_session().get_service_model("stepfunctions").shape_for("HistoryEvent")
events = [shaped(e, event) for e in json.load(sys.stdin)["history"]["events"]]
print(json.dumps(events, sort_keys=True))' >/tmp/sfdbg-api-run-history.json
  if cmp -s /tmp/sfdbg-api-boto3-history.json /tmp/sfdbg-api-run-history.json; then
    pass "boto3 get_execution_history equals sfdbg run --history"
  else
    fail "boto3's history differs from sfdbg run --history (see /tmp/sfdbg-api-*-history.json)"
  fi
else
  echo "skip: the session answers no operation yet (h14a's API layer not merged): (a) needs it"
fi
kill -TERM "$serve_pid"
wait "$serve_pid" && pass "serve stops cleanly on SIGTERM" || fail "serve exit status on SIGTERM: $?"
grep -q "ListStateMachines 200\|ListStateMachines 400" "$log" && pass "one log line per request" || { cat "$log"; fail "no request log line"; }

echo "== (b, c, d) boto3 suites (Step Functions Local style, activities, errors)"
if (cd Tests/APIClients && python3 -m unittest -v test_errors test_mocked_suite test_activities); then
  pass "boto3 suites"
else
  fail "boto3 suites"
fi

echo "== a --handler that calls back with the aws CLI (sfdbg run serves an ephemeral port)"
result=$("$SFDBG" run Tests/APIClients/fixtures/handler-callback.asl.json --json \
  --handler 'Ask the approver=aws stepfunctions send-task-success --task-token "$SFDBG_TASK_TOKEN" --task-output "{\"approved\": true}" >/dev/null' || true)
if [ "$ops" = 1 ]; then
  echo "$result" | python3 -c 'import json,sys
r = json.load(sys.stdin)
output = json.loads(r["output"]) if isinstance(r["output"], str) else r["output"]
assert r["status"] == "SUCCEEDED" and output == {"approved": True}, r' \
    && pass "the handler's send-task-success completes the .waitForTaskToken task" || fail "handler callback: $result"
else
  echo "skip: the handler's send-task-success needs h14a's SendTaskSuccess: $result"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
