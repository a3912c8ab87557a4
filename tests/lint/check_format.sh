#!/usr/bin/env bash
# Every C++ file of the project is clang-format clean (.clang-format at the root).
set -euo pipefail
root=${1:?usage: check_format.sh REPO_ROOT}
cd "$root"
files=$(git ls-files -- '*.h' '*.cpp' 2>/dev/null || find core sim node tests bench -name '*.h' -o -name '*.cpp')
[ -n "$files" ] || { echo "no C++ files found"; exit 1; }
if ! clang-format --dry-run --Werror $files; then
  echo "clang-format: the files above need formatting (run: clang-format -i FILE)"
  exit 1
fi
echo "clang-format: $(echo "$files" | wc -w) files clean"
