#!/usr/bin/env bash
# clang-tidy (checks in .clang-tidy, warnings are errors) over every project source file that the
# build compiles, in parallel. Usage: check_tidy.sh REPO_ROOT BUILD_DIR
set -euo pipefail
root=${1:?usage: check_tidy.sh REPO_ROOT BUILD_DIR}
build=${2:?usage: check_tidy.sh REPO_ROOT BUILD_DIR}
cd "$root"
mapfile -t files < <(git ls-files -- 'core/*.cpp' 'sim/*.cpp' 'node/*.cpp' 'bench/*.cpp')
[ ${#files[@]} -gt 0 ] || { echo "no sources found"; exit 1; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
printf '%s\n' "${files[@]}" |
  xargs -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet >"$log" 2>&1 || {
  grep -E "(warning|error):" "$log" | sort -u
  echo "clang-tidy: findings above (checks in .clang-tidy)"
  exit 1
}
echo "clang-tidy: ${#files[@]} files clean"
