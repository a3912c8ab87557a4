#!/usr/bin/env bash
# A local devnet: N metanode validators on loopback, each in its own home under one directory.
#
#   devnet.sh up N [--dir D] [--base-port P] [--bin PATH] [--account KEY.json=BALANCE ...]
#                  [--block-interval-ms MS] [--max-block-txs N] [--auction-window C:R:S]
#   devnet.sh status [--dir D]
#   devnet.sh kill vK [--dir D]       SIGKILL one node (its home stays; `restart` brings it back)
#   devnet.sh restart vK [--dir D]    start a stopped node again from its home
#   devnet.sh down [--dir D]          SIGTERM every node and wait; the directory is kept
#
# D defaults to $METANODE_DEVNET_DIR, else ./.devnet. The binary defaults to $METANODE_BIN, else
# build/node/metanode; this script builds nothing (run ./scripts/build.sh first). Validator vK
# listens for peers on P+2K and for RPC on P+2K+1 (P defaults to 26600), knows every other
# validator as a bootstrap peer, and logs to D/vK/node.log. The chain id is "metanode-devnet"; a
# faucet account is funded in the genesis and its key given to v0 only. `up` on a directory that
# already holds a stopped devnet of the same size starts it again as it was (same ports). A node
# must answer getHead within $METANODE_DEVNET_TIMEOUT seconds (default 30). Exit codes: 0 ok,
# 1 a node or a step failed (a node's log tail is printed), 2 bad usage.
set -euo pipefail

readonly kChainId=metanode-devnet
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly repo_root
readonly kReadyTimeoutSec=${METANODE_DEVNET_TIMEOUT:-30}
readonly kStopTimeoutSec=20

die() {
  echo "devnet: $*" >&2
  exit 1
}
usage_error() {
  echo "devnet: $*" >&2
  echo "usage: devnet.sh up N [--dir D] [--base-port P] [--bin PATH] [--account KEY.json=BALANCE ...]" >&2
  echo "                        [--block-interval-ms MS] [--max-block-txs N] [--auction-window C:R:S]" >&2
  echo "       devnet.sh status|down [--dir D]" >&2
  echo "       devnet.sh kill|restart vK [--dir D]" >&2
  exit 2
}

# --- state --------------------------------------------------------------------------------------

# D/devnet.conf records what `up` chose, so later commands need nothing but the directory.
load_state() {
  [ -f "$dir/devnet.conf" ] || die "no devnet in $dir (start one with: devnet.sh up N --dir $dir)"
  nodes=$(sed -n 's/^nodes=//p' "$dir/devnet.conf")
  base_port=$(sed -n 's/^base_port=//p' "$dir/devnet.conf")
  local saved_bin
  saved_bin=$(sed -n 's/^bin=//p' "$dir/devnet.conf")
  [[ $nodes =~ ^[0-9]+$ && $base_port =~ ^[0-9]+$ ]] || die "$dir/devnet.conf is damaged"
  bin=${bin_flag:-${METANODE_BIN:-$saved_bin}}
}

save_state() {
  printf 'nodes=%s\nbase_port=%s\nbin=%s\n' "$nodes" "$base_port" "$bin" >"$dir/devnet.conf"
}

p2p_port() { echo $((base_port + 2 * $1)); }
rpc_port() { echo $((base_port + 2 * $1 + 1)); }
rpc_url() { echo "http://127.0.0.1:$(rpc_port "$1")"; }

# The value of a top-level string field of a key file written by `metanode keygen`.
key_field() {
  sed -n "s/.*\"$2\"[[:space:]]*:[[:space:]]*\"\([^\"]*\)\".*/\1/p" "$1" | head -n 1
}

# The pid of node $1 if it is running, else nothing. A pid file can outlive its process and the pid
# be reused, so the process must still be a metanode run with this home.
running_pid() {
  local pid_file="$dir/v$1/node.pid" pid
  [ -f "$pid_file" ] || return 0
  pid=$(cat "$pid_file")
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  # A zombie's cmdline is empty, so it does not count as running either.
  if tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "--home $dir/v$1 "; then
    echo "$pid"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

head_height() {
  curl -sf --max-time 1 "$(rpc_url "$1")/rpc/getHead" 2>/dev/null |
    sed -n 's/.*"height"[[:space:]]*:[[:space:]]*\([0-9]*\).*/\1/p'
}

# --- node processes -----------------------------------------------------------------------------

start_node() {
  local k=$1 home="$dir/v$1"
  [ -f "$home/metanode.conf" ] || die "v$k has no home at $home"
  local port
  for port in "$(p2p_port "$k")" "$(rpc_port "$k")"; do
    if port_in_use "$port"; then
      die "port $port (v$k) is already in use; pick another --base-port or stop what holds it"
    fi
  done
  nohup "$bin" run --home "$home" </dev/null >>"$home/node.log" 2>&1 &
  echo $! >"$home/node.pid"
}

# Waits until node $1 answers getHead; on failure prints why with the tail of its log.
wait_ready() {
  local k=$1 deadline=$((SECONDS + kReadyTimeoutSec))
  while [ -z "$(head_height "$k")" ]; do
    if [ -z "$(running_pid "$k")" ]; then
      echo "devnet: v$k exited during startup; last lines of $dir/v$k/node.log:" >&2
      tail -n 20 "$dir/v$k/node.log" >&2 || true
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "devnet: v$k did not answer $(rpc_url "$k")/rpc/getHead within ${kReadyTimeoutSec}s;" \
        "last lines of $dir/v$k/node.log:" >&2
      tail -n 20 "$dir/v$k/node.log" >&2 || true
      return 1
    fi
    sleep 0.2
  done
}

# Sends $2 to node $1 if it runs and waits for it to exit; escalates to SIGKILL after the timeout.
stop_node() {
  local k=$1 signal=$2 pid deadline
  pid=$(running_pid "$k")
  [ -n "$pid" ] || return 0
  kill "-$signal" "$pid" 2>/dev/null || true
  deadline=$((SECONDS + kStopTimeoutSec))
  while [ -n "$(running_pid "$k")" ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "devnet: v$k (pid $pid) did not stop within ${kStopTimeoutSec}s; sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
      deadline=$((SECONDS + kStopTimeoutSec))
    fi
    sleep 0.1
  done
  rm -f "$dir/v$k/node.pid"
}

all_nodes() { seq 0 $((nodes - 1)); }

# Starts every node in $@ and waits for all; if one fails, stops those it started and fails.
start_all() {
  local k failed=0
  for k in "$@"; do start_node "$k"; done
  for k in "$@"; do wait_ready "$k" || failed=1; done
  if [ "$failed" -ne 0 ]; then
    for k in "$@"; do stop_node "$k" TERM; done
    die "startup failed; nodes stopped (logs in $dir/v*/node.log)"
  fi
}

print_status() {
  local k pid height
  printf '%-5s %-8s %-24s %-44s %s\n' NAME PID RPC ADDRESS HEIGHT
  for ((k = 0; k < nodes; k++)); do
    pid=$(running_pid "$k")
    height=-
    if [ -n "$pid" ]; then
      height=$(head_height "$k")
      height=${height:--}
    fi
    printf '%-5s %-8s %-24s %-44s %s\n' "v$k" "${pid:-down}" "$(rpc_url "$k")" \
      "$(key_field "$dir/keys/v$k.json" address)" "$height"
  done
}

check_binary() {
  [ -n "$bin" ] || bin=$repo_root/build/node/metanode
  if [ ! -x "$bin" ]; then
    die "no metanode binary at $bin; build it with ./scripts/build.sh (or pass --bin PATH / set METANODE_BIN)"
  fi
  bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
}

# --- commands -----------------------------------------------------------------------------------

# Keys, genesis and one home per node under $dir; fails on the first metanode error.
create_devnet() {
  local k
  for ((k = 0; k < nodes; k++)); do
    "$bin" keygen --out "$dir/keys/v$k.json" >/dev/null || return 1
  done
  "$bin" keygen --out "$dir/keys/faucet.json" >/dev/null || return 1

  local genesis_args=(genesis --out "$dir/genesis.json" --chain-id "$kChainId"
    --faucet "$dir/keys/faucet.json")
  for ((k = 0; k < nodes; k++)); do genesis_args+=(--validator "$dir/keys/v$k.json"); done
  local account
  for account in "${accounts[@]}"; do genesis_args+=(--account "$account"); done
  "$bin" "${genesis_args[@]}" "${genesis_settings[@]}" >/dev/null || return 1

  local i peers
  for ((k = 0; k < nodes; k++)); do
    peers=""
    for ((i = 0; i < nodes; i++)); do
      [ "$i" -ne "$k" ] || continue
      peers+="${peers:+,}$(key_field "$dir/keys/v$i.json" public_key)@127.0.0.1:$(p2p_port "$i")"
    done
    local init_args=(init --home "$dir/v$k" --genesis "$dir/genesis.json"
      --key "$dir/keys/v$k.json" --p2p-bind "127.0.0.1:$(p2p_port "$k")"
      --rpc-bind "127.0.0.1:$(rpc_port "$k")")
    [ -z "$peers" ] || init_args+=(--bootstrap-peers "$peers")
    [ "$k" -ne 0 ] || init_args+=(--faucet-key "$dir/keys/faucet.json")
    init_args+=("${chain_settings[@]}")
    "$bin" "${init_args[@]}" >/dev/null || return 1
  done
}

cmd_up() {
  local k
  if [ -f "$dir/devnet.conf" ]; then
    local requested=$nodes
    load_state
    [ "$requested" -eq "$nodes" ] ||
      die "$dir holds a devnet of $nodes nodes, not $requested; use another --dir or remove it"
    for ((k = 0; k < nodes; k++)); do
      [ -z "$(running_pid "$k")" ] ||
        die "v$k of the devnet in $dir is running; stop it first (devnet.sh down --dir $dir)"
    done
    check_binary
    save_state
    echo "devnet: starting the existing $nodes-node devnet in $dir" >&2
    local all
    mapfile -t all < <(all_nodes)
    start_all "${all[@]}"
    print_status
    return
  fi

  bin=${bin_flag:-${METANODE_BIN:-}}
  check_binary
  if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
    die "$dir exists and is not a devnet directory; use another --dir"
  fi
  local port
  for ((port = base_port; port < base_port + 2 * nodes; port++)); do
    ! port_in_use "$port" || die "port $port is already in use; pick another --base-port"
  done
  mkdir -p "$dir/keys"
  dir=$(cd "$dir" && pwd)
  # devnet.conf is written last: a directory without it is not (yet) a devnet.
  create_devnet || {
    rm -rf "$dir"
    die "setup failed (see above); $dir removed"
  }
  save_state

  local all
  mapfile -t all < <(all_nodes)
  start_all "${all[@]}"
  print_status
}

cmd_status() {
  load_state
  print_status
}

# Parses vK into k and checks the node exists.
parse_node() {
  [[ $1 =~ ^v([0-9]+)$ ]] || usage_error "expected a node name like v0, got '$1'"
  k=$((10#${BASH_REMATCH[1]}))
  [ "$k" -lt "$nodes" ] || die "no node v$k: the devnet in $dir has v0..v$((nodes - 1))"
}

cmd_kill() {
  load_state
  parse_node "$1"
  local pid
  pid=$(running_pid "$k")
  [ -n "$pid" ] || die "v$k is not running"
  stop_node "$k" KILL
  echo "devnet: v$k (pid $pid) killed" >&2
}

cmd_restart() {
  load_state
  parse_node "$1"
  [ -z "$(running_pid "$k")" ] || die "v$k is running (pid $(running_pid "$k")); kill it first"
  check_binary
  start_all "$k"
  print_status
}

cmd_down() {
  load_state
  local k
  for ((k = 0; k < nodes; k++)); do
    [ -z "$(running_pid "$k")" ] || kill -TERM "$(running_pid "$k")" 2>/dev/null || true
  done
  for ((k = 0; k < nodes; k++)); do stop_node "$k" TERM; done
  echo "devnet: all nodes stopped; state kept in $dir" >&2
}

# --- arguments ----------------------------------------------------------------------------------

[[ $kReadyTimeoutSec =~ ^[0-9]+$ ]] ||
  usage_error "METANODE_DEVNET_TIMEOUT must be a number of seconds, got '$kReadyTimeoutSec'"
[ $# -ge 1 ] || usage_error "no command"
command=$1
shift
positional=()
accounts=()
genesis_settings=()
chain_settings=()
dir=${METANODE_DEVNET_DIR:-$PWD/.devnet}
base_port=26600
bin_flag=""
while [ $# -gt 0 ]; do
  case $1 in
  --dir | --base-port | --bin | --account | --block-interval-ms | --max-block-txs | --auction-window)
    [ $# -ge 2 ] || usage_error "$1 needs a value"
    case $1 in
    --dir) dir=$2 ;;
    --base-port) base_port=$2 ;;
    --bin) bin_flag=$2 ;;
    --account) accounts+=("$2") ;;
    --auction-window) genesis_settings+=("$1" "$2") ;;
    --block-interval-ms | --max-block-txs) chain_settings+=("$1" "$2") ;;
    esac
    shift 2
    ;;
  -*) usage_error "unknown option $1" ;;
  *)
    positional+=("$1")
    shift
    ;;
  esac
done
[ -n "$dir" ] || usage_error "--dir is empty"
if [ -d "$dir" ]; then dir=$(cd "$dir" && pwd); fi

case $command in
up)
  [ ${#positional[@]} -eq 1 ] || usage_error "up takes the number of validators"
  nodes=${positional[0]}
  if ! [[ $nodes =~ ^[0-9]+$ ]] || [ "$nodes" -lt 1 ] || [ "$nodes" -gt 100 ]; then
    usage_error "N must be a number of validators from 1 to 100, got '$nodes'"
  fi
  if ! [[ $base_port =~ ^[0-9]+$ ]] || [ "$base_port" -lt 1024 ] ||
    [ $((base_port + 2 * nodes)) -gt 65536 ]; then
    usage_error "--base-port must leave room for $((2 * nodes)) ports in 1024..65535, got '$base_port'"
  fi
  for account in "${accounts[@]}"; do
    [[ $account == *=* ]] || usage_error "--account takes KEY.json=BALANCE, got '$account'"
  done
  cmd_up
  ;;
status | down)
  [ ${#positional[@]} -eq 0 ] || usage_error "$command takes no node name"
  "cmd_$command"
  ;;
kill | restart)
  [ ${#positional[@]} -eq 1 ] || usage_error "$command takes one node name (v0, v1, ...)"
  "cmd_$command" "${positional[0]}"
  ;;
*) usage_error "unknown command '$command'" ;;
esac
