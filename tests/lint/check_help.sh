#!/usr/bin/env bash
# Every command and subcommand of both binaries answers --help with its usage and exit 0, and
# --version names the version and the commit the binary was built from.
# Usage: check_help.sh METASIM METANODE
set -uo pipefail
metasim=$1
metanode=$2
passed=0
failed=0
expect_help() {  # expect_help TEXT_IN_OUTPUT COMMAND...
  local want=$1
  shift
  local out
  out=$("$@" 2>&1)
  local code=$?
  if [ "$code" -eq 0 ] && grep -qF -- "$want" <<<"$out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED: $* (exit $code, expected 0 and '$want' in the output)"
    echo "$out" | head -5
  fi
}
for c in run check validate replay shrink sweep merge; do
  expect_help "metasim $c" "$metasim" "$c" --help
  expect_help "metasim $c" "$metasim" "$c" some-file.json -h
done
expect_help "metasim run" "$metasim" --help
expect_help "metasim 0." "$metasim" --version
for c in keygen genesis init run balance head; do
  expect_help "metanode $c" "$metanode" "$c" --help
done
expect_help "metanode tx transfer" "$metanode" tx transfer --help
expect_help "metanode tx cancel" "$metanode" tx cancel --help
for c in window commit reveal cancel bid verify; do
  expect_help "metanode auction $c" "$metanode" auction "$c" --help
done
expect_help "metanode keygen" "$metanode" --help
expect_help "metanode 0." "$metanode" --version
commit=$(git -C "$(dirname "$0")" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
expect_help "commit $commit" "$metasim" --version
expect_help "commit $commit" "$metanode" --version
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
