#!/usr/bin/env bash
# A failing run reports the broken invariant, when, where and how to reproduce it; the reproduce
# command reproduces the same failure bit for bit. Usage: check_failure_report.sh METASIM REPO WORK
set -euo pipefail
metasim=$1
root=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
# The >1/3 attack, but with the expectation that safety holds: the run must fail.
sed 's/"safety": false/"safety": true/' "$root/scenarios/byzantine/safety_break_over_third.json" >"$work/attack.json"
set +e
"$metasim" run "$work/attack.json" --out "$work/first" >"$work/first.txt" 2>&1
code=$?
set -e
cat "$work/first.txt"
[ "$code" -eq 1 ] || { echo "FAILED: expected exit 1, got $code"; exit 1; }
grep -q "FAIL expect.safety" "$work/first.txt" || { echo "FAILED: no failed safety verdict"; exit 1; }
violation=$(grep "VIOLATION agreement at" "$work/first.txt") || { echo "FAILED: no violation line"; exit 1; }
command=$(sed -n 's/^  reproduce: //p' "$work/first.txt")
[ -n "$command" ] || { echo "FAILED: no reproduce command"; exit 1; }
[ -s "$work/first/events.log" ] || { echo "FAILED: no events.log"; exit 1; }
# Run exactly the printed command: it names this build's binary as it was invoked.
[ "${command%% *}" = "$metasim" ] || { echo "FAILED: the command names ${command%% *}, not $metasim"; exit 1; }
set +e
eval "$command --out \"$work/second\"" >"$work/second.txt" 2>&1
code=$?
set -e
[ "$code" -eq 1 ] || { echo "FAILED: the reproduce command exited $code"; exit 1; }
grep -qF "$violation" "$work/second.txt" || { echo "FAILED: the reproduce command did not reproduce: $violation"; exit 1; }
first=$(grep fingerprint "$work/first.txt")
second=$(grep fingerprint "$work/second.txt")
[ "$first" = "$second" ] || { echo "FAILED: fingerprints differ"; exit 1; }
cmp -s "$work/first/events.log" "$work/second/events.log" || { echo "FAILED: event logs differ"; exit 1; }
# Shrinking keeps the failure and makes the scenario smaller.
"$metasim" shrink "$work/attack.json" --seed 1 --out "$work/min.json" >"$work/shrink.txt" 2>&1 ||
  { cat "$work/shrink.txt"; echo "FAILED: shrink exited non-zero"; exit 1; }
cat "$work/shrink.txt"
set +e
"$metasim" run "$work/min.json" --seed 1 --out "$work/min" >"$work/min.txt" 2>&1
code=$?
set -e
[ "$code" -eq 1 ] || { echo "FAILED: the shrunk scenario exited $code"; exit 1; }
grep -q "FAIL expect.safety" "$work/min.txt" || { echo "FAILED: the shrunk scenario fails differently"; exit 1; }
/usr/bin/python3 - "$work/attack.json" "$work/min.json" <<'PY' || { echo "FAILED: nothing was shrunk"; exit 1; }
import json, sys
a, m = (json.load(open(p)) for p in sys.argv[1:3])
smaller = (m["network"]["nodes"] < a["network"]["nodes"] or m["duration_s"] < a["duration_s"]
           or len(m.get("faults", [])) < len(a.get("faults", []))
           or len(m.get("adversaries", [])) < len(a.get("adversaries", [])))
sys.exit(0 if smaller else 1)
PY
echo "6 passed, 0 failed"
