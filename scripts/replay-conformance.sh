#!/usr/bin/env bash
# Post-mortem replay on the 264 conformance histories, converted to the aws CLI's form
# (scripts/replay-conformance.py): floors for "replayed with the recorded status and output" and
# for "reproduced by a local run". Uses .build/release/sfdbg (scripts/test builds it first).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .build/release/sfdbg ] || swift build -c release --product sfdbg
[ -d ../shared/conformance/cases ] || { echo "replay-conformance: ../shared/conformance/cases is missing" >&2; exit 1; }
# 262: the two histories the recorder lost events of (ids [0], no ParallelStateSucceeded) are
# refused as truncated, with the place. 256 reproduce: the re-run takes the recorded execution's
# context and clock and the recording's Map Run event chaining, and recorded texts the recorder
# masked (<ArnPart_0idx>, <uuid:1>, …) accept any text there. The 6 others differ first at a
# whole value the recorder replaced with a word ("date", "start-time", "RandomNumberGenerated",
# "generated-uuid"), which a local run cannot tell from a real value.
exec python3 scripts/replay-conformance.py --sfdbg .build/release/sfdbg --floor-replayed 262 --floor-reproduced "${REPLAY_REPRODUCED_FLOOR:-256}" "$@"
