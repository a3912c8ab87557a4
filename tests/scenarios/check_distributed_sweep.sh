#!/usr/bin/env bash
# End-to-end checks of a sweep run beyond one process, as docs/sweeps.md shows it: under Open MPI
# (mpirun -n 2), resumed after a rank or the whole sweep was killed, sharded by each launcher's
# environment (--shard auto), and as a Slurm array with its merge job (--emit-slurm, run here by
# hand with a stand-in sbatch). Every way must give the table a one-process sweep writes,
# fingerprint for fingerprint.
# Usage: check_distributed_sweep.sh METASIM REPO_ROOT WORK_DIR
set -euo pipefail
metasim=$(realpath "$1")
root=$(realpath "$2")
work=$3
same_table="$root/tests/scenarios/same_sweep_table.py"
rm -rf "$work"
mkdir -p "$work"
cd "$work"
# mpirun refuses root unless told; CI containers run as root.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# In the sanitized tree, ranks under mpirun run without leak detection: Open MPI keeps state until
# exit in plugins it unloads first, so LeakSanitizer sees allocations from an "<unknown module>"
# that no suppression can name. metasim's own allocations on these paths are leak-checked by the
# one-process sweeps below and by the sweep tests.
rank_asan_options="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
# Without a launcher's variables, whatever environment ctest itself runs in.
launcher_vars=(OMPI_COMM_WORLD_RANK OMPI_COMM_WORLD_SIZE OMPI_COMM_WORLD_LOCAL_SIZE PMI_RANK PMI_SIZE
  SLURM_ARRAY_TASK_ID SLURM_ARRAY_TASK_MIN SLURM_ARRAY_TASK_MAX SLURM_ARRAY_TASK_COUNT
  SLURM_ARRAY_TASK_STEP SLURM_PROCID SLURM_NTASKS JOB_COMPLETION_INDEX METASIM_SHARD_COUNT)
for v in "${launcher_vars[@]}"; do unset "$v"; done
mpirun=(mpirun -n 2 --oversubscribe --allow-run-as-root -x ASAN_OPTIONS="$rank_asan_options")
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
runs_in() {  # runs_in JOURNAL_DIR: finished runs recorded (every line but each file's header)
  local n=0 f
  for f in "$1"/*.jsonl; do
    [ -e "$f" ] && n=$((n + $(wc -l <"$f") - 1))
  done
  echo "$n"
}
# kill_after_runs N JOURNAL_DIR PID_OF_WAIT: once N runs are recorded, SIGKILL the process that
# writes the first journal file (an MPI rank, or the one process), then wait for PID_OF_WAIT.
kill_after_runs() {
  local want=$1 dir=$2 wait_pid=$3
  for _ in $(seq 1 600); do
    [ "$(runs_in "$dir")" -ge "$want" ] && break
    sleep 0.05
  done
  local first
  first=$(ls "$dir"/*.jsonl 2>/dev/null | head -1 || true)
  local pid=${first##*-}
  # If the sweep already ended, the checks that follow say so.
  kill -9 "${pid%.jsonl}" 2>/dev/null || true
  wait "$wait_pid" 2>/dev/null || true
}

# 16 runs of a 400-node gossip network, a few tenths of a second each: long enough to kill a
# sweep in the middle. Point 3's delay bound cannot hold, so its four runs fail (and are kept by
# --resume: a failed expectation is a result).
cat >scenario.json <<'JSON'
{ "name": "gossip", "seed": 1, "duration_s": 20,
  "network": { "nodes": 400, "topology": { "kind": "random_regular", "degree": 4 },
               "latency": { "distribution": "lognormal", "median_ms": 30, "jitter": 0.2 },
               "gossip": { "fanout": 0 } },
  "workload": { "broadcasts_per_s": 4, "broadcast_bytes": 128 },
  "expect": { "propagation": [ { "until_s": 15, "min_coverage": 1.0 } ] } }
JSON
cat >sweep.json <<'JSON'
{ "name": "dist", "scenario": "scenario.json", "seeds": { "first": 1, "count": 4 },
  "sampling": { "kind": "list", "points": [
    { "network.latency.median_ms": 10 },
    { "network.latency.median_ms": 60, "network.loss": 0.01 },
    { "network.topology.degree": 6 },
    { "expect.propagation.0.max_delay_p50_ms": 0.001 } ] } }
JSON

check "one process: the reference table (exit 1: four runs fail)" expect_exit 1 one.txt "$metasim" sweep sweep.json --threads 2 --out one.h5

# MPI: two ranks share the runs and rank 0 writes the table.
check "mpirun -n 2 sweeps (exit 1 from rank 0's verdict)" expect_exit 1 mpi.txt "${mpirun[@]}" "$metasim" sweep sweep.json --out mpi.h5
check "  ... on 2 MPI ranks" grep -q "shard 0/1: 16 runs on 2 MPI ranks" mpi.txt
check "  ... each rank ran runs and journaled them" bash -c '[ "$(ls mpi.journal/*.jsonl | wc -l)" -eq 2 ] && for f in mpi.journal/*.jsonl; do [ "$(wc -l <"$f")" -ge 2 ] || exit 1; done'
check "  ... and the table is the one-process table" "$same_table" one.h5 mpi.h5

# A rank killed mid-sweep takes the MPI job down; --resume reruns only what is missing.
"${mpirun[@]}" "$metasim" sweep sweep.json --out killed.h5 >killed.txt 2>&1 &
kill_after_runs 3 killed.journal $!
done_before=$(runs_in killed.journal)
check "a killed rank ends the sweep before its table is written" [ ! -e killed.h5 ]
check "  ... with some runs (here $done_before) recorded but not all" test "$done_before" -ge 3 -a "$done_before" -lt 16
check "mpirun --resume finishes it" expect_exit 1 resumed.txt "${mpirun[@]}" "$metasim" sweep sweep.json --out killed.h5 --resume
check "  ... running only the missing runs" grep -qE "resume: [0-9]+ of them recorded in killed.journal, [0-9]+ to run" resumed.txt
check "  ... and the table is the one-process table" "$same_table" one.h5 killed.h5

# The same with one process killed half-way and resumed without MPI.
"$metasim" sweep sweep.json --threads 1 --out solo.h5 >solo.txt 2>&1 &
kill_after_runs 4 solo.journal $!
check "a killed one-process sweep writes no table" [ ! -e solo.h5 ]
check "--resume finishes it" expect_exit 1 solo_resumed.txt "$metasim" sweep sweep.json --threads 2 --out solo.h5 --resume
check "  ... and the table is the one-process table, reproduce commands included" "$same_table" one.h5 solo.h5
check "  ... with the failed runs' scenarios" [ -f solo.failed/run-15.json ]

# What --resume reruns: a run recorded as "error" (could not run), a run whose line was cut off by
# the kill; not a run that failed an expectation.
cp -r one.journal edited.journal
cp one.h5 edited.h5
/usr/bin/python3 - edited.journal <<'PY'
import glob, json, sys
files = sorted(glob.glob(sys.argv[1] + "/*.jsonl"))
lines = open(files[0]).read().splitlines()
header, runs = lines[0], lines[1:]
errored = json.loads(runs[0])
errored.update(verdict="error", fingerprint="", error="std::bad_alloc", metrics={})
runs[0] = json.dumps(errored)
runs[-1] = runs[-1][: len(runs[-1]) // 2]  # cut off mid-line, as a kill leaves it
open(files[0], "w").write("\n".join([header] + runs))
PY
check "--resume reruns the error run and the cut-off one, keeps the failed ones" expect_exit 1 edited.txt "$metasim" sweep sweep.json --out edited.h5 --resume
check "  ... 2 to run" grep -q "resume: 14 of them recorded in edited.journal, 2 to run (1 cut-off journal lines skipped)" edited.txt
check "  ... and the table is the one-process table" "$same_table" one.h5 edited.h5
check "--resume of a finished sweep runs nothing" expect_exit 1 again.txt "$metasim" sweep sweep.json --out one.h5 --resume
check "  ... 0 to run" grep -q "resume: 16 of them recorded in one.journal, 0 to run" again.txt
sed 's/"count": 4/"count": 3/' sweep.json >changed.json
check "--resume refuses the journal of another sweep (exit 2)" expect_exit 2 changed.txt "$metasim" sweep changed.json --out one.h5 --resume
check "  ... saying why" grep -q "belongs to another sweep" changed.txt

# --shard auto: each launcher's variables pick the shard; the sweep file is the small one below.
cat >small.json <<'JSON'
{ "name": "small", "scenario": "scenario.json", "seeds": [ 1, 2 ],
  "sampling": { "kind": "list", "points": [
    { "network.nodes": 30, "duration_s": 2, "expect.propagation.0.until_s": 1 },
    { "network.nodes": 40, "duration_s": 2, "expect.propagation.0.until_s": 1 } ] } }
JSON
auto_shard() {  # auto_shard EXPECTED_SHARD SOURCE_TEXT VAR=VALUE...
  local want=$1 source=$2
  shift 2
  local out="auto_${want/\//of}_$RANDOM"
  expect_exit 0 "$out.txt" env "$@" "$metasim" sweep small.json --shard auto --out "$out.h5" &&
    grep -qF "shard $want ($source" "$out.txt" &&
    /usr/bin/python3 -c 'import h5py,sys; assert h5py.File(sys.argv[1]).attrs["shard"].decode() == sys.argv[2]' "$out.h5" "$want"
}
check "--shard auto under Open MPI" auto_shard 1/2 "Open MPI" OMPI_COMM_WORLD_RANK=1 OMPI_COMM_WORLD_SIZE=2
check "--shard auto under MPICH (PMI)" auto_shard 2/3 "MPICH/PMI" PMI_RANK=2 PMI_SIZE=3
check "--shard auto in a Slurm array" auto_shard 1/4 "Slurm array" SLURM_ARRAY_TASK_ID=5 \
  SLURM_ARRAY_TASK_MIN=4 SLURM_ARRAY_TASK_MAX=7 SLURM_ARRAY_TASK_COUNT=4 SLURM_PROCID=0 SLURM_NTASKS=1
check "--shard auto in Slurm tasks (srun)" auto_shard 3/4 "Slurm" SLURM_PROCID=3 SLURM_NTASKS=4
check "--shard auto in a Kubernetes indexed job" auto_shard 2/3 "Kubernetes indexed job" JOB_COMPLETION_INDEX=2 METASIM_SHARD_COUNT=3
check "--shard auto without a launcher exits 2" expect_exit 2 auto_none.txt "$metasim" sweep small.json --shard auto
check "  ... naming what it looked for" grep -q "no launcher index in the environment; looked for OMPI_COMM_WORLD_RANK" auto_none.txt
check "--shard auto in a Kubernetes job without METASIM_SHARD_COUNT exits 2" expect_exit 2 auto_k8s.txt env JOB_COMPLETION_INDEX=1 "$metasim" sweep small.json --shard auto
check "  ... naming the missing variable" grep -q "JOB_COMPLETION_INDEX is set, but METASIM_SHARD_COUNT is not" auto_k8s.txt
check "--shard auto in a sparse Slurm array exits 2" expect_exit 2 auto_sparse.txt env SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_MIN=3 SLURM_ARRAY_TASK_MAX=3 SLURM_ARRAY_TASK_COUNT=1 SLURM_ARRAY_TASK_STEP=2 "$metasim" sweep small.json --shard auto
check "  ... saying so" grep -q "the Slurm array is not contiguous" auto_sparse.txt
mkdir -p auto_mpi
check "mpirun -n 2 with --shard auto: one shard per rank, no MPI calls" \
  bash -c 'cd auto_mpi && "$@" >run.txt 2>&1; [ -f out/small-shard0of2.h5 ] && [ -f out/small-shard1of2.h5 ]' \
  _ "${mpirun[@]}" "$metasim" sweep ../small.json --shard auto

# --emit-slurm: the array job, its merge job and the submit script, on the small sweep.
check "one process: the small sweep's reference table" expect_exit 0 small_one.txt "$metasim" sweep small.json --out small_one.h5
check "--emit-slurm writes the scripts (exit 0)" expect_exit 0 emit.txt "$metasim" sweep small.json --emit-slurm --tasks 3 --threads 2 --out slurm/dist.h5
check "  ... and prints their paths" grep -q "submit     $work/slurm/dist.slurm/submit.sh" emit.txt
for script in array.sbatch merge.sbatch submit.sh; do
  check "  ... $script is valid bash" bash -n "slurm/dist.slurm/$script"
done
check "  ... an array of 3 tasks, 2 CPUs each" grep -q -- "^#SBATCH --array=0-2$" slurm/dist.slurm/array.sbatch
check "  ... 2 CPUs each" grep -q -- "^#SBATCH --cpus-per-task=2$" slurm/dist.slurm/array.sbatch
check "  ... the merge depends on the array's success" grep -q -- '--dependency=afterok:"$array_job"' slurm/dist.slurm/submit.sh
# A stand-in sbatch records what it was asked to submit.
mkdir -p bin
cat >bin/sbatch <<'SH'
#!/bin/bash
echo "$*" >>"$SBATCH_LOG"
echo $((4100 + $(wc -l <"$SBATCH_LOG")))
SH
chmod +x bin/sbatch
check "submit.sh submits the array, then the merge with afterok on the array's id" bash -c \
  'SBATCH_LOG=$PWD/sbatch.log PATH=$PWD/bin:$PATH slurm/dist.slurm/submit.sh >submit.txt &&
   grep -qx -- "--parsable $PWD/slurm/dist.slurm/array.sbatch" sbatch.log &&
   grep -qx -- "--parsable --dependency=afterok:4101 $PWD/slurm/dist.slurm/merge.sbatch" sbatch.log'
check "the array's tasks run as Slurm would run them" bash -c \
  'for i in 0 1 2; do SLURM_ARRAY_TASK_ID=$i SLURM_CPUS_PER_TASK=1 bash slurm/dist.slurm/array.sbatch >task$i.txt 2>&1 || exit 1; done'
check "the merge job merges them" expect_exit 0 merge_job.txt bash slurm/dist.slurm/merge.sbatch
check "  ... into the one-process table" "$same_table" small_one.h5 slurm/dist.h5 --merged

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
