#!/usr/bin/env bash
# Builds and runs the libFuzzer fuzzers of fuzz/ (docs/TESTING.md, "Fuzzing").
#   scripts/fuzz.sh build                  configure (clang, MN_FUZZ=ON) and build them in build-fuzz/
#   scripts/fuzz.sh run SECONDS [NAME...]  build, then run each fuzzer (default: all) SECONDS seconds
#   scripts/fuzz.sh corpus                 rewrite fuzz/corpus/ from real encodings (make_fuzz_corpus)
# A run starts from the checked-in seeds (fuzz/corpus/<name>/) and adds what it finds to
# build-fuzz/corpus/<name>/, so long runs build on each other without touching the repository. A
# crash, sanitizer report or broken property stops that fuzzer, leaves the input in
# build-fuzz/artifacts/ and makes the script fail after the remaining fuzzers have run.
# MN_FUZZ_BUILD_DIR overrides build-fuzz; MN_FUZZ_JOBS the build parallelism (default: nproc).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${MN_FUZZ_BUILD_DIR:-build-fuzz}
jobs=${MN_FUZZ_JOBS:-$(nproc)}

build() {
  if [ ! -f "$build_dir/build.ninja" ]; then
    CC=clang CXX=clang++ cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_CXX_FLAGS_RELEASE="-O1 -g" -DCMAKE_C_FLAGS_RELEASE="-O1 -g" -DMN_FUZZ=ON \
      -DMN_BUILD_TESTS=OFF -DMN_BUILD_BENCH=OFF
  fi
  cmake --build "$build_dir" --target fuzzers --parallel "$jobs"
}

fuzzer_names() {
  for source in fuzz/*_fuzz.cpp; do basename "$source" .cpp; done
}

run() {
  local seconds=$1
  shift
  local names=("$@")
  if [ ${#names[@]} -eq 0 ]; then mapfile -t names < <(fuzzer_names); fi
  build
  mkdir -p "$build_dir/artifacts"
  local failed=()
  for name in "${names[@]}"; do
    mkdir -p "$build_dir/corpus/$name" "fuzz/corpus/$name"
    echo "fuzz: $name for ${seconds}s" >&2
    # -rss_limit_mb bounds what one input may make a decoder allocate; -timeout flags any input
    # that takes over 10 s (a decoder must stay linear in its input).
    if ! "$build_dir/fuzz/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$build_dir/artifacts/$name-" \
        "$build_dir/corpus/$name" "fuzz/corpus/$name" > "$build_dir/$name.log" 2>&1; then
      failed+=("$name")
      tail -n 60 "$build_dir/$name.log" >&2
    fi
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$build_dir/$name.log" |
      sed "s/^/fuzz: $name /" >&2 || true
  done
  if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: FAILED: ${failed[*]} (inputs in $build_dir/artifacts/)" >&2
    exit 1
  fi
}

case "${1:-}" in
  build) build ;;
  run)
    [ $# -ge 2 ] || { echo "usage: $0 run SECONDS [NAME...]" >&2; exit 2; }
    shift
    run "$@"
    ;;
  corpus)
    build
    "$build_dir/fuzz/make_fuzz_corpus" fuzz/corpus
    ;;
  *)
    echo "usage: $0 build | run SECONDS [NAME...] | corpus" >&2
    exit 2
    ;;
esac
