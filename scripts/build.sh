#!/usr/bin/env bash
# Configures and builds Metanode into build/ (Ninja, ccache, Release, warnings as errors).
# Extra arguments are passed to the CMake configure step.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${MN_BUILD_DIR:-build}
if [ ! -f "$build_dir/build.ninja" ] || [ $# -gt 0 ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMN_WERROR=ON "$@"
fi
cmake --build "$build_dir" --parallel "$(nproc)"
