#!/usr/bin/env bash
# core/ is the deterministic, I/O-free heart: it must not include headers that reach threads,
# the wall clock, sockets, the filesystem or OS randomness (ARCHITECTURE.md, convention 3).
set -euo pipefail
root=${1:?usage: check_core_includes.sh REPO_ROOT}
forbidden='#include <(thread|mutex|future|condition_variable|chrono|ctime|time\.h|random|filesystem|fstream|sys/socket\.h|netinet/.*|arpa/.*|unistd\.h|pthread\.h|boost/asio.*)>'
if hits=$(grep -rnE "$forbidden" "$root/core" --include='*.h' --include='*.cpp'); then
  echo "core/ includes forbidden headers:"
  echo "$hits"
  exit 1
fi
echo "core/ includes: clean"
