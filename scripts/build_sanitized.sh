#!/usr/bin/env bash
# Configures and builds the sanitized tree into build-sanitize/ (or MN_SANITIZE_BUILD_DIR): clang,
# -DMN_SANITIZE=ON (AddressSanitizer, UndefinedBehaviorSanitizer and libFuzzer coverage on
# everything), the tests, tools and fuzzers but no benchmarks, at -O1 with line tables only,
# which builds fastest while keeping sanitizer stack traces to file:line. One tree serves
# scripts/test_sanitized.sh and scripts/fuzz.sh (docs/TESTING.md). Arguments are the targets to
# build (default: all); MN_SANITIZE_JOBS sets the build parallelism (default: nproc).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${MN_SANITIZE_BUILD_DIR:-build-sanitize}
if [ ! -f "$build_dir/build.ninja" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS_RELEASE="-O1 -gline-tables-only" \
    -DCMAKE_C_FLAGS_RELEASE="-O1 -gline-tables-only" \
    -DMN_SANITIZE=ON -DMN_WERROR=ON -DMN_BUILD_BENCH=OFF
fi
targets=()
for target in "$@"; do targets+=(--target "$target"); done
cmake --build "$build_dir" "${targets[@]}" --parallel "${MN_SANITIZE_JOBS:-$(nproc)}"
