#!/usr/bin/env bash
# The test suite under AddressSanitizer and UndefinedBehaviorSanitizer, and every fuzzer briefly
# over its corpus (ctest label "fuzz"), in the sanitized tree (scripts/build_sanitized.sh,
# build-sanitize/). Any sanitizer report or fuzzer finding fails the test that hit it. What it
# leaves out, and why, is in docs/TESTING.md ("Sanitizers"):
# - the "long" label (as in scripts/test.sh) and the "lint" label (formatting, clang-tidy and
#   include rules read the sources, not the build, and scripts/test.sh runs them already);
# - the scenario seed sweeps ("scenario: ... on seeds 1..20"): the same code paths as the
#   single-seed scenario runs, which do run here, 20 times over.
# Extra arguments go to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build_sanitized.sh
# detect_leaks: a leak is a finding like any other. UBSan prints the stack of what it reports.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "${MN_SANITIZE_BUILD_DIR:-build-sanitize}" --output-on-failure \
  --label-exclude 'long|lint' --exclude-regex 'on seeds 1\.\.20' --parallel "$(nproc)" "$@"
