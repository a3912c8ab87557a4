// The settings `metanode run` works with, from four sources in this precedence: command-line
// flags > environment > the INI file HOME/metanode.conf > defaults.
//
//   setting          flag                 environment      file key
//   home directory   --home               METANODE_HOME    (none)
//   chain id check   --chain-id           CHAIN_ID         chain-id
//   database dir     --db-path            DB_PATH          db-path          (HOME/db)
//   p2p listen       --p2p-bind           P2P_BIND         p2p-bind         (127.0.0.1:26656)
//   RPC listen       --rpc-bind           RPC_BIND         rpc-bind         (127.0.0.1:8545)
//   peers to dial    --bootstrap-peers    BOOTSTRAP_PEERS  bootstrap-peers  (none)
//   log threshold    --log-level          LOG_LEVEL        log-level        (info)
//   faucet key file  --faucet-key         FAUCET_KEY       faucet-key       (faucet off)
//   block interval   --block-interval-ms  BLOCK_INTERVAL_MS block-interval-ms (1000)
//   block size       --max-block-txs      MAX_BLOCK_TXS    max-block-txs    (1000)
//   transaction pool --tx-pool            TX_POOL          tx-pool          (mempool)
//   pool gas limit   --tx-pool-gas-limit  TX_POOL_GAS_LIMIT tx-pool-gas-limit (8 MiB; mx_verkle)
//
// The block size decides which blocks are valid, so every validator of a chain must use the same
// one; the block interval only paces this node's proposals, and the pool (consensus::TxPoolConfig)
// is this node's policy for choosing what it proposes.
//
// An empty environment variable counts as unset. A relative path in the file is relative to
// HOME; one from a flag or the environment to the working directory. Every value is checked
// here: a bad one is a kInvalidArgument naming its source (`--rpc-bind`, `RPC_BIND`,
// `HOME/metanode.conf: rpc-bind`) and what is wrong; missing HOME files are named too.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/consensus/tx_pool_config.h"
#include "core/runtime/result.h"
#include "node/json_log.h"
#include "node/peer_manager.h"

namespace mn::node {

inline constexpr char kConfigFileName[] = "metanode.conf";
inline constexpr char kGenesisFileName[] = "genesis.json";
inline constexpr char kNodeKeyFileName[] = "node_key.json";
inline constexpr char kDbDirName[] = "db";
inline constexpr char kDefaultP2pBind[] = "127.0.0.1:26656";
inline constexpr char kDefaultRpcBind[] = "127.0.0.1:8545";
inline constexpr std::uint64_t kDefaultBlockIntervalMs = 1000;
inline constexpr std::uint64_t kMaxBlockIntervalMs = 60'000;
inline constexpr std::uint32_t kDefaultMaxBlockTxs = 1000;
// Bounds tx-pool-gas-limit as the scenario schema bounds consensus.tx_pool.block_gas_limit.
inline constexpr std::uint64_t kMaxTxPoolGasLimit = 1'000'000'000;
// Bounds what a config file can make the node read.
inline constexpr std::size_t kMaxConfigFileBytes = std::size_t{64} << 10;

// A numeric IP address and a port to listen on.
struct BindAddress {
  std::string host;
  std::uint16_t port = 0;
};

// "ip:port" or "[ipv6]:port", port 1..65535; kInvalidArgument otherwise.
runtime::Result<BindAddress> parse_bind_address(std::string_view text);
std::string bind_address_text(const BindAddress& address);

// Comma-separated `<64 hex identity>@host:port` entries (an entry may omit the identity);
// spaces around entries are ignored; an empty text is no peers.
runtime::Result<std::vector<PeerEndpoint>> parse_bootstrap_peers(std::string_view text);

struct NodeConfig {
  std::string home;
  std::string genesis_path;  // HOME/genesis.json
  std::string key_path;      // HOME/node_key.json
  std::string db_path;
  std::optional<std::string> chain_id;  // if set, the genesis must name this chain
  BindAddress p2p_bind;
  BindAddress rpc_bind;
  std::vector<PeerEndpoint> bootstrap_peers;
  LogLevel log_level = LogLevel::kInfo;
  std::optional<std::string> faucet_key_path;
  std::uint64_t block_interval_ms = kDefaultBlockIntervalMs;
  std::uint32_t max_block_txs = kDefaultMaxBlockTxs;
  consensus::TxPoolConfig tx_pool;
};

// A decimal integer in [min, max], nothing else; kInvalidArgument otherwise.
runtime::Result<std::uint64_t> parse_bounded_integer(std::string_view text, std::uint64_t min,
                                                     std::uint64_t max);

// The value of an environment variable, or none if unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
// The process environment (getenv).
EnvLookup process_environment();

// `args`: the arguments after `run`. Requires HOME (from --home or METANODE_HOME) holding
// metanode.conf, genesis.json and node_key.json.
runtime::Result<NodeConfig> load_node_config(const std::vector<std::string>& args,
                                             const EnvLookup& env);

// The text of a metanode.conf holding `settings` ((file key, value) pairs, in order); values are
// written as given. REQUIRES: every key is a file key above.
std::string config_file_text(const std::vector<std::pair<std::string, std::string>>& settings);

}  // namespace mn::node
