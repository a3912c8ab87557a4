// run: the node. Wires the chain (ChainReactor over a NodeEnv with RocksDB storage), the RPC
// server and the logs on one io_context run by this thread, and stops cleanly on SIGTERM/SIGINT.
#include <csignal>
#include <exception>
#include <filesystem>
#include <iostream>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "core/codec/hex.h"
#include "core/consensus/chain_reactor.h"
#include "core/ledger/address.h"
#include "node/chain_index.h"
#include "node/commit_reporter.h"
#include "node/genesis_file.h"
#include "node/json_log.h"
#include "node/key_file.h"
#include "node/ledger_rpc_backend.h"
#include "node/main/cli_support.h"
#include "node/main/commands.h"
#include "node/main/peer_watch.h"
#include "node/metrics_registry.h"
#include "node/node_config.h"
#include "node/node_env.h"
#include "node/rocksdb_storage.h"
#include "node/rpc_router.h"
#include "node/rpc_server.h"

namespace mn::node::cli {
namespace {

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Validator i of the genesis is NodeId i, on every node of the chain.
PeerDirectoryPtr validator_directory(const ledger::Genesis& genesis) {
  auto directory = std::make_shared<PeerDirectory>();
  for (std::size_t i = 0; i < genesis.validators.size(); ++i)
    directory->emplace(genesis.validators[i].public_key, static_cast<runtime::NodeId>(i));
  return directory;
}

// Logs `status` as the reason the node cannot start; the exit code for it.
int startup_failure(JsonLog& log, std::string_view what, const runtime::Status& status) {
  log.error(what, {{"error", status.message()}});
  return exit_code_of(status);
}

int run_node(const NodeConfig& config, JsonLog& log) {
  auto genesis = load_genesis_file(config.genesis_path);
  if (!genesis) return startup_failure(log, "cannot load the genesis", genesis.status());
  if (config.chain_id && *config.chain_id != genesis->genesis.chain_id) {
    return startup_failure(
        log, "wrong chain",
        runtime::Status(runtime::ErrorCode::kInvalidArgument,
                        "configured chain id '" + *config.chain_id + "' but the genesis is for '" +
                            genesis->genesis.chain_id + "'"));
  }
  crypto::SodiumCryptoProvider file_crypto;
  auto key = read_key_file(config.key_path, file_crypto);
  if (!key) return startup_failure(log, "cannot load the node key", key.status());
  std::optional<crypto::KeyPair> faucet;
  if (config.faucet_key_path) {
    auto faucet_key = read_key_file(*config.faucet_key_path, file_crypto);
    if (!faucet_key) return startup_failure(log, "cannot load the faucet key", faucet_key.status());
    faucet = *faucet_key;
  }
  auto genesis_set = consensus::validator_set_from_stakes(*genesis->state);
  if (!genesis_set)
    return startup_failure(log, "the genesis has no validators", genesis_set.status());

  std::error_code dir_error;
  std::filesystem::create_directories(config.db_path, dir_error);
  auto storage = RocksDbStorage::open(config.db_path);
  if (!storage) return startup_failure(log, "cannot open the database", storage.status());

  MetricsRegistry metrics;
  boost::asio::io_context io;
  NodeEnvConfig env_config;
  env_config.transport.chain_id = genesis->genesis.chain_id;
  env_config.transport.identity = *key;
  env_config.transport.bind_host = config.p2p_bind.host;
  env_config.transport.bind_port = config.p2p_bind.port;
  env_config.transport.bootstrap_peers = config.bootstrap_peers;
  env_config.directory = validator_directory(genesis->genesis);
  const bool validator = env_config.directory->contains(key->public_key);
  const PeerDirectoryPtr directory = env_config.directory;
  NodeEnv env(io, std::move(env_config), **storage, metrics);

  ChainIndex index(env.crypto());
  CommitReporter reporter(env, metrics, index, log);
  consensus::ChainConfig chain;
  chain.genesis = *genesis;
  chain.consensus.block_interval =
      static_cast<runtime::TimeNs>(config.block_interval_ms) * runtime::kNsPerMs;
  chain.max_block_txs = config.max_block_txs;
  chain.tx_pool = config.tx_pool;
  consensus::ChainReactor reactor(env, chain, *genesis_set, directory,
                                  validator ? std::optional(*key) : std::nullopt, &reporter);
  env.attach(reactor);
  LedgerRpcBackend backend(reactor, index, env.crypto(), faucet);
  RpcRouterConfig router_config;
  router_config.faucet_enabled = faucet.has_value();
  RpcRouter router(backend, env.crypto(), metrics, router_config, steady_ms);
  RpcServerConfig server_config;
  server_config.bind_host = config.rpc_bind.host;
  server_config.bind_port = config.rpc_bind.port;
  RpcServer server(io, server_config, router, metrics);
  PeerWatch watch(io, env, log);

  // Starting the env replays the stored chain (ChainReactor::on_start) before consensus runs.
  if (auto s = env.start(); !s.is_ok())
    return startup_failure(log, "cannot start the p2p transport", s);
  if (metrics.counter("chain_recovery_failures_total") > 0) {
    env.stop();
    return startup_failure(
        log, "cannot recover the stored chain",
        runtime::Status(runtime::ErrorCode::kIoError,
                        "the blocks in " + config.db_path + " do not replay from this genesis"));
  }
  const consensus::LedgerApplication& app = reactor.application();
  if (auto s = index.catch_up(app); !s.is_ok())
    log.warn("cannot index the stored chain", {{"error", s.message()}});
  metrics.set("node_head_height", static_cast<std::int64_t>(app.committed_height()));
  if (auto s = server.start(); !s.is_ok()) {
    env.stop();
    return startup_failure(log, "cannot start the RPC server", s);
  }
  watch.start();
  log.info("node started",
           {{"chain_id", genesis->genesis.chain_id},
            {"address", ledger::encode_address(ledger::address_from_public_key(key->public_key))},
            {"identity", codec::to_hex(key->public_key)},
            {"validator", validator},
            {"node", env.self()},
            {"p2p", bind_address_text({config.p2p_bind.host, env.transport().local_port()})},
            {"rpc", bind_address_text({config.rpc_bind.host, server.local_port()})},
            {"bootstrap_peers", config.bootstrap_peers.size()},
            {"faucet", faucet.has_value()},
            {"db", config.db_path},
            {"height", app.committed_height()},
            {"head", codec::to_hex(app.committed_hash())}});

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& error, int signal) {
    if (error) return;
    log.info("shutting down", {{"signal", signal == SIGTERM ? "SIGTERM" : "SIGINT"}});
    watch.stop();
    server.stop();
    env.stop();
    io.stop();
  });
  try {
    io.run();
  } catch (const std::exception& e) {
    // Nothing should throw out of a handler; if something does, stop cleanly rather than abort.
    log.error("unexpected failure", {{"error", e.what()}});
    server.stop();
    env.stop();
    return kExitFailure;
  }
  const runtime::Status synced = (*storage)->sync();
  if (!synced.is_ok()) return startup_failure(log, "cannot flush the database", synced);
  log.info("node stopped",
           {{"height", app.committed_height()}, {"head", codec::to_hex(app.committed_hash())}});
  return kExitOk;
}

}  // namespace

int run_command(const std::vector<std::string>& args) {
  auto config = load_node_config(args, process_environment());
  if (!config) return fail("run", kExitUsage, config.status().message());
  JsonLog log(std::cerr, config->log_level);
  return run_node(*config, log);
}

}  // namespace mn::node::cli
