#!/usr/bin/env bash
# Builds and runs the libFuzzer fuzzers of fuzz/ for long (docs/TESTING.md, "Fuzzing"). They live
# in the sanitized tree (scripts/build_sanitized.sh, build-sanitize/ or MN_SANITIZE_BUILD_DIR),
# whose ctest runs each for a few seconds.
#   scripts/fuzz.sh build                  build the fuzzers
#   scripts/fuzz.sh run SECONDS [NAME...]  build, then run each fuzzer (default: all) SECONDS seconds
#   scripts/fuzz.sh corpus                 rewrite fuzz/corpus/ from real encodings (make_fuzz_corpus)
# Each run goes through fuzz/run_fuzzer.sh: new inputs land in build-sanitize/corpus/<name>/, a
# finding in build-sanitize/artifacts/ and makes the script fail after the remaining fuzzers have
# run. Each fuzzer's output is in build-sanitize/<name>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${MN_SANITIZE_BUILD_DIR:-build-sanitize}

build() {
  ./scripts/build_sanitized.sh fuzzers
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
  local failed=()
  for name in "${names[@]}"; do
    echo "fuzz: $name for ${seconds}s" >&2
    if ! fuzz/run_fuzzer.sh "$build_dir" "$name" "$seconds" >"$build_dir/$name.log" 2>&1; then
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
