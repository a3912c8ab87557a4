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
# Run exactly the printed command (with this build's binary for "metasim").
set +e
eval "\"$metasim\" ${command#metasim } --out \"$work/second\"" >"$work/second.txt" 2>&1
code=$?
set -e
[ "$code" -eq 1 ] || { echo "FAILED: the reproduce command exited $code"; exit 1; }
grep -qF "$violation" "$work/second.txt" || { echo "FAILED: the reproduce command did not reproduce: $violation"; exit 1; }
first=$(grep fingerprint "$work/first.txt")
second=$(grep fingerprint "$work/second.txt")
[ "$first" = "$second" ] || { echo "FAILED: fingerprints differ"; exit 1; }
cmp -s "$work/first/events.log" "$work/second/events.log" || { echo "FAILED: event logs differ"; exit 1; }
echo "4 passed, 0 failed"
