#!/usr/bin/env bash
# Installs what is missing, builds, and runs the default scenario: a 10,000-node gossip
# broadcast. Prints each expectation's verdict, key metrics and the run's fingerprint.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh >/dev/null
scenario=${1:-scenarios/network/gossip_10k.json}
exec "${MN_BUILD_DIR:-build}/sim/metasim" run "$scenario" --progress
