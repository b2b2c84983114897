#!/usr/bin/env bash
# JSONata speed: times Benchmarks/jsonata/expressions.json on 10,000 generated objects with
# sfdbg's evaluator (`sfdbg-bench --only jsonata`, release build) and with jsonata-python (the
# pure Python port on PyPI) in the same run, and prints both. Usage: scripts/jsonata-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c 'import jsonata' 2>/dev/null; then
  python3 -m pip install --quiet jsonata-python 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages jsonata-python
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  swift build -c release --product sfdbg-bench >&2
fi
swift_json="$(mktemp)"
trap 'rm -f "$swift_json"' EXIT
.build/release/sfdbg-bench --only jsonata --json > "$swift_json"
python3 - "$swift_json" Benchmarks/jsonata/expressions.json <<'PY'
import json, sys, time
import jsonata

# sfdbg-bench --json prints one object per line: {"workload": NAME, "seconds": S, ...}
report = {r["workload"]: r for r in map(json.loads, open(sys.argv[1])) if "workload" in r}
expressions = json.load(open(sys.argv[2]))
items = [{"id": i, "name": f"item-{i}", "price": (i * 7919) % 1000, "tags": ["a", f"t{i % 10}"]}
         for i in range(10000)]
data = {"items": items}
print(f"{'expression':<22} {'sfdbg s':>10} {'jsonata-python s':>17} {'ratio':>7}")
for name, text in expressions.items():
    expr = jsonata.Jsonata(text)
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        expr.evaluate(data)
        best = min(best, time.perf_counter() - t0)
    ours = report.get(f"jsonata-{name}")
    seconds = ours.get("seconds") if ours else None
    ratio = f"{best / seconds:6.1f}x" if seconds else "   n/a"
    shown = f"{seconds:10.4f}" if seconds is not None else "       n/a"
    print(f"{name:<22} {shown} {best:17.4f} {ratio}")
PY
