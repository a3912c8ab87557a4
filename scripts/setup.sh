#!/usr/bin/env bash
# Installs every Debian package Metanode needs to build, test, run and analyse.
# Idempotent: it only calls apt-get (update once, then install) when something is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  clang-format clang-tidy
  # clang with its libFuzzer and sanitizer runtimes builds fuzz/ (scripts/fuzz.sh); llvm brings
  # llvm-symbolizer, which turns sanitizer stack traces into file:line.
  clang libclang-rt-14-dev llvm
  libsodium-dev libdecaf-dev libssl-dev
  # XXH3 checksums a simulation's event stream for its fingerprint (sim/event_fingerprint.h).
  libxxhash-dev
  libboost-dev libboost-graph-dev libboost-program-options-dev
  # Open MPI runs a sweep's ranks under mpirun (docs/sweeps.md); metasim links libmpi.
  libopenmpi-dev openmpi-bin
  nlohmann-json3-dev libfmt-dev libhdf5-dev libtbb-dev librocksdb-dev libeigen3-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev librapidcheck-dev
  python3 python3-h5py python3-jsonschema python3-numpy python3-pandas python3-matplotlib
  curl jq procps
  prometheus
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
