#!/usr/bin/env bash
# End-to-end checks of metasim as a user runs it. Usage: check_cli.sh METASIM REPO_ROOT WORK_DIR
set -euo pipefail
metasim=$1
root=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
scenario=$root/scenarios/network/gossip_partition_heal.json
passed=0
failed=0
check() {  # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok: $what"
  else
    failed=$((failed + 1))
    echo "FAILED: $what"
  fi
}
fingerprint() { /usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["fingerprint"])' "$1/summary.json"; }
expect_exit() {  # expect_exit CODE OUTPUT_FILE COMMAND...
  local code=$1 out=$2
  shift 2
  set +e
  "$@" >"$out" 2>&1
  local got=$?
  set -e
  [ "$got" -eq "$code" ] || { echo "  exit $got, expected $code"; cat "$out"; return 1; }
}

"$metasim" run "$scenario" --out "$work/a" >/dev/null
"$metasim" run "$scenario" --out "$work/b" >/dev/null
"$metasim" run "$scenario" --seed 99 --out "$work/c" >/dev/null
"$metasim" run "$scenario" --trace --out "$work/traced" >/dev/null
# --progress reads the wall clock to draw its line; it must not reach the run.
"$metasim" run "$scenario" --progress --out "$work/progress" >/dev/null 2>"$work/progress.err"
check "--progress draws its line" [ -s "$work/progress.err" ]
check "--progress does not change the fingerprint" [ "$(fingerprint "$work/a")" = "$(fingerprint "$work/progress")" ]
check "--trace does not change the fingerprint" [ "$(fingerprint "$work/a")" = "$(fingerprint "$work/traced")" ]
check "--trace writes one line per processed event" [ "$(wc -l <"$work/traced/trace.log")" -eq "$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["events"])' "$work/traced/summary.json")" ]
check "--trace names fault actions" grep -q '  action   fault: partition' "$work/traced/trace.log"
check "--trace names workload actions" grep -q '  action   workload: broadcast' "$work/traced/trace.log"
"$metasim" run "$root/scenarios/byzantine/leader_crash_restart.json" --trace --out "$work/traced_chain" >/dev/null || true
check "--trace names the crash and the restart" grep -q '  action   fault: crash v' "$work/traced_chain/trace.log"
check "--trace names consensus timers" grep -q '  timer    v[0-9]*  propose$' "$work/traced_chain/trace.log"
check "--trace shows no bare timer tags" bash -c "! grep -q 'tag 0x' '$work/traced_chain/trace.log'"
check "same seed gives the same fingerprint" [ "$(fingerprint "$work/a")" = "$(fingerprint "$work/b")" ]
check "same seed gives byte-identical summary.json" cmp -s "$work/a/summary.json" "$work/b/summary.json"
check "another seed gives another fingerprint" [ "$(fingerprint "$work/a")" != "$(fingerprint "$work/c")" ]
check "replay confirms a recorded run" expect_exit 0 "$work/replay.txt" "$metasim" replay "$work/a"
check "replay of --seed run confirms it" expect_exit 0 "$work/replay_c.txt" "$metasim" replay "$work/c"
sed -i 's/"fingerprint": "\(.\)/"fingerprint": "0\1/' "$work/b/summary.json"
check "replay detects a fingerprint that does not match" expect_exit 1 "$work/mismatch.txt" "$metasim" replay "$work/b"

check "run.h5 opens with h5py and holds the run" /usr/bin/python3 - "$work/a/run.h5" "$(fingerprint "$work/a")" <<'PY'
import sys, h5py
f = h5py.File(sys.argv[1], "r")
assert f.attrs["fingerprint"] == sys.argv[2] or f.attrs["fingerprint"].decode() == sys.argv[2]
n = int(f.attrs["nodes"])
assert len(f["nodes/id"]) == n == 300, n
b = len(f["broadcasts/origin"])
assert b > 50 and len(f["broadcasts/origin_time_ns"]) == b
assert len(f["deliveries/delay_ns"]) == len(f["deliveries/node"]) > 0
assert (f["deliveries/delay_ns"][:] > 0).all()
assert len(f["timeline/second"]) == 60
PY

cat >"$work/wrong_type.json" <<'JSON'
{ "name": "x", "duration_s": 10, "network": { "nodes": 4, "latency": { "median_ms": "fast" } } }
JSON
check "a wrong type exits 2" expect_exit 2 "$work/wrong_type.txt" "$metasim" run "$work/wrong_type.json"
check "  ... and names the JSON path" grep -q "network.latency.median_ms: expected number" "$work/wrong_type.txt"
cat >"$work/unknown_key.json" <<'JSON'
{ "name": "x", "duration_s": 10, "network": { "nodes": 4, "topolgy": { "kind": "complete" } } }
JSON
check "an unknown key exits 2" expect_exit 2 "$work/unknown_key.txt" "$metasim" run "$work/unknown_key.json"
check "  ... and names the JSON path" grep -q "network.topolgy: unknown key" "$work/unknown_key.txt"
check "  ... and suggests the nearest valid key" grep -q 'did you mean "topology"' "$work/unknown_key.txt"
sweep_file=$root/scenarios/sweeps/censorship_share.json
check "validate accepts a sweep file" expect_exit 0 "$work/validate_sweep.txt" "$metasim" validate "$sweep_file" "$scenario"
check "  ... and says which kind each file is" grep -q "(sweep)" "$work/validate_sweep.txt"
check "run of a sweep file exits 2" expect_exit 2 "$work/run_sweep.txt" "$metasim" run "$sweep_file"
check "  ... and says it is a sweep file" grep -q "this is a sweep file" "$work/run_sweep.txt"
check "sweep of a scenario file exits 2" expect_exit 2 "$work/sweep_scenario.txt" "$metasim" sweep "$scenario"
check "  ... and says it is a scenario file" grep -q "this is a scenario file" "$work/sweep_scenario.txt"
check "validate accepts every shipped scenario" expect_exit 0 "$work/validate.txt" "$metasim" validate "$root"/scenarios/network/*.json
check "validate rejects a bad file with exit 2" expect_exit 2 "$work/validate_bad.txt" "$metasim" validate "$work/unknown_key.json"
check "an unknown option exits 2" expect_exit 2 "$work/usage.txt" "$metasim" run "$scenario" --bogus
check "a missing file exits 2" expect_exit 2 "$work/missing.txt" "$metasim" run "$work/nope.json"

cat >"$work/failing.json" <<'JSON'
{ "name": "failing", "duration_s": 5, "network": { "nodes": 20 },
  "workload": { "broadcasts_per_s": 4 },
  "expect": { "propagation": [ { "max_delay_p50_ms": 0.001 } ] } }
JSON
check "a failed expectation exits 1" expect_exit 1 "$work/failing.txt" "$metasim" run "$work/failing.json" --seed 5 --out "$work/failing"
check "  ... and prints the reproduce command" grep -qF "reproduce: $metasim run $work/failing.json --seed 5" "$work/failing.txt"

# metasim check: a pass rate over seeds, each failing seed with a reproduce command that does.
check "check of a passing scenario exits 0" expect_exit 0 "$work/check_pass.txt" "$metasim" check "$scenario" --seeds 1..3
check "  ... and prints its pass rate" grep -q "3/3 seeds passed (100.0 %)" "$work/check_pass.txt"
check "check of a failing scenario exits 1" expect_exit 1 "$work/check_fail.txt" "$metasim" check "$work/failing.json" "$scenario" --seeds 2..4 --threads 2
check "  ... and names each failing seed's expectation" grep -q "seed 3: expect.propagation\[0\].max_delay_p50_ms" "$work/check_fail.txt"
check "  ... while the passing scenario beside it passes" grep -q "PASS $scenario: 3/3" "$work/check_fail.txt"
check "  ... and its reproduce command, run as printed, reproduces the failure" expect_exit 1 "$work/check_repro.txt" $(grep -m1 "failing.json --seed 3" "$work/check_fail.txt" | sed "s/^ *reproduce: //")
"$metasim" check "$work/failing.json" "$scenario" --seeds 2..4 --threads 1 >"$work/check_fail_1.txt" 2>&1 || true
check "  ... and the verdicts are the same on one thread" diff <(grep -v "s wall" "$work/check_fail.txt" | sed "s/on 2 threads/on N threads/") <(grep -v "s wall" "$work/check_fail_1.txt" | sed "s/on 1 threads/on N threads/")
check "check with a backwards seed range exits 2" expect_exit 2 "$work/check_bad.txt" "$metasim" check "$scenario" --seeds 5..1
check "check without --seeds exits 2" expect_exit 2 "$work/check_noseeds.txt" "$metasim" check "$scenario"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
