#!/usr/bin/env bash
# End-to-end tests of the TUI debugger: drive the real `sfdbg debug` binary in a headless tmux
# session (send-keys), read the screen (capture-pane), and check what the user would see.
# Uses $SFDBG if set, else .build/release/sfdbg, else .build/debug/sfdbg (building it if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v tmux >/dev/null 2>&1 || { echo "e2e: tmux is not installed" >&2; exit 1; }

SFDBG="${SFDBG:-}"
if [ -z "$SFDBG" ]; then
  if [ -x .build/release/sfdbg ]; then SFDBG=.build/release/sfdbg
  else
    swift build --product sfdbg >&2
    SFDBG=.build/debug/sfdbg
  fi
fi
SFDBG="$(cd "$(dirname "$SFDBG")" && pwd)/$(basename "$SFDBG")"

SOCKET="sfdbg-e2e-$$"
TMUX_CMD=(tmux -L "$SOCKET" -f /dev/null)
WORK="$(mktemp -d)"
PASSED=0
FAILED=0
cleanup() {
  "${TMUX_CMD[@]}" kill-server >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

DEMO_ARGS=(debug demo/nesting/template.yaml --mocks demo/nesting/mocks.json --test-case HappyPath
  --input-file demo/nesting/input.json)

# start NAME WIDTH HEIGHT [TERM]: runs the demo in a new tmux session; afterwards the pane prints
# EXIT=<status> and the terminal's line discipline (to check it was restored).
start() {
  local name=$1 width=$2 height=$3 term=${4:-xterm-256color}
  "${TMUX_CMD[@]}" new-session -d -s "$name" -x "$width" -y "$height" \
    "cd '$PWD' && TERM=$term '$SFDBG' ${DEMO_ARGS[*]}; echo EXIT=\$?; stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\n' ' '; echo; sleep 60"
}

# sfdbg_pid NAME: the sfdbg process of a session (the child of the pane's shell).
sfdbg_pid() {
  local shell_pid
  shell_pid=$("${TMUX_CMD[@]}" display-message -p -t "$1" '#{pane_pid}')
  pgrep -P "$shell_pid" | head -1
}

screen() { "${TMUX_CMD[@]}" capture-pane -p -t "$1"; }
keys() { local name=$1; shift; "${TMUX_CMD[@]}" send-keys -t "$name" "$@"; }

# wait_for NAME TEXT [SECONDS]: polls the screen until TEXT shows up.
wait_for() {
  local name=$1 text=$2 limit=${3:-10} i
  for ((i = 0; i < limit * 10; i++)); do
    if screen "$name" | grep -qF -- "$text"; then return 0; fi
    sleep 0.1
  done
  echo "--- screen of $name (waited for: $text)" >&2
  screen "$name" >&2
  return 1
}

# gone NAME TEXT [SECONDS]: polls the screen until TEXT is no longer on it.
gone() {
  local name=$1 text=$2 limit=${3:-10} i
  for ((i = 0; i < limit * 10; i++)); do
    if ! screen "$name" | grep -qF -- "$text"; then return 0; fi
    sleep 0.1
  done
  echo "--- screen of $name (waited for this to go: $text)" >&2
  screen "$name" >&2
  return 1
}

check() {
  local title=$1; shift
  if "$@"; then
    echo "ok   $title"
    PASSED=$((PASSED + 1))
  else
    echo "FAIL $title"
    FAILED=$((FAILED + 1))
  fi
}

success_flow() {
  start success 100 30
  wait_for success "Log order" &&
    keys success c && wait_for success "Pending (1)" &&
    keys success S && wait_for success "Succeed 1" &&
    keys success C-a C-k '{"Shipped": true, "Carrier": "e2e"}' C-s && wait_for success "nothing pending" &&
    keys success c && wait_for success "#1 OrderMain SUCCEEDED" &&
    wait_for success '"Carrier": "e2e"' &&
    keys success q && wait_for success "EXIT=0" && wait_for success "icanon echo"
}

failure_flow() {
  start failure 100 30
  wait_for failure "Log order" &&
    keys failure c && wait_for failure "Pending (1)" &&
    keys failure F && wait_for failure "error:" &&
    keys failure C-u 'Shipping.Lost' Tab 'truck fell over' Enter && wait_for failure "nothing pending" &&
    keys failure c && wait_for failure "#1 OrderMain FAILED" &&
    wait_for failure "Shipping.Lost" &&
    keys failure q && wait_for failure "EXIT=0" && wait_for failure "icanon echo"
}

invalid_json_is_refused() {
  start badjson 100 30
  wait_for badjson "Log order" &&
    keys badjson c && wait_for badjson "Pending (1)" &&
    keys badjson S && wait_for badjson "Succeed 1" &&
    keys badjson C-a C-k '{"Shipped": tru}' C-s && wait_for badjson "1:13:" &&
    keys badjson Escape && sleep 0.2 && keys badjson q && wait_for badjson "Quit" &&
    keys badjson y && wait_for badjson "EXIT=0"
}

resize_and_help() {
  start resize 100 30
  wait_for resize "Log order" &&
    "${TMUX_CMD[@]}" resize-window -t resize -x 80 -y 24 && wait_for resize "[Pending]" &&
    "${TMUX_CMD[@]}" resize-window -t resize -x 30 -y 8 && wait_for resize "too small" &&
    "${TMUX_CMD[@]}" resize-window -t resize -x 100 -y 30 && wait_for resize "History" &&
    keys resize '?' && wait_for resize "toggle a breakpoint" &&
    keys resize Escape && keys resize s s && wait_for resize "Fulfil" &&
    keys resize q y && wait_for resize "EXIT=0"
}

# signal_restores_the_terminal SIGNAL STATUS: the signal kills sfdbg with its usual status,
# and the terminal is back in canonical mode with echo.
signal_restores_the_terminal() {
  local signal=$1 status=$2 name="sig$1"
  start "$name" 100 30
  wait_for "$name" "Log order" || return 1
  local pid
  pid=$(sfdbg_pid "$name")
  [ -n "$pid" ] || return 1
  kill "-$signal" "$pid"
  wait_for "$name" "EXIT=$status" 15 && wait_for "$name" "icanon echo"
}

no_colours_still_show_focus() {
  start mono 100 30 vt100
  wait_for mono "Log order" && wait_for mono "▶ Graph" &&
    keys mono Tab && wait_for mono "▶ State I/O" &&
    keys mono c && wait_for mono "Pending (1)" &&
    keys mono q y && wait_for mono "EXIT=0"
}

# A lesson explains itself; the key bar offers H and a while its heartbeat token waits; no key
# acts while the terminal is too small; ctrl-c quits from the quit dialog.
lesson_heartbeat_tiny_and_quit() {
  "${TMUX_CMD[@]}" new-session -d -s lesson -x 100 -y 30 \
    "cd '$PWD' && '$SFDBG' debug demo/lessons/heartbeat-timeout.yaml; echo EXIT=\$?; sleep 60"
  wait_for lesson "About this file" && wait_for lesson "Lesson: a callback task" &&
    keys lesson c && wait_for lesson "H heartbeat" && wait_for lesson "a advance" &&
    "${TMUX_CMD[@]}" resize-window -t lesson -x 20 -y 6 && wait_for lesson "too small" &&
    keys lesson a a s c && sleep 0.3 &&  # a would time the token out: Pending (1) below says it did not
    "${TMUX_CMD[@]}" resize-window -t lesson -x 100 -y 30 && wait_for lesson "Pending (1)" &&
    keys lesson q && wait_for lesson "Quit anyway" && keys lesson C-c && wait_for lesson "EXIT=0"
}

# The log pane: `print $$.Execution` is readable whole there; L hides it and shows it again.
log_pane_shows_command_output() {
  start log 80 24
  wait_for log "Log order" &&
    keys log c && wait_for log "Pending (1)" &&
    keys log : 'print $$.Execution' Enter && wait_for log "Log · L goes to it" &&
    wait_for log '"Id": "arn:aws:states:us-east-1:123456789012:execution:OrderMain:main",' &&
    wait_for log "13 lines in the log below" &&
    keys log L && wait_for log "▶ Log · L hides it" && keys log G && wait_for log '"Name": "main",' &&
    keys log L && sleep 0.3 && ! screen log | grep -qF "Log · L" &&
    keys log q y && wait_for log "EXIT=0"
}

# README "The debugger: a walkthrough of the demo", key by key at 100x30: each step waits for what
# the README says is on screen. Then the saved script and mocks replay headless.
readme_walkthrough() {
  local w=walk session="$WORK/my-session.sfdbg" mocks="$WORK/my-mocks.json"
  local demo=(demo/nesting/template.yaml --input-file demo/nesting/input.json)
  start "$w" 100 30
  # Paused before the first state, the template's Description in a box.
  wait_for "$w" "About this file" && wait_for "$w" "│ Log order (call and continue) │ Task ▶" &&
    # 1. s: the box closes, Log order starts #2 and the teaching note shows.
    keys "$w" s && gone "$w" "About this file" && wait_for "$w" "#2  RUNNING  OrderWorker" &&
    wait_for "$w" "ⓘ call-and-continue: #1 OrderMain started #2 OrderWorker" &&
    # 2. L: the log has the note whole; L hides it.
    keys "$w" L && wait_for "$w" "▶ Log · L hides it" && wait_for "$w" "{ExecutionArn, StartDate}." &&
    keys "$w" L && gone "$w" "Log · L hides it" &&
    # 3. s: on the next state, before it runs; its input holds what call-and-continue returned.
    keys "$w" s && wait_for "$w" "State I/O · Fulfil in parallel" && wait_for "$w" '"LogExecution": {' &&
    gone "$w" "waiting for 2 branches" &&
    # 4. s three times: both branches start; #3 with .sync:2; #4 with .waitForTaskToken.
    keys "$w" s && wait_for "$w" "⧗ waiting for 2 branches: 2 running" &&
    keys "$w" s && wait_for "$w" "#3  RUNNING  OrderWorker" && wait_for "$w" "ⓘ .sync:2: #1 OrderMain started #3" &&
    keys "$w" s && wait_for "$w" "#4  RUNNING  OrderWorker" && wait_for "$w" "ⓘ .waitForTaskToken: #1 OrderMain started #4" &&
    wait_for "$w" "Pending (1)" && wait_for "$w" "▸ 1 token #1 · Ship…for callback)" &&
    wait_for "$w" "│ Ship (wait    │ Task ⧗" &&
    # 5. i into #4 (its input carries the token); o runs it to its end: one virtual second.
    keys "$w" i && wait_for "$w" "into #4 OrderWorker (.waitForTaskToken from 'Ship (wait for callback)')" &&
    wait_for "$w" "Graph · #4" && wait_for "$w" '"TaskToken": "' &&
    keys "$w" o && wait_for "$w" "Graph · #1" && wait_for "$w" "clock 00:00:01.000" &&
    wait_for "$w" "#2  SUCCEEDED  OrderWorker" && wait_for "$w" "#3  SUCCEEDED  OrderWorker" &&
    wait_for "$w" "#4  SUCCEEDED  OrderWorker" && wait_for "$w" "│ Reserve stock (wait │ Task ✓" &&
    wait_for "$w" "ⓘ 'Notify warehouse' in #4 OrderWorker answered by mock" &&
    # 6. tab tab to Executions; enter on #3 focuses it; enter on #1 back.
    keys "$w" Tab Tab && wait_for "$w" "▶ Executions" &&
    keys "$w" j j Enter && wait_for "$w" "Graph · #3" && wait_for "$w" "History · #3" && wait_for "$w" '"Job": "reserve"' &&
    keys "$w" k k Enter && wait_for "$w" "Graph · #1" &&
    # 7. c: nothing moves without you.
    keys "$w" c && wait_for "$w" "waiting for you: a pending token or task needs a result" &&
    # 8. S: the editor's {} is selected, typing replaces it; ctrl-s sends.
    keys "$w" S && wait_for "$w" "Succeed 1 · Ship (wait for callback)" &&
    keys "$w" '{"Carrier": "ACME", "TrackingId": "TRK-42"}' &&
    wait_for "$w" '│{"Carrier": "ACME", "TrackingId": "TRK-42"}  ' &&
    keys "$w" C-s && wait_for "$w" "nothing pending" &&
    wait_for "$w" "ⓘ token returned: 'Ship (wait for callback)' in #1 OrderMain" &&
    # 9. c: OrderMain succeeds with the answer in its output.
    keys "$w" c && wait_for "$w" "#1  SUCCEEDED  OrderMain" && wait_for "$w" '"Carrier": "ACME",' &&
    # 10. :save and :save-mocks.
    keys "$w" : "save $session" Enter && wait_for "$w" "wrote 12 command(s) to $session" &&
    keys "$w" : "save-mocks $mocks" Enter &&
    wait_for "$w" "wrote 1 hand-given result(s) as test case \"RecordedSession\" to $mocks" &&
    # 11. u undoes the c, u again the succeed: the token waits again; q asks, y quits.
    keys "$w" u && wait_for "$w" "stepped back" && wait_for "$w" "#1  RUNNING  OrderMain" &&
    wait_for "$w" "nothing pending" &&
    keys "$w" u && wait_for "$w" "Pending (1)" &&
    keys "$w" q && wait_for "$w" "Quit anyway?" && keys "$w" y && wait_for "$w" "EXIT=0" || return 1
  # 12. Replays: the script with the demo's mocks, and the recorded mocks without a script.
  local replay
  replay=$("$SFDBG" run "${demo[@]}" --mocks demo/nesting/mocks.json --test-case HappyPath --script "$session") &&
    grep -qx "status: SUCCEEDED" <<<"$replay" && grep -qF '"Carrier": "ACME",' <<<"$replay" || {
    echo "--- replay of $session:" >&2; echo "$replay" >&2; return 1; }
  replay=$("$SFDBG" run "${demo[@]}" --mocks "$mocks" --test-case RecordedSession) &&
    grep -qx "status: SUCCEEDED" <<<"$replay" && grep -qF '"Carrier": "ACME",' <<<"$replay" || {
    echo "--- run with $mocks:" >&2; echo "$replay" >&2; return 1; }
}

# README "Post-mortem": the nesting demo's failed execution, recorded in the aws CLI's form
# (demo/nesting/post-mortem), replayed headless and opened read-only; a fork continues locally.
post_mortem_walkthrough() {
  local p=postmortem out
  out=$("$SFDBG" replay demo/nesting/template.yaml demo/nesting/post-mortem) &&
    grep -qx "#1 OrderMain FAILED" <<<"$out" && grep -qx "error: Warehouse.Rejected" <<<"$out" &&
    grep -qF "6 Notify warehouse (Task)  ✗ Lambda.ServiceException" <<<"$out" &&
    grep -q "^reproduced: yes" <<<"$out" || {
    echo "--- sfdbg replay:" >&2; echo "$out" >&2; return 1; }
  "${TMUX_CMD[@]}" new-session -d -s $p -x 100 -y 30 \
    "cd '$PWD' && '$SFDBG' debug demo/nesting/template.yaml --replay demo/nesting/post-mortem; echo EXIT=\$?; sleep 60"
  # 1. Opened at the first recorded event, on the recorded clock.
  wait_for $p "#1 OrderMain RUNNING (recorded)" && wait_for $p "clock 2026-11-24 08:15:02.347 UTC" &&
    wait_for $p "event 1 of 21 · ExecutionStarted" &&
    # 2. B, c: to the error that ended it.
    keys $p B && keys $p c && wait_for $p "error: Warehouse.Rejected (event 19 TaskFailed)" &&
    wait_for $p "State I/O · Ship (wait for callback)" && wait_for $p "✗ Warehouse.Rejected: Carrier refused the parcel" &&
    # 3. The child that Ship started: its Lambda failed twice before it finished.
    keys $p : "focus #4" Enter && wait_for $p "Graph · #4" &&
    keys $p c && wait_for $p "error: Lambda.ServiceException (event 9 TaskFailed)" &&
    wait_for $p "✗ Lambda.ServiceException: Warehouse API unavailable" &&
    # 4. u steps back; goto 6 lands on Notify warehouse's entry; f forks there.
    keys $p u && wait_for $p "event 8 of 19 · TaskStarted" &&
    keys $p : "goto 6" Enter && wait_for $p "at event 6 · TaskStateEntered 'Notify warehouse'" &&
    keys $p f && wait_for $p "#1 OrderWorker (fork at Notify warehouse) RUNNING" && wait_for $p "clock 00:00:00.000" &&
    # 5. c: the recorded results answer the Lambda (two failures, retried, then success).
    keys $p c && wait_for $p "#1 OrderWorker (fork at Notify warehouse) SUCCEEDED" &&
    keys $p q && wait_for $p "(fork)" && wait_for $p "EXIT=0"
}

# The CursesBackend smoke test needs a terminal, so `swift test` skips it; run it in tmux here.
curses_smoke_test_on_a_terminal() {
  local tests=.build/debug/sfdbgPackageTests.xctest
  "${TMUX_CMD[@]}" new-session -d -s smoke -x 100 -y 30 \
    "cd '$PWD' && '$tests' --testing-library swift-testing --filter CursesSmokeTests; echo EXIT=\$?; sleep 60"
  wait_for smoke "EXIT=" 30 && screen smoke | grep -q "EXIT=0" && screen smoke | grep -q "drawsAFrameAndRestoresTheTerminal() passed"
}

# An unknown TERM: exit 2 with a message that says what to do (not ncurses' text and exit 1).
unknown_term_says_what_to_do() {
  start badterm 250 30 nosuchterm
  wait_for badterm "EXIT=" &&
    screen badterm | grep -qF "TERM='nosuchterm' is unknown" &&
    screen badterm | grep -qF "set TERM=xterm-256color" &&
    screen badterm | grep -q "EXIT=2"
}

# `debug --serve`: the TUI and the API on one session. A client's request is answered while the
# TUI waits for keys; with the API's operations, an execution a client starts appears in the
# Executions tree and a token a client sends leaves Pending.
serve_from_the_tui() {
  command -v aws >/dev/null 2>&1 || { echo "     (no aws CLI: skipped)"; return 0; }
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "${TMUX_CMD[@]}" new-session -d -s serve -x 100 -y 30 \
    "cd '$PWD' && TERM=xterm-256color '$SFDBG' ${DEMO_ARGS[*]} --serve $port; echo EXIT=\$?; sleep 60"
  wait_for serve "Log order" || return 1
  local sfn=(env AWS_ACCESS_KEY_ID=e2e AWS_SECRET_ACCESS_KEY=e2e AWS_DEFAULT_REGION=us-east-1
    aws --endpoint-url "http://127.0.0.1:$port" --cli-read-timeout 10 --cli-connect-timeout 5 stepfunctions)
  local answer
  answer=$("${sfn[@]}" list-state-machines 2>&1 || true)
  if echo "$answer" | grep -q UnknownOperationException; then
    echo "     (the session answers no operation yet: only the endpoint's reply from the TUI is checked)"
  else
    "${sfn[@]}" start-execution --state-machine-arn arn:aws:states:us-east-1:123456789012:stateMachine:OrderWorker \
      --name from-a-client --input '{"Job": "client"}' >/dev/null &&
      wait_for serve "OrderWorker" &&
      keys serve c && wait_for serve "Pending (1)" || return 1
    local token="" child input
    for child in $("${sfn[@]}" list-executions --state-machine-arn arn:aws:states:us-east-1:123456789012:stateMachine:OrderWorker \
      --query 'executions[].executionArn' --output text); do
      input=$("${sfn[@]}" get-execution-history --execution-arn "$child" \
        --query "events[?type=='ExecutionStarted'].executionStartedEventDetails.input" --output text)
      token=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1]).get("TaskToken",""))' "$input")
      [ -n "$token" ] && break
    done
    [ -n "$token" ] && "${sfn[@]}" send-task-success --task-token "$token" --task-output '{"Shipped": true}' &&
      gone serve "Pending (1)" || return 1
  fi
  keys serve q && sleep 0.3
  if screen serve | grep -q "Quit"; then keys serve y; fi
  wait_for serve "EXIT=0"
}

if [ -x .build/debug/sfdbgPackageTests.xctest ]; then
  check "CursesBackend smoke test on a real terminal" curses_smoke_test_on_a_terminal
fi
check "resolve the callback token with success through the keys" success_flow
check "resolve the callback token with a failure through the keys" failure_flow
check "invalid JSON is refused with line:column" invalid_json_is_refused
check "resize (100×30 → 80×24 → tiny → back) and the help overlay" resize_and_help
check "SIGTERM restores the terminal" signal_restores_the_terminal TERM 143
check "SIGINT restores the terminal" signal_restores_the_terminal INT 130
check "a terminal without colours still shows focus" no_colours_still_show_focus
check "a lesson's description, H and a in the key bar, keys ignored while too small, ctrl-c in the quit dialog" lesson_heartbeat_tiny_and_quit
check "the log pane shows command output whole (L toggles it)" log_pane_shows_command_output
check "the README walkthrough, key by key, shows what it says (and its saved script replays)" readme_walkthrough
check "an unknown TERM exits 2 saying to set TERM" unknown_term_says_what_to_do
check "the README post-mortem walkthrough: replay, debug --replay, breakpoints, a fork" post_mortem_walkthrough
check "debug --serve: clients' requests are served from the TUI's session" serve_from_the_tui

echo "e2e: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
