#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through ctest. Long soak and scale tests
# carry the ctest label "long" and run from bench/ instead (see docs/PERFORMANCE.md,
# docs/TESTING.md). The sanitized suite and the fuzzers (scripts/test_sanitized.sh) join once a
# fresh-clone run of both has been measured within the CI budget (docs/TESTING.md).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
ctest --test-dir "${MN_BUILD_DIR:-build}" --output-on-failure --label-exclude long \
  --parallel "$(nproc)" "$@"
