#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through ctest, then the suite again under
# AddressSanitizer and UndefinedBehaviorSanitizer with every fuzzer briefly over its corpus
# (scripts/test_sanitized.sh, its own clang tree in build-sanitize/). Long soak and scale tests
# carry the ctest label "long" and run from bench/ instead (see docs/PERFORMANCE.md,
# docs/TESTING.md). Extra arguments go to both ctest runs.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
ctest --test-dir "${MN_BUILD_DIR:-build}" --output-on-failure --label-exclude long \
  --parallel "$(nproc)" "$@"
./scripts/test_sanitized.sh "$@"
