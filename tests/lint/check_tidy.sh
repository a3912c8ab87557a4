#!/usr/bin/env bash
# clang-tidy (checks in .clang-tidy, warnings are errors) over every project source file that the
# build compiles, in parallel. CHECKS, if given, is passed as --checks to narrow or extend the
# configured set (CI's lint leaves the static analyzer to its own `long` test: it is more than half
# of clang-tidy's time). Usage: check_tidy.sh REPO_ROOT BUILD_DIR [CHECKS]
set -euo pipefail
root=${1:?usage: check_tidy.sh REPO_ROOT BUILD_DIR [CHECKS]}
build=${2:?usage: check_tidy.sh REPO_ROOT BUILD_DIR [CHECKS]}
checks=()
[ -z "${3:-}" ] || checks=("--checks=$3")
cd "$root"
mapfile -t files < <(git ls-files -- 'core/*.cpp' 'sim/*.cpp' 'node/*.cpp' 'bench/*.cpp')
[ ${#files[@]} -gt 0 ] || { echo "no sources found"; exit 1; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
printf '%s\n' "${files[@]}" |
  xargs -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet "${checks[@]}" >"$log" 2>&1 || {
  grep -E "(warning|error):" "$log" | sort -u
  echo "clang-tidy: findings above (checks in .clang-tidy)"
  exit 1
}
echo "clang-tidy${3:+ ($3)}: ${#files[@]} files clean"
