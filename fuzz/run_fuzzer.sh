#!/usr/bin/env bash
# Runs one fuzzer of a sanitized tree for SECONDS over its corpus: usage
#   fuzz/run_fuzzer.sh BUILD_DIR NAME SECONDS
# The one way a fuzzer is run, by ctest (label "fuzz", a few seconds each) and by scripts/fuzz.sh
# (long runs). It starts from the checked-in seeds (fuzz/corpus/NAME/) and adds what it finds to
# BUILD_DIR/corpus/NAME/, so runs build on each other without touching the repository. A crash,
# sanitizer report or broken property (MN_FUZZ_CHECK) stops it with a non-zero exit and leaves
# the input in BUILD_DIR/artifacts/NAME-*.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 BUILD_DIR NAME SECONDS" >&2; exit 2; }
build_dir=$1 name=$2 seconds=$3
seeds="$(cd "$(dirname "$0")" && pwd)/corpus/$name"
mkdir -p "$build_dir/corpus/$name" "$build_dir/artifacts" "$seeds"
# -rss_limit_mb bounds what one input may make a decoder allocate; -timeout flags any input that
# takes over 10 s (a decoder must stay linear in its input).
exec "$build_dir/fuzz/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$build_dir/artifacts/$name-" \
  "$build_dir/corpus/$name" "$seeds"
