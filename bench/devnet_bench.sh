#!/usr/bin/env bash
# `ninja bench_devnet`: a 4-validator loopback devnet (scripts/devnet.sh) in a temporary
# directory whose genesis funds the bench accounts, devnet_bench's load on it, then teardown
# (also on failure or Ctrl-C). Usage: devnet_bench.sh METANODE DEVNET_BENCH [load flags ...]
# Without load flags it runs two loads: 20 s open (every account keeps one transfer in flight:
# the committed rate the devnet sustains) and then 15 s paced at BENCH_PACED_RATE tx/s (default
# 250; finality when blocks are not full). Environment: BENCH_ACCOUNTS (default 4000),
# BENCH_BASE_PORT (default 27500), BENCH_BLOCK_INTERVAL_MS and BENCH_MAX_BLOCK_TXS (the devnet's
# block pacing and size; defaults 200 and 10000).
set -euo pipefail
metanode=${1:?usage: devnet_bench.sh METANODE DEVNET_BENCH [load flags ...]}
bench=${2:?usage: devnet_bench.sh METANODE DEVNET_BENCH [load flags ...]}
shift 2
devnet=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/devnet.sh
accounts=${BENCH_ACCOUNTS:-4000}
base_port=${BENCH_BASE_PORT:-27500}
nodes=4

work=$(mktemp -d "${TMPDIR:-/tmp}/metanode-bench.XXXXXX")
cleanup() {
  [ ! -f "$work/devnet/devnet.conf" ] || "$devnet" down --dir "$work/devnet" || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$bench" keys --out "$work/accounts" --count "$accounts"
funding=()
for key in "$work"/accounts/*.json; do funding+=(--account "$key=1000000000000"); done
echo "bench_devnet: starting $nodes validators with $accounts funded accounts in $work" >&2
"$devnet" up "$nodes" --dir "$work/devnet" --base-port "$base_port" --bin "$metanode" \
  --block-interval-ms "${BENCH_BLOCK_INTERVAL_MS:-200}" --max-block-txs "${BENCH_MAX_BLOCK_TXS:-10000}" \
  "${funding[@]}" >/dev/null
urls=""
for ((k = 0; k < nodes; k++)); do urls+="${urls:+,}http://127.0.0.1:$((base_port + 2 * k + 1))"; done
load() { "$bench" load --rpc "$urls" --keys "$work/accounts" "$@"; }
if [ $# -gt 0 ]; then
  load "$@"
else
  load --seconds 20 --window 1
  load --seconds 15 --rate "${BENCH_PACED_RATE:-250}"
fi
