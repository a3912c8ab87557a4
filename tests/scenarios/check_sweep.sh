#!/usr/bin/env bash
# End-to-end checks of `metasim sweep` and `metasim merge` as a user runs them: the results file
# is the same at 1 and 2 threads and as two merged shards, a failed run's reproduce command
# reproduces it, and bad input exits 2 naming the JSON path.
# Usage: check_sweep.sh METASIM REPO_ROOT WORK_DIR
set -euo pipefail
metasim=$(realpath "$1")
root=$(realpath "$2")
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work"
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
expect_exit() {  # expect_exit CODE OUTPUT_FILE COMMAND...
  local code=$1 out=$2
  shift 2
  set +e
  "$@" >"$out" 2>&1
  local got=$?
  set -e
  [ "$got" -eq "$code" ] || { echo "  exit $got, expected $code"; cat "$out"; return 1; }
}

cat >scenario.json <<'JSON'
{ "name": "tiny_gossip", "seed": 1, "duration_s": 3,
  "network": { "nodes": 12, "topology": { "kind": "random_regular", "degree": 4 },
               "latency": { "distribution": "lognormal", "median_ms": 30, "jitter": 0.2 },
               "gossip": { "fanout": 0 } },
  "workload": { "broadcasts_per_s": 4, "broadcast_bytes": 128 },
  "expect": { "propagation": [ { "until_s": 2, "min_coverage": 1.0 } ] } }
JSON
# 4 points x 3 seeds; point 3's delay bound cannot hold, so its three runs fail.
mkdir -p sweeps
cat >sweeps/sweep.json <<'JSON'
{ "name": "tiny", "scenario": "../scenario.json", "seeds": { "first": 1, "count": 3 },
  "sampling": { "kind": "list", "points": [
    { "network.latency.median_ms": 10 },
    { "network.latency.median_ms": 60, "network.loss": 0.01 },
    { "network.topology": { "kind": "complete" } },
    { "expect.propagation.0.max_delay_p50_ms": 0.001 } ] } }
JSON

check "a sweep with failing runs exits 1 (1 thread)" expect_exit 1 t1.txt "$metasim" sweep sweeps/sweep.json --threads 1 --out t1.h5
check "a sweep with failing runs exits 1 (2 threads)" expect_exit 1 t2.txt "$metasim" sweep sweeps/sweep.json --threads 2 --out t2.h5 --progress
check "--progress draws done/total and an ETA on stderr" grep -q "runs 12/12 .*failed 3 .*ETA" t2.txt
check "shard 0/2 runs" expect_exit 1 s0.txt "$metasim" sweep sweeps/sweep.json --shard 0/2 --threads 2 --out s0.h5
check "shard 1/2 runs" expect_exit 1 s1.txt "$metasim" sweep sweeps/sweep.json --shard 1/2 --threads 1 --out s1.h5
check "merge of both shards exits 0" expect_exit 0 merge.txt "$metasim" merge merged.h5 s1.h5 s0.h5

check "1 thread, 2 threads and merged shards hold the same runs" /usr/bin/python3 - t1.h5 t2.h5 merged.h5 s0.h5 s1.h5 <<'PY'
import math, sys, h5py
t1, t2, merged, s0, s1 = (h5py.File(p, "r") for p in sys.argv[1:])
def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)
for f in (t1, t2, merged, s0, s1):
    assert text(f.attrs["kind"]) == "sweep"
    assert text(f.attrs["sweep_name"]) == "tiny"
    assert int(f.attrs["total_runs"]) == 12
    runs = f["runs"]
    n = int(f.attrs["runs_in_file"])
    for name in ("run_index", "point_index", "seed", "fingerprint", "verdict", "reproduce", "error"):
        assert len(runs[name]) == n, (f.filename, name)
    for group in ("params", "metrics"):
        for name in runs[group]:
            assert len(runs[group][name]) == n, (f.filename, group, name)
assert text(t1.attrs["shard"]) == "0/1" and text(merged.attrs["shard"]) == "merged"
assert text(s0.attrs["shard"]) == "0/2" and list(s0["runs/run_index"][:]) == [0, 2, 4, 6, 8, 10]
assert text(t1.attrs["sweep_json"]) == text(merged.attrs["sweep_json"])
assert list(t1["runs/run_index"][:]) == list(range(12))
assert list(t1["runs/seed"][:]) == [1, 2, 3] * 4
assert list(t1["runs/point_index"][:]) == [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]
assert t1["runs/fingerprint"].dtype.kind == "S" and len(set(t1["runs/fingerprint"][:])) == 12
assert [text(v) for v in t1["runs/verdict"][:]] == ["pass"] * 9 + ["fail"] * 3
assert t1["runs/metrics/events"].dtype == "float64" and (t1["runs/metrics/events"][:] > 0).all()
assert "delay_ms.p99" in t1["runs/metrics"] and "coverage" in t1["runs/metrics"]
loss = t1["runs/params/network.loss"][:]
assert loss.dtype == "float64" and math.isnan(loss[0]) and loss[3] == 0.01
assert t1["runs/params/network.topology"].dtype.kind == "S"
for other in (t2, merged):
    for name in ("run_index", "point_index", "seed", "fingerprint", "verdict", "error"):
        assert list(t1["runs"][name][:]) == list(other["runs"][name][:]), (other.filename, name)
    for group in ("params", "metrics"):
        assert sorted(t1["runs"][group]) == sorted(other["runs"][group]), (other.filename, group)
        for name in t1["runs"][group]:
            a, b = t1["runs"][group][name][:], other["runs"][group][name][:]
            same = [x == y or (isinstance(x, float) and math.isnan(x) and math.isnan(y)) for x, y in zip(a, b)]
            assert all(same), (other.filename, group, name)
PY

# The reproduce command of a failed run must rerun exactly that run and fail the same way.
reproduce=$(/usr/bin/python3 -c 'import h5py,sys; print(h5py.File(sys.argv[1])["runs/reproduce"][10].decode())' t1.h5)
fingerprint=$(/usr/bin/python3 -c 'import h5py,sys; print(h5py.File(sys.argv[1])["runs/fingerprint"][10].decode())' t1.h5)
check "a failed run records its reproduce command" [ "$reproduce" = "$metasim run t1.failed/run-10.json --seed 2" ]
check "  ... and the run's scenario next to the output" [ -f t1.failed/run-10.json ]
check "  ... which fails again (exit 1), run as printed" expect_exit 1 reproduce.txt $reproduce --out rerun
check "  ... on the same expectation" grep -q "FAIL expect.propagation\[0\].max_delay_p50_ms" reproduce.txt
check "  ... with the same fingerprint" grep -q "fingerprint $fingerprint" reproduce.txt
check "passing runs record no reproduce command" [ ! -e t1.failed/run-0.json ]

cat >sweeps/pass.json <<'JSON'
{ "name": "pass", "scenario": "../scenario.json", "seeds": [4, 9],
  "sampling": { "kind": "latin_hypercube", "samples": 3, "seed": 7,
    "parameters": [ { "path": "network.latency.median_ms", "min": 5, "max": 50 },
                    { "path": "network.topology.degree", "min": 3, "max": 5, "integer": true } ] } }
JSON
check "a sweep whose runs all pass exits 0" expect_exit 0 pass.txt "$metasim" sweep sweeps/pass.json --out pass.h5

check "merge refuses a missing shard (exit 2)" expect_exit 2 gap.txt "$metasim" merge gap.h5 s0.h5
check "  ... naming the missing runs" grep -q "6 of the sweep's 12 runs are missing (run_index 1, 3, 5" gap.txt
check "merge --partial accepts it" expect_exit 0 partial.txt "$metasim" merge partial.h5 s0.h5 --partial
check "merge refuses a run twice (exit 2)" expect_exit 2 twice.txt "$metasim" merge twice.h5 s0.h5 t1.h5
check "  ... naming the run" grep -q "run_index 0 appears twice" twice.txt
check "merge refuses shards of another sweep (exit 2)" expect_exit 2 other.txt "$metasim" merge other.h5 s0.h5 pass.h5
check "merge refuses to overwrite a shard given as the output" expect_exit 2 overwrite.txt "$metasim" merge s0.h5 s1.h5 --partial
check "  ... and leaves it intact" /usr/bin/python3 -c 'import h5py,sys; assert len(h5py.File(sys.argv[1])["runs/run_index"]) == 6' s0.h5

bad() {  # bad NAME JSON EXPECTED_MESSAGE
  printf '%s\n' "$2" >"sweeps/$1.json"
  check "bad sweep $1 exits 2" expect_exit 2 "$1.txt" "$metasim" sweep "sweeps/$1.json" --out "$1.h5"
  check "  ... and says: $3" grep -qF "$3" "$1.txt"
  check "  ... without writing results" [ ! -e "$1.h5" ]
}
bad unknown_key '{ "name": "x", "scenario": "../scenario.json", "sampling": { "kind": "grid", "parameters": [ { "path": "network.loss", "values": [0.1], "step": 1 } ] } }' \
  "sampling.parameters[0].step: unknown key"
bad bad_value '{ "name": "x", "scenario": "../scenario.json", "sampling": { "kind": "grid", "parameters": [ { "path": "network.loss", "values": [0.1, "high"] } ] } }' \
  'point 1 (sampling (grid)) {"network.loss":"high"}: network.loss: expected number'
bad bad_path '{ "name": "x", "scenario": "../scenario.json", "sampling": { "kind": "list", "points": [ { "network.loss": 0.1 }, { "network.lossy": 0.1 } ] } }' \
  "point 1 (sampling.points[1]) {\"network.lossy\":0.1}: network.lossy: unknown key"
bad bad_index '{ "name": "x", "scenario": "../scenario.json", "sampling": { "kind": "list", "points": [ { "expect.propagation.4.until_s": 1 } ] } }' \
  "expect.propagation.4.until_s: index 4 out of range (expect.propagation has 1 entries)"
bad bad_seeds '{ "name": "x", "scenario": "../scenario.json", "seeds": { "first": 1 }, "sampling": { "kind": "list", "points": [ {} ] } }' \
  "seeds.count: required"
bad missing_scenario '{ "name": "x", "scenario": "nope.json", "sampling": { "kind": "list", "points": [ {} ] } }' \
  "scenario: cannot read"
for sweep in "$root"/scenarios/sweeps/*.json; do
  name=$(basename "$sweep" .json)
  check "shipped sweep $name validates against docs/sweep.schema.json" /usr/bin/python3 -c '
import json, sys
from jsonschema import Draft202012Validator
Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))' \
    "$root/docs/sweep.schema.json" "$sweep"
  # A shard past the last run runs nothing, but every point is still loaded and checked.
  check "  ... and every point of it loads" expect_exit 0 "shipped_$name.txt" "$metasim" sweep "$sweep" --shard 999999/1000000 --out "shipped_$name.h5"
done
check "an unknown option exits 2" expect_exit 2 usage.txt "$metasim" sweep sweeps/pass.json --bogus
check "a bad shard exits 2" expect_exit 2 shard.txt "$metasim" sweep sweeps/pass.json --shard 2/2

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
