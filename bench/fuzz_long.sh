#!/usr/bin/env bash
# Runs every fuzzer of fuzz/ for SECONDS each (default 600), one after another, on top of the
# corpus earlier runs left in build-sanitize/corpus/ (scripts/fuzz.sh). What a long run finds is
# fixed with a regression test and its input added to fuzz/corpus/<fuzzer>/ (docs/TESTING.md).
#   bench/fuzz_long.sh [SECONDS] [NAME...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
exec ./scripts/fuzz.sh run "$seconds" "$@"
