// LedgerRpcBackend over a real single-validator chain (ChainReactor on a NodeEnv with RocksDB):
// submitted transfers are pending, then committed and found by id with their height; blocks are
// found by height and by hash; the faucet pays from its key; a restarted node finds what was
// committed before.
#include "node/ledger_rpc_backend.h"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>
#include <unistd.h>

#include "core/consensus/chain_reactor.h"
#include "node/chain_index.h"
#include "node/commit_reporter.h"
#include "node/json_log.h"
#include "node/metrics_registry.h"
#include "node/node_env.h"
#include "node/rocksdb_storage.h"
#include "tests/node/transport_test_support.h"

namespace mn::node {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

constexpr std::uint64_t kAliceBalance = 1'000'000'000;
constexpr std::uint64_t kFaucetBalance = 5'000'000'000;
constexpr std::uint64_t kFee = 100'000;

// One validator node: storage, env, reactor, index, reporter and backend, started.
struct TestNode {
  TestNode(const std::string& db_path, const ledger::CheckedGenesis& genesis,
           const crypto::KeyPair& validator, std::optional<crypto::KeyPair> faucet)
      : storage(std::move(RocksDbStorage::open(db_path)).value()), log(log_text, LogLevel::kInfo) {
    NodeEnvConfig config;
    config.transport = test::fast_config(1, genesis.genesis.chain_id);
    config.transport.identity = validator;
    auto directory = std::make_shared<PeerDirectory>();
    directory->emplace(validator.public_key, 0);
    config.directory = directory;
    env = std::make_unique<NodeEnv>(io, std::move(config), *storage, metrics);
    index = std::make_unique<ChainIndex>(env->crypto());
    reporter = std::make_unique<CommitReporter>(*env, metrics, *index, log);
    consensus::ChainConfig chain;
    chain.genesis = genesis;
    chain.consensus.block_interval = 20 * runtime::kNsPerMs;
    chain.consensus.round_timeout = 500 * runtime::kNsPerMs;
    reactor = std::make_unique<consensus::ChainReactor>(
        *env, chain, *consensus::validator_set_from_stakes(*genesis.state), directory, validator,
        reporter.get());
    env->attach(*reactor);
    backend = std::make_unique<LedgerRpcBackend>(*reactor, *index, env->crypto(), faucet);
    EXPECT_TRUE(env->start().is_ok());
  }
  ~TestNode() { env->stop(); }

  bool run_until(const std::function<bool()>& done) {
    return test::run_until(io, done, milliseconds(10'000));
  }
  std::uint64_t height() { return backend->head()->height; }

  boost::asio::io_context io;
  std::unique_ptr<RocksDbStorage> storage;
  MetricsRegistry metrics;
  std::ostringstream log_text;
  JsonLog log;
  std::unique_ptr<NodeEnv> env;
  std::unique_ptr<ChainIndex> index;
  std::unique_ptr<CommitReporter> reporter;
  std::unique_ptr<consensus::ChainReactor> reactor;
  std::unique_ptr<LedgerRpcBackend> backend;
};

class LedgerRpcBackendTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir =
        fs::temp_directory_path() / ("mn_ledger_rpc_backend_test_" + std::to_string(::getpid()));
    fs::remove_all(m_dir);
    ledger::Genesis genesis;
    genesis.chain_id = "backend-test";
    genesis.validators.push_back({m_validator.public_key, 1'000'000});
    genesis.accounts.push_back({m_alice.public_key, kAliceBalance});
    genesis.accounts.push_back({m_faucet.public_key, kFaucetBalance});
    m_genesis = std::move(ledger::check_genesis(std::move(genesis))).value();
  }
  void TearDown() override { fs::remove_all(m_dir); }

  std::unique_ptr<TestNode> start(std::optional<crypto::KeyPair> faucet) {
    return std::make_unique<TestNode>(m_dir.string(), m_genesis, m_validator, faucet);
  }
  ledger::Transaction transfer(std::uint64_t amount, std::uint64_t nonce) {
    return ledger::make_transfer(m_alice, m_bob_address, amount, nonce, kFee, m_crypto);
  }

  crypto::SodiumCryptoProvider m_crypto;
  crypto::KeyPair m_validator = test::test_identity(1);
  crypto::KeyPair m_alice = test::test_identity(2);
  crypto::KeyPair m_faucet = test::test_identity(3);
  ledger::Address m_bob_address =
      ledger::address_from_public_key(test::test_identity(4).public_key);
  ledger::CheckedGenesis m_genesis;
  fs::path m_dir;
};

TEST_F(LedgerRpcBackendTest, TransfersArePendingThenCommittedAndIndexed) {
  auto node = start(std::nullopt);
  ASSERT_TRUE(node->run_until([&] { return node->height() >= 1; }));
  EXPECT_EQ(node->backend->head()->height, node->reactor->application().committed_height());

  const ledger::Transaction tx = transfer(1234, 1);
  const runtime::Hash32 id = tx.id(m_crypto);
  auto outcome = node->backend->submit(tx);
  ASSERT_TRUE(outcome.is_ok());
  EXPECT_TRUE(outcome->accepted);
  EXPECT_EQ(outcome->reason, "accepted");
  auto pending = node->backend->transaction(id);
  ASSERT_TRUE(pending.is_ok()) << pending.status().to_string();
  EXPECT_EQ(pending->tx, tx);
  EXPECT_FALSE(pending->height.has_value());

  auto duplicate = node->backend->submit(tx);
  ASSERT_TRUE(duplicate.is_ok());
  EXPECT_FALSE(duplicate->accepted);
  EXPECT_EQ(duplicate->reason, "duplicate");

  ASSERT_TRUE(node->run_until([&] {
    auto found = node->backend->transaction(id);
    return found.is_ok() && found->height.has_value();
  }));
  const std::uint64_t height = *node->backend->transaction(id)->height;
  EXPECT_EQ(node->backend->transaction(id)->tx, tx);
  EXPECT_EQ(node->backend->account(m_bob_address)->balance, 1234u);
  const auto alice = node->backend->account(ledger::address_from_public_key(m_alice.public_key));
  EXPECT_EQ(alice->balance, kAliceBalance - 1234 - kFee);
  EXPECT_EQ(alice->nonce, 1u);

  auto block = node->backend->block_at(height);
  ASSERT_TRUE(block.is_ok()) << block.status().to_string();
  EXPECT_EQ(block->height, height);
  ASSERT_EQ(block->tx_ids.size(), 1u);
  EXPECT_EQ(block->tx_ids[0], id);
  auto by_hash = node->backend->block_with_hash(block->hash);
  ASSERT_TRUE(by_hash.is_ok());
  EXPECT_EQ(by_hash->height, height);
  EXPECT_EQ(by_hash->parent_hash, node->backend->block_at(height - 1).is_ok()
                                      ? node->backend->block_at(height - 1)->hash
                                      : m_genesis.hash);

  auto stale = node->backend->submit(tx);
  ASSERT_TRUE(stale.is_ok());
  EXPECT_FALSE(stale->accepted);
  EXPECT_EQ(stale->reason, "nonce_too_low");

  EXPECT_EQ(node->backend->transaction(runtime::Hash32{7}).status().code(),
            runtime::ErrorCode::kNotFound);
  EXPECT_EQ(node->backend->block_at(0).status().code(), runtime::ErrorCode::kNotFound);
  EXPECT_EQ(node->backend->block_at(height + 1000).status().code(), runtime::ErrorCode::kNotFound);
  EXPECT_EQ(node->backend->block_with_hash(runtime::Hash32{9}).status().code(),
            runtime::ErrorCode::kNotFound);
  EXPECT_GE(node->metrics.counter("node_txs_committed_total"), 1);
  EXPECT_NE(node->log_text.str().find("\"msg\":\"block committed\""), std::string::npos);
}

TEST_F(LedgerRpcBackendTest, FaucetPaysFromItsKeyWithConsecutiveNonces) {
  auto node = start(m_faucet);
  ASSERT_TRUE(node->run_until([&] { return node->height() >= 1; }));
  auto first = node->backend->mint_faucet(m_bob_address, 500);
  auto second = node->backend->mint_faucet(m_bob_address, 700);
  ASSERT_TRUE(first.is_ok() && second.is_ok());
  EXPECT_TRUE(first->outcome.accepted) << first->outcome.reason;
  EXPECT_TRUE(second->outcome.accepted) << second->outcome.reason;
  EXPECT_NE(first->tx_id, second->tx_id);
  EXPECT_EQ(node->backend->transaction(second->tx_id)->tx.nonce, 2u);
  ASSERT_TRUE(
      node->run_until([&] { return node->backend->account(m_bob_address)->balance == 1200; }));
  EXPECT_TRUE(node->backend->transaction(first->tx_id)->height.has_value());
}

TEST_F(LedgerRpcBackendTest, NoFaucetKeyRefusesToMint) {
  auto node = start(std::nullopt);
  EXPECT_FALSE(node->backend->mint_faucet(m_bob_address, 1).is_ok());
}

TEST_F(LedgerRpcBackendTest, ARestartedNodeRecoversTheChainAndItsIndex) {
  runtime::Hash32 id{};
  std::uint64_t height = 0;
  runtime::Hash32 head{};
  {
    auto node = start(std::nullopt);
    ASSERT_TRUE(node->run_until([&] { return node->height() >= 1; }));
    const ledger::Transaction tx = transfer(99, 1);
    id = tx.id(m_crypto);
    ASSERT_TRUE(node->backend->submit(tx)->accepted);
    ASSERT_TRUE(node->run_until([&] {
      auto found = node->backend->transaction(id);
      return found.is_ok() && found->height.has_value();
    }));
    height = *node->backend->transaction(id)->height;
    node->env->stop();
    head = node->backend->head()->hash;
    EXPECT_TRUE(node->storage->sync().is_ok());
  }
  auto node = start(std::nullopt);
  EXPECT_GE(node->height(), height);
  auto found = node->backend->transaction(id);
  ASSERT_TRUE(found.is_ok()) << found.status().to_string();
  EXPECT_EQ(found->height, height);
  EXPECT_EQ(node->backend->block_at(node->height())->hash == head || node->height() > height, true);
}

}  // namespace
}  // namespace mn::node
